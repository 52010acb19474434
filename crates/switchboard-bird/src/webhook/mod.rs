//! Bird's webhook deliveries (`{service, event, payload}`, `docs/providers/bird.md`,
//! webhooks) into [`InboundEvent`]s.
//!
//! * `whatsapp.inbound`: a user's message (text, image, file, location, or a button/list tap
//!   arriving as text with a `postback` action);
//! * `whatsapp.outbound`: the status of a message we sent;
//! * `whatsapp.interaction`: `read` becomes a read status; any other interaction
//!   (`clicked`) is an [`InboundEvent::Interaction`].
//!
//! Messages and statuses carry WhatsApp's own id (`parts[].platformReference`) beside
//! Bird's. A body that is not JSON, or not Bird's envelope (no `service`, `event` or
//! `payload` object), is [`Error::Decode`] naming what is missing. Other event names are
//! [`InboundEvent::Unknown`] with the raw JSON. An inbound message or status that cannot be
//! read as valid (no id, an unreadable timestamp, a sender that is no phone number) is
//! [`InboundEvent::Invalid`] naming the field. Nothing here panics.

pub mod signature;

use serde_json::Value;
use switchboard_core::{
    rfc3339_timestamp, unix_timestamp, DeliveryStatus, Error, EventError, InboundContent,
    InboundEvent, InboundMedia, InboundMessage, Interaction, InvalidItem, ItemKind, ItemProblem,
    MediaKind, StatusUpdate, UnknownEvent,
};
use time::OffsetDateTime;

use crate::PROVIDER;

/// Parses a delivery body: one envelope, or (defensively) an array of envelopes.
pub fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Error::decode("bird webhook", format!("not JSON: {e}")))?;
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| envelope(item, &format!("[{i}]: ")))
            .collect(),
        other => Ok(vec![envelope(other, "")?]),
    }
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn string_at(v: &Value, pointer: &str) -> Option<String> {
    str_at(v, pointer)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn not_envelope(at: &str, what: &str) -> Error {
    Error::decode(
        "bird webhook",
        format!(
            "{at}{what}: expected Bird's envelope {{\"service\", \"event\", \"payload\": {{...}}}}"
        ),
    )
}

fn envelope(mut raw: Value, at: &str) -> Result<InboundEvent, Error> {
    let Some(obj) = raw.as_object_mut() else {
        return Err(not_envelope(at, "not a JSON object"));
    };
    for key in ["service", "event"] {
        if !obj.get(key).is_some_and(Value::is_string) {
            return Err(not_envelope(at, &format!("no `{key}` string")));
        }
    }
    if !obj.get("payload").is_some_and(Value::is_object) {
        return Err(not_envelope(at, "no `payload` object"));
    }
    let event = obj["event"].as_str().unwrap_or_default().to_string();
    let payload = match event.as_str() {
        "whatsapp.inbound" | "whatsapp.outbound" | "whatsapp.interaction" => {
            obj.remove("payload").unwrap_or_default()
        }
        _ => {
            return Ok(
                UnknownEvent::new(PROVIDER, format!("event type {event}"), raw)
                    .with_field(event)
                    .into(),
            )
        }
    };
    Ok(match event.as_str() {
        "whatsapp.inbound" => inbound(payload),
        "whatsapp.outbound" => outbound(payload),
        _ => interaction(payload),
    })
}

fn invalid(item: ItemKind, id: Option<String>, problem: ItemProblem, raw: Value) -> InboundEvent {
    InvalidItem::event(PROVIDER, item, id, problem, raw)
}

/// WhatsApp's id of a message: the first `parts[].platformReference`.
fn whatsapp_id(p: &Value) -> Option<String> {
    p.get("parts")?
        .as_array()?
        .iter()
        .find_map(|part| string_at(part, "/platformReference"))
}

/// An RFC 3339 timestamp at `pointer`: absent is `Ok(None)`, unreadable a problem.
fn rfc3339_at(p: &Value, pointer: &str) -> Result<Option<OffsetDateTime>, ItemProblem> {
    match p.pointer(pointer) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(rfc3339_timestamp)
            .map(Some)
            .ok_or_else(|| {
                ItemProblem::timestamp(format!("payload{pointer}").replace('/', "."), v)
            }),
    }
}

