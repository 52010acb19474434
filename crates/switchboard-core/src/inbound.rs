//! What providers post back: incoming messages, replies and delivery statuses.

use crate::model::{Contact, MediaKind};
use crate::Provider;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

/// One event from a provider's webhook. A delivery may hold several; parsers read them all.
///
/// JSON form: `{"message": {...}}`, `{"status": {...}}` or `{"unknown": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InboundEvent {
    /// A message from a user.
    Message(InboundMessage),
    /// A delivery status of a message we sent.
    Status(StatusUpdate),
    /// Something the parser does not model: kept whole.
    Unknown(UnknownEvent),
}

/// A message from a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboundMessage {
    /// The provider that delivered it.
    pub provider: Provider,
    /// The provider's id of the message.
    pub id: String,
    /// The sender's number, digits as the provider gave them (E.164 for Bird).
    pub from: String,
    /// The sender's display name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// When the message was sent, when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub timestamp: Option<OffsetDateTime>,
    /// The provider's id of the message this one quotes or answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// Minutes left in the customer-service window, when the provider says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_minutes_left: Option<u32>,
    /// What the user sent.
    pub content: InboundContent,
    /// The provider's JSON for this message.
    pub raw: Value,
}

/// What a user sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InboundContent {
    /// Text.
    Text {
        /// The text.
        body: String,
    },
    /// An image, video, audio, document or sticker.
    Media {
        /// The kind.
        kind: MediaKind,
        /// The provider's media id, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// A URL to fetch it from, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link: Option<String>,
        /// The MIME type, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mime_type: Option<String>,
        /// The caption, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        /// The file name, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filename: Option<String>,
    },
    /// A tap on a reply button (or a template quick-reply button): our id and the title.
    ButtonReply {
        /// The button id (or template button payload).
        id: String,
        /// The title shown on the button.
        title: String,
    },
    /// A choice from a list: our row id and title.
    ListReply {
        /// The row id.
        id: String,
        /// The row title.
        title: String,
        /// The row description, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// A location.
    Location {
        /// Latitude.
        latitude: f64,
        /// Longitude.
        longitude: f64,
        /// The place's name, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The address, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<String>,
    },
    /// Contact cards.
    Contacts {
        /// The cards.
        contacts: Vec<Contact>,
    },
    /// A reaction to a message; an empty emoji removes it.
    Reaction {
        /// The message reacted to.
        message_id: String,
        /// The emoji.
        emoji: String,
    },
    /// A kind of message the parser does not model.
    Unknown {
        /// The provider's type name for it.
        provider_type: String,
    },
}

/// Where a message we sent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Accepted by the provider, not yet sent.
    Accepted,
    /// Sent to WhatsApp.
    Sent,
    /// Delivered to the phone.
    Delivered,
    /// Read by the user.
    Read,
    /// Failed; see [`StatusUpdate::error`].
    Failed,
    /// Deleted by the user (WhatsApp's `deleted`).
    Deleted,
}

/// Why a message failed, as the provider said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusError {
    /// The provider's code.
    pub code: Option<String>,
    /// The provider's title or reason.
    pub message: String,
}

/// A delivery status of a message we sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusUpdate {
    /// The provider.
    pub provider: Provider,
    /// The provider's id of the message (the one in the [`crate::Receipt`]).
    pub message_id: String,
    /// The recipient, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// The status.
    pub status: DeliveryStatus,
    /// When, when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub timestamp: Option<OffsetDateTime>,
    /// Why it failed, for failed statuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<StatusError>,
    /// The provider's JSON for this status.
    pub raw: Value,
}

/// An event the parser does not model, kept whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnknownEvent {
    /// The provider.
    pub provider: Provider,
    /// Why it is unknown (`"event type whatsapp.foo"`).
    pub reason: String,
    /// The provider's JSON.
    pub raw: Value,
}

/// Converts unix seconds (as number or string) into a timestamp.
pub fn unix_timestamp(value: &Value) -> Option<OffsetDateTime> {
    let secs = match value {
        Value::Number(n) => n.as_i64()?,
        Value::String(s) => s.trim().parse::<i64>().ok()?,
        _ => return None,
    };
    OffsetDateTime::from_unix_timestamp(secs).ok()
}

/// Parses an RFC 3339 timestamp.
pub fn rfc3339_timestamp(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339).ok()
}
