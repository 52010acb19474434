//! The `[webhook]` table of the configuration.

use serde::Deserialize;

/// The `[webhook]` table: where the webhook receiver listens and what it is called.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// The path webhooks are posted to (default `/`).
    #[serde(default)]
    pub path: Option<String>,
    /// The public URL the provider posts to, as configured at the provider. Bird signs it.
    #[serde(default)]
    pub public_url: Option<String>,
}
