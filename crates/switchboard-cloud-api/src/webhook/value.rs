//! A change `value` (or a flat On-Premise payload): its contacts, messages, statuses and
//! errors.

use super::{errors, message, status, unknown, wire};
use serde_json::Value;
use std::collections::HashMap;
use switchboard_core::lenient::{LeafOf, Obj, Parts, SeqOf};
use switchboard_core::{ErrorReport, EventError, InboundEvent, Provider};

/// Where a value is in the body, to find its JSON when an event needs it whole.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// The whole body (On-Premise).
    Flat,
    /// `entry[i].changes[j].value`.
    Change(usize, usize),
}

impl Place {
    /// The JSON pointer of the change (of the whole body when flat).
    pub fn change(self) -> String {
        match self {
            Place::Flat => String::new(),
            Place::Change(i, j) => format!("/entry/{i}/changes/{j}"),
        }
    }

    /// The JSON pointer of the value.
    fn value(self) -> String {
        match self {
            Place::Flat => String::new(),
            Place::Change(..) => self.change() + "/value",
        }
    }
}

/// The `contacts` of a value, indexed by `wa_id` and by `user_id` when there are many: each
/// message finds its sender's contact in constant time (a few are looked through, which
/// is faster than hashing).
#[derive(Default)]
pub(crate) struct Contacts<'c, 'a> {
    few: &'c [Obj<wire::Contact<'a>>],
    by_wa_id: HashMap<&'c str, &'c wire::Contact<'a>>,
    by_user_id: HashMap<&'c str, &'c wire::Contact<'a>>,
}

/// Up to this many contacts are looked through instead of indexed.
const FEW: usize = 8;

impl<'c, 'a> Contacts<'c, 'a> {
    fn of(contacts: &'c [Obj<wire::Contact<'a>>]) -> Self {
        let mut index = Contacts::default();
        if contacts.len() <= FEW {
            index.few = contacts;
            return index;
        }
        for c in contacts.iter().filter_map(|c| c.0.as_ref()) {
            if let Some(id) = c.wa_id.str() {
                index.by_wa_id.entry(id).or_insert(c);
            }
            if let Some(id) = c.user_id.str() {
                index.by_user_id.entry(id).or_insert(c);
            }
        }
        index
    }

    /// The first contact whose `wa_id` is `wa_id`, else the first whose `user_id` is
    /// `user_id`.
    pub(crate) fn find(
        &self,
        wa_id: Option<&str>,
        user_id: Option<&str>,
    ) -> Option<&'c wire::Contact<'a>> {
        let first = |id: Option<&str>, of: for<'x> fn(&'x wire::Contact<'a>) -> Option<&'x str>| {
            let id = id?;
            self.few
                .iter()
                .filter_map(|c| c.0.as_ref())
                .find(|c| of(c) == Some(id))
        };
        if self.few.is_empty() {
            wa_id
                .and_then(|id| self.by_wa_id.get(id))
                .or_else(|| user_id.and_then(|id| self.by_user_id.get(id)))
                .copied()
        } else {
            first(wa_id, |c| c.wa_id.str()).or_else(|| first(user_id, |c| c.user_id.str()))
        }
    }
}

/// The events of a change `value` (or a flat On-Premise payload) at `at`: its messages and
/// statuses, with the value's errors attached to the one item they concern; errors of a
/// value with no item, or with several, are an [`InboundEvent::ProviderErrors`] whose raw
/// is the value with its item arrays emptied.
pub fn value(
    provider: Provider,
    mut v: wire::Value,
    at: Place,
    parts: &Parts,
    events: &mut Vec<InboundEvent>,
) -> Result<(), serde_json::Error> {
    let messages = v.messages.take().map(|mut s| s.take()).unwrap_or_default();
    let statuses = v.statuses.take().map(|mut s| s.take()).unwrap_or_default();
    let value_errors = errors(&v.errors);
    let items = messages.len() + statuses.len();
    if items == 0 && value_errors.is_empty() {
        let raw = parts.get(&at.value())?;
        let reason = "webhook value without messages, statuses or errors";
        events.push(unknown(provider, reason, raw));
        return Ok(());
    }
    // Errors concern the one item of the value when there is exactly one.
    let (mut attach, report) = if items == 1 {
        (value_errors, Vec::new())
    } else {
        (Vec::new(), value_errors)
    };
    let contacts = Contacts::of(v.contacts.items());
    for (i, m) in messages.into_iter().enumerate() {
        let attached = std::mem::take(&mut attach);
        events.push(message::parse(provider, m, i, &contacts, attached)?);
    }
    for (i, s) in statuses.into_iter().enumerate() {
        let attached: Vec<EventError> = std::mem::take(&mut attach);
        events.push(status::parse(provider, s, i, &contacts, attached)?);
    }
    if !report.is_empty() {
        let mut raw = parts.get(&at.value())?.to_value();
        // The items are events of their own.
        for key in ["messages", "statuses"] {
            if let Some(Value::Array(items)) = raw.get_mut(key) {
                items.clear();
            }
        }
        events.push(InboundEvent::ProviderErrors(ErrorReport {
            provider,
            errors: report,
            raw: raw.into(),
        }));
    }
    Ok(())
}
