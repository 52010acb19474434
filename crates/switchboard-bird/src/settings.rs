//! The `[bird]` configuration table.

use secrecy::SecretString;
use serde::Deserialize;

/// The `[bird]` configuration table.
///
/// ```toml
/// [bird]
/// access_key = "..."
/// workspace_id = "3f2a..."
/// channel_id = "9c1b..."
/// signing_key = "..."              # optional: verify webhook signatures
/// base_url = "https://api.bird.com" # optional
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirdSettings {
    /// The access key, sent as `Authorization: AccessKey <key>`.
    pub access_key: SecretString,
    /// The workspace id (a UUID).
    pub workspace_id: String,
    /// The WhatsApp channel id (a UUID).
    pub channel_id: String,
    /// The signing key of the webhook subscription, to verify `messagebird-signature`.
    /// When absent, webhooks are not checked.
    #[serde(default)]
    pub signing_key: Option<SecretString>,
    /// The API base (default `https://api.bird.com`).
    #[serde(default)]
    pub base_url: Option<String>,
}

impl BirdSettings {
    /// The default API base.
    pub const DEFAULT_BASE_URL: &'static str = "https://api.bird.com";

    /// Settings with the default base URL and no signing key.
    pub fn new(
        access_key: impl Into<String>,
        workspace_id: impl Into<String>,
        channel_id: impl Into<String>,
    ) -> Self {
        BirdSettings {
            access_key: SecretString::from(access_key.into()),
            workspace_id: workspace_id.into(),
            channel_id: channel_id.into(),
            signing_key: None,
            base_url: None,
        }
    }
}
