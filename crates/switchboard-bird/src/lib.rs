//! # switchboard-bird
//!
//! The switchboard adapter for Bird's Channels API (WhatsApp): sends
//! `POST {base}/workspaces/{workspace_id}/channels/{channel_id}/messages` with
//! `Authorization: AccessKey <key>`, reads the 202 `Message` answer and Bird's error
//! bodies, checks webhook signatures (`messagebird-signature`) and parses
//! `whatsapp.inbound` / `whatsapp.outbound` / `whatsapp.interaction` deliveries.
//!
//! The adapter is sans-IO: it describes requests, it does not send them.
//!
//! ```
//! use switchboard_bird::BirdAdapter;
//! use switchboard_bird::BirdSettings;
//! use switchboard_core::{Adapter, OutboundMessage};
//!
//! let adapter = BirdAdapter::new(BirdSettings::new("my-access-key", "ws-1", "ch-1"))?;
//! let msg = OutboundMessage::text("+31612345678".parse()?, "Hello")?;
//! let request = adapter.encode(&msg)?;
//! assert_eq!(request.url, "https://api.bird.com/workspaces/ws-1/channels/ch-1/messages");
//! assert_eq!(request.json().unwrap()["body"]["text"]["text"], "Hello");
//! // The dry-run form never shows the key:
//! assert_eq!(request.redacted()["headers"]["Authorization"], "***");
//! # Ok::<(), switchboard_core::Error>(())
//! ```

mod capabilities;
pub mod codes;
mod decode;
mod encode;
pub mod options;
pub mod settings;
mod webhook;

pub use encode::media;
pub use options::BirdOptions;
pub use settings::BirdSettings;

pub use encode::DEFAULT_TEMPLATE_VERSION;
pub use webhook::signature::{
    parse_timestamp, request_timestamp, verify_signature, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};

use secrecy::{ExposeSecret, SecretString};
use switchboard_core::{
    Adapter, Capabilities, ConfigurableAdapter, Error, InboundEvent, OutboundMessage, Provider,
    Receipt, WebhookRequest, WireRequest, WireResponse,
};
use time::OffsetDateTime;

/// The provider's name: the `[bird]` table, `options.bird`, and what errors and events carry.
pub const PROVIDER: Provider = Provider::new("bird");

/// The name of the send operation in [`WireRequest::operation`].
pub const OPERATION_SEND: &str = "messages";

/// Bird's Channels API adapter. Its `Debug` never shows the access or signing key.
#[derive(Debug, Clone)]
pub struct BirdAdapter {
    /// `AccessKey <access_key>`, built once and shared with every request's header.
    authorization: std::sync::Arc<SecretString>,
    signing_key: Option<SecretString>,
    messages_url: String,
    capabilities: Capabilities,
}

/// Checks an id that goes into the URL path.
fn path_id(name: &str, value: &str) -> Result<(), Error> {
    if value.is_empty()
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::configuration(format!(
            "bird.{name} must be a non-empty id of letters, digits, '-' and '_' (Bird uses UUIDs), got {value:?}"
        )));
    }
    Ok(())
}

impl BirdAdapter {
    /// An adapter for `settings`. A bad `base_url`, an empty key or an id that does not fit
    /// in a URL path is an [`Error::Configuration`].
    pub fn new(settings: BirdSettings) -> Result<Self, Error> {
        let raw = settings
            .base_url
            .as_deref()
            .unwrap_or(BirdSettings::DEFAULT_BASE_URL);
        let base = switchboard_core::settings::base_url(PROVIDER, raw)?;
        if settings.access_key.expose_secret().trim().is_empty() {
            return Err(Error::configuration("bird.access_key is empty"));
        }
        if let Some(key) = &settings.signing_key {
            if key.expose_secret().is_empty() {
                return Err(Error::configuration(
                    "bird.signing_key is empty (leave it out to skip signature checks)",
                ));
            }
        }
        path_id("workspace_id", &settings.workspace_id)?;
        path_id("channel_id", &settings.channel_id)?;
        Ok(BirdAdapter {
            messages_url: format!(
                "{base}/workspaces/{}/channels/{}/messages",
                settings.workspace_id, settings.channel_id
            ),
            authorization: std::sync::Arc::new(SecretString::from(format!(
                "AccessKey {}",
                settings.access_key.expose_secret()
            ))),
            signing_key: settings.signing_key,
            capabilities: capabilities::bird(),
        })
    }

    /// The URL messages are sent to.
    pub fn messages_url(&self) -> &str {
        &self.messages_url
    }

    /// [`Adapter::encode`] with `now` as the current time (for the `scheduled_for` check):
    /// deterministic, for tests and reproducible renders.
    pub fn encode_at(
        &self,
        message: &OutboundMessage,
        now: OffsetDateTime,
    ) -> Result<WireRequest, Error> {
        switchboard_core::adapter::encode_with(self, message, |m| self.translate_at(m, now))
    }

    /// The translation of [`BirdAdapter::encode_at`], after the checks.
    fn translate_at(
        &self,
        message: &OutboundMessage,
        now: OffsetDateTime,
    ) -> Result<WireRequest, Error> {
        let body = encode::body(&self.capabilities, message, now)?;
        Ok(
            WireRequest::post_json(OPERATION_SEND, self.messages_url.clone(), body)
                .header("Accept", "application/json")
                .secret_header("Authorization", std::sync::Arc::clone(&self.authorization)),
        )
    }

    /// Verifies a delivery's signature with the configured signing key and returns its
    /// signed `messagebird-request-timestamp`, so a caller can apply an age window of its
    /// own (Bird's retries keep the original timestamp for hours). Without a signing key
    /// this is a [`Error::Configuration`].
    pub fn verify_webhook_timestamp(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<OffsetDateTime, Error> {
        let key = self.signing_key.as_ref().ok_or_else(|| {
            Error::configuration("bird.signing_key is not set: webhooks cannot be verified")
        })?;
        webhook::signature::verify_request(key.expose_secret(), webhook)
    }
}

impl Adapter for BirdAdapter {
    fn provider(&self) -> Provider {
        PROVIDER
    }

    fn capabilities(&self) -> &Capabilities {
        &self.capabilities
    }

    fn translate(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        self.translate_at(message, OffsetDateTime::now_utc())
    }

    fn decode(&self, _request: &WireRequest, response: &WireResponse) -> Result<Receipt, Error> {
        decode::receipt(response)
    }

    /// With a signing key configured: the signature must be present and right
    /// ([`verify_signature`]); its age is checked by the receiver, from
    /// [`Adapter::signed_timestamp`]. Without one: accepts.
    fn verify_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<(), Error> {
        match &self.signing_key {
            Some(key) => {
                webhook::signature::verify_request(key.expose_secret(), webhook).map(|_| ())
            }
            None => Ok(()),
        }
    }

    /// With a signing key configured: the signed `messagebird-request-timestamp` (the
    /// signature covers it). Without one nothing is signed: none.
    fn signed_timestamp(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Option<OffsetDateTime>, Error> {
        match &self.signing_key {
            Some(_) => webhook::signature::request_timestamp(webhook).map(Some),
            None => Ok(None),
        }
    }

    fn parse_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> {
        webhook::parse(webhook.body)
    }
}

impl ConfigurableAdapter for BirdAdapter {
    const NAME: Provider = PROVIDER;
    type Settings = BirdSettings;

    fn from_settings(settings: BirdSettings) -> Result<Self, Error> {
        BirdAdapter::new(settings)
    }

    fn documented_codes() -> Vec<switchboard_core::codes::CodeColumn> {
        codes::documented()
    }
}
