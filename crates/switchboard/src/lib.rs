//! # switchboard
//!
//! One API to send WhatsApp messages through 99digital, 360dialog (Cloud and On-Premise) or
//! Bird, and to read what they post back. Build a message once; the provider is a line of
//! configuration.
//!
//! ```
//! use switchboard::{AnyMessenger, Config, Messenger, OutboundMessage, ReplyButton};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! // `Config::load(None)` reads --config / SWITCHBOARD_CONFIG; the default is the memory provider.
//! let messenger = AnyMessenger::from_config(&Config::default())?;
//! let msg = OutboundMessage::buttons(
//!     "+972501234567".parse()?,
//!     "Confirm your appointment on Tue 10:00?",
//!     vec![ReplyButton::new("yes", "Yes"), ReplyButton::new("no", "No")],
//! )?;
//! let receipt = messenger.send(&msg).await?;
//! println!("accepted as {:?}", receipt.message_id());
//! # Ok::<(), switchboard::Error>(())
//! # }).unwrap();
//! ```
//!
//! The crate root is what applications use: [`Messenger`] and its implementations
//! ([`AnyMessenger`] chosen by [`Config`], [`MemoryMessenger`], [`HttpMessenger`], pacing
//! with [`Paced`], failover with [`RoutedMessenger`]), the message model
//! ([`OutboundMessage`] and its parts), [`Error`], [`Capabilities`], the inbound events
//! ([`InboundEvent`]) and the webhook [`WebhookReceiver`] with its [`journal`] and
//! [`delivery`] loop, the [`bulk`] sender. What a provider crate implements (the [`adapter::Adapter`]
//! trait, the wire types, the code tables, the [`adapter::Transport`] seam) is in [`adapter`]:
//!
//! ```compile_fail
//! use switchboard::Adapter; // not in the root: `switchboard::adapter::Adapter`
//! ```
//! ```compile_fail
//! use switchboard::WireRequest; // not in the root: `switchboard::adapter::WireRequest`
//! ```
//!
//! Cargo features: `99digital`, `360dialog`, `bird`, `meta` (all on by default) choose the
//! adapters compiled in; `mock` adds `MockMessenger` for your tests; `postgres` the
//! journals on PostgreSQL.

pub mod adapter;
// `messenger` comes first: enum_dispatch expands the dispatch impl where it meets the
// second of the trait and the enum, which must be `any`, where the types are in scope.
mod messenger;

// `http` (the `Receive` trait) before `any` for the same reason; `registry` holds the
// `providers!` macro that `any` calls.
mod http;
#[macro_use]
mod registry;
mod any;
pub mod bulk;
pub mod config;
pub mod delivery;
pub mod download;
pub mod failover;
pub mod forward;
pub mod journal;
mod memory;
pub mod pacing;
pub mod pg;
mod transport;
pub mod webhook;

pub use any::AnyMessenger;
pub use config::{Config, ProviderTables, WebhookSettings};
pub use failover::{Failover, RoutedMessenger};
pub use http::{HttpMessenger, Portability};
pub use memory::{MemoryMessenger, MEMORY, MEMORY_CAPABILITIES};
pub use messenger::Messenger;
#[cfg(feature = "mock")]
pub use messenger::MockMessenger;
pub use pacing::{Paced, RatePlan, RateSettings};
pub use transport::{HttpSettings, HttpTransport};
pub use webhook::{header_pairs, Received, WebhookReceiver, WebhookVerdict};

// What applications use from core: the message model, errors, capabilities, the inbound
// events. The adapter author's items (`Adapter`, the wire types, the code tables, ...) are
// in `adapter`.
pub use switchboard_core::model::*;
pub use switchboard_core::{limits, portability};
pub use switchboard_core::{
    AccountChange, AccountEvent, Conversation, DeliveryStatus, ErrorReport, EventError,
    InboundContent, InboundEvent, InboundMedia, InboundMessage, Interaction, InvalidItem, ItemKind,
    ItemProblem, OrderItem, Pricing, RawJson, Referral, StatusUpdate, UnknownEvent,
};
pub use switchboard_core::{
    Capabilities, Cause, DownloadedMedia, Error, Feature, MediaUpload, PhoneNumber, Provider,
    ProviderDetail, ProviderOptions, Receipt, Recipient, Support, UserId, WebhookRequest,
    USER_ID_MAX,
};

/// Re-exported so applications and adapters share one version (messages' JSON form,
/// events' `raw`).
pub use switchboard_core::serde_json;
