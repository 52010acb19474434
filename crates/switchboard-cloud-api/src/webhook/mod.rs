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
//! The body is read once into borrowing structs (`wire`, `switchboard_core::lenient`), not
//! into a `serde_json::Value` tree: each message and status is read from its own JSON,
//! which its event keeps as its raw (a copy of its bytes). Contacts are indexed by id, so
//! parsing is linear in the body. The rare event whose raw is a part the typed read does
//! not keep (an account change, an unknown change or entry) takes it from a second read
//! that skips the rest of the body (`switchboard_core::lenient::Parts`). An item that cannot be read as valid (no
//! id, a sender that is neither a number nor a user id, an unreadable timestamp) is
//! [`InboundEvent::Invalid`] naming the field.

mod account;
mod contacts;
mod content;
mod message;
mod status;
mod value;

mod wire;

use switchboard_core::lenient::{self, LeafOf, Obj, ObjOf, Parts, Seq, SeqOf};
use switchboard_core::{Error, EventError, InboundEvent, Provider, RawJson, UnknownEvent};
use value::Place;

/// The keys of a change `value` (and of a flat On-Premise payload).
pub const VALUE_KEYS: [&str; 4] = ["contacts", "messages", "statuses", "errors"];

/// The shapes of body a host posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shapes {
    /// The `whatsapp_business_account` envelope only (Meta, 360dialog Cloud).
    Envelope,
    /// The envelope, or a flat On-Premise value (`contacts`/`messages`/`statuses`/`errors`).
    EnvelopeOrFlat,
}

/// Every event of a Cloud API webhook body, attributed to `provider`. Not JSON (or
/// truncated): [`Error::Decode`]. JSON of an unknown shape: [`InboundEvent::Unknown`] with
/// the raw JSON.
pub fn parse(provider: Provider, body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    read(provider, body, Shapes::Envelope)
}

/// Every event of a body of one of `shapes`, attributed to `provider`. Not JSON (or
/// truncated): [`Error::Decode`] (`"<provider> webhook"`). JSON of another shape:
/// [`InboundEvent::Unknown`] (`"not a <provider> webhook shape"`) with the raw JSON.
pub fn read(provider: Provider, body: &[u8], shapes: Shapes) -> Result<Vec<InboundEvent>, Error> {
    let decode = |e: serde_json::Error| {
        Error::decode(format!("{provider} webhook"), e.to_string()).with_source(e)
    };
    let Obj(json) = lenient::from_body::<Obj<wire::Body>>(body).map_err(decode)?;
    let parts = Parts::new(body);
    let mut events = Vec::new();
    let Some(mut json) = json else {
        let reason = format!("not a {provider} webhook shape");
        events.push(unknown(provider, &reason, parts.get("").map_err(decode)?));
        return Ok(events);
    };
    let flat_keys = json.contacts.is_some()
        || json.messages.is_some()
        || json.statuses.is_some()
        || json.errors.is_some();
    if let Some(entry) = json.entry.take() {
        // Items outside the envelope are not read: checked as a `Value` would check them.
        for raw in json.messages.items().iter().chain(json.statuses.items()) {
            lenient::from_raw::<lenient::Skip>(raw).map_err(decode)?;
        }
        envelope(provider, entry, &parts, &mut events)
    } else if shapes == Shapes::EnvelopeOrFlat && flat_keys {
        let flat = wire::Value {
            contacts: json.contacts,
            messages: json.messages,
            statuses: json.statuses,
            errors: json.errors,
            ..wire::Value::default()
        };
        value::value(provider, flat, Place::Flat, &parts, &mut events)
    } else {
        let reason = format!("not a {provider} webhook shape");
        events.push(unknown(provider, &reason, parts.get("").map_err(decode)?));
        Ok(())
    }
    .map_err(decode)?;
    Ok(events)
}

