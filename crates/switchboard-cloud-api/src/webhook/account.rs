//! Account changes users act on: template reviews and quality, phone-number quality,
//! account updates (`docs/webhooks.md`, account events).

use super::{id_text, text, unknown_field};
use serde_json::Value;
use switchboard_core::{unix_timestamp, AccountChange, AccountEvent, InboundEvent, Provider};

/// The change fields read into [`AccountChange`]s.
pub const FIELDS: [&str; 4] = [
    "message_template_status_update",
    "message_template_quality_update",
    "phone_number_quality_update",
    "account_update",
];

/// The business account an entry is about: its id and the entry's time.
pub struct Account {
    id: Option<String>,
    /// The entry's `time` (unix seconds).
    time: Option<Value>,
}

impl Account {
    pub fn of(entry: &Value) -> Self {
        Account {
            id: id_text(entry, "id"),
            time: entry.get("time").cloned(),
        }
    }

    /// The event of a change of `field` (one of [`FIELDS`]); a change without the value
    /// its field needs (an `event`) is unknown.
    pub fn event(&self, provider: Provider, field: &str, change: Value) -> InboundEvent {
        let v = change.get("value").unwrap_or(&Value::Null);
        let event = text(v, "event");
        let parsed = match (field, event) {
            ("message_template_status_update", Some(event)) => {
                Some(AccountChange::MessageTemplateStatusUpdate {
                    event,
                    template_id: id_text(v, "message_template_id"),
                    template_name: text(v, "message_template_name"),
                    language: text(v, "message_template_language"),
                    reason: text(v, "reason").filter(|r| r != "NONE"),
                })
            }
            ("message_template_quality_update", _) if v.is_object() => {
                Some(AccountChange::MessageTemplateQualityUpdate {
                    template_id: id_text(v, "message_template_id"),
                    template_name: text(v, "message_template_name"),
                    language: text(v, "message_template_language"),
                    previous_score: text(v, "previous_quality_score"),
                    new_score: text(v, "new_quality_score"),
                })
            }
            ("phone_number_quality_update", Some(event)) => {
                Some(AccountChange::PhoneNumberQualityUpdate {
                    event,
                    phone_number: id_text(v, "display_phone_number"),
                    current_limit: text(v, "current_limit"),
                })
            }
            ("account_update", Some(event)) => Some(AccountChange::AccountUpdate {
                event,
                phone_number: id_text(v, "phone_number"),
            }),
            _ => None,
        };
        match parsed {
            Some(change_kind) => {
                let mut e = AccountEvent::new(provider, change_kind);
                e.account_id = self.id.clone();
                e.timestamp = self.time.as_ref().and_then(unix_timestamp);
                e.raw = change;
                InboundEvent::Account(e)
            }
            None => unknown_field(provider, field, "without the value it needs", change),
        }
    }
}
