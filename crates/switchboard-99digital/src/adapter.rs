//! The 99digital adapter: settings, construction and the [`Adapter`] implementation.

use crate::capabilities::CAPABILITIES;
use crate::{decode, encode, webhook};
use std::fmt;
use switchboard_core::settings::NinetyNineDigitalSettings;
use switchboard_core::{
    Adapter, Capabilities, Error, ExposeSecret, InboundEvent, OutboundMessage, PhoneNumber,
    Provider, Receipt, SecretString, WebhookRequest, WireRequest, WireResponse, REDACTED,
};

/// Sends WhatsApp messages through 99digital's API v2 (sans-IO: it describes requests and
/// reads answers; the facade's transport does the I/O).
///
/// `Debug` shows the `from` number and the base URL, never the API key.
#[derive(Clone)]
pub struct NinetyNineDigitalAdapter {
    api_key: SecretString,
    from: PhoneNumber,
    base_url: String,
}

impl NinetyNineDigitalAdapter {
    /// An adapter for the account in `settings`.
    ///
    /// Fails with [`Error::Configuration`] when the API key is empty or `base_url` is not an
    /// `http(s)://` URL with a host. A missing trailing `/` on `base_url` is added.
    pub fn new(settings: NinetyNineDigitalSettings) -> Result<Self, Error> {
        if settings.api_key.expose_secret().trim().is_empty() {
            return Err(Error::configuration("[99digital] api_key is empty"));
        }
        let base = settings
            .base_url
            .as_deref()
            .unwrap_or(NinetyNineDigitalSettings::DEFAULT_BASE_URL)
            .trim();
        let rest = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"));
        let host = rest.map(|r| r.split('/').next().unwrap_or(""));
        let has_host = matches!(host, Some(h) if !h.is_empty());
        if !has_host || base.contains(char::is_whitespace) {
            return Err(Error::configuration(format!(
                "[99digital] base_url must be an http:// or https:// URL with a host, got {base:?}"
            )));
        }
        let mut base_url = base.to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Ok(NinetyNineDigitalAdapter {
            api_key: settings.api_key,
            from: settings.from,
            base_url,
        })
    }

    /// The API base, ending with `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The account's WhatsApp number (sent as `from`).
    pub fn from_number(&self) -> &PhoneNumber {
        &self.from
    }

    fn account(&self) -> encode::Account<'_> {
        encode::Account {
            api_key: &self.api_key,
            from: self.from.digits(),
            base_url: &self.base_url,
        }
    }
}

impl fmt::Debug for NinetyNineDigitalAdapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NinetyNineDigitalAdapter")
            .field("from", &self.from)
            .field("base_url", &self.base_url)
            .field("api_key", &REDACTED)
            .finish()
    }
}

impl Adapter for NinetyNineDigitalAdapter {
    fn provider(&self) -> Provider {
        Provider::NinetyNineDigital
    }

    fn capabilities(&self) -> &Capabilities {
        &CAPABILITIES
    }

    fn encode(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        encode::encode(&self.account(), message)
    }

    fn decode(&self, request: &WireRequest, response: &WireResponse) -> Result<Receipt, Error> {
        decode::decode(&self.api_key, request, response)
    }

    fn parse_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> {
        webhook::parse(webhook.body)
    }
}
