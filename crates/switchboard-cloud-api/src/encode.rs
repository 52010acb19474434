//! Building send bodies: the common envelope, text, media, location, contacts and
//! reactions. Interactive messages are in [`crate::interactive`], templates in
//! [`crate::template`].
//!
//! The body is typed: borrowing serde structs over the message, serialized once into the
//! bytes that are posted, with no `serde_json::Value` tree in between (issue 16,
//! `docs/performance.md`). Every object prints its keys in the order a `serde_json::Value`
//! map prints them (sorted, serde_json without `preserve_order`), so the bytes are the
//! ones the goldens and contract files hold; fields are declared in that order.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;
use switchboard_core::{
    Content, Error, JsonBody, Media, MediaSource, OutboundMessage, Provider, Recipient,
};

/// The Cloud API send body of a message: serialize it with [`Body::json`] (the bytes to
/// post) or [`Body::to_value`] (to edit it, as the On-Premise dialect does).
pub struct Body<'a> {
    recipient: &'a Recipient,
    context: Option<&'a str>,
    kind: &'static str,
    payload: Payload<'a>,
    /// The On-Premise (v1) form ([`Body::on_premise`]).
    on_premise: bool,
}

/// The object under the content kind's key.
#[derive(Serialize)]
#[serde(untagged)]
enum Payload<'a> {
    Text(TextObject<'a>),
    Media(MediaObject<'a>),
    Interactive(crate::interactive::Interactive<'a>),
    Location(LocationObject<'a>),
    Reaction(ReactionObject<'a>),
    /// Templates and contact cards are not on the hot path: built as values.
    Value(Value),
}

#[derive(Serialize)]
struct TextObject<'a> {
    body: &'a str,
    /// In the text object on the Cloud API, beside it on On-Premise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    preview_url: bool,
}

/// A media object: `id` or `link`, with `caption` and `filename`. Used for media messages
/// and media headers.
#[derive(Serialize)]
pub struct MediaObject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filename: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    /// On-Premise: the media provider of a link (`{"name": ...}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<MediaProvider<'a>>,
}

#[derive(Serialize)]
struct MediaProvider<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct LocationObject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    latitude: f64,
    longitude: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

#[derive(Serialize)]
struct ReactionObject<'a> {
    emoji: &'a str,
    message_id: &'a str,
}

#[derive(Serialize)]
struct ContextObject<'a> {
    message_id: &'a str,
}

/// The Cloud API send body of `message` (already checked, see [`crate::checks::check`]).
/// `provider` is named in the [`Error::Unsupported`] of a content kind the dialect lacks.
pub fn body(provider: Provider, message: &OutboundMessage) -> Result<Body<'_>, Error> {
    let (kind, payload) = match &message.content {
        Content::Text(t) => (
            "text",
            Payload::Text(TextObject {
                body: &t.body,
                preview_url: t.preview_url,
            }),
        ),
        Content::Media(m) => (m.kind.as_str(), Payload::Media(media_object(m))),
        Content::Buttons(b) => (
            "interactive",
            Payload::Interactive(crate::interactive::buttons(b)),
        ),
        Content::Cta(c) => (
            "interactive",
            Payload::Interactive(crate::interactive::cta(provider, c)?),
        ),
        Content::List(l) => (
            "interactive",
            Payload::Interactive(crate::interactive::list(l)),
        ),
        Content::Location(l) => (
            "location",
            Payload::Location(LocationObject {
                address: l.address.as_deref(),
                latitude: l.latitude,
                longitude: l.longitude,
                name: l.name.as_deref(),
            }),
        ),
        Content::Template(t) => ("template", Payload::Value(crate::template::template(t))),
        Content::Reaction(r) => (
            "reaction",
            Payload::Reaction(ReactionObject {
                emoji: &r.emoji,
                message_id: &r.message_id,
            }),
        ),
        Content::Contacts(c) => (
            "contacts",
            Payload::Value(
                serde_json::to_value(c)
                    .map_err(|e| Error::encode("contacts", e.to_string()).with_source(e))?,
            ),
        ),
        other => {
            return Err(Error::unsupported(
                provider,
                other.kind(),
                format!("this content kind is not known to the {provider} adapter"),
            ))
        }
    };
    Ok(Body {
        recipient: &message.to,
        context: message.reply_to.as_deref(),
        kind,
        payload,
        on_premise: false,
    })
}

