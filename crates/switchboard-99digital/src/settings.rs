//! The `[99digital]` configuration table.

use serde::Deserialize;
use switchboard_core::{PhoneNumber, SecretString};

/// The `[99digital]` configuration table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NinetyNineDigitalSettings {
    /// The account's API key, sent as `apiKey` in every body.
    pub api_key: SecretString,
    /// The account's WhatsApp number, sent as `from`.
    pub from: PhoneNumber,
    /// The API base, ending with `/` (default `https://api.99digital.co.il/whatsapp/v2/`).
    #[serde(default)]
    pub base_url: Option<String>,
}

impl NinetyNineDigitalSettings {
    /// The default API base.
    pub const DEFAULT_BASE_URL: &'static str = "https://api.99digital.co.il/whatsapp/v2/";
}