/// A user's message.
fn inbound(p: Value) -> InboundEvent {
    let id = string_at(&p, "/id");
    let Some(message_id) = id.clone() else {
        return invalid(ItemKind::Message, id, ItemProblem::missing("payload.id"), p);
    };
    let Some(from) = string_at(&p, "/sender/contact/identifierValue") else {
        let problem = ItemProblem::missing("payload.sender.contact.identifierValue");
        return invalid(ItemKind::Message, id, problem, p);
    };
    if let Err(problem) = ItemProblem::check_sender("payload.sender.contact.identifierValue", &from)
    {
        return invalid(ItemKind::Message, id, problem, p);
    }
    // WhatsApp's own send time when Bird passes it on, else when Bird received it.
    let timestamp = match p.pointer("/meta/extraInformation/timestamp") {
        Some(v) if !v.is_null() => unix_timestamp(v)
            .map(Some)
            .ok_or_else(|| ItemProblem::timestamp("payload.meta.extraInformation.timestamp", v)),
        _ => rfc3339_at(&p, "/createdAt"),
    };
    let timestamp = match timestamp {
        Ok(t) => t,
        Err(problem) => return invalid(ItemKind::Message, id, problem, p),
    };
    let mut m = InboundMessage::new(
        PROVIDER,
        message_id,
        from,
        content(p.get("body").unwrap_or(&Value::Null)),
    );
    m.whatsapp_id = whatsapp_id(&p);
    m.sender_name = string_at(&p, "/sender/contact/annotations/name");
    m.timestamp = timestamp;
    // `type: message` is a quote, `type: click` names the message whose button was
    // tapped: both are the message this one answers.
    m.reply_to = match str_at(&p, "/replyTo/type") {
        Some("message" | "click") => string_at(&p, "/replyTo/id"),
        _ => None,
    };
    m.raw = p.into();
    InboundEvent::Message(m)
}

fn content(body: &Value) -> InboundContent {
    let kind = str_at(body, "/type").unwrap_or("");
    let other = || InboundContent::Unknown {
        provider_type: if kind.is_empty() { "none" } else { kind }.to_string(),
    };
    match kind {
        "text" => {
            let text = str_at(body, "/text/text").unwrap_or("").to_string();
            match str_at(body, "/text/actions/0/type") {
                Some("postback") => InboundContent::ButtonReply {
                    id: string_at(body, "/text/actions/0/postback/payload"),
                    title: string_at(body, "/text/actions/0/postback/text").unwrap_or(text),
                },
                _ => InboundContent::Text { body: text },
            }
        }
        "image" => match body.pointer("/image/images/0") {
            Some(image) => {
                let mut media = InboundMedia::new(MediaKind::Image);
                media.link = string_at(image, "/mediaUrl");
                media.caption = string_at(body, "/image/text");
                InboundContent::Media(media)
            }
            None => other(),
        },
        "file" => match body.pointer("/file/files/0") {
            Some(file) => {
                let mime = string_at(file, "/contentType");
                let kind = match mime.as_deref().unwrap_or("") {
                    // A sticker arrives as a WebP file (docs/providers/bird.md, inbound).
                    "image/webp" => MediaKind::Sticker,
                    m if m.starts_with("image/") => MediaKind::Image,
                    m if m.starts_with("video/") => MediaKind::Video,
                    m if m.starts_with("audio/") => MediaKind::Audio,
                    _ => MediaKind::Document,
                };
                let mut media = InboundMedia::new(kind);
                media.link = string_at(file, "/mediaUrl");
                media.mime_type = mime;
                media.caption = string_at(body, "/file/text");
                media.filename = string_at(file, "/filename");
                media.animated = file
                    .pointer("/metadata/isAnimated")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                InboundContent::Media(media)
            }
            None => other(),
        },
        "location" => {
            let lat = body
                .pointer("/location/coordinates/latitude")
                .and_then(Value::as_f64);
            let lon = body
                .pointer("/location/coordinates/longitude")
                .and_then(Value::as_f64);
            match (lat, lon) {
                (Some(latitude), Some(longitude)) => InboundContent::Location {
                    latitude,
                    longitude,
                    name: string_at(body, "/location/location/label"),
                    address: string_at(body, "/location/location/address"),
                    url: None,
                },
                _ => other(),
            }
        }
        _ => other(),
    }
}

