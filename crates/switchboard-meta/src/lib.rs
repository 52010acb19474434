//! # switchboard-meta
//!
//! The [switchboard](https://example.invalid/switchboard) adapter for Meta's WhatsApp Cloud
//! API, called directly: every Cloud content kind is posted to
//! `{base_url}/{api_version}/{phone_number_id}/messages` with `Authorization: Bearer`, through
//! the shared Cloud dialect (`switchboard-cloud-api`); Graph errors are read with Meta's code
//! table ([`codes`]); webhooks are checked with `X-Hub-Signature-256` ([`signature`]) and the
//! subscription handshake is answered ([`handshake`]). See `docs/providers/meta.md`.
//!
//! The adapter is sans-IO: it describes requests and reads responses, the facade's
//! transport does the HTTP.
//!
//! ```
//! use switchboard_core::{Adapter, OutboundMessage, WireResponse};
//! use switchboard_meta::{MetaAdapter, MetaSettings};
//!
//! let adapter = MetaAdapter::new(MetaSettings::new("EAAG-token", "106540352242922"))?;
//! let message = OutboundMessage::text("+4915112345678".parse()?, "Your order shipped")?;
//! let request = adapter.encode(&message)?;
//! assert_eq!(request.url, "https://graph.facebook.com/v23.0/106540352242922/messages");
//! assert_eq!(request.redacted()["headers"]["Authorization"], "***");
//! assert_eq!(request.json().unwrap()["text"]["body"], "Your order shipped");
//!
//! let answer = WireResponse::new(200, r#"{"messaging_product":"whatsapp",
//!     "contacts":[{"input":"4915112345678","wa_id":"4915112345678"}],
//!     "messages":[{"id":"wamid.HBgL","message_status":"accepted"}]}"#);
//! assert_eq!(adapter.decode(&request, &answer)?.message_id(), Some("wamid.HBgL"));
//!
//! let expired = WireResponse::new(401, r#"{"error":{"message":"Error validating access token",
//!     "type":"OAuthException","code":190,"fbtrace_id":"A1b2"}}"#);
//! assert_eq!(adapter.decode(&request, &expired).unwrap_err().kind(), "unauthorized");
//! # Ok::<(), switchboard_core::Error>(())
//! ```

mod capabilities;
pub mod codes;
pub mod handshake;
pub mod settings;
pub mod signature;

use std::fmt;
use switchboard_cloud_api::{checks, decode, encode, operations, upload, Host};
use switchboard_core::codes::Kind;
use switchboard_core::{
    Adapter, Capabilities, ConfigurableAdapter, Error, ExposeSecret, InboundEvent,
    MediaDownloadStep, MediaLocation, MediaUpload, MultipartPart, OutboundMessage, Provider,
    ProviderDetail, Receipt, SecretString, WebhookRequest, WireBody, WireRequest, WireResponse,
};

pub use capabilities::META;
pub use settings::MetaSettings;

/// The provider's name: the `[meta]` table, `options.meta`, and what errors and events
/// carry.
pub const PROVIDER: Provider = Provider::new("meta");

/// The header that carries the access token.
pub const AUTHORIZATION_HEADER: &str = "Authorization";

/// The adapter for Meta's Cloud API, direct.
#[derive(Clone)]
pub struct MetaAdapter {
    phone_number_id: String,
    api_version: String,
    base_url: String,
    app_secret: Option<SecretString>,
    verify_token: Option<SecretString>,
    /// Built once: what every send uses (`messages_url`, and `Bearer <access_token>`, the
    /// only form the token is kept in).
    messages_url: String,
    bearer: std::sync::Arc<SecretString>,
}

impl fmt::Debug for MetaAdapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = |s: &Option<SecretString>| s.as_ref().map(|_| switchboard_core::REDACTED);
        f.debug_struct("MetaAdapter")
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("phone_number_id", &self.phone_number_id)
            .field("access_token", &switchboard_core::REDACTED)
            .field("app_secret", &secret(&self.app_secret))
            .field("verify_token", &secret(&self.verify_token))
            .finish()
    }
}

fn config_error(key: &str, why: impl fmt::Display) -> Error {
    Error::configuration(format!("[meta] {key} {why}"))
}

/// A secret setting: not blank, no whitespace or control characters (the value is never
/// echoed).
fn check_secret(key: &str, value: &SecretString) -> Result<(), Error> {
    let value = value.expose_secret();
    if value.trim().is_empty() {
        return Err(config_error(key, "is empty"));
    }
    if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(config_error(key, "contains spaces or control characters"));
    }
    Ok(())
}

