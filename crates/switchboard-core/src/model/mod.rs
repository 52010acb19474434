//! The outbound message model and its JSON form.
//!
//! A message is a recipient, an optional reply-to, optional per-provider options and exactly
//! one content kind. Its JSON form is an object with `to` (a phone number, or a user id such
//! as `"IL.1605856887361213"` where the provider takes one), optional `reply_to`, optional
//! `options`, and one content key named after its kind:
//!
//! ```
//! use switchboard_core::{OutboundMessage, Content};
//! let m: OutboundMessage =
//!     serde_json::from_str(r#"{"to": "+972501234567", "text": {"body": "Hello"}}"#).unwrap();
//! assert!(matches!(m.content, Content::Text(_)));
//! assert_eq!(m.to.phone().unwrap().digits(), "972501234567");
//! ```

mod interactive;
mod media;
mod other;
mod template;

pub use interactive::{
    Buttons, CallToAction, CtaTarget, Header, List, ListRow, ListSection, ReplyButton,
};
pub use media::{Media, MediaKind, MediaSource};
pub use other::{
    Contact, ContactAddress, ContactEmail, ContactName, ContactOrg, ContactPhone, ContactUrl,
    Location, Reaction, Text,
};
pub use template::{Template, TemplateButton, TemplateButtonParam, TemplateParams};

use crate::{Error, ProviderOptions, Recipient};
use serde::{Deserialize, Serialize};

/// The one content kind a message carries.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Content {
    /// Plain text.
    Text(Text),
    /// An image, video, audio, document or sticker.
    Media(Media),
    /// Text with 1 to 3 quick-reply buttons.
    Buttons(Buttons),
    /// Text with one call-to-action button.
    Cta(CallToAction),
    /// A list menu.
    List(List),
    /// A location pin.
    Location(Location),
    /// A pre-approved template.
    Template(Template),
    /// A reaction to an earlier message.
    Reaction(Reaction),
    /// One or more contact cards.
    Contacts(Vec<Contact>),
}

impl Content {
    /// The kind's name, as used for the JSON content key and in logs
    /// (`"text"`, `"media"`, `"buttons"`, `"cta"`, `"list"`, `"location"`, `"template"`,
    /// `"reaction"`, `"contacts"`).
    pub fn kind(&self) -> &'static str {
        match self {
            Content::Text(_) => "text",
            Content::Media(_) => "media",
            Content::Buttons(_) => "buttons",
            Content::Cta(_) => "cta",
            Content::List(_) => "list",
            Content::Location(_) => "location",
            Content::Template(_) => "template",
            Content::Reaction(_) => "reaction",
            Content::Contacts(_) => "contacts",
        }
    }
}

/// A message to send: recipient, optional reply-to, options and one content kind.
///
/// Build one with the constructors ([`OutboundMessage::text`], [`OutboundMessage::buttons`],
/// ...) or [`OutboundMessage::new`], or read its JSON form with serde. Every way in checks
/// the WhatsApp-wide limits (see [`crate::limits`]) and returns
/// [`Error::InvalidMessage`] naming the field, the limit and the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MessageRepr", into = "MessageRepr")]
pub struct OutboundMessage {
    /// The recipient: a phone number, or a provider-scoped user id where the provider
    /// documents addressing users that way (capability `to.user_id`).
    pub to: Recipient,
    /// The provider's id of the message this one replies to (quotes).
    pub reply_to: Option<String>,
    /// Provider-specific options; each adapter reads only its own.
    pub options: ProviderOptions,
    /// What is sent.
    pub content: Content,
}

impl OutboundMessage {
    /// A message with `content` to `to`, checked against the WhatsApp-wide limits.
    pub fn new(to: Recipient, content: Content) -> Result<Self, Error> {
        let m = OutboundMessage {
            to,
            reply_to: None,
            options: ProviderOptions::default(),
            content,
        };
        m.validate()?;
        Ok(m)
    }

    /// A text message.
    pub fn text(to: Recipient, body: impl Into<String>) -> Result<Self, Error> {
        Self::new(
            to,
            Content::Text(Text {
                body: body.into(),
                preview_url: false,
            }),
        )
    }

    /// A media message.
    pub fn media(to: Recipient, media: Media) -> Result<Self, Error> {
        Self::new(to, Content::Media(media))
    }

    /// A reply-buttons message with no header and no footer.
    pub fn buttons(
        to: Recipient,
        body: impl Into<String>,
        buttons: Vec<ReplyButton>,
    ) -> Result<Self, Error> {
        Self::new(
            to,
            Content::Buttons(Buttons {
                body: body.into(),
                buttons,
                header: None,
                footer: None,
            }),
        )
    }

