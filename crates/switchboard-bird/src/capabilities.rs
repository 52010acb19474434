//! What Bird's Channels API can carry for WhatsApp, and why the rest is refused.

use switchboard_core::{limits, Capabilities, Feature};

/// `cta.header`: a header on a call-to-action button.
pub const CTA_HEADER: Feature = Feature::Other("cta.header");
/// `cta.footer`: a footer on a call-to-action button.
pub const CTA_FOOTER: Feature = Feature::Other("cta.footer");
/// `list.header`: a header on a list.
pub const LIST_HEADER: Feature = Feature::Other("list.header");
/// `list.footer`: a footer on a list.
pub const LIST_FOOTER: Feature = Feature::Other("list.footer");

/// Why each feature that is off (or only partly on) is refused, shown in the
/// `Unsupported` error.
const REASONS: &[(Feature, &str)] = &[
    (
        Feature::MarkRead,
        "the Bird reference documents no way to mark an inbound message as read",
    ),
    (
        Feature::TypingIndicator,
        "the Bird reference documents no typing indicator",
    ),
    (
        Feature::MediaDownload,
        "Bird's inbound media arrives as a URL (fetched with the AccessKey header), not as a media id",
    ),
    (
        Feature::ToUserId,
        "Bird's receiver documents phone-number identifiers only (identifierKey `phonenumber`)",
    ),
    (
        Feature::MediaId,
        "Bird takes media by public URL (`mediaUrl`) only; it has no media ids",
    ),
    (
        Feature::MediaSticker,
        "Bird's Channels API has no outbound sticker type (an image body is sent as an image, not a sticker)",
    ),
    (
        Feature::MediaUpload,
        "the presigned-upload endpoint is not documented by Bird in the reference (third-party reports only); upload elsewhere and send by link",
    ),
    (
        Feature::MediaFilename,
        "Bird's image items carry no file name; file names go with video, audio and documents",
    ),
    (
        Feature::ButtonsHeaderText,
        "the reference documents no header field on Bird's text body for WhatsApp buttons",
    ),
    (
        Feature::ButtonsFooter,
        "the reference documents no footer field on Bird's bodies for WhatsApp buttons",
    ),
    (
        CTA_HEADER,
        "the reference documents no header for Bird's link action (a text body with a `link` action)",
    ),
    (
        CTA_FOOTER,
        "the reference documents no footer for Bird's link action (a text body with a `link` action)",
    ),
    (
        Feature::CtaPhone,
        "Bird's actions are link, reply, postback, locationRequest and buy: there is no call button",
    ),
    (
        Feature::CtaEmail,
        "Bird's actions are link, reply, postback, locationRequest and buy: there is no e-mail button",
    ),
    (
        LIST_HEADER,
        "the reference does not say how Bird's list `title` renders on WhatsApp, so no header is sent",
    ),
    (
        LIST_FOOTER,
        "the reference documents no footer field on Bird's list body",
    ),
    (
        Feature::TemplatePositional,
        "Bird Studio templates take named, typed parameters (`key`); positional parameters have no key",
    ),
    (
        Feature::TemplateHeaderMedia,
        "a Studio template's media header is a variable whose key is defined in Studio; pass it as a named body parameter",
    ),
    (
        Feature::TemplateHeaderText,
        "a Studio template's header variable has a key defined in Studio; pass it as a named body parameter",
    ),
    (
        Feature::TemplateButtons,
        "a Studio template's button variables have keys defined in Studio; pass them as named body parameters",
    ),
    (Feature::Reaction, "Bird's Channels API has no reaction message (section 14: not supported)"),
    (Feature::Contacts, "Bird's Channels API has no contacts message (section 14: not supported)"),
];

/// Bird's capabilities: the `"bird"` column of the capability matrix.
pub(crate) const fn bird() -> Capabilities {
    let mut c = Capabilities::none(crate::PROVIDER, "bird");
    c.text = true;
    c.text_preview_url = true;
    c.media_link = true;
    c.media_image = true;
    c.media_video = true;
    c.media_audio = true;
    c.media_document = true;
    c.media_caption = true;
    c.media_filename = true;
    c.buttons = true;
    c.max_buttons = limits::BUTTONS_MAX;
    c.buttons_header_media = true;
    c.cta_url = true;
    c.list = true;
    c.max_list_rows = limits::LIST_ROWS_MAX;
    c.location = true;
    c.template = true;
    c.template_named = true;
    c.reply_to = true;
    // Section 14: "image / sticker -> image (outbound)".
    c.sticker_as_image = true;
    c.reasons = REASONS;
    c
}
