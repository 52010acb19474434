//! Bird's webhook deliveries (`{service, event, payload}`, reference section 13) into
//! [`InboundEvent`]s.
//!
//! * `whatsapp.inbound`: a user's message (text, image, file, location, or a button/list tap
//!   arriving as text with a `postback` action, section 16 item 7);
//! * `whatsapp.outbound`: the status of a message we sent;
//! * `whatsapp.interaction`: `read` becomes a read status; other interactions are `Unknown`.
//!
//! Anything else is [`InboundEvent::Unknown`] with the raw JSON. A body that is not JSON is
//! [`Error::Decode`]. Nothing here panics.

use serde_json::Value;
use switchboard_core::{
    rfc3339_timestamp, unix_timestamp, DeliveryStatus, Error, InboundContent, InboundEvent,
    InboundMessage, MediaKind, Provider, StatusError, StatusUpdate, UnknownEvent,
};

/// Parses a delivery body: one envelope, or (defensively) an array of envelopes.
pub fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Error::decode("bird webhook", format!("not JSON: {e}")))?;
    Ok(match value {
        Value::Array(items) => items.into_iter().map(envelope).collect(),
        other => vec![envelope(other)],
    })
}

fn unknown(reason: impl Into<String>, raw: Value) -> InboundEvent {
    InboundEvent::Unknown(UnknownEvent {
        provider: Provider::Bird,
        reason: reason.into(),
        raw,
    })
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn string_at(v: &Value, pointer: &str) -> Option<String> {
    str_at(v, pointer)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn envelope(raw: Value) -> InboundEvent {
    let Some(event) = raw.get("event").and_then(Value::as_str) else {
        return unknown("no `event` name", raw);
    };
    let Some(payload) = raw.get("payload").filter(|p| p.is_object()) else {
        return unknown(format!("event {event} without a payload object"), raw);
    };
    let parsed = match event {
        "whatsapp.inbound" => inbound(payload),
        "whatsapp.outbound" => outbound(payload),
        "whatsapp.interaction" => interaction(payload),
        _ => Err(format!("event type {event}")),
    };
    parsed.unwrap_or_else(|reason| unknown(reason, raw))
}

/// A user's message.
fn inbound(p: &Value) -> Result<InboundEvent, String> {
    let id = string_at(p, "/id").ok_or("whatsapp.inbound without a message id")?;
    let from = string_at(p, "/sender/contact/identifierValue")
        .ok_or("whatsapp.inbound without sender.contact.identifierValue")?;
    let timestamp = p
        .pointer("/meta/extraInformation/timestamp")
        .and_then(unix_timestamp)
        .or_else(|| str_at(p, "/createdAt").and_then(rfc3339_timestamp));
    let body = p.get("body").unwrap_or(&Value::Null);
    let content = content(body);
    Ok(InboundEvent::Message(InboundMessage {
        provider: Provider::Bird,
        id,
        from,
        sender_name: string_at(p, "/sender/contact/annotations/name"),
        timestamp,
        // `type: message` is a quote, `type: click` names the message whose button was
        // tapped: both are the message this one answers.
        reply_to: match str_at(p, "/replyTo/type") {
            Some("message" | "click") => string_at(p, "/replyTo/id"),
            _ => None,
        },
        window_minutes_left: None,
        content,
        raw: p.clone(),
    }))
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
                Some("postback") => {
                    let title = string_at(body, "/text/actions/0/postback/text").unwrap_or(text);
                    match string_at(body, "/text/actions/0/postback/payload") {
                        Some(id) => InboundContent::ButtonReply { id, title },
                        // A postback without payload cannot be told from free text.
                        None => InboundContent::Text { body: title },
                    }
                }
                _ => InboundContent::Text { body: text },
            }
        }
        "image" => match body.pointer("/image/images/0") {
            Some(image) => InboundContent::Media {
                kind: MediaKind::Image,
                id: None,
                link: string_at(image, "/mediaUrl"),
                mime_type: None,
                caption: string_at(body, "/image/text"),
                filename: None,
            },
            None => other(),
        },
        "file" => match body.pointer("/file/files/0") {
            Some(file) => {
                let mime = string_at(file, "/contentType");
                let kind = match mime.as_deref().unwrap_or("") {
                    "image/webp" => MediaKind::Sticker,
                    m if m.starts_with("image/") => MediaKind::Image,
                    m if m.starts_with("video/") => MediaKind::Video,
                    m if m.starts_with("audio/") => MediaKind::Audio,
                    _ => MediaKind::Document,
                };
                InboundContent::Media {
                    kind,
                    id: None,
                    link: string_at(file, "/mediaUrl"),
                    mime_type: mime,
                    caption: string_at(body, "/file/text"),
                    filename: string_at(file, "/filename"),
                }
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
                },
                _ => other(),
            }
        }
        _ => other(),
    }
}

/// The status of a message we sent (the `Message` object with its new `status`).
fn outbound(p: &Value) -> Result<InboundEvent, String> {
    let id = string_at(p, "/id").ok_or("whatsapp.outbound without a message id")?;
    let word = str_at(p, "/status").ok_or("whatsapp.outbound without a status")?;
    let status = match word {
        "accepted" | "processing" | "scheduled" => DeliveryStatus::Accepted,
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "deleted" => DeliveryStatus::Deleted,
        "rejected" | "sending_failed" | "delivery_failed" | "skipped" => DeliveryStatus::Failed,
        other => return Err(format!("whatsapp.outbound status {other}")),
    };
    let error = (status == DeliveryStatus::Failed).then(|| {
        let code = p.pointer("/failure/code").and_then(|c| match c {
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            _ => None,
        });
        let message = string_at(p, "/reason")
            .or_else(|| string_at(p, "/failure/description"))
            .or_else(|| string_at(p, "/details"))
            .unwrap_or_else(|| word.to_string());
        StatusError { code, message }
    });
    Ok(InboundEvent::Status(StatusUpdate {
        provider: Provider::Bird,
        message_id: id,
        recipient: string_at(p, "/receiver/contacts/0/identifierValue"),
        status,
        timestamp: str_at(p, "/lastStatusAt").and_then(rfc3339_timestamp),
        error,
        raw: p.clone(),
    }))
}

/// An interaction on a message we sent: `read` is a read status.
fn interaction(p: &Value) -> Result<InboundEvent, String> {
    let kind = str_at(p, "/type").unwrap_or("none");
    if kind != "read" {
        return Err(format!("whatsapp.interaction of type {kind}"));
    }
    let id = string_at(p, "/messageId").ok_or("read interaction without a messageId")?;
    Ok(InboundEvent::Status(StatusUpdate {
        provider: Provider::Bird,
        message_id: id,
        recipient: string_at(p, "/receiver/contacts/0/identifierValue"),
        status: DeliveryStatus::Read,
        timestamp: str_at(p, "/createdAt").and_then(rfc3339_timestamp),
        error: None,
        raw: p.clone(),
    }))
}
