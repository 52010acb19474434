//! What providers post back: incoming messages, delivery statuses, interactions, account
//! changes, and what could not be read.
//!
//! Every type here has a documented JSON form and round-trips through serde, so a webhook
//! journal can store events as JSON and replay them. `docs/webhooks.md` shows an example of
//! every event.

mod account;
mod content;
mod message;
mod problem;
mod raw;
mod status;
mod timestamp;

pub use account::{AccountChange, AccountEvent};
pub use content::{InboundContent, InboundMedia, OrderItem};
pub use message::{InboundMessage, Referral};
pub use problem::{InvalidItem, ItemKind, ItemProblem};
pub use raw::RawJson;
pub use status::{Conversation, DeliveryStatus, EventError, Interaction, Pricing, StatusUpdate};
pub(crate) use timestamp::from_unix;
pub use timestamp::{rfc3339_timestamp, timestamp_field, unix_timestamp};

use crate::Provider;
use serde::{Deserialize, Serialize};

/// One event from a provider's webhook. A delivery may hold several; parsers read them all.
///
/// JSON form: an object with one key naming the kind: `{"message": {...}}`,
/// `{"status": {...}}`, `{"interaction": {...}}`, `{"account": {...}}`,
/// `{"provider_errors": {...}}`, `{"invalid": {...}}` or `{"unknown": {...}}`.
// Most events are messages, the largest variant: boxing it would cost an allocation per
// message to save space on the rarer kinds.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InboundEvent {
    /// A message from a user.
    Message(InboundMessage),
    /// A delivery status of a message we sent.
    Status(StatusUpdate),
    /// Something a user did with a message we sent, other than reading it (a Bird
    /// `whatsapp.interaction` such as `clicked`).
    Interaction(Interaction),
    /// A change to the business account, its phone numbers or its templates.
    Account(AccountEvent),
    /// Errors the provider reported that concern no message or status of the delivery.
    ProviderErrors(ErrorReport),
    /// A message or status the provider sent that cannot be read as valid (an unparsable
    /// timestamp, a sender that is no number or user id, a missing id): reported with the
    /// problem, never accepted as valid and never dropped.
    Invalid(InvalidItem),
    /// Something the parser does not model: kept whole.
    Unknown(UnknownEvent),
}

impl InboundEvent {
    /// The provider that posted it.
    pub fn provider(&self) -> Provider {
        match self {
            InboundEvent::Message(e) => e.provider,
            InboundEvent::Status(e) => e.provider,
            InboundEvent::Interaction(e) => e.provider,
            InboundEvent::Account(e) => e.provider,
            InboundEvent::ProviderErrors(e) => e.provider,
            InboundEvent::Invalid(e) => e.provider,
            InboundEvent::Unknown(e) => e.provider,
        }
    }

    /// The provider's JSON the event was read from.
    pub fn raw(&self) -> &RawJson {
        match self {
            InboundEvent::Message(e) => &e.raw,
            InboundEvent::Status(e) => &e.raw,
            InboundEvent::Interaction(e) => &e.raw,
            InboundEvent::Account(e) => &e.raw,
            InboundEvent::ProviderErrors(e) => &e.raw,
            InboundEvent::Invalid(e) => &e.raw,
            InboundEvent::Unknown(e) => &e.raw,
        }
    }
}

/// Errors the provider reported at the level of a whole delivery (Cloud API `value.errors`)
/// that concern no message or status in it. Errors that do concern one are attached to it
/// ([`InboundMessage::errors`], [`StatusUpdate::errors`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// The provider.
    pub provider: Provider,
    /// Every error, in the provider's order.
    pub errors: Vec<EventError>,
    /// The provider's JSON (the part of the delivery that carried the errors).
    pub raw: RawJson,
}

/// An event the parser does not model, kept whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnknownEvent {
    /// The provider.
    pub provider: Provider,
    /// The provider's name for the kind of event, when it gives one (a Cloud API change
    /// `field` such as `"business_capability_update"`, a Bird event name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Why it is unknown (`"event type whatsapp.foo"`).
    pub reason: String,
    /// The provider's JSON.
    pub raw: RawJson,
}

impl UnknownEvent {
    /// An unknown event of `provider`, with the reason and the raw JSON.
    pub fn new(provider: Provider, reason: impl Into<String>, raw: impl Into<RawJson>) -> Self {
        UnknownEvent {
            provider,
            field: None,
            reason: reason.into(),
            raw: raw.into(),
        }
    }

    /// Names the provider's kind of event.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl From<UnknownEvent> for InboundEvent {
    fn from(e: UnknownEvent) -> Self {
        InboundEvent::Unknown(e)
    }
}

#[cfg(test)]
mod tests;
