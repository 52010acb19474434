use secrecy::SecretString;
use serde::Deserialize;

/// The `[bird]` configuration table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirdSettings {
    /// The access key, sent as `Authorization: AccessKey <key>`.
    pub access_key: SecretString,
    /// The workspace id.
    pub workspace_id: String,
    /// The WhatsApp channel id.
    pub channel_id: String,
    /// The webhook signing key, to verify `messagebird-signature`.
    #[serde(default)]
    pub signing_key: Option<SecretString>,
    /// The API base (default `https://api.bird.com`).
    #[serde(default)]
    pub base_url: Option<String>,
}

impl BirdSettings {
    /// The default API base.
    pub const DEFAULT_BASE_URL: &'static str = "https://api.bird.com";
}
