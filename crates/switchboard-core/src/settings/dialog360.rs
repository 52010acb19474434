use secrecy::SecretString;
use serde::{Deserialize, Serialize};

/// Which 360dialog API the account is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hosting {
    /// The Cloud API (v2), `waba-v2.360dialog.io`. The default.
    #[default]
    Cloud,
    /// The legacy On-Premise API (v1), `waba.360dialog.io/v1`.
    OnPremise,
}

/// The `[360dialog]` configuration table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialog360Settings {
    /// The channel's API key, sent as the `D360-API-KEY` header.
    pub api_key: SecretString,
    /// `cloud` (default) or `on-premise`.
    #[serde(default)]
    pub hosting: Hosting,
    /// The API base (default `https://waba-v2.360dialog.io` for Cloud,
    /// `https://waba.360dialog.io` for On-Premise).
    #[serde(default)]
    pub base_url: Option<String>,
}

impl Dialog360Settings {
    /// The default Cloud API base.
    pub const DEFAULT_CLOUD_BASE_URL: &'static str = "https://waba-v2.360dialog.io";
    /// The default On-Premise API base.
    pub const DEFAULT_ON_PREMISE_BASE_URL: &'static str = "https://waba.360dialog.io";
}