/// The status of a message we sent (the `Message` object with its new `status`).
fn outbound(p: Value) -> InboundEvent {
    let id = string_at(&p, "/id");
    let Some(message_id) = id.clone() else {
        return invalid(ItemKind::Status, id, ItemProblem::missing("payload.id"), p);
    };
    let Some(word) = str_at(&p, "/status") else {
        return invalid(
            ItemKind::Status,
            id,
            ItemProblem::missing("payload.status"),
            p,
        );
    };
    let status = match word {
        "accepted" | "processing" | "scheduled" => DeliveryStatus::Accepted,
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "deleted" => DeliveryStatus::Deleted,
        "rejected" | "sending_failed" | "delivery_failed" | "skipped" => DeliveryStatus::Failed,
        other => {
            let reason = format!("whatsapp.outbound status {other}");
            return UnknownEvent::new(PROVIDER, reason, p)
                .with_field("whatsapp.outbound")
                .into();
        }
    };
    let timestamp = match rfc3339_at(&p, "/lastStatusAt") {
        Ok(t) => t,
        Err(problem) => return invalid(ItemKind::Status, id, problem, p),
    };
    let mut s = StatusUpdate::new(PROVIDER, message_id, status);
    if status == DeliveryStatus::Failed {
        s.errors.push(failure(&p, word));
    }
    s.whatsapp_id = whatsapp_id(&p);
    s.recipient = string_at(&p, "/receiver/contacts/0/identifierValue");
    s.timestamp = timestamp;
    s.raw = p.into();
    InboundEvent::Status(s)
}

/// Why a message failed: Bird's code, its reason or description, and the platform's own
/// code (`failure.source`, e.g. WhatsApp's 131026) as details.
fn failure(p: &Value, word: &str) -> EventError {
    let code = |v: Option<&Value>| v.and_then(switchboard_core::json::text);
    let message = string_at(p, "/reason")
        .or_else(|| string_at(p, "/failure/description"))
        .or_else(|| string_at(p, "/details"))
        .unwrap_or_else(|| word.to_string());
    let source = code(p.pointer("/failure/source/code")).map(|c| {
        match string_at(p, "/failure/source/name") {
            Some(name) => format!("{name} code {c}"),
            None => format!("source code {c}"),
        }
    });
    EventError::new(code(p.pointer("/failure/code")), message).with_details(source)
}

/// An interaction on a message we sent: `read` is a read status, others are interactions.
fn interaction(p: Value) -> InboundEvent {
    let id = string_at(&p, "/messageId");
    let Some(message_id) = id.clone() else {
        let problem = ItemProblem::missing("payload.messageId");
        return invalid(ItemKind::Interaction, string_at(&p, "/id"), problem, p);
    };
    let timestamp = match rfc3339_at(&p, "/createdAt") {
        Ok(t) => t,
        Err(problem) => return invalid(ItemKind::Interaction, id, problem, p),
    };
    let kind = string_at(&p, "/type").unwrap_or_else(|| "none".to_string());
    if kind == "read" {
        let mut s = StatusUpdate::new(PROVIDER, message_id, DeliveryStatus::Read);
        s.whatsapp_id = string_at(&p, "/platformReferenceId");
        s.recipient = string_at(&p, "/receiver/contacts/0/identifierValue");
        s.timestamp = timestamp;
        s.raw = p.into();
        return InboundEvent::Status(s);
    }
    let mut i = Interaction::new(PROVIDER, message_id, kind);
    i.payload = string_at(&p, "/metadata/button/payload");
    i.details = string_at(&p, "/details");
    i.timestamp = timestamp;
    i.raw = p.into();
    InboundEvent::Interaction(i)
}
