//! What a provider answers when it accepts a message.

use crate::Provider;
use serde::{Deserialize, Serialize};

/// The provider accepted the message. Accepted is not delivered: delivery arrives later as
/// a status webhook ([`crate::InboundEvent::Status`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The provider that accepted it.
    pub provider: Provider,
    /// The provider's ids of the message (usually one).
    pub message_ids: Vec<String>,
    /// The provider's status word for the message, when it gives one (`"accepted"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The recipient as the provider resolved it (WhatsApp id), when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Minutes left in the customer-service window, when the provider says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_minutes_left: Option<u32>,
    /// What was changed in the message so that the provider could carry it (the `degrade`
    /// fidelity policy, [`crate::portability`]); empty (and not serialized) when it was sent
    /// as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub degraded: Vec<crate::portability::Degradation>,
}

impl Receipt {
    /// A receipt for one message id.
    pub fn new(provider: Provider, message_id: impl Into<String>) -> Self {
        Receipt {
            provider,
            message_ids: vec![message_id.into()],
            status: None,
            recipient: None,
            window_minutes_left: None,
            degraded: Vec::new(),
        }
    }

    /// The first message id.
    pub fn message_id(&self) -> Option<&str> {
        self.message_ids.first().map(String::as_str)
    }
}
