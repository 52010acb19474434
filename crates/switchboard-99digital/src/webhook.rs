//! 99digital webhook bodies to [`InboundEvent`]s (`docs/providers/99digital.md`, webhooks).
//!
//! An incoming message is an object with `hook: "new"`, its `unique` id, the sender in
//! `from`, a `type` and a `body` whose meaning depends on the type. A user who hides their
//! number arrives with their `from_id` (`IL.1605856887361213`) in `from`: it becomes the
//! sender, and `from_id` is always kept as [`InboundMessage::user_id`] (it can be used as
//! `to`). Status callbacks and system notifications exist but their shape is not
//! documented: every body whose `hook` is not `"new"` becomes [`InboundEvent::Unknown`] with
//! the raw JSON. A `hook: "new"` message that cannot be read as valid (no `unique`, a sender
//! that is neither a number nor a user id, an unreadable timestamp or location) is
//! [`InboundEvent::Invalid`] naming the field. A JSON array is read as a batch.

use crate::decode::minutes;
use serde_json::Value;
use switchboard_core::{
    timestamp_field, Contact, ContactName, ContactPhone, Error, InboundContent, InboundEvent,
    InboundMedia, InboundMessage, InvalidItem, ItemKind, ItemProblem, MediaKind, UnknownEvent,
};

use crate::PROVIDER;

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
    UnknownEvent::new(PROVIDER, reason, raw).into()
}

/// A string field, or a number as text; `None` for absent, `false`, `null` or empty.
fn text(raw: &Value, key: &str) -> Option<String> {
    raw.get(key).and_then(switchboard_core::json::text)
}

/// One webhook object.
fn event(raw: Value) -> InboundEvent {
    if !raw.is_object() {
        return unknown("not a JSON object", raw);
    }
    match raw.get("hook").and_then(Value::as_str) {
        Some("new") => message(raw),
        Some(other) => {
            let hook = other.to_string();
            let reason =
                format!("hook {hook:?}: status and system notifications are not documented");
            UnknownEvent::new(PROVIDER, reason, raw)
                .with_field(hook)
                .into()
        }
        None => unknown("no `hook` field", raw),
    }
}

fn message(raw: Value) -> InboundEvent {
    let id = text(&raw, "unique");
    let invalid = |problem: ItemProblem, raw: Value| {
        InvalidItem::event(PROVIDER, ItemKind::Message, id.clone(), problem, raw)
    };
    let Some(unique) = id.clone() else {
        return invalid(ItemProblem::missing("unique"), raw);
    };
    let Some(from) = text(&raw, "from") else {
        return invalid(ItemProblem::missing("from"), raw);
    };
    if let Err(problem) = ItemProblem::check_sender("from", &from) {
        return invalid(problem, raw);
    }
    let timestamp = match timestamp_field(raw.get("timestamp"), "timestamp") {
        Ok(t) => t,
        Err(problem) => return invalid(problem, raw),
    };
    let kind = raw.get("type").and_then(Value::as_str).unwrap_or("");
    let body = raw.get("body").and_then(Value::as_str).unwrap_or("");
    let content = match content(kind, body, &raw) {
        Ok(c) => c,
        Err(problem) => return invalid(problem, raw),
    };
    let mut m = InboundMessage::new(PROVIDER, unique, from, content);
    m.user_id = text(&raw, "from_id");
    m.sender_name = text(&raw, "senderName");
    m.username = text(&raw, "username");
    m.timestamp = timestamp;
    m.reply_to = text(&raw, "quoteUnique");
    m.forwarded = raw.get("isForwarded").and_then(Value::as_bool) == Some(true);
    m.window_minutes_left = raw.get("conversationTimeLeft").and_then(minutes);
    m.raw = raw.into();
    InboundEvent::Message(m)
}

/// The content for `type`; a problem when a documented type's body is unreadable.
fn content(kind: &str, body: &str, raw: &Value) -> Result<InboundContent, ItemProblem> {
    let media = |kind: MediaKind| {
        let mut m = InboundMedia::new(kind);
        m.link = Some(body.to_string()).filter(|b| !b.is_empty());
        m.caption = text(raw, "caption");
        m
    };
    Ok(match kind {
        "text" => InboundContent::Text {
            body: body.to_string(),
        },
        "image" => InboundContent::Media(media(MediaKind::Image)),
        "video" => InboundContent::Media(media(MediaKind::Video)),
        "audio" => InboundContent::Media(media(MediaKind::Audio)),
        // A voice note ("push to talk").
        "ptt" => {
            let mut m = media(MediaKind::Audio);
            m.voice = true;
            InboundContent::Media(m)
        }
        "document" => InboundContent::Media(media(MediaKind::Document)),
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
                        url: None,
                    }
                }
                _ => {
                    let value = raw.get("body").cloned().unwrap_or_default();
                    return Err(ItemProblem::malformed(
                        "body",
                        "\"latitude,longitude\"",
                        &value,
                    ));
                }
            }
        }
        // The tapped button's text; the field carrying the button id is not documented.
        "button" => InboundContent::ButtonReply {
            id: None,
            title: body.to_string(),
        },
        // The chosen option's text; the field carrying the row id is not documented.
        "list" => InboundContent::ListReply {
            id: None,
            title: body.to_string(),
            description: None,
        },
        // The shared contact's phone number, and nothing else.
        "contacts" => InboundContent::Contacts {
            contacts: vec![Contact {
                name: ContactName::default(),
                phones: vec![ContactPhone {
                    phone: body.to_string(),
                    kind: None,
                    wa_id: None,
                }],
                ..Contact::default()
            }],
        },
        // The emoji; which message it reacts to is not documented.
        "reaction" => InboundContent::Reaction {
            message_id: None,
            emoji: body.to_string(),
        },
        // `order` bodies are not documented beyond "an array".
        other => InboundContent::Unknown {
            provider_type: other.to_string(),
        },
    })
}
