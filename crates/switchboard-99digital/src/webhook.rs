//! 99digital webhook bodies to [`InboundEvent`]s.
//!
//! An incoming message is an object with `hook: "new"`, its `unique` id, the sender in
//! `from`, a `type` and a `body` whose meaning depends on the type. Status callbacks and
//! system notifications exist but their shape is not documented: every body that is not a
//! readable `hook: "new"` message becomes [`InboundEvent::Unknown`] with the raw JSON. A JSON
//! array is read as a batch, every element in turn.

use crate::decode::minutes;
use serde_json::Value;
use switchboard_core::{
    unix_timestamp, Contact, ContactName, ContactPhone, Error, InboundContent, InboundEvent,
    InboundMessage, MediaKind, Provider, UnknownEvent,
};

const PROVIDER: Provider = Provider::NinetyNineDigital;

/// Parses a webhook body. Not JSON (or truncated): [`Error::Decode`].
pub(crate) fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Error::decode("99digital webhook", e.to_string()))?;
    Ok(match value {
        Value::Array(items) => items.into_iter().map(event).collect(),
        other => vec![event(other)],
    })
}

fn unknown(reason: impl Into<String>, raw: Value) -> InboundEvent {
    InboundEvent::Unknown(UnknownEvent {
        provider: PROVIDER,
        reason: reason.into(),
        raw,
    })
}

/// A string field, or a number as text; `None` for absent, `false`, `null` or empty.
fn text(raw: &Value, key: &str) -> Option<String> {
    match raw.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One webhook object.
fn event(raw: Value) -> InboundEvent {
    if !raw.is_object() {
        return unknown("not a JSON object", raw);
    }
    match raw.get("hook").and_then(Value::as_str) {
        Some("new") => {}
        Some(other) => {
            return unknown(
                format!("hook {other:?}: status and system notifications are not documented"),
                raw,
            )
        }
        None => return unknown("no `hook` field", raw),
    }
    let (Some(id), Some(from)) = (text(&raw, "unique"), text(&raw, "from")) else {
        return unknown("hook \"new\" without `unique` or `from`", raw);
    };
    let kind = raw.get("type").and_then(Value::as_str).unwrap_or("");
    let body = raw
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let content = match content(kind, body, &raw) {
        Ok(c) => c,
        Err(reason) => return unknown(reason, raw),
    };
    InboundEvent::Message(InboundMessage {
        provider: PROVIDER,
        id,
        from,
        sender_name: text(&raw, "senderName"),
        timestamp: raw.get("timestamp").and_then(unix_timestamp),
        reply_to: text(&raw, "quoteUnique"),
        window_minutes_left: raw.get("conversationTimeLeft").and_then(minutes),
        content,
        raw,
    })
}

/// The content for `type`; `Err` (a reason) when a documented type's body is unreadable.
fn content(kind: &str, body: String, raw: &Value) -> Result<InboundContent, String> {
    let media = |kind: MediaKind| InboundContent::Media {
        kind,
        id: None,
        link: Some(body.clone()).filter(|b| !b.is_empty()),
        mime_type: None,
        caption: text(raw, "caption"),
        filename: None,
    };
    Ok(match kind {
        "text" => InboundContent::Text { body },
        "image" => media(MediaKind::Image),
        "video" => media(MediaKind::Video),
        "audio" | "ptt" => media(MediaKind::Audio),
        "document" => media(MediaKind::Document),
        "location" => {
            let parsed = body.split_once(',').and_then(|(lat, lng)| {
                Some((
                    lat.trim().parse::<f64>().ok()?,
                    lng.trim().parse::<f64>().ok()?,
                ))
            });
            match parsed {
                Some((latitude, longitude)) if latitude.is_finite() && longitude.is_finite() => {
                    InboundContent::Location {
                        latitude,
                        longitude,
                        name: None,
                        address: None,
                    }
                }
                _ => return Err(format!("location body {body:?} is not \"lat,lng\"")),
            }
        }
        // The tapped button's text; the field carrying the button id is not documented.
        "button" => InboundContent::ButtonReply {
            id: String::new(),
            title: body,
        },
        // The chosen option's text; the field carrying the row id is not documented.
        "list" => InboundContent::ListReply {
            id: String::new(),
            title: body,
            description: None,
        },
        // The shared contact's phone number, and nothing else.
        "contacts" => InboundContent::Contacts {
            contacts: vec![Contact {
                name: ContactName::default(),
                phones: vec![ContactPhone {
                    phone: body,
                    kind: None,
                    wa_id: None,
                }],
                ..Contact::default()
            }],
        },
        // A reaction's target message is not documented; `order` bodies are not either.
        other => InboundContent::Unknown {
            provider_type: other.to_string(),
        },
    })
}
