//! For adapter authors: what a provider crate implements and the types it describes
//! requests and answers with. Applications do not need this module; they use the crate root
//! ([`crate::Messenger`], [`crate::AnyMessenger`], [`crate::Config`], the message model,
//! [`crate::Error`], the inbound events).
//!
//! An adapter is pure translation ([`Adapter`]): it describes the request to make
//! ([`WireRequest`]) and reads the answer it is given ([`WireResponse`]); a [`Transport`]
//! executes the request ([`crate::HttpTransport`] over HTTP). Its settings are parsed from its
//! own configuration table ([`ConfigurableAdapter`], [`settings::parse`]); its result codes
//! are [`codes::CodeRow`] tables, documented as [`codes::CodeColumn`]s
//! ([`ConfigurableAdapter::documented_codes`], gathered by [`documented_codes`]). Webhook
//! deliveries are read into borrowing structs with [`lenient`] (no `serde_json::Value` tree;
//! each event's raw is the item's own text, a [`crate::RawJson`]).
//! `docs/adding-a-provider.md` lists the steps.
//!
//! ```
//! use switchboard::adapter::{Adapter, Transport};
//! use switchboard::{HttpMessenger, Messenger, OutboundMessage, Receipt};
//!
//! /// Sends `message` through any adapter, executed by `transport` (the real
//! /// `switchboard::HttpTransport`, or one that records requests in tests).
//! async fn send_through<A: Adapter, T: Transport>(
//!     adapter: A,
//!     transport: T,
//!     message: &OutboundMessage,
//! ) -> Result<Receipt, switchboard::Error> {
//!     HttpMessenger::new(adapter, transport).send(message).await
//! }
//! ```

pub use crate::registry::{documented_codes, ProviderCodes};
pub use crate::transport::Transport;
pub use switchboard_core::adapter::{encode, encode_with, Adapter, ConfigurableAdapter};
pub use switchboard_core::{codes, error, json, lenient, operations, settings};
pub use switchboard_core::{
    rfc3339_timestamp, timestamp_field, unix_timestamp, ExposeSecret, HeaderValue, JsonBody,
    MediaDownloadStep, MediaLocation, MediaUpload, Method, MultipartPart, SecretString,
    WebhookRequest, WireBody, WireRequest, WireResponse, REDACTED,
};
