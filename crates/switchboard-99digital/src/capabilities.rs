//! What 99digital can carry, with the reason for every feature it cannot.

use switchboard_core::Capabilities;

/// Why each feature is off (or refused in part), shown in the `Unsupported` error and in the
/// capability matrix notes. Feature names follow [`Capabilities::features`], plus a few
/// 99digital-specific ones (`template.body.max`, `contacts.*`, `cta.header.text`, `options.*`).
pub const REASONS: &[(&str, &str)] = &[
    (
        "mark_read",
        "99digital's readStatus marks a contact's latest message read by from/to, with no message id; one message cannot be named",
    ),
    (
        "typing_indicator",
        "no typing indicator was found in 99digital's documentation",
    ),
    (
        "media.download",
        "99digital's inbound media arrives as a link in the webhook body; there is no media id to download",
    ),
    (
        "text.preview_url",
        "99digital's sendMessage has no link-preview field, so the preview cannot be requested",
    ),
    (
        "media.id",
        "99digital sends media by public https link only; it has no media-id or upload API",
    ),
    (
        "media.upload",
        "99digital has no media upload API; media is sent by public https link",
    ),
    (
        "media.sticker",
        "99digital's sendFile supports images, video, audio and documents only; no sticker endpoint is documented",
    ),
    (
        "media.filename",
        "99digital's sendFile has no filename field (the file name comes from the link)",
    ),
    (
        "buttons.header.text",
        "99digital's sendButtons `header` is a media choice (1 none, 2 image, 3 video, 4 document); it has no text header",
    ),
    (
        "cta.header.text",
        "99digital's sendButtons `header` is a media choice (1 none, 2 image, 3 video, 4 document); it has no text header",
    ),
    (
        "list",
        "the wire format is unconfirmed: the 99digital reference has the sendList endpoint but not its parameter table (button label, rows, ids), so lists are not sent rather than guessed",
    ),
    (
        "template.body.named",
        "99digital's sendTemplate takes positional variables only (bodyVariable1..bodyVariable10)",
    ),
    (
        "template.body.max",
        "99digital's sendTemplate has bodyVariable1..bodyVariable10 only: at most 10 variables",
    ),
    (
        "template.header.text",
        "99digital's sendTemplate `headerType` is none or media (1 none, 3 image, 4 video, 5 document); it has no text header variable",
    ),
    (
        "template.buttons",
        "99digital's sendTemplate has no per-button parameters by position (no quick-reply payloads); give a dynamic website button's value as the 99digital options website_variable/website_variable2 and a copy-code value as coupon_code",
    ),
    (
        "contacts.multiple",
        "99digital's sendContact carries one contact card per request",
    ),
    (
        "contacts.phones",
        "99digital's sendContact has one contact_phone field: exactly one phone number per card",
    ),
    (
        "contacts.emails",
        "99digital's sendContact has one contact_email field: at most one e-mail per card",
    ),
    (
        "contacts.urls",
        "99digital's sendContact documents no web-site field",
    ),
    (
        "contacts.org",
        "99digital's sendContact documents no organization field",
    ),
    (
        "contacts.addresses",
        "the 99digital reference shows only address_street of sendContact (its table is cut after it): one address with a street only",
    ),
    (
        "options.99digital.local_storage",
        "localStorage exists only on sendFile and on sendButtons with a media header (it has no effect with buttonExternal)",
    ),
    (
        "options.99digital.show_request",
        "showRequest is documented only on sendMessage, sendFile, sendButtons, sendLocation and sendReaction",
    ),
    (
        "options.99digital.template",
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
        for (feature, support) in CAPABILITIES.features() {
            if support == switchboard_core::Support::Flag(false) {
                assert!(
                    REASONS.iter().any(|(f, _)| *f == feature),
                    "no reason for {feature}"
                );
            }
        }
    }
}
