//! The `[360dialog]` configuration table.

use serde::{Deserialize, Serialize};
use switchboard_core::SecretString;

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
///
/// ```toml
/// [360dialog]
/// api_key = "..."            # sent as the D360-API-KEY header
/// hosting = "on-premise"     # or "cloud" (the default)
/// base_url = "https://waba.360dialog.io"   # optional: the host root, without /v1
/// template_namespace = "d8bcb6bd_2ab2_439c_9d9e_947501266c77"  # optional, On-Premise only
/// webhook_secret = "..."     # optional: partner webhooks must carry x-360dialog-signature
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialog360Settings {
    /// The channel's API key, sent as the `D360-API-KEY` header.
    pub api_key: SecretString,
    /// `cloud` (default) or `on-premise`.
    #[serde(default)]
    pub hosting: Hosting,
    /// The API base: the host root, without a `/v1` segment (default
    /// `https://waba-v2.360dialog.io` for Cloud, `https://waba.360dialog.io` for On-Premise).
    #[serde(default)]
    pub base_url: Option<String>,
    /// On-Premise only: the WhatsApp Business Account's template namespace, used for
    /// template messages that do not carry their own
    /// (`options.360dialog.template_namespace`). Not used on Cloud.
    #[serde(default)]
    pub template_namespace: Option<String>,
    /// The partner platform secret: when set, every webhook delivery must carry a valid
    /// `x-360dialog-signature` (HMAC-SHA256 of the raw body, hex;
    /// `docs/providers/reference/360dialog.md`, addendum). 360dialog signs partner webhooks only; leave it unset for a channel's own.
    #[serde(default)]
    pub webhook_secret: Option<SecretString>,
}

impl Dialog360Settings {
    /// The default Cloud API base.
    pub const DEFAULT_CLOUD_BASE_URL: &'static str = "https://waba-v2.360dialog.io";
    /// The default On-Premise API base.
    pub const DEFAULT_ON_PREMISE_BASE_URL: &'static str = "https://waba.360dialog.io";

    /// Settings for the Cloud API with `api_key` and the default base URL.
    pub fn new(api_key: impl Into<String>) -> Self {
        Dialog360Settings {
            api_key: SecretString::from(api_key.into()),
            hosting: Hosting::Cloud,
            base_url: None,
            template_namespace: None,
            webhook_secret: None,
        }
    }

    /// Sets the hosting.
    pub fn with_hosting(mut self, hosting: Hosting) -> Self {
        self.hosting = hosting;
        self
    }

    /// Sets the base URL (the host root, without `/v1`).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets the default On-Premise template namespace.
    pub fn with_template_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.template_namespace = Some(namespace.into());
        self
    }

    /// Sets the partner webhook secret (`x-360dialog-signature` is then required).
    pub fn with_webhook_secret(mut self, secret: impl Into<String>) -> Self {
        self.webhook_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// The base URL in effect: the configured one, or the default for the hosting.
    pub fn effective_base_url(&self) -> &str {
        match (&self.base_url, self.hosting) {
            (Some(url), _) => url,
            (None, Hosting::Cloud) => Self::DEFAULT_CLOUD_BASE_URL,
            (None, Hosting::OnPremise) => Self::DEFAULT_ON_PREMISE_BASE_URL,
        }
    }
}
