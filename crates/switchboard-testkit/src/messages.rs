//! The messages the kit ships, embedded (no file is read at run time, so a published crate
//! and a third party's tests see the same bytes): the contract cases, the past-limit
//! messages and the example messages, each in switchboard's JSON form
//! (`docs/messages.md`).

use switchboard::{Error, OutboundMessage};

/// A message in switchboard's JSON form, with its name (its file name without `.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// The name: `text`, `buttons_image_header`, ...
    pub name: &'static str,
    /// The JSON text, as in the file.
    pub json: &'static str,
}

impl Message {
    /// The message, parsed (and checked against the WhatsApp-wide limits).
    pub fn parse(&self) -> Result<OutboundMessage, Error> {
        OutboundMessage::from_json(self.json)
    }
}

/// The message called `name` among `messages`.
///
/// ```
/// use switchboard_testkit::messages::{find, CASES};
/// let text = find(CASES, "text").unwrap().parse()?;
/// assert!(text.to_json()["text"]["body"].is_string());
/// # Ok::<(), switchboard::Error>(())
/// ```
pub fn find(messages: &'static [Message], name: &str) -> Option<&'static Message> {
    messages.iter().find(|m| m.name == name)
}

/// The contract cases, by name: one message of every content kind and option, the same for every
/// provider column (`cases/`). Each column's expectations file says, per case, the request it
/// sends or the refusal.
pub const CASES: &[Message] = &[
    Message {
        name: "audio",
        json: include_str!("../cases/audio.json"),
    },
    Message {
        name: "buttons",
        json: include_str!("../cases/buttons.json"),
    },
    Message {
        name: "buttons_document_header",
        json: include_str!("../cases/buttons_document_header.json"),
    },
    Message {
        name: "buttons_image_header",
        json: include_str!("../cases/buttons_image_header.json"),
    },
    Message {
        name: "buttons_text_header",
        json: include_str!("../cases/buttons_text_header.json"),
    },
    Message {
        name: "buttons_video_header",
        json: include_str!("../cases/buttons_video_header.json"),
    },
    Message {
        name: "contacts",
        json: include_str!("../cases/contacts.json"),
    },
    Message {
        name: "cta_email",
        json: include_str!("../cases/cta_email.json"),
    },
    Message {
        name: "cta_phone",
        json: include_str!("../cases/cta_phone.json"),
    },
    Message {
        name: "cta_url",
        json: include_str!("../cases/cta_url.json"),
    },
    Message {
        name: "document",
        json: include_str!("../cases/document.json"),
    },
    Message {
        name: "image_id",
        json: include_str!("../cases/image_id.json"),
    },
    Message {
        name: "image_link",
        json: include_str!("../cases/image_link.json"),
    },
    Message {
        name: "limit_buttons",
        json: include_str!("../cases/limit_buttons.json"),
    },
    Message {
        name: "limit_caption",
        json: include_str!("../cases/limit_caption.json"),
    },
    Message {
        name: "limit_list",
        json: include_str!("../cases/limit_list.json"),
    },
    Message {
        name: "limit_text",
        json: include_str!("../cases/limit_text.json"),
    },
    Message {
        name: "list_one_section",
        json: include_str!("../cases/list_one_section.json"),
    },
    Message {
        name: "list_sections",
        json: include_str!("../cases/list_sections.json"),
    },
    Message {
        name: "list_sections_plain",
        json: include_str!("../cases/list_sections_plain.json"),
    },
    Message {
        name: "location",
        json: include_str!("../cases/location.json"),
    },
    Message {
        name: "reaction",
        json: include_str!("../cases/reaction.json"),
    },
    Message {
        name: "reply_buttons",
        json: include_str!("../cases/reply_buttons.json"),
    },
    Message {
        name: "reply_media",
        json: include_str!("../cases/reply_media.json"),
    },
    Message {
        name: "reply_text",
        json: include_str!("../cases/reply_text.json"),
    },
    Message {
        name: "sticker",
        json: include_str!("../cases/sticker.json"),
    },
    Message {
        name: "template_media_header",
        json: include_str!("../cases/template_media_header.json"),
    },
    Message {
        name: "template_named",
        json: include_str!("../cases/template_named.json"),
    },
    Message {
        name: "template_positional",
        json: include_str!("../cases/template_positional.json"),
    },
    Message {
        name: "text",
        json: include_str!("../cases/text.json"),
    },
    Message {
        name: "text_preview",
        json: include_str!("../cases/text_preview.json"),
    },
    Message {
        name: "video",
        json: include_str!("../cases/video.json"),
    },
];

/// Messages one past a WhatsApp-wide limit (`past_limit/`): each is refused when it is read,
/// an [`Error::InvalidMessage`] naming the field and the limit, so it never reaches a provider.
pub const PAST_LIMIT: &[Message] = &[
    Message {
        name: "button_title",
        json: include_str!("../past_limit/button_title.json"),
    },
    Message {
        name: "buttons_count",
        json: include_str!("../past_limit/buttons_count.json"),
    },
    Message {
        name: "caption",
        json: include_str!("../past_limit/caption.json"),
    },
    Message {
        name: "footer",
        json: include_str!("../past_limit/footer.json"),
    },
    Message {
        name: "header",
        json: include_str!("../past_limit/header.json"),
    },
    Message {
        name: "interactive_body",
        json: include_str!("../past_limit/interactive_body.json"),
    },
    Message {
        name: "list_rows",
        json: include_str!("../past_limit/list_rows.json"),
    },
    Message {
        name: "row_description",
        json: include_str!("../past_limit/row_description.json"),
    },
    Message {
        name: "row_title",
        json: include_str!("../past_limit/row_title.json"),
    },
    Message {
        name: "text",
        json: include_str!("../past_limit/text.json"),
    },
];

/// The example messages of the repository's `examples/messages/` (one of each kind an
/// application sends), for tests that check every example against a provider's schema.
pub const EXAMPLES: &[Message] = &[
    Message {
        name: "buttons",
        json: include_str!("../example_messages/buttons.json"),
    },
    Message {
        name: "contacts",
        json: include_str!("../example_messages/contacts.json"),
    },
    Message {
        name: "cta",
        json: include_str!("../example_messages/cta.json"),
    },
    Message {
        name: "document",
        json: include_str!("../example_messages/document.json"),
    },
    Message {
        name: "list",
        json: include_str!("../example_messages/list.json"),
    },
    Message {
        name: "location",
        json: include_str!("../example_messages/location.json"),
    },
    Message {
        name: "media",
        json: include_str!("../example_messages/media.json"),
    },
    Message {
        name: "reaction",
        json: include_str!("../example_messages/reaction.json"),
    },
    Message {
        name: "reply",
        json: include_str!("../example_messages/reply.json"),
    },
    Message {
        name: "template",
        json: include_str!("../example_messages/template.json"),
    },
    Message {
        name: "template_named",
        json: include_str!("../example_messages/template_named.json"),
    },
    Message {
        name: "text",
        json: include_str!("../example_messages/text.json"),
    },
];
