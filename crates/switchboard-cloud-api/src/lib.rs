//! # switchboard-cloud-api
//!
//! Meta's WhatsApp Cloud API dialect, as pure translation for switchboard adapters: the send
//! body of every content kind ([`encode::body`]), the checks its objects need
//! ([`checks::check`]), media uploads ([`upload::request`]), receipts and errors with Meta's
//! code table ([`decode`], [`codes`]), and the `whatsapp_business_account` webhook envelope
//! ([`webhook::parse`]) and its hosts' HMAC signatures ([`signature`]). No I/O: the
//! facade's transport executes what this describes.
//!
//! Several providers host the Cloud API (360dialog's Cloud hosting, Meta itself). A host
//! supplies only what differs, through [`Host`]: where requests go, how they are
//! authenticated, and its own gateway errors.
//!
//! ```
//! use switchboard_cloud_api::{decode, encode, Host};
//! use switchboard_core::{OutboundMessage, Provider, SecretString, WireRequest, WireResponse};
//!
//! /// Meta's own host: `POST {base}/{version}/{phone_number_id}/messages`, Bearer token.
//! struct Graph {
//!     token: SecretString,
//! }
//!
//! impl Host for Graph {
//!     fn provider(&self) -> Provider {
//!         Provider::new("meta") // the provider name events and errors carry
//!     }
//!     fn messages_url(&self) -> String {
//!         "https://graph.facebook.com/v23.0/1234567890/messages".into()
//!     }
//!     fn media_url(&self) -> String {
//!         "https://graph.facebook.com/v23.0/1234567890/media".into()
//!     }
//!     fn authorize(&self, request: WireRequest) -> WireRequest {
//!         let bearer = format!("Bearer {}", switchboard_core::ExposeSecret::expose_secret(&self.token));
//!         request.secret_header("Authorization", SecretString::from(bearer))
//!     }
//! }
//!
//! let host = Graph { token: SecretString::from("EAAG-token") };
//! let message = OutboundMessage::text("+972501234567".parse()?, "Hello")?;
//! let body = encode::body(host.provider(), &message)?; // typed, borrowing `message`
//! let request = encode::request(&host, body.json()?); // serialized once
//! assert_eq!(request.url, "https://graph.facebook.com/v23.0/1234567890/messages");
//! assert_eq!(request.json().unwrap()["messaging_product"], "whatsapp");
//! assert_eq!(request.redacted()["headers"]["Authorization"], "***");
//!
//! let refusal = WireResponse::new(400, r#"{"error":{"message":"Re-engagement message",
//!     "code":131047,"error_data":{"details":"more than 24 hours"}}}"#);
//! let error = decode::receipt(&host, &refusal).unwrap_err();
//! assert_eq!(error.kind(), "window_closed");
//! # Ok::<(), switchboard_core::Error>(())
//! ```

pub mod capabilities;
pub mod checks;
pub mod codes;
pub mod decode;
pub mod encode;
pub mod interactive;
pub mod operations;
pub mod signature;
pub mod template;
pub mod upload;
pub mod webhook;

use serde_json::Value;
use switchboard_core::codes::Kind;
use switchboard_core::{Provider, ProviderDetail, WireRequest};

pub use checks::CLOUD_CONTACTS_MAX;

/// What a host of the Cloud API adds to the dialect: its addresses, its credentials and
/// its own error answers. Everything else (bodies, receipts, Meta's error codes, webhooks)
/// is the dialect's.
pub trait Host {
    /// The provider name events, receipts and errors carry.
    fn provider(&self) -> Provider;

    /// Where messages are posted.
    fn messages_url(&self) -> String;

    /// Where media is uploaded.
    fn media_url(&self) -> String;

    /// Adds the host's credentials (a secret header) to `request`.
    fn authorize(&self, request: WireRequest) -> WireRequest;

    /// Where media `media_id` (already checked to be a plain path segment) is looked up
    /// (`GET`, answered with its download `url`); `None` (the default) when the host has no
    /// documented lookup, and downloads are unsupported.
    fn media_lookup_url(&self, media_id: &str) -> Option<String> {
        let _ = media_id;
        None
    }

    /// The request that fetches a looked-up media `url`. Default: `GET` the URL as is, with
    /// the host's credentials (Meta: `docs/providers/meta.md`, "Read receipts and media
    /// download").
    fn media_fetch(&self, url: &str) -> Result<WireRequest, switchboard_core::Error> {
        Ok(self.authorize(operations::get("media_fetch", url.to_string())))
    }

    /// The kind a Meta error `code` maps to on this host. Default: Meta's Cloud table
    /// ([`codes::kind`]).
    fn code_kind(&self, code: i64) -> Option<Kind> {
        codes::kind(code)
    }

    /// Whether a 2xx JSON answer is in fact a refusal. Default: it has an `error` member.
    /// A send answer with none of the members `error`, `errors` and `meta` and with message
    /// ids is read as a success without calling this ([`decode::receipt`]).
    fn is_error_body(&self, json: &Value) -> bool {
        json.get("error").is_some()
    }

    /// The host's own error shapes (a gateway's answers), tried after Meta's `error` object:
    /// the kind and the detail (built on `base`, which carries the provider and HTTP
    /// status), or `None` to fall back on the HTTP status. Default: none.
    fn host_error(
        &self,
        status: u16,
        json: &Value,
        base: &ProviderDetail,
    ) -> Option<(Kind, ProviderDetail)> {
        let _ = (status, json, base);
        None
    }
}