/// The events of an envelope's `entry`: each entry's `changes[]`.
fn envelope(
    provider: Provider,
    mut entries: Seq<Obj<wire::Entry>>,
    parts: &Parts,
    events: &mut Vec<InboundEvent>,
) -> Result<(), serde_json::Error> {
    let entries = entries.take();
    if entries.is_empty() {
        let raw = parts.get("")?;
        events.push(unknown(provider, "Cloud webhook without entries", raw));
        return Ok(());
    }
    for (i, entry) in entries.into_iter().enumerate() {
        self::entry(provider, entry, i, parts, events)?;
    }
    Ok(())
}

/// One `entry`: a business account (`id`) and its changes.
fn entry(
    provider: Provider,
    Obj(entry): Obj<wire::Entry>,
    i: usize,
    parts: &Parts,
    events: &mut Vec<InboundEvent>,
) -> Result<(), serde_json::Error> {
    let mut entry = entry.unwrap_or_default();
    let changes = match entry.changes.take().and_then(|c| c.0) {
        Some(changes) if !changes.is_empty() => changes,
        other => {
            let reason = match other {
                Some(_) => "Cloud entry with an empty `changes` array",
                None => "Cloud entry without changes",
            };
            events.push(unknown(
                provider,
                reason,
                parts.get(&format!("/entry/{i}"))?,
            ));
            return Ok(());
        }
    };
    let account = account::Account::of(&entry);
    for (j, Obj(change)) in changes.into_iter().enumerate() {
        let mut change = change.unwrap_or_default();
        let at = Place::Change(i, j);
        // The whole change, for the events that keep it.
        let whole = |change: &wire::Change| {
            let first_key = change.first_key.flatten();
            parts.object(&at.change(), first_key, change.last)
        };
        let field = change.field.str().map(str::to_owned);
        match field.as_deref() {
            Some("messages") => match change.value()? {
                Some(v) => value::value(provider, v, at, parts, events)?,
                None => events.push(unknown_field(
                    provider,
                    "messages",
                    "without a value object",
                    whole(&change)?,
                )),
            },
            Some(name) if account::FIELDS.contains(&name) => {
                let raw = whole(&change)?;
                let v = change.value()?;
                events.push(account.event(provider, name, v.as_ref(), raw))
            }
            Some(name) => {
                let raw = whole(&change)?;
                events.push(unknown_field(provider, name, "not modelled", raw))
            }
            None => {
                let raw = whole(&change)?;
                events.push(unknown(provider, "Cloud change without a field", raw))
            }
        }
    }
    Ok(())
}

/// An [`InboundEvent::Unknown`] from `provider` with `reason`, keeping `raw`.
pub fn unknown(provider: Provider, reason: &str, raw: impl Into<RawJson>) -> InboundEvent {
    UnknownEvent::new(provider, reason, raw).into()
}

/// An unknown change of Cloud API field `field`.
fn unknown_field(
    provider: Provider,
    field: &str,
    why: &str,
    raw: impl Into<RawJson>,
) -> InboundEvent {
    let reason = format!("Cloud change field {field}: {why}");
    UnknownEvent::new(provider, reason, raw)
        .with_field(field)
        .into()
}

/// Every entry of an `errors` array: Cloud `{code, title, message, error_data.details}`,
/// On-Premise `{code, title, details}`.
pub(crate) fn errors(v: &Option<Seq<Obj<wire::ErrorItem>>>) -> Vec<EventError> {
    v.items()
        .iter()
        .map(|e| {
            let none = wire::ErrorItem::default();
            let e = e.0.as_ref().unwrap_or(&none);
            let message = e
                .title
                .string()
                .or_else(|| e.message.string())
                .unwrap_or_default();
            let details = e
                .error_data
                .obj()
                .and_then(|d| d.details.string())
                .or_else(|| e.details.string())
                .filter(|d| *d != message);
            EventError::new(e.code.text(), message).with_details(details)
        })
        .collect()
}
