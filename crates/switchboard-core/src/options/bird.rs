use serde::{Deserialize, Serialize};

/// Options only Bird understands, sent as top-level fields of Bird's `CreateMessage` body.
///
/// JSON form (inside a message's `options`):
/// `{"bird": {"tags": ["spring-sale"], "scheduled_for": "2025-04-01T08:00:00Z", "validity": 3600}}`.
/// The Bird adapter checks every value before any request; an out-of-range value is an
/// [`crate::Error::InvalidMessage`] naming `options.bird.<field>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirdOptions {
    /// `tags`: at most 10, each 1-50 characters of letters, digits, `-`, `_` and space.
    /// Bird lower-cases tags; the adapter sends them lower-cased.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// `scheduledFor`: an RFC 3339 time, no more than 35 days ahead. A time in the past or
    /// within 10 minutes may be sent at once (Bird's rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_for: Option<String>,
    /// `validity`: for how many seconds the message stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<u64>,
    /// `ignoreQuietHours`: send as soon as possible, ignoring quiet-hours settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_quiet_hours: Option<bool>,
    /// `ignoreGlobalHoldout`: do not check the global holdout (transactional sends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_global_holdout: Option<bool>,
    /// `capFrequency`: apply the platform's frequency capping. `true` only with
    /// `use_case = "marketing"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_frequency: Option<bool>,
    /// `meta.extraInformation.useCase` (`"marketing"` enables `cap_frequency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_case: Option<String>,
    /// `enableLinkTracking`: append web-tracking parameters to links (test/campaign
    /// messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_link_tracking: Option<bool>,
    /// `reference`: your own reference for the message, echoed on its events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The template `version` (default `latest`); only for template messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_version: Option<String>,
}
