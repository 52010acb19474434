//! Where a message we sent stands, and what users do with it.

use super::RawJson;
use crate::Provider;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Where a message we sent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// Accepted by the provider, not yet sent.
    Accepted,
    /// Sent to WhatsApp.
    Sent,
    /// Delivered to the phone.
    Delivered,
    /// Read by the user.
    Read,
    /// The user played the voice message.
    Played,
    /// Failed; see [`StatusUpdate::errors`].
    Failed,
    /// Deleted by the user (WhatsApp's `deleted`).
    Deleted,
}

/// An error a provider reported about a message or a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventError {
    /// The provider's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The provider's title or reason.
    pub message: String,
    /// The provider's details, when they say more than the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl EventError {
    /// An error with `code` and `message`.
    pub fn new(code: Option<String>, message: impl Into<String>) -> Self {
        EventError {
            code,
            message: message.into(),
            details: None,
        }
    }

    /// Adds details.
    pub fn with_details(mut self, details: Option<String>) -> Self {
        self.details = details;
        self
    }
}

/// What a message costs (Cloud API `pricing`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pricing {
    /// Whether it is billed (deprecated by Meta, still sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
    /// The pricing category (`service`, `marketing`, `utility`, `authentication`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The pricing model (`PMP`, formerly `CBP`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The price type (`regular`, `free_customer_service`, `free_entry_point`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The conversation a message was billed in (Cloud API `conversation`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Conversation {
    /// The conversation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Who opened it (`service`, `marketing`, `utility`, `authentication`, `referral_conversion`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// When it expires, when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub expires_at: Option<OffsetDateTime>,
}

/// A delivery status of a message we sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusUpdate {
    /// The provider.
    pub provider: Provider,
    /// The provider's id of the message (the one in the [`crate::Receipt`]).
    pub message_id: String,
    /// WhatsApp's own id of the message (`wamid.…`), when the provider's id is another one
    /// (Bird's `parts[].platformReference`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp_id: Option<String>,
    /// The recipient as the provider names it (a phone number, or the group id for a group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// The recipient's user id, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_user_id: Option<String>,
    /// The group the message went to; `None` for a one-to-one chat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// For a group: the participant this status is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    /// The status.
    pub status: DeliveryStatus,
    /// When, when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub timestamp: Option<OffsetDateTime>,
    /// Every error the provider gave (why it failed), in its order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<EventError>,
    /// What it costs, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
    /// The conversation it was billed in, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<Conversation>,
    /// The tracking data sent with the message, echoed back (Cloud API
    /// `biz_opaque_callback_data`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_data: Option<String>,
    /// The provider's JSON for this status.
    pub raw: RawJson,
}

impl StatusUpdate {
    /// A status with only the required parts; set the others on the result.
    pub fn new(provider: Provider, message_id: impl Into<String>, status: DeliveryStatus) -> Self {
        StatusUpdate {
            provider,
            message_id: message_id.into(),
            whatsapp_id: None,
            recipient: None,
            recipient_user_id: None,
            group_id: None,
            participant: None,
            status,
            timestamp: None,
            errors: Vec::new(),
            pricing: None,
            conversation: None,
            callback_data: None,
            raw: RawJson::null(),
        }
    }
}

/// Something a user did with a message we sent, other than reading it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Interaction {
    /// The provider.
    pub provider: Provider,
    /// The provider's id of our message.
    pub message_id: String,
    /// The provider's kind of interaction (Bird: `clicked`).
    pub kind: String,
    /// The payload of the button tapped, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
    /// The provider's details (Bird: `item_0_clicked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// When, when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub timestamp: Option<OffsetDateTime>,
    /// The provider's JSON.
    pub raw: RawJson,
}

impl Interaction {
    /// An interaction of `kind` with message `message_id`; set the others on the result.
    pub fn new(provider: Provider, message_id: impl Into<String>, kind: impl Into<String>) -> Self {
        Interaction {
            provider,
            message_id: message_id.into(),
            kind: kind.into(),
            payload: None,
            details: None,
            timestamp: None,
            raw: RawJson::null(),
        }
    }
}
