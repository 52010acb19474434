//! Webhook parsing (section 7): the Cloud envelope (`entry[].changes[].value`) and the flat
//! On-Premise payload (`contacts`/`messages`/`statuses`/`errors`). Both shapes are read
//! whatever the configured hosting, so archives of either can be replayed.

mod contacts;
mod message;
mod status;

use serde_json::Value;
use switchboard_core::{Error, InboundEvent, Provider, UnknownEvent};

/// The keys of a flat On-Premise payload (and of a Cloud change `value`).
const VALUE_KEYS: [&str; 4] = ["contacts", "messages", "statuses", "errors"];

/// Every event of a webhook body. Not JSON (or truncated): [`Error::Decode`]. JSON of an
/// unknown shape: [`InboundEvent::Unknown`] with the raw JSON.
pub fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let json: Value = serde_json::from_slice(body)
        .map_err(|e| Error::decode("360dialog webhook", e.to_string()))?;
    let mut events = Vec::new();
    if let Some(entries) = json.get("entry") {
        match entries.as_array() {
            Some(entries) if !entries.is_empty() => {
                for entry in entries {
                    cloud_entry(entry, &mut events);
                }
            }
            _ => events.push(unknown("Cloud webhook without entries", &json)),
        }
    } else if json.is_object() && VALUE_KEYS.iter().any(|k| json.get(k).is_some()) {
        value(&json, &mut events);
    } else {
        events.push(unknown("not a 360dialog webhook shape", &json));
    }
    Ok(events)
}

fn cloud_entry(entry: &Value, events: &mut Vec<InboundEvent>) {
    let Some(changes) = entry.get("changes").and_then(Value::as_array) else {
        events.push(unknown("Cloud entry without changes", entry));
        return;
    };
    for change in changes {
        let field = change.get("field").and_then(Value::as_str);
        match (field, change.get("value")) {
            (Some("messages"), Some(v)) if v.is_object() => value(v, events),
            _ => events.push(unknown(
                &format!("Cloud change field {}", field.unwrap_or("(none)")),
                change,
            )),
        }
    }
}

/// A Cloud change `value` or a flat On-Premise payload.
fn value(v: &Value, events: &mut Vec<InboundEvent>) {
    let profiles = message::profiles(v);
    let before = events.len();
    for m in array(v, "messages") {
        events.push(message::parse(m, &profiles));
    }
    for s in array(v, "statuses") {
        events.push(status::parse(s));
    }
    for e in array(v, "errors") {
        let code = e.get("code").map(|c| c.to_string()).unwrap_or_default();
        let title = e
            .get("title")
            .or_else(|| e.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("untitled");
        events.push(unknown(&format!("error {code}: {title}"), e));
    }
    if events.len() == before {
        events.push(unknown(
            "webhook value without messages, statuses or errors",
            v,
        ));
    }
}

fn array<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

pub(crate) fn unknown(reason: &str, raw: &Value) -> InboundEvent {
    InboundEvent::Unknown(UnknownEvent {
        provider: Provider::Dialog360,
        reason: reason.to_string(),
        raw: raw.clone(),
    })
}

pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}
