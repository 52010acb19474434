//! # switchboard-99digital
//!
//! The [99digital](https://docs.99digital.co.il) WhatsApp API v2 adapter of switchboard:
//! pure translation (sans-IO) between the switchboard model and 99digital's flat JSON
//! endpoints (`sendMessage`, `sendFile`, `sendButtons`, `sendLocation`, `sendReaction`,
//! `sendContact`, `sendTemplate`), their `status`/`reason` answers and their webhooks.
//!
//! ```
//! use switchboard_99digital::{NinetyNineDigitalAdapter, NinetyNineDigitalSettings};
//! use switchboard_core::{Adapter, OutboundMessage, SecretString, WireResponse};
//!
//! let adapter = NinetyNineDigitalAdapter::new(NinetyNineDigitalSettings {
//!     api_key: SecretString::from("my-key"),
//!     from: "972771234567".parse()?,
//!     base_url: None,
//! })?;
//! let message = OutboundMessage::text("+972 50-123-4567".parse()?, "Hello")?;
//! let request = adapter.encode(&message)?;
//! assert_eq!(request.url, "https://api.99digital.co.il/whatsapp/v2/sendMessage");
//! assert_eq!(request.json().unwrap()["to"], "972501234567");
//! // The dry-run form never shows the key:
//! assert_eq!(request.redacted()["body"]["apiKey"], "***");
//!
//! let answer = WireResponse::new(200, r#"{"status":"OK","unique":"65dfd4r4","templateTimeLeft":"400","reason":1}"#);
//! let receipt = adapter.decode(&request, &answer)?;
//! assert_eq!(receipt.message_id(), Some("65dfd4r4"));
//! assert_eq!(receipt.window_minutes_left, Some(400));
//! # Ok::<(), switchboard_core::Error>(())
//! ```
//!
//! Content 99digital cannot carry (lists, whose parameter table is not in
//! `docs/providers/reference/99digital.md` section 3.4;
//! stickers; media by id; file names; text headers; named template parameters) is refused
//! before any I/O with [`switchboard_core::Error::Unsupported`] naming the reason; see
//! [`capabilities::REASONS`].

pub mod capabilities;
pub mod codes;
mod decode;
mod encode;
pub mod options;
pub mod settings;
mod webhook;

pub use capabilities::CAPABILITIES;
pub use encode::API_KEY_POINTER;
pub use options::NinetyNineDigitalOptions;
pub use settings::NinetyNineDigitalSettings;

/// The provider's name: the `[99digital]` table, `options.99digital`, and what errors and
/// events carry.
pub const PROVIDER: Provider = Provider::new("99digital");

use std::fmt;
use switchboard_core::{
    Adapter, Capabilities, ConfigurableAdapter, Error, ExposeSecret, InboundEvent, OutboundMessage,
    PhoneNumber, Provider, Receipt, SecretString, WebhookRequest, WireRequest, WireResponse,
    REDACTED,
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
        let default = NinetyNineDigitalSettings::DEFAULT_BASE_URL;
        let raw = settings.base_url.as_deref().unwrap_or(default);
        let mut base_url = switchboard_core::settings::base_url(PROVIDER, raw)?;
        base_url.push('/');
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
        PROVIDER
    }

    fn capabilities(&self) -> &Capabilities {
        &CAPABILITIES
    }

    fn translate(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        encode::encode(&self.account(), message)
    }

    fn decode(&self, request: &WireRequest, response: &WireResponse) -> Result<Receipt, Error> {
        decode::decode(&self.api_key, request, response)
    }

    fn parse_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> {
        webhook::parse(webhook.body)
    }
}

impl ConfigurableAdapter for NinetyNineDigitalAdapter {
    const NAME: Provider = PROVIDER;
    type Settings = NinetyNineDigitalSettings;

    fn from_settings(settings: NinetyNineDigitalSettings) -> Result<Self, Error> {
        NinetyNineDigitalAdapter::new(settings)
    }

    fn documented_codes() -> Vec<switchboard_core::codes::CodeColumn> {
        codes::documented()
    }
}
