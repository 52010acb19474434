//! The provider chosen by configuration.

#[cfg(any(feature = "99digital", feature = "360dialog", feature = "bird"))]
use crate::HttpMessenger;
use crate::{Config, HttpTransport, MemoryMessenger, Messenger};
use enum_dispatch::enum_dispatch;
use switchboard_core::{
    Capabilities, Error, InboundEvent, MediaUpload, OutboundMessage, Provider, Receipt,
    WebhookRequest, WireRequest,
};

/// One of the providers compiled in, chosen by configuration. Dispatch is static
/// (`enum_dispatch`): no boxing, no virtual calls.
///
/// ```
/// use switchboard::{AnyMessenger, Config, Messenger, Provider};
/// let messenger = AnyMessenger::from_config(&Config::default())?;
/// assert_eq!(messenger.provider(), Provider::Memory);
/// # Ok::<(), switchboard::Error>(())
/// ```
#[enum_dispatch(Messenger)]
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum AnyMessenger {
    /// The memory provider.
    Memory(MemoryMessenger),
    /// 99digital.
    #[cfg(feature = "99digital")]
    NinetyNineDigital(HttpMessenger<switchboard_99digital::NinetyNineDigitalAdapter>),
    /// 360dialog (Cloud or On-Premise).
    #[cfg(feature = "360dialog")]
    Dialog360(HttpMessenger<switchboard_360dialog::Dialog360Adapter>),
    /// Bird.
    #[cfg(feature = "bird")]
    Bird(HttpMessenger<switchboard_bird::BirdAdapter>),
}

fn feature_off(provider: Provider) -> Error {
    let name = provider.as_str();
    Error::configuration(format!(
        "provider `{name}` is configured, but switchboard was built without its cargo feature `{name}`; \
         enable it (switchboard = {{ features = [\"{name}\"] }})"
    ))
}

#[cfg(any(feature = "99digital", feature = "360dialog", feature = "bird"))]
fn missing_table(provider: Provider) -> Error {
    let name = provider.as_str();
    Error::configuration(format!(
        "provider = \"{name}\" but there is no [{name}] table"
    ))
}

impl AnyMessenger {
    /// Builds the messenger `config` names. A provider whose cargo feature is off is a
    /// [`Error::Configuration`] naming the feature.
    #[allow(unreachable_patterns, unused_variables)]
    pub fn from_config(config: &Config) -> Result<Self, Error> {
        let transport = || HttpTransport::new(config.http.clone());
        match config.provider {
            Provider::Memory => Ok(AnyMessenger::Memory(MemoryMessenger::new())),
            #[cfg(feature = "99digital")]
            Provider::NinetyNineDigital => {
                let s = config
                    .ninety_nine_digital
                    .clone()
                    .ok_or_else(|| missing_table(config.provider))?;
                let adapter = switchboard_99digital::NinetyNineDigitalAdapter::new(s)?;
                Ok(AnyMessenger::NinetyNineDigital(HttpMessenger::new(
                    adapter,
                    transport()?,
                )))
            }
            #[cfg(feature = "360dialog")]
            Provider::Dialog360 => {
                let s = config
                    .dialog360
                    .clone()
                    .ok_or_else(|| missing_table(config.provider))?;
                let adapter = switchboard_360dialog::Dialog360Adapter::new(s)?;
                Ok(AnyMessenger::Dialog360(HttpMessenger::new(
                    adapter,
                    transport()?,
                )))
            }
            #[cfg(feature = "bird")]
            Provider::Bird => {
                let s = config
                    .bird
                    .clone()
                    .ok_or_else(|| missing_table(config.provider))?;
                let adapter = switchboard_bird::BirdAdapter::new(s)?;
                Ok(AnyMessenger::Bird(HttpMessenger::new(
                    adapter,
                    transport()?,
                )))
            }
            other => Err(feature_off(other)),
        }
    }

    /// Verifies a webhook's signature (where the provider signs) and parses its events.
    /// The memory provider reads nothing and returns no events.
    #[allow(unused_variables)]
    pub fn receive_webhook(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Vec<InboundEvent>, Error> {
        match self {
            AnyMessenger::Memory(_) => Ok(Vec::new()),
            #[cfg(feature = "99digital")]
            AnyMessenger::NinetyNineDigital(m) => m.receive_webhook(webhook),
            #[cfg(feature = "360dialog")]
            AnyMessenger::Dialog360(m) => m.receive_webhook(webhook),
            #[cfg(feature = "bird")]
            AnyMessenger::Bird(m) => m.receive_webhook(webhook),
        }
    }

    /// The timestamp the provider signed into `webhook`, for providers that sign one (Bird
    /// with a signing key); `None` otherwise. Call it after [`AnyMessenger::receive_webhook`]
    /// accepted the delivery.
    #[allow(unused_variables)]
    pub fn webhook_signed_at(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Option<time::OffsetDateTime>, Error> {
        match self {
            AnyMessenger::Memory(_) => Ok(None),
            #[cfg(feature = "99digital")]
            AnyMessenger::NinetyNineDigital(m) => m.webhook_signed_at(webhook),
            #[cfg(feature = "360dialog")]
            AnyMessenger::Dialog360(m) => m.webhook_signed_at(webhook),
            #[cfg(feature = "bird")]
            AnyMessenger::Bird(m) => m.webhook_signed_at(webhook),
        }
    }
}
