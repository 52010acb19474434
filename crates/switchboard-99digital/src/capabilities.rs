//! What 99digital can carry, with the reason for every feature it cannot.

use switchboard_core::{Capabilities, Feature};

/// `cta.header.text`: a text header on a call-to-action button.
pub const CTA_HEADER_TEXT: Feature = Feature::Other("cta.header.text");
/// `template.body.max`: more body parameters than the endpoint has fields.
pub const TEMPLATE_BODY_MAX: Feature = Feature::Other("template.body.max");
/// `contacts.multiple`: several contact cards in one message.
pub const CONTACTS_MULTIPLE: Feature = Feature::Other("contacts.multiple");
/// `contacts.phones`: other than one phone number per card.
pub const CONTACTS_PHONES: Feature = Feature::Other("contacts.phones");
/// `contacts.emails`: more than one e-mail per card.
pub const CONTACTS_EMAILS: Feature = Feature::Other("contacts.emails");
/// `contacts.urls`: web sites on a card.
pub const CONTACTS_URLS: Feature = Feature::Other("contacts.urls");
/// `contacts.org`: an organization on a card.
pub const CONTACTS_ORG: Feature = Feature::Other("contacts.org");
/// `contacts.addresses`: addresses beyond one street.
pub const CONTACTS_ADDRESSES: Feature = Feature::Other("contacts.addresses");
/// `options.99digital.local_storage`: `options.99digital.local_storage` on an endpoint without localStorage.
pub const OPTIONS_99DIGITAL_LOCAL_STORAGE: Feature =
    Feature::Other("options.99digital.local_storage");
/// `options.99digital.show_request`: `options.99digital.show_request` on an endpoint without showRequest.
pub const OPTIONS_99DIGITAL_SHOW_REQUEST: Feature =
    Feature::Other("options.99digital.show_request");
/// `options.99digital.template`: the template-only options on another endpoint.
pub const OPTIONS_99DIGITAL_TEMPLATE: Feature = Feature::Other("options.99digital.template");

/// Why each feature is off (or refused in part), shown in the `Unsupported` error and in the
/// capability matrix notes. Feature names follow [`Capabilities::features`], plus a few
/// 99digital-specific ones (`template.body.max`, `contacts.*`, `cta.header.text`, `options.*`).
pub const REASONS: &[(Feature, &str)] = &[
    (
        Feature::MarkRead,
        "99digital's readStatus marks a contact's latest message read by from/to, with no message id; one message cannot be named",
    ),
    (
        Feature::TypingIndicator,
        "no typing indicator was found in 99digital's documentation",
    ),
    (
        Feature::MediaDownload,
        "99digital's inbound media arrives as a link in the webhook body; there is no media id to download",
    ),
    (
        Feature::TextPreviewUrl,
        "99digital's sendMessage has no link-preview field, so the preview cannot be requested",
    ),
    (
        Feature::MediaId,
        "99digital sends media by public https link only; it has no media-id or upload API",
    ),
    (
        Feature::MediaUpload,
        "99digital has no media upload API; media is sent by public https link",
    ),
    (
        Feature::MediaSticker,
        "99digital's sendFile supports images, video, audio and documents only; no sticker endpoint is documented",
    ),
    (
        Feature::MediaFilename,
        "99digital's sendFile has no filename field (the file name comes from the link)",
    ),
    (
        Feature::ButtonsHeaderText,
        "99digital's sendButtons `header` is a media choice (1 none, 2 image, 3 video, 4 document); it has no text header",
    ),
    (
        CTA_HEADER_TEXT,
        "99digital's sendButtons `header` is a media choice (1 none, 2 image, 3 video, 4 document); it has no text header",
    ),
    (
        Feature::List,
        "the wire format is unconfirmed: the 99digital reference has the sendList endpoint but not its parameter table (button label, rows, ids), so lists are not sent rather than guessed",
    ),
    (
        Feature::TemplateNamed,
        "99digital's sendTemplate takes positional variables only (bodyVariable1..bodyVariable10)",
    ),
    (
        TEMPLATE_BODY_MAX,
        "99digital's sendTemplate has bodyVariable1..bodyVariable10 only: at most 10 variables",
    ),
    (
        Feature::TemplateHeaderText,
        "99digital's sendTemplate `headerType` is none or media (1 none, 3 image, 4 video, 5 document); it has no text header variable",
    ),
    (
        Feature::TemplateButtons,
        "99digital's sendTemplate has no per-button parameters by position (no quick-reply payloads); give a dynamic website button's value as the 99digital options website_variable/website_variable2 and a copy-code value as coupon_code",
    ),
    (
        CONTACTS_MULTIPLE,
        "99digital's sendContact carries one contact card per request",
    ),
    (
        CONTACTS_PHONES,
        "99digital's sendContact has one contact_phone field: exactly one phone number per card",
    ),
    (
        CONTACTS_EMAILS,
        "99digital's sendContact has one contact_email field: at most one e-mail per card",
    ),
    (
        CONTACTS_URLS,
        "99digital's sendContact documents no web-site field",
    ),
    (
        CONTACTS_ORG,
        "99digital's sendContact documents no organization field",
    ),
    (
        CONTACTS_ADDRESSES,
        "the 99digital reference shows only address_street of sendContact (its table is cut after it): one address with a street only",
    ),
    (
        OPTIONS_99DIGITAL_LOCAL_STORAGE,
        "localStorage exists only on sendFile and on sendButtons with a media header (it has no effect with buttonExternal)",
    ),
    (
        OPTIONS_99DIGITAL_SHOW_REQUEST,
        "showRequest is documented only on sendMessage, sendFile, sendButtons, sendLocation and sendReaction",
    ),
    (
        OPTIONS_99DIGITAL_TEMPLATE,
        "template_language, website_variable, website_variable2 and coupon_code are sendTemplate fields",
    ),
];

/// 99digital's capabilities: the column `"99digital"` of the capability matrix.
pub const CAPABILITIES: Capabilities = {
    let mut c = Capabilities::none(crate::PROVIDER, "99digital");
    c.text = true;
    c.media_link = true;
    c.media_image = true;
    c.media_video = true;
    c.media_audio = true;
    c.media_document = true;
    c.media_caption = true;
    c.buttons = true;
    c.max_buttons = 3;
    c.buttons_header_media = true;
    c.buttons_footer = true;
    c.cta_url = true;
    c.cta_phone = true;
    c.cta_email = true;
    c.location = true;
    c.template = true;
    c.template_positional = true;
    c.template_header_media = true;
    c.reaction = true;
    c.contacts = true;
    c.reply_to = true;
    // `to` also takes the webhook's `from_id` (docs/providers/99digital.md, webhooks).
    c.to_user_id = true;
    c.reasons = REASONS;
    c
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_off_flag_has_a_reason() {
        assert_eq!(CAPABILITIES.missing_reasons(), Vec::<Feature>::new());
    }
}
