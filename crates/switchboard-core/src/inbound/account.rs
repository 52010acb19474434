//! Changes to the business account that users act on: template reviews and quality,
//! phone-number quality, account updates.

use super::RawJson;
use crate::Provider;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A change to the business account, one of its phone numbers or one of its templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountEvent {
    /// The provider.
    pub provider: Provider,
    /// The business account (Cloud API `entry[].id`, the WABA id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// When, when given (Cloud API `entry[].time`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub timestamp: Option<OffsetDateTime>,
    /// What changed.
    pub change: AccountChange,
    /// The provider's JSON (the change).
    pub raw: RawJson,
}

impl AccountEvent {
    /// A change of `provider`'s account; set the others on the result.
    pub fn new(provider: Provider, change: AccountChange) -> Self {
        AccountEvent {
            provider,
            account_id: None,
            timestamp: None,
            change,
            raw: RawJson::null(),
        }
    }
}

/// What changed. JSON form: an object whose `"field"` is the Cloud API field name
/// (`{"field": "message_template_status_update", "event": "APPROVED", ...}`); what the
/// model does not name stays in [`AccountEvent::raw`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AccountChange {
    /// A template was reviewed, paused, disabled... (`message_template_status_update`).
    MessageTemplateStatusUpdate {
        /// What happened (`APPROVED`, `REJECTED`, `PAUSED`, `DISABLED`, ...).
        event: String,
        /// The template's id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template_id: Option<String>,
        /// The template's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template_name: Option<String>,
        /// The template's language.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// Why, when given (`null` and `"NONE"` are `None`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A template's quality score changed (`message_template_quality_update`).
    MessageTemplateQualityUpdate {
        /// The template's id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template_id: Option<String>,
        /// The template's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template_name: Option<String>,
        /// The template's language.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// The score before (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous_score: Option<String>,
        /// The score now.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        new_score: Option<String>,
    },
    /// A phone number's quality or messaging limit changed (`phone_number_quality_update`).
    PhoneNumberQualityUpdate {
        /// What happened (`FLAGGED`, `UNFLAGGED`, `UPGRADE`, `DOWNGRADE`, ...).
        event: String,
        /// The phone number, as displayed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone_number: Option<String>,
        /// The messaging limit now (`TIER_10K`, ...).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        current_limit: Option<String>,
    },
    /// Something happened to the account: verification, restriction, ban, partner added...
    /// (`account_update`); the details for each `event` stay in the raw JSON.
    AccountUpdate {
        /// What happened (`VERIFIED_ACCOUNT`, `ACCOUNT_RESTRICTION`, `DISABLED_UPDATE`, ...).
        event: String,
        /// The phone number concerned, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone_number: Option<String>,
    },
}
