//! Webhook parsing (`docs/webhooks.md`; `docs/providers/reference/360dialog.md` section 7): the
//! `whatsapp_business_account` envelope (`entry[].changes[]`) and a change `value`
//! (`contacts`/`messages`/`statuses`/`errors`), which is also the whole of an On-Premise
//! payload.
//!
//! * `messages` changes: every message and status, each with the contact whose id is its
//!   sender's, errors of the value attached to the one item they concern;
//! * `message_template_status_update`, `message_template_quality_update`,
//!   `phone_number_quality_update`, `account_update`: [`InboundEvent::Account`];
//! * any other field: [`InboundEvent::Unknown`] naming the field.
//!
//! The body is parsed once into JSON and each item's JSON is moved, not copied, into its
//! event. Contacts are indexed by id, so parsing is linear in the body. An item that
//! cannot be read as valid (no id, a sender that is neither a number nor a user id, an
//! unreadable timestamp) is [`InboundEvent::Invalid`] naming the field.

mod account;
mod contacts;
mod content;
mod message;
mod status;
mod value;

pub use value::value;

use serde_json::Value;
use switchboard_core::{Error, EventError, InboundEvent, Provider, UnknownEvent};

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
        envelope(provider, json, &mut events);
    } else {
        let reason = format!("not a {provider} webhook shape");
        events.push(unknown(provider, &reason, json));
    }
    Ok(events)
}

/// The events of an envelope `json` that has an `entry` member: each entry's `changes[]`.
pub fn envelope(provider: Provider, mut json: Value, events: &mut Vec<InboundEvent>) {
    let entries = match json.get_mut("entry") {
        Some(Value::Array(entries)) if !entries.is_empty() => std::mem::take(entries),
        _ => return events.push(unknown(provider, "Cloud webhook without entries", json)),
    };
    for entry in entries {
        self::entry(provider, entry, events);
    }
}

/// One `entry`: a business account (`id`) and its changes.
fn entry(provider: Provider, mut entry: Value, events: &mut Vec<InboundEvent>) {
    let changes = match entry.get_mut("changes") {
        Some(Value::Array(changes)) if !changes.is_empty() => std::mem::take(changes),
        Some(Value::Array(_)) => {
            return events.push(unknown(
                provider,
                "Cloud entry with an empty `changes` array",
                entry,
            ))
        }
        _ => return events.push(unknown(provider, "Cloud entry without changes", entry)),
    };
    let account = account::Account::of(&entry);
    for mut change in changes {
        let field = change
            .get("field")
            .and_then(Value::as_str)
            .map(str::to_owned);
        match field.as_deref() {
            Some("messages") => match change.get_mut("value") {
                Some(v @ Value::Object(_)) => value(provider, v.take(), events),
                _ => events.push(unknown_field(
                    provider,
                    "messages",
                    "without a value object",
                    change,
                )),
            },
            Some(name) if account::FIELDS.contains(&name) => {
                events.push(account.event(provider, name, change))
            }
            Some(name) => events.push(unknown_field(provider, name, "not modelled", change)),
            None => events.push(unknown(provider, "Cloud change without a field", change)),
        }
    }
}

/// An [`InboundEvent::Unknown`] from `provider` with `reason`, keeping `raw`.
pub fn unknown(provider: Provider, reason: &str, raw: Value) -> InboundEvent {
    UnknownEvent::new(provider, reason, raw).into()
}

/// An unknown change of Cloud API field `field`.
fn unknown_field(provider: Provider, field: &str, why: &str, raw: Value) -> InboundEvent {
    let reason = format!("Cloud change field {field}: {why}");
    UnknownEvent::new(provider, reason, raw)
        .with_field(field)
        .into()
}

pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// A string, or a number as text (ids and codes come as either).
pub(crate) fn id_text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(switchboard_core::json::text)
}

/// Every entry of an `errors` array: Cloud `{code, title, message, error_data.details}`,
/// On-Premise `{code, title, details}`.
pub(crate) fn errors(v: Option<&Value>) -> Vec<EventError> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|e| {
            let message = text(e, "title")
                .or_else(|| text(e, "message"))
                .unwrap_or_default();
            let details = e
                .get("error_data")
                .and_then(|d| text(d, "details"))
                .or_else(|| text(e, "details"))
                .filter(|d| *d != message);
            EventError::new(id_text(e, "code"), message).with_details(details)
        })
        .collect()
}
