//! Items of a delivery that cannot be read as valid: reported, never dropped.

use super::RawJson;
use crate::error::describe_text;
use crate::Provider;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// A message or status the provider sent that cannot be read as valid.
///
/// The rest of the delivery is read as usual: one bad item does not hide the others, and
/// the bad one is neither dropped nor passed on as if it were valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvalidItem {
    /// The provider.
    pub provider: Provider,
    /// What the item was meant to be.
    pub item: ItemKind,
    /// The provider's id of the item, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What is wrong with it.
    pub problem: ItemProblem,
    /// The provider's JSON for the item.
    pub raw: RawJson,
}

impl InvalidItem {
    /// The event for an `item` of `provider` (with its `id`, when known) that cannot be read
    /// because of `problem`, keeping its `raw` JSON.
    pub fn event(
        provider: Provider,
        item: ItemKind,
        id: Option<String>,
        problem: ItemProblem,
        raw: impl Into<RawJson>,
    ) -> super::InboundEvent {
        super::InboundEvent::Invalid(InvalidItem {
            provider,
            item,
            id,
            problem,
            raw: raw.into(),
        })
    }
}

/// What an invalid item was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ItemKind {
    /// A user's message.
    Message,
    /// A delivery status.
    Status,
    /// An interaction with a message we sent.
    Interaction,
}

/// What is wrong with an item. JSON form: `{"kind": "timestamp", "field": ..., "value": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ItemProblem {
    /// A timestamp that is not unix seconds, or lies outside the years 0000-9999 that
    /// RFC 3339 can print.
    Timestamp {
        /// Where it is (`"messages[0].timestamp"`).
        field: String,
        /// The value, cut to a bounded length.
        value: String,
    },
    /// A sender that is neither a phone number nor a user id.
    Sender {
        /// Where it is (`"messages[0].from"`).
        field: String,
        /// The value, cut to a bounded length.
        value: String,
    },
    /// A field whose value cannot be read as what it should be.
    Malformed {
        /// Where it is (`"body"`).
        field: String,
        /// What it should be (`"\"latitude,longitude\""`).
        expected: String,
        /// The value, cut to a bounded length.
        value: String,
    },
    /// A field the item cannot be read without.
    Missing {
        /// The field (`"messages[0].id"`).
        field: String,
    },
}

fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => describe_text(s),
        other => describe_text(&other.to_string()),
    }
}

impl ItemProblem {
    /// An unreadable timestamp in `field`.
    pub fn timestamp(field: impl Into<String>, value: &Value) -> Self {
        ItemProblem::Timestamp {
            field: field.into(),
            value: shown(value),
        }
    }

    /// A sender in `field` that is neither a phone number nor a user id.
    pub fn sender(field: impl Into<String>, value: &Value) -> Self {
        ItemProblem::Sender {
            field: field.into(),
            value: shown(value),
        }
    }

    /// Checks a sender: a phone number (digits, optional `+`) or a user id passes; anything
    /// else is [`ItemProblem::Sender`] naming `field` and the value.
    pub fn check_sender(field: &str, value: &str) -> Result<(), ItemProblem> {
        Self::check_sender_at(value, || field)
    }

    /// [`check_sender`](Self::check_sender) with the field's name made only for a problem.
    pub fn check_sender_at<F: Into<String>>(
        value: &str,
        field: impl FnOnce() -> F,
    ) -> Result<(), ItemProblem> {
        if super::message::is_phone(value) || crate::UserId::parse_field(value, "").is_ok() {
            Ok(())
        } else {
            Err(ItemProblem::sender(
                field(),
                &Value::String(value.to_string()),
            ))
        }
    }

    /// A value in `field` that is not what it should be.
    pub fn malformed(field: impl Into<String>, expected: impl Into<String>, value: &Value) -> Self {
        ItemProblem::Malformed {
            field: field.into(),
            expected: expected.into(),
            value: shown(value),
        }
    }

    /// A missing `field`.
    pub fn missing(field: impl Into<String>) -> Self {
        ItemProblem::Missing {
            field: field.into(),
        }
    }
}

impl fmt::Display for ItemProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemProblem::Timestamp { field, value } => write!(
                f,
                "{field}: expected unix seconds within the years 0000-9999, got {value}"
            ),
            ItemProblem::Sender { field, value } => write!(
                f,
                "{field}: expected a phone number (digits) or a user id, got {value}"
            ),
            ItemProblem::Malformed {
                field,
                expected,
                value,
            } => write!(f, "{field}: expected {expected}, got {value}"),
            ItemProblem::Missing { field } => write!(f, "{field}: missing"),
        }
    }
}
