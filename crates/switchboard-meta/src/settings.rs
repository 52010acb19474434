//! The `[meta]` configuration table (`docs/providers/meta.md`, "Configuration").

use serde::Deserialize;
use switchboard_core::SecretString;

/// The `[meta]` configuration table.
///
/// ```toml
/// provider = "meta"
/// [meta]
/// access_token = "..."        # sent as Authorization: Bearer; a secret
/// phone_number_id = "106540352242922"
/// api_version = "v23.0"       # default
/// base_url = "https://graph.facebook.com"   # default
/// app_secret = "..."          # optional, a secret: verifies X-Hub-Signature-256
/// verify_token = "..."        # optional, a secret: answers the subscription handshake
/// ```
///
/// `Debug` shows every secret as `[REDACTED]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaSettings {
    /// A system-user access token with the `whatsapp_business_messaging` permission, sent as
    /// `Authorization: Bearer <token>`.
    pub access_token: SecretString,
    /// The business phone number's id (not the phone number): the path segment of
    /// `/{version}/{phone_number_id}/messages`.
    pub phone_number_id: String,
    /// The Graph API version pinned in every path, `vMAJOR.MINOR` (default
    /// [`MetaSettings::DEFAULT_API_VERSION`]).
    #[serde(default)]
    pub api_version: Option<String>,
    /// The Graph API host root (default [`MetaSettings::DEFAULT_BASE_URL`]); a loopback
    /// stand-in in tests.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The Meta app's App Secret: when set, every webhook delivery must carry a valid
    /// `X-Hub-Signature-256`.
    #[serde(default)]
    pub app_secret: Option<SecretString>,
    /// The verify token typed in the App Dashboard: when set, the `GET` subscription
    /// handshake is answered.
    #[serde(default)]
    pub verify_token: Option<SecretString>,
}

impl MetaSettings {
    /// The default Graph API version.
    pub const DEFAULT_API_VERSION: &'static str = "v23.0";
    /// The default Graph API host.
    pub const DEFAULT_BASE_URL: &'static str = "https://graph.facebook.com";

    /// Settings with `access_token` and `phone_number_id`, everything else by default.
    pub fn new(access_token: impl Into<String>, phone_number_id: impl Into<String>) -> Self {
        MetaSettings {
            access_token: SecretString::from(access_token.into()),
            phone_number_id: phone_number_id.into(),
            api_version: None,
            base_url: None,
            app_secret: None,
            verify_token: None,
        }
    }

    /// Sets the Graph API version (`v23.0`).
    pub fn with_api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Sets the host root.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets the App Secret that signs webhooks.
    pub fn with_app_secret(mut self, app_secret: impl Into<String>) -> Self {
        self.app_secret = Some(SecretString::from(app_secret.into()));
        self
    }

    /// Sets the verify token of the subscription handshake.
    pub fn with_verify_token(mut self, verify_token: impl Into<String>) -> Self {
        self.verify_token = Some(SecretString::from(verify_token.into()));
        self
    }

    /// The version in effect.
    pub fn effective_api_version(&self) -> &str {
        self.api_version
            .as_deref()
            .unwrap_or(Self::DEFAULT_API_VERSION)
    }

    /// The host root in effect.
    pub fn effective_base_url(&self) -> &str {
        self.base_url.as_deref().unwrap_or(Self::DEFAULT_BASE_URL)
    }
}
