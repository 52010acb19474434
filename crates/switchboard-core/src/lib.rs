//! # switchboard-core
//!
//! The provider-neutral heart of switchboard: the outbound message model and its JSON form,
//! the WhatsApp-wide limits, the error type, capabilities, the sans-IO [`Adapter`] trait
//! and the inbound event model. Provider adapters depend on this crate only.
//!
//! ```
//! use switchboard_core::{OutboundMessage, Recipient, ReplyButton, Error};
//!
//! let to: Recipient = "+972 50-123-4567".parse()?; // or a user id where a provider takes one
//! let msg = OutboundMessage::buttons(
//!     to.clone(),
//!     "Confirm your appointment?",
//!     vec![ReplyButton::new("yes", "Yes"), ReplyButton::new("no", "No")],
//! )?;
//! assert_eq!(msg.to_json()["buttons"]["buttons"][0]["id"], "yes");
//!
//! // Limits are checked when a message is built:
//! let err = OutboundMessage::buttons(to, "Hi", vec![ReplyButton::new("x", "a title far longer than twenty")])
//!     .unwrap_err();
//! assert!(matches!(err, Error::InvalidMessage { ref field, .. } if field == "buttons.buttons[0].title"));
//! # Ok::<(), Error>(())
//! ```

pub mod adapter;
mod capability;
pub mod codes;
pub mod error;
mod inbound;
pub mod json;
pub mod lenient;
pub mod limits;
pub mod model;
pub mod operations;
mod options;
mod phone;
pub mod portability;
mod provider;
mod receipt;
mod recipient;
pub mod settings;
mod wire;

pub use adapter::{Adapter, ConfigurableAdapter};
pub use capability::{Capabilities, Feature, Support};
pub use error::{Cause, Error, ProviderDetail};
pub use inbound::{
    rfc3339_timestamp, timestamp_field, unix_timestamp, AccountChange, AccountEvent, Conversation,
    DeliveryStatus, ErrorReport, EventError, InboundContent, InboundEvent, InboundMedia,
    InboundMessage, Interaction, InvalidItem, ItemKind, ItemProblem, OrderItem, Pricing, RawJson,
    Referral, StatusUpdate, UnknownEvent,
};
pub use model::*;
pub use operations::{DownloadedMedia, MediaDownloadStep, MediaLocation};
pub use options::ProviderOptions;
pub use phone::PhoneNumber;
pub use provider::Provider;
pub use receipt::Receipt;
pub use recipient::{Recipient, UserId, USER_ID_MAX};
pub use secrecy::{ExposeSecret, SecretString};
pub use wire::{
    HeaderValue, JsonBody, MediaUpload, Method, MultipartPart, WebhookRequest, WireBody,
    WireRequest, WireResponse, REDACTED,
};

/// Re-exported so adapters and users share one version.
pub use serde_json;
