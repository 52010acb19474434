//! What Bird's Channels API can carry for WhatsApp, and why the rest is refused.

use switchboard_core::{limits, Capabilities};

/// Why each feature that is off (or only partly on) is refused, shown in the
/// `Unsupported` error.
const REASONS: &[(&str, &str)] = &[
    (
        "mark_read",
        "the Bird reference documents no way to mark an inbound message as read",
    ),
    (
        "typing_indicator",
        "the Bird reference documents no typing indicator",
    ),
    (
        "media.download",
        "Bird's inbound media arrives as a URL (fetched with the AccessKey header), not as a media id",
    ),
    (
        "to.user_id",
        "Bird's receiver documents phone-number identifiers only (identifierKey `phonenumber`)",
    ),
    (
        "media.id",
        "Bird takes media by public URL (`mediaUrl`) only; it has no media ids",
    ),
    (
        "media.sticker",
        "Bird's Channels API has no outbound sticker type (an image body is sent as an image, not a sticker)",
    ),
    (
        "media.upload",
        "the presigned-upload endpoint is not documented by Bird in the reference (third-party reports only); upload elsewhere and send by link",
    ),
    (
        "media.filename",
        "Bird's image items carry no file name; file names go with video, audio and documents",
    ),
    (
        "buttons.header.text",
        "the reference documents no header field on Bird's text body for WhatsApp buttons",
    ),
    (
        "buttons.footer",
        "the reference documents no footer field on Bird's bodies for WhatsApp buttons",
    ),
    (
        "cta.header",
        "the reference documents no header for Bird's link action (a text body with a `link` action)",
    ),
    (
        "cta.footer",
        "the reference documents no footer for Bird's link action (a text body with a `link` action)",
    ),
    (
        "cta.phone",
        "Bird's actions are link, reply, postback, locationRequest and buy: there is no call button",
    ),
    (
        "cta.email",
        "Bird's actions are link, reply, postback, locationRequest and buy: there is no e-mail button",
    ),
    (
        "list.header",
        "the reference does not say how Bird's list `title` renders on WhatsApp, so no header is sent",
    ),
    (
        "list.footer",
        "the reference documents no footer field on Bird's list body",
    ),
    (
        "template.body.positional",
        "Bird Studio templates take named, typed parameters (`key`); positional parameters have no key",
    ),
    (
        "template.header.media",
        "a Studio template's media header is a variable whose key is defined in Studio; pass it as a named body parameter",
    ),
    (
        "template.header.text",
        "a Studio template's header variable has a key defined in Studio; pass it as a named body parameter",
    ),
    (
        "template.buttons",
        "a Studio template's button variables have keys defined in Studio; pass them as named body parameters",
    ),
    ("reaction", "Bird's Channels API has no reaction message (section 14: not supported)"),
    ("contacts", "Bird's Channels API has no contacts message (section 14: not supported)"),
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
    c.reasons = REASONS;
    c
}