impl<'a> Body<'a> {
    /// The body in Meta's On-Premise (v1) form, which 360dialog's On-Premise hosting speaks
    /// (`docs/providers/360dialog.md` sections 3 and 4): no `messaging_product` and no
    /// `context` (reply-to is refused before on On-Premise), `preview_url` beside `text`
    /// instead of in it, the media `provider` (`{"name": media_provider}`) on a media
    /// message by link, and a template's `namespace` with `language.policy =
    /// "deterministic"`.
    pub fn on_premise(
        mut self,
        media_provider: Option<&'a str>,
        template_namespace: Option<&str>,
    ) -> Self {
        self.on_premise = true;
        match &mut self.payload {
            Payload::Media(m) if m.link.is_some() => {
                m.provider = media_provider.map(|name| MediaProvider { name });
            }
            Payload::Value(template) if self.kind == "template" => {
                if let Some(t) = template.as_object_mut() {
                    if let Some(ns) = template_namespace {
                        t.insert("namespace".into(), Value::from(ns));
                    }
                    if let Some(language) = t.get_mut("language").and_then(Value::as_object_mut) {
                        language.insert("policy".into(), Value::from("deterministic"));
                    }
                }
            }
            _ => {}
        }
        self
    }

    /// The bytes to post, written once.
    pub fn json(&self) -> Result<JsonBody, Error> {
        JsonBody::new(self)
    }

    /// The body as a JSON value (the same JSON as [`Body::json`]).
    pub fn to_value(&self) -> Result<Value, Error> {
        serde_json::to_value(self)
            .map_err(|e| Error::encode("request body", e.to_string()).with_source(e))
    }
}

impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        // The content's key (`text`, `image`, `interactive`, ...) goes where it sorts among
        // the envelope's keys, which are written in sorted order.
        // On-Premise: `preview_url` beside the text object, not in it.
        let mut moved_preview = false;
        let on_premise_text;
        let payload = match &self.payload {
            Payload::Text(t) if self.on_premise => {
                moved_preview = t.preview_url;
                on_premise_text = Payload::Text(TextObject {
                    body: t.body,
                    preview_url: false,
                });
                &on_premise_text
            }
            other => other,
        };
        let mut pending = Some(payload);
        let mut before = |map: &mut S::SerializeMap, key: &str| -> Result<(), S::Error> {
            if let Some(payload) = pending.filter(|_| self.kind < key) {
                map.serialize_entry(self.kind, payload)?;
                pending = None;
            }
            Ok(())
        };
        if let (Some(id), false) = (self.context, self.on_premise) {
            before(&mut map, "context")?;
            map.serialize_entry("context", &ContextObject { message_id: id })?;
        }
        if !self.on_premise {
            before(&mut map, "messaging_product")?;
            map.serialize_entry("messaging_product", "whatsapp")?;
        }
        if moved_preview {
            before(&mut map, "preview_url")?;
            map.serialize_entry("preview_url", &true)?;
        }
        // A business-scoped user id goes in `recipient`, never in `to`
        // (docs/messages.md, "Recipients"). Hosts that do not document it
        // keep the `to.user_id` capability off, so it is refused before this point.
        if let Recipient::UserId(u) = self.recipient {
            before(&mut map, "recipient")?;
            map.serialize_entry("recipient", u.as_str())?;
        }
        before(&mut map, "recipient_type")?;
        map.serialize_entry("recipient_type", "individual")?;
        if let Recipient::Phone(p) = self.recipient {
            before(&mut map, "to")?;
            map.serialize_entry("to", p.digits())?;
        }
        before(&mut map, "type")?;
        map.serialize_entry("type", self.kind)?;
        if let Some(payload) = pending {
            map.serialize_entry(self.kind, payload)?;
        }
        map.end()
    }
}

/// A media object: `id` or `link`, then `caption` and `filename`. Used for media messages
/// and media headers.
pub fn media_object(m: &Media) -> MediaObject<'_> {
    let (id, link) = match &m.source {
        MediaSource::Id(id) => (Some(id.as_str()), None),
        MediaSource::Link(link) => (None, Some(link.as_str())),
    };
    MediaObject {
        caption: m.caption.as_deref(),
        filename: m.filename.as_deref(),
        id,
        link,
        provider: None,
    }
}

/// The `POST` of a send `body` to the host's messages URL, with its credentials.
pub fn request(host: &impl crate::Host, body: JsonBody) -> switchboard_core::WireRequest {
    host.authorize(switchboard_core::WireRequest::post_json(
        "messages",
        host.messages_url(),
        body,
    ))
}