    /// A list message with no header and no footer.
    pub fn list(
        to: Recipient,
        body: impl Into<String>,
        button: impl Into<String>,
        sections: Vec<ListSection>,
    ) -> Result<Self, Error> {
        Self::new(
            to,
            Content::List(List {
                body: body.into(),
                button: button.into(),
                sections,
                header: None,
                footer: None,
            }),
        )
    }

    /// A location message.
    pub fn location(to: Recipient, latitude: f64, longitude: f64) -> Result<Self, Error> {
        Self::new(
            to,
            Content::Location(Location {
                latitude,
                longitude,
                name: None,
                address: None,
            }),
        )
    }

    /// A template message.
    pub fn template(to: Recipient, template: Template) -> Result<Self, Error> {
        Self::new(to, Content::Template(template))
    }

    /// Makes this message a reply to (a quote of) the provider message `message_id`.
    pub fn reply_to(mut self, message_id: impl Into<String>) -> Result<Self, Error> {
        self.reply_to = Some(message_id.into());
        self.validate()?;
        Ok(self)
    }

    /// Sets the provider options.
    pub fn with_options(mut self, options: ProviderOptions) -> Result<Self, Error> {
        self.options = options;
        self.validate()?;
        Ok(self)
    }

    /// Checks the WhatsApp-wide limits. Called by every constructor, by deserialization and
    /// again before a send (fields are public and may have changed).
    pub fn validate(&self) -> Result<(), Error> {
        crate::limits::validate(self)
    }

    /// Reads a message from its JSON form: JSON that is not a message's shape is an
    /// [`Error::Decode`] (with `serde_json`'s error as its source), a value that breaks a
    /// rule (a malformed `to`, a title too long) an [`Error::InvalidMessage`] naming the field.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let repr: MessageRepr = serde_json::from_str(json)
            .map_err(|e| Error::decode("message JSON", e.to_string()).with_source(e))?;
        OutboundMessage::try_from(repr)
    }

    /// The message in its JSON form.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("the message model always serializes")
    }
}

/// The JSON form: `to`, `reply_to`, `options` and exactly one content key.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageRepr {
    // Read as text and parsed in `try_from`, so a malformed `to` is an invalid message
    // naming `to`, not a JSON decode error.
    to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reply_to: Option<String>,
    #[serde(default, skip_serializing_if = "ProviderOptions::is_empty")]
    options: ProviderOptions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    media: Option<Media>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    buttons: Option<Buttons>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cta: Option<CallToAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    list: Option<List>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    template: Option<Template>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reaction: Option<Reaction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contacts: Option<Vec<Contact>>,
}

impl TryFrom<MessageRepr> for OutboundMessage {
    type Error = Error;
    fn try_from(r: MessageRepr) -> Result<Self, Error> {
        let to = Recipient::parse_field(&r.to, "to")?;
        let mut found: Vec<Content> = Vec::with_capacity(1);
        found.extend(r.text.map(Content::Text));
        found.extend(r.media.map(Content::Media));
        found.extend(r.buttons.map(Content::Buttons));
        found.extend(r.cta.map(Content::Cta));
        found.extend(r.list.map(Content::List));
        found.extend(r.location.map(Content::Location));
        found.extend(r.template.map(Content::Template));
        found.extend(r.reaction.map(Content::Reaction));
        found.extend(r.contacts.map(Content::Contacts));
        if found.len() != 1 {
            let keys: Vec<&str> = found.iter().map(Content::kind).collect();
            return Err(Error::invalid(
                "content",
                "exactly one of text, media, buttons, cta, list, location, template, reaction, contacts",
                if keys.is_empty() {
                    "none".to_string()
                } else {
                    keys.join(", ")
                },
            ));
        }
        let m = OutboundMessage {
            to,
            reply_to: r.reply_to,
            options: r.options,
            content: found.pop().expect("one content"),
        };
        m.validate()?;
        Ok(m)
    }
}

impl From<OutboundMessage> for MessageRepr {
    fn from(m: OutboundMessage) -> Self {
        let mut r = MessageRepr {
            to: m.to.to_string(),
            reply_to: m.reply_to,
            options: m.options,
            text: None,
            media: None,
            buttons: None,
            cta: None,
            list: None,
            location: None,
            template: None,
            reaction: None,
            contacts: None,
        };
        match m.content {
            Content::Text(c) => r.text = Some(c),
            Content::Media(c) => r.media = Some(c),
            Content::Buttons(c) => r.buttons = Some(c),
            Content::Cta(c) => r.cta = Some(c),
            Content::List(c) => r.list = Some(c),
            Content::Location(c) => r.location = Some(c),
            Content::Template(c) => r.template = Some(c),
            Content::Reaction(c) => r.reaction = Some(c),
            Content::Contacts(c) => r.contacts = Some(c),
        }
        r
    }
}
