//! What identifies an event for de-duplication, and the JSON form it is journaled in.

use crate::journal::NewEvent;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use switchboard_core::InboundEvent;

/// The de-duplication key of an event: 64 hex digits of a SHA-256 (so it fits an HTTP
/// header), over the provider and
/// - for a message: its id;
/// - for a status: the message id and the status (each step of a message is its own event);
/// - for anything else (unknown events, messages or statuses without an id, and event kinds
///   added later): the event's whole JSON form, so only an identical redelivery is a
///   duplicate.
pub fn dedupe_key(event: &InboundEvent) -> String {
    dedupe_key_of(event, &journal_form(event))
}

fn dedupe_key_of(event: &InboundEvent, form: &Value) -> String {
    let identity = match event {
        InboundEvent::Message(m) if !m.id.is_empty() => {
            format!("message\u{1f}{}\u{1f}{}", m.provider, m.id)
        }
        InboundEvent::Status(s) if !s.message_id.is_empty() => {
            let status = serde_json::to_string(&s.status).unwrap_or_default();
            format!(
                "status\u{1f}{}\u{1f}{}\u{1f}{status}",
                s.provider, s.message_id
            )
        }
        _ => format!("event\u{1f}{form}"),
    };
    let digest = Sha256::digest(identity.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The event's JSON form. An event that cannot be written as JSON (a timestamp outside
/// the years 0 to 9999 has no RFC 3339 form) is still journaled, never dropped: without its
/// timestamp, which stays readable in the provider's `raw` JSON, and with a `"note"`.
pub fn journal_form(event: &InboundEvent) -> Value {
    match serde_json::to_value(event) {
        Ok(v) => v,
        Err(first) => {
            let note =
                format!("the event's timestamp cannot be written in RFC 3339 ({first}); see raw");
            let mut stripped = event.clone();
            match &mut stripped {
                InboundEvent::Message(m) => m.timestamp = None,
                InboundEvent::Status(s) => s.timestamp = None,
                _ => {}
            }
            match serde_json::to_value(&stripped) {
                Ok(mut v) => {
                    if let Some(inner) = v.as_object_mut().and_then(|o| o.values_mut().next()) {
                        if let Some(obj) = inner.as_object_mut() {
                            obj.insert("note".into(), Value::String(note));
                        }
                    }
                    v
                }
                // A kind this version does not know how to repair: keep what can be read.
                Err(e) => json!({"unknown": {
                    "provider": provider_of(event),
                    "reason": format!("the event cannot be written as JSON: {e}"),
                    "raw": Value::String(format!("{event:?}")),
                }}),
            }
        }
    }
}

fn provider_of(event: &InboundEvent) -> Value {
    Value::String(event.provider().to_string())
}

/// An event ready to journal: its key and JSON form.
pub fn new_event(event: &InboundEvent) -> NewEvent {
    let form = journal_form(event);
    NewEvent::new(dedupe_key_of(event, &form), form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_core::{
        DeliveryStatus, InboundContent, InboundMessage, Provider, StatusUpdate, UnknownEvent,
    };
    use time::OffsetDateTime;

    fn message(id: &str, ts: Option<OffsetDateTime>) -> InboundEvent {
        let mut m = InboundMessage::new(
            Provider::new("bird"),
            id,
            "+31612345678",
            InboundContent::Text { body: "hi".into() },
        );
        m.timestamp = ts;
        m.raw = json!({"id": id, "createdAt": "-0001-01-01T00:00:00Z"}).into();
        InboundEvent::Message(m)
    }

    fn status(id: &str, status: DeliveryStatus) -> InboundEvent {
        InboundEvent::Status(StatusUpdate::new(Provider::new("bird"), id, status))
    }

    #[test]
    fn keys_follow_the_event_s_identity() {
        let k = dedupe_key(&message("m1", None));
        assert_eq!(k.len(), 64);
        assert!(k.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            k,
            dedupe_key(&message("m1", Some(OffsetDateTime::UNIX_EPOCH)))
        );
        assert_ne!(k, dedupe_key(&message("m2", None)));
        let sent = dedupe_key(&status("m1", DeliveryStatus::Sent));
        assert_ne!(sent, dedupe_key(&status("m1", DeliveryStatus::Read)));
        assert_ne!(sent, k);
        let unknown =
            |raw: Value| InboundEvent::Unknown(UnknownEvent::new(Provider::new("bird"), "x", raw));
        assert_eq!(
            dedupe_key(&unknown(json!({"a": 1}))),
            dedupe_key(&unknown(json!({"a": 1})))
        );
        assert_ne!(
            dedupe_key(&unknown(json!({"a": 1}))),
            dedupe_key(&unknown(json!({"a": 2})))
        );
    }

    #[test]
    fn an_unprintable_timestamp_is_journaled_without_it() {
        let year_minus_one = time::Date::from_calendar_date(-1, time::Month::January, 1)
            .unwrap()
            .midnight()
            .assume_utc();
        let event = message("m1", Some(year_minus_one));
        assert!(serde_json::to_value(&event).is_err(), "the premise");
        let form = journal_form(&event);
        assert_eq!(form["message"]["id"], "m1");
        assert!(form["message"].get("timestamp").is_none());
        assert_eq!(form["message"]["raw"]["createdAt"], "-0001-01-01T00:00:00Z");
        assert!(form["message"]["note"]
            .as_str()
            .unwrap()
            .starts_with("the event's timestamp cannot be written in RFC 3339"));
        assert_eq!(
            new_event(&event).dedupe_key,
            dedupe_key(&message("m1", None))
        );
    }
}
