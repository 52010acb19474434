//! Webhook parsing (`docs/providers/360dialog.md` section 7): the
//! `whatsapp_business_account` envelope (`entry[].changes[].value`) and its change `value`
//! (`contacts`/`messages`/`statuses`/`errors`), which is also the whole of an On-Premise
//! payload.

mod contacts;
mod message;
mod status;

use serde_json::Value;
use switchboard_core::{Error, InboundEvent, Provider, UnknownEvent};

/// The keys of a change `value` (and of a flat On-Premise payload).
pub const VALUE_KEYS: [&str; 4] = ["contacts", "messages", "statuses", "errors"];

/// Every event of a Cloud API webhook body, attributed to `provider`. Not JSON (or
/// truncated): [`Error::Decode`]. JSON of an unknown shape: [`InboundEvent::Unknown`] with
/// the raw JSON.
pub fn parse(provider: Provider, body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let json: Value = serde_json::from_slice(body)
        .map_err(|e| Error::decode(format!("{provider} webhook"), e.to_string()))?;
    let mut events = Vec::new();
    if json.get("entry").is_some() {
        envelope(provider, &json, &mut events);
    } else {
        events.push(unknown(
            provider,
            &format!("not a {provider} webhook shape"),
            &json,
        ));
    }
    Ok(events)
}

/// The events of an envelope `json` that has an `entry` member: each entry's
/// `changes[]`; a change whose `field` is not `messages` is kept as unknown.
pub fn envelope(provider: Provider, json: &Value, events: &mut Vec<InboundEvent>) {
    match json.get("entry").and_then(Value::as_array) {
        Some(entries) if !entries.is_empty() => {
            for entry in entries {
                cloud_entry(provider, entry, events);
            }
        }
        _ => events.push(unknown(provider, "Cloud webhook without entries", json)),
    }
}

fn cloud_entry(provider: Provider, entry: &Value, events: &mut Vec<InboundEvent>) {
    let Some(changes) = entry.get("changes").and_then(Value::as_array) else {
        events.push(unknown(provider, "Cloud entry without changes", entry));
        return;
    };
    for change in changes {
        let field = change.get("field").and_then(Value::as_str);
        match (field, change.get("value")) {
            (Some("messages"), Some(v)) if v.is_object() => value(provider, v, events),
            _ => events.push(unknown(
                provider,
                &format!("Cloud change field {}", field.unwrap_or("(none)")),
                change,
            )),
        }
    }
}

/// The events of a change `value` (or a flat On-Premise payload): its messages, statuses
/// and errors (errors kept as unknown events).
pub fn value(provider: Provider, v: &Value, events: &mut Vec<InboundEvent>) {
    let profiles = message::profiles(v);
    let before = events.len();
    for m in array(v, "messages") {
        events.push(message::parse(provider, m, &profiles));
    }
    for s in array(v, "statuses") {
        events.push(status::parse(provider, s));
    }
    for e in array(v, "errors") {
        let code = e.get("code").map(|c| c.to_string()).unwrap_or_default();
        let title = e
            .get("title")
            .or_else(|| e.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("untitled");
        events.push(unknown(provider, &format!("error {code}: {title}"), e));
    }
    if events.len() == before {
        events.push(unknown(
            provider,
            "webhook value without messages, statuses or errors",
            v,
        ));
    }
}

fn array<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

/// An [`InboundEvent::Unknown`] from `provider` with `reason`, keeping `raw`.
pub fn unknown(provider: Provider, reason: &str, raw: &Value) -> InboundEvent {
    UnknownEvent::new(provider, reason, raw.clone()).into()
}

pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}