impl MetaAdapter {
    /// An adapter for `settings`. A blank or spaced secret, a `phone_number_id` that is not
    /// a path segment of letters and digits, an `api_version` not of the form `v23.0`, or a
    /// `base_url` that is not an absolute `http(s)` URL of a host (no query, no version
    /// segment) is an [`Error::Configuration`] naming the key.
    pub fn new(settings: MetaSettings) -> Result<Self, Error> {
        check_secret("access_token", &settings.access_token)?;
        for (key, value) in [
            ("app_secret", &settings.app_secret),
            ("verify_token", &settings.verify_token),
        ] {
            if let Some(value) = value {
                check_secret(key, value)?;
            }
        }
        let id = settings.phone_number_id.trim();
        if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(config_error(
                "phone_number_id",
                format!(
                    "must be the phone number's id (1 to 64 letters or digits, such as \
                     106540352242922), got {}",
                    switchboard_core::error::describe_text(id)
                ),
            ));
        }
        let version = settings.effective_api_version().to_string();
        if !is_version(&version) {
            return Err(config_error(
                "api_version",
                format!(
                    "must look like v23.0 (v, major, dot, minor), got {}",
                    switchboard_core::error::describe_text(&version)
                ),
            ));
        }
        let base_url = base_url(settings.effective_base_url())?;
        let messages_url = format!("{base_url}/{version}/{id}/messages");
        let bearer = std::sync::Arc::new(SecretString::from(format!(
            "Bearer {}",
            settings.access_token.expose_secret()
        )));
        Ok(MetaAdapter {
            phone_number_id: id.to_string(),
            api_version: version,
            base_url,
            app_secret: settings.app_secret,
            verify_token: settings.verify_token,
            messages_url,
            bearer,
        })
    }

    /// A Graph API URL: `{base_url}/{api_version}/{path}`.
    pub fn graph_url(&self, path: &str) -> String {
        format!("{}/{}/{}", self.base_url, self.api_version, path)
    }

    /// Where messages are posted: `{base_url}/{api_version}/{phone_number_id}/messages`.
    pub fn messages_url(&self) -> String {
        self.messages_url.clone()
    }

    /// Where media is uploaded: `{base_url}/{api_version}/{phone_number_id}/media`.
    pub fn media_url(&self) -> String {
        self.graph_url(&format!("{}/media", self.phone_number_id))
    }

    /// Whether webhook deliveries must carry a valid `X-Hub-Signature-256` (an
    /// `app_secret` is configured).
    pub fn verifies_signatures(&self) -> bool {
        self.app_secret.is_some()
    }

    /// The error a Graph error `code` means (for example the code of a `failed` status
    /// webhook), carrying `detail`; `None` when the code is in no table.
    pub fn error_for_code(&self, code: i64, detail: ProviderDetail) -> Option<Error> {
        let kind = codes::kind(code)?;
        Some(kind.into_error(detail.with_code(code.to_string()), None))
    }

    /// Meta's refusal as a typed error: the dialect's reading, with an HTTP 429 a rate
    /// limit whatever its code (`docs/providers/meta.md`, gotcha M4).
    fn refusal(&self, response: &WireResponse, error: Error) -> Error {
        if response.status != 429 || matches!(error, Error::RateLimited { .. }) {
            return error;
        }
        match error.provider_detail() {
            Some(detail) => Kind::RateLimited.into_error(detail.clone(), response.retry_after()),
            None => error,
        }
    }
}

/// The host root of `raw`: an absolute `http(s)` URL with a host, no query or fragment,
/// and no version segment (the adapter adds `api_version`); its trailing `/` removed.
fn base_url(raw: &str) -> Result<String, Error> {
    let bad = |why: &str| {
        config_error(
            "base_url",
            format!("{} {why}", switchboard_core::error::describe_text(raw)),
        )
    };
    let checked = switchboard_core::settings::base_url(PROVIDER, raw)?;
    if checked.split('/').skip(3).any(is_version) {
        return Err(bad(
            "must not have a version segment: set api_version instead",
        ));
    }
    Ok(checked)
}

