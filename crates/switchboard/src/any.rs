//! The provider chosen by configuration, and the one place the facade learns of each
//! provider: its line in the `providers!` list below (see `registry.rs`).

use crate::http::Receive;
#[allow(unused_imports)]
use crate::HttpMessenger;
use crate::{Config, HttpTransport, MemoryMessenger, Messenger};
use enum_dispatch::enum_dispatch;
use switchboard_core::portability::{Degradation, Fidelity};
#[allow(unused_imports)]
use switchboard_core::DownloadedMedia;
use switchboard_core::{
    Capabilities, Error, InboundEvent, MediaUpload, OutboundMessage, Provider, Receipt,
    WebhookRequest, WireRequest,
};

providers! {
    "99digital" => NinetyNineDigital(switchboard_99digital::NinetyNineDigitalAdapter),
    "360dialog" => Dialog360(switchboard_360dialog::Dialog360Adapter),
    "bird" => Bird(switchboard_bird::BirdAdapter),
    "meta" => Meta(switchboard_meta::MetaAdapter),
}

impl AnyMessenger {
    /// Builds the messenger `config` names. A provider whose cargo feature is off is a
    /// [`Error::Configuration`] naming the feature.
    ///
    /// ```
    /// use switchboard::{AnyMessenger, Config, Messenger, MEMORY};
    /// let messenger = AnyMessenger::from_config(&Config::default())?;
    /// assert_eq!(messenger.provider(), MEMORY);
    /// # Ok::<(), switchboard::Error>(())
    /// ```
    pub fn from_config(config: &Config) -> Result<Self, Error> {
        if config.provider == crate::MEMORY {
            return Ok(AnyMessenger::Memory(MemoryMessenger::new()));
        }
        let registration = crate::registry::find(config.provider)?;
        let table = config
            .providers
            .get(config.provider)
            .ok_or_else(|| missing_table(config.provider))?;
        let transport = HttpTransport::new(config.http.clone())?;
        (registration.build)(table, transport, crate::Portability::from_config(config))
    }

    /// Verifies a webhook's signature (where the provider signs) and parses its events.
    /// The memory provider reads nothing and returns no events.
    pub fn receive_webhook(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Vec<InboundEvent>, Error> {
        Receive::receive_webhook(self, webhook)
    }

    /// The timestamp the provider signed into `webhook`, for providers that sign one (Bird
    /// with a signing key); `None` otherwise. Call it after [`AnyMessenger::receive_webhook`]
    /// accepted the delivery.
    pub fn webhook_signed_at(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Option<time::OffsetDateTime>, Error> {
        Receive::webhook_signed_at(self, webhook)
    }

    /// Answers the provider's subscription handshake `GET` to `url` (Meta's
    /// `hub.mode=subscribe`): `Ok(body)` is a 200 with that plain-text body,
    /// [`Error::InvalidSignature`] a 403, [`Error::Unsupported`] a provider without one.
    pub fn answer_handshake(&self, url: &str) -> Result<String, Error> {
        Receive::answer_handshake(self, url)
    }
}

fn missing_table(provider: Provider) -> Error {
    let name = provider.as_str();
    Error::configuration(format!(
        "provider = \"{name}\" but there is no [{name}] table"
    ))
}
