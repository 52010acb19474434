//! A change `value` (or a flat On-Premise payload): its contacts, messages, statuses and
//! errors.

use super::{errors, message, status, text, unknown};
use serde_json::Value;
use std::collections::HashMap;
use switchboard_core::{ErrorReport, EventError, InboundEvent, Provider};

/// The `contacts` of a value, indexed by `wa_id` and by `user_id`: each message finds its
/// sender's contact in constant time.
#[derive(Default)]
pub(crate) struct Contacts<'a> {
    by_wa_id: HashMap<&'a str, &'a Value>,
    by_user_id: HashMap<&'a str, &'a Value>,
}

impl<'a> Contacts<'a> {
    fn of(v: Option<&'a Value>) -> Self {
        let mut index = Contacts::default();
        for c in v.and_then(Value::as_array).into_iter().flatten() {
            if let Some(id) = c.get("wa_id").and_then(Value::as_str) {
                index.by_wa_id.entry(id).or_insert(c);
            }
            if let Some(id) = c.get("user_id").and_then(Value::as_str) {
                index.by_user_id.entry(id).or_insert(c);
            }
        }
        index
    }

    /// The contact whose `wa_id` is `wa_id`, else whose `user_id` is `user_id`.
    pub(crate) fn find(&self, wa_id: Option<&str>, user_id: Option<&str>) -> Option<&'a Value> {
        wa_id
            .and_then(|id| self.by_wa_id.get(id))
            .or_else(|| user_id.and_then(|id| self.by_user_id.get(id)))
            .copied()
    }
}

/// A contact's profile name, username, user id and parent user id.
pub(crate) fn profile(c: &Value) -> (Option<String>, Option<String>) {
    let p = c.get("profile");
    (
        p.and_then(|p| text(p, "name")),
        p.and_then(|p| text(p, "username")),
    )
}

/// The events of a change `value` (or a flat On-Premise payload): its messages and
/// statuses, with the value's errors attached to the one item they concern; errors of a
/// value with no item, or with several, are an [`InboundEvent::ProviderErrors`].
pub fn value(provider: Provider, v: Value, events: &mut Vec<InboundEvent>) {
    let Value::Object(mut obj) = v else {
        return events.push(unknown(provider, "webhook value that is not an object", v));
    };
    let messages = take_array(&mut obj, "messages");
    let statuses = take_array(&mut obj, "statuses");
    let value_errors = errors(obj.get("errors"));
    let items = messages.len() + statuses.len();
    if items == 0 && value_errors.is_empty() {
        return events.push(unknown(
            provider,
            "webhook value without messages, statuses or errors",
            Value::Object(obj),
        ));
    }
    // Errors concern the one item of the value when there is exactly one.
    let (mut attach, report) = if items == 1 {
        (value_errors, Vec::new())
    } else {
        (Vec::new(), value_errors)
    };
    {
        let contacts = Contacts::of(obj.get("contacts"));
        for (i, m) in messages.into_iter().enumerate() {
            let attached = std::mem::take(&mut attach);
            events.push(message::parse(provider, m, i, &contacts, attached));
        }
        for (i, s) in statuses.into_iter().enumerate() {
            let attached: Vec<EventError> = std::mem::take(&mut attach);
            events.push(status::parse(provider, s, i, &contacts, attached));
        }
    }
    if !report.is_empty() {
        events.push(InboundEvent::ProviderErrors(ErrorReport {
            provider,
            errors: report,
            raw: Value::Object(obj),
        }));
    }
}

/// Moves the array at `key` out of `obj`; anything else stays where it is.
fn take_array(obj: &mut serde_json::Map<String, Value>, key: &str) -> Vec<Value> {
    match obj.get_mut(key) {
        Some(Value::Array(items)) => std::mem::take(items),
        _ => Vec::new(),
    }
}
