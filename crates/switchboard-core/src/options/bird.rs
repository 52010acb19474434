use serde::{Deserialize, Serialize};

/// Options only Bird understands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirdOptions {
    /// `tags`: at most 10, each 1-50 characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// `scheduledFor`: RFC 3339 time, no more than 35 days ahead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_for: Option<String>,
    /// `validity` in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<u64>,
    /// `ignoreQuietHours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_quiet_hours: Option<bool>,
    /// `capFrequency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_frequency: Option<bool>,
    /// `enableLinkTracking`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_link_tracking: Option<bool>,
    /// `reference`: your own reference for the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The template `version` (default `latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_version: Option<String>,
}
