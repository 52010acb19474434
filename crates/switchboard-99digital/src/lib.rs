//! # switchboard-99digital
//!
//! The [99digital](https://docs.99digital.co.il) WhatsApp API v2 adapter of switchboard:
//! pure translation (sans-IO) between the switchboard model and 99digital's flat JSON
//! endpoints (`sendMessage`, `sendFile`, `sendButtons`, `sendLocation`, `sendReaction`,
//! `sendContact`, `sendTemplate`), their `status`/`reason` answers and their webhooks.
//!
//! ```
//! use switchboard_99digital::NinetyNineDigitalAdapter;
//! use switchboard_core::settings::NinetyNineDigitalSettings;
//! use switchboard_core::{Adapter, OutboundMessage, SecretString, WireResponse};
//!
//! let adapter = NinetyNineDigitalAdapter::new(NinetyNineDigitalSettings {
//!     api_key: SecretString::from("my-key"),
//!     from: "972771234567".parse()?,
//!     base_url: None,
//! })?;
//! let message = OutboundMessage::text("+972 50-123-4567".parse()?, "Hello")?;
//! let request = adapter.encode(&message)?;
//! assert_eq!(request.url, "https://api.99digital.co.il/whatsapp/v2/sendMessage");
//! assert_eq!(request.json().unwrap()["to"], "972501234567");
//! // The dry-run form never shows the key:
//! assert_eq!(request.redacted()["body"]["apiKey"], "***");
//!
//! let answer = WireResponse::new(200, r#"{"status":"OK","unique":"65dfd4r4","templateTimeLeft":"400","reason":1}"#);
//! let receipt = adapter.decode(&request, &answer)?;
//! assert_eq!(receipt.message_id(), Some("65dfd4r4"));
//! assert_eq!(receipt.window_minutes_left, Some(400));
//! # Ok::<(), switchboard_core::Error>(())
//! ```
//!
//! Content 99digital cannot carry (lists, whose parameter table is not in the reference;
//! stickers; media by id; file names; text headers; named template parameters) is refused
//! before any I/O with [`switchboard_core::Error::Unsupported`] naming the reason; see
//! [`capabilities::REASONS`].

mod adapter;
pub mod capabilities;
pub mod codes;
mod decode;
mod encode;
mod webhook;

pub use adapter::NinetyNineDigitalAdapter;
pub use capabilities::CAPABILITIES;
pub use encode::API_KEY_POINTER;