/// `v23.0`: `v`, then 1 to 4 digits, a dot, 1 to 4 digits (the spec's pattern
/// `^v[0-9]+\.[0-9]+$`, `docs/providers/meta.md` "Endpoints").
fn is_version(s: &str) -> bool {
    s.strip_prefix('v')
        .and_then(|v| v.split_once('.'))
        .is_some_and(|(major, minor)| {
            [major, minor]
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

impl Host for MetaAdapter {
    fn provider(&self) -> Provider {
        PROVIDER
    }

    fn messages_url(&self) -> String {
        MetaAdapter::messages_url(self)
    }

    fn media_url(&self) -> String {
        MetaAdapter::media_url(self)
    }

    fn authorize(&self, request: WireRequest) -> WireRequest {
        request.secret_header(AUTHORIZATION_HEADER, std::sync::Arc::clone(&self.bearer))
    }

    fn code_kind(&self, code: i64) -> Option<Kind> {
        codes::kind(code)
    }

    /// `GET {base}/{version}/{media_id}?phone_number_id={phone_number_id}`: the id's
    /// download URL, restricted to media of this number (`docs/providers/meta.md`, "Read
    /// receipts and media download"). The URL is then fetched as is, with the same Bearer
    /// token (the default [`Host::media_fetch`]).
    fn media_lookup_url(&self, media_id: &str) -> Option<String> {
        Some(format!(
            "{}?phone_number_id={}",
            self.graph_url(media_id),
            self.phone_number_id
        ))
    }
}

impl Adapter for MetaAdapter {
    fn provider(&self) -> Provider {
        PROVIDER
    }

    fn capabilities(&self) -> &Capabilities {
        &META
    }

    fn translate(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        if let Some(options) = message.options.get(PROVIDER).filter(|o| !o.is_empty()) {
            let keys: Vec<&str> = options.keys().map(String::as_str).collect();
            return Err(Error::invalid(
                "options.meta",
                "no keys: the meta provider has no options",
                switchboard_core::error::describe_text(&keys.join(", ")),
            ));
        }
        checks::check(&META, message)?;
        Ok(encode::request(
            self,
            encode::body(PROVIDER, message)?.json()?,
        ))
    }

    fn decode(&self, _request: &WireRequest, response: &WireResponse) -> Result<Receipt, Error> {
        decode::receipt(self, response).map_err(|e| self.refusal(response, e))
    }

    /// `POST {base}/{version}/{phone_number_id}/media`, multipart: `messaging_product`,
    /// `type` (the MIME type, required by Meta, `docs/providers/meta.md` "Media") and `file`.
    fn encode_upload(&self, upload: &MediaUpload) -> Result<WireRequest, Error> {
        let mut request = upload::request(self, upload)?;
        if let WireBody::Multipart(parts) = &mut request.body {
            let at = parts
                .iter()
                .position(|p| p.name == "file")
                .unwrap_or(parts.len());
            parts.insert(
                at,
                MultipartPart {
                    name: "type".into(),
                    filename: None,
                    content_type: None,
                    data: upload::check(upload)?.as_bytes().to_vec(),
                },
            );
        }
        Ok(request)
    }

    fn decode_upload(&self, response: &WireResponse) -> Result<String, Error> {
        decode::upload_id(self, response).map_err(|e| self.refusal(response, e))
    }

    /// `POST .../messages` with `{"messaging_product":"whatsapp","status":"read",
    /// "message_id":…}`, plus `"typing_indicator":{"type":"text"}` when asked.
    fn encode_mark_read(
        &self,
        message_id: &str,
        typing_indicator: bool,
    ) -> Result<WireRequest, Error> {
        operations::mark_read(self, message_id, typing_indicator)
    }

    fn decode_mark_read(&self, response: &WireResponse) -> Result<(), Error> {
        operations::mark_read_answer(self, response).map_err(|e| self.refusal(response, e))
    }

    fn encode_media_download(&self, media_id: &str) -> Result<MediaDownloadStep, Error> {
        Ok(MediaDownloadStep::Lookup(operations::media_lookup(
            self, media_id,
        )?))
    }

    fn decode_media_lookup(&self, response: &WireResponse) -> Result<MediaLocation, Error> {
        operations::media_location(self, response).map_err(|e| self.refusal(response, e))
    }

    fn media_fetch_error(&self, response: &WireResponse) -> Error {
        self.refusal(response, decode::error(self, response))
    }

    /// With an `app_secret`, the `X-Hub-Signature-256` header must be the HMAC-SHA256 of the
    /// raw body ([`signature::verify_request`]); without one, every delivery is accepted.
    fn verify_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<(), Error> {
        match &self.app_secret {
            Some(secret) => signature::verify_request(secret.expose_secret(), webhook),
            None => Ok(()),
        }
    }

    /// The `GET` subscription handshake ([`handshake::answer`] with `verify_token`):
    /// `Ok(challenge)` is a 200 with that plain-text body; an error is a 403.
    fn answer_handshake(&self, url: &str) -> Result<String, Error> {
        handshake::answer(self.verify_token.as_ref(), url)
    }

    fn parse_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> {
        switchboard_cloud_api::webhook::parse(PROVIDER, webhook.body)
    }
}

impl ConfigurableAdapter for MetaAdapter {
    const NAME: Provider = PROVIDER;
    type Settings = MetaSettings;

    fn from_settings(settings: MetaSettings) -> Result<Self, Error> {
        MetaAdapter::new(settings)
    }

    fn documented_codes() -> Vec<switchboard_core::codes::CodeColumn> {
        codes::documented()
    }
}
