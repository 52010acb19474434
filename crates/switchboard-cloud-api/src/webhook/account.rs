//! Account changes users act on: template reviews and quality, phone-number quality,
//! account updates (`docs/webhooks.md`, account events).

use super::{unknown_field, wire};
use switchboard_core::lenient::{Leaf, LeafOf};
use switchboard_core::{AccountChange, AccountEvent, InboundEvent, Provider, RawJson};

/// The change fields read into [`AccountChange`]s.
pub const FIELDS: [&str; 4] = [
    "message_template_status_update",
    "message_template_quality_update",
    "phone_number_quality_update",
    "account_update",
];

/// The business account an entry is about: its id and the entry's time.
pub struct Account<'e, 'a> {
    id: Option<String>,
    /// The entry's `time` (unix seconds).
    time: Option<&'e Leaf<'a>>,
}

impl<'e, 'a> Account<'e, 'a> {
    pub fn of(entry: &'e wire::Entry<'a>) -> Self {
        Account {
            id: entry.id.text(),
            time: entry.time.as_ref(),
        }
    }

    /// The event of a change of `field` (one of [`FIELDS`]) with `value`, whose JSON is `raw`; a change
    /// without the value its field needs (an `event`) is unknown.
    pub fn event(
        &self,
        provider: Provider,
        field: &str,
        value: Option<&wire::Value>,
        raw: RawJson,
    ) -> InboundEvent {
        let none = wire::Value::default();
        let v = value.unwrap_or(&none);
        let event = v.event.string();
        let parsed = match (field, event) {
            ("message_template_status_update", Some(event)) => {
                Some(AccountChange::MessageTemplateStatusUpdate {
                    event,
                    template_id: v.message_template_id.text(),
                    template_name: v.message_template_name.string(),
                    language: v.message_template_language.string(),
                    reason: v.reason.string().filter(|r| r != "NONE"),
                })
            }
            ("message_template_quality_update", _) if value.is_some() => {
                Some(AccountChange::MessageTemplateQualityUpdate {
                    template_id: v.message_template_id.text(),
                    template_name: v.message_template_name.string(),
                    language: v.message_template_language.string(),
                    previous_score: v.previous_quality_score.string(),
                    new_score: v.new_quality_score.string(),
                })
            }
            ("phone_number_quality_update", Some(event)) => {
                Some(AccountChange::PhoneNumberQualityUpdate {
                    event,
                    phone_number: v.display_phone_number.text(),
                    current_limit: v.current_limit.string(),
                })
            }
            ("account_update", Some(event)) => Some(AccountChange::AccountUpdate {
                event,
                phone_number: v.phone_number.text(),
            }),
            _ => None,
        };
        match parsed {
            Some(change_kind) => {
                let mut e = AccountEvent::new(provider, change_kind);
                e.account_id = self.id.clone();
                e.timestamp = self.time.and_then(Leaf::unix_timestamp);
                e.raw = raw;
                InboundEvent::Account(e)
            }
            None => unknown_field(provider, field, "without the value it needs", raw),
        }
    }
}
