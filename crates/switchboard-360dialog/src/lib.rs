//! # switchboard-360dialog
//!
//! The [switchboard](https://example.invalid/switchboard) adapter for 360dialog's WhatsApp
//! API, in both hostings: the Cloud API (v2, `waba-v2.360dialog.io`, the default) and the
//! legacy On-Premise API (v1, `waba.360dialog.io/v1`). One adapter type serves both; the
//! configured [`Hosting`] picks the dialect.
//!
//! The adapter is sans-IO: it describes requests and reads responses, the facade's
//! transport does the HTTP.
//!
//! ```
//! use switchboard_360dialog::Dialog360Adapter;
//! use switchboard_360dialog::{Dialog360Settings, Hosting};
//! use switchboard_core::{Adapter, OutboundMessage, WireResponse};
//!
//! let adapter = Dialog360Adapter::new(Dialog360Settings::new("my-key"))?;
//! let message = OutboundMessage::text("+972501234567".parse()?, "Hello")?;
//! let request = adapter.encode(&message)?;
//! assert_eq!(request.url, "https://waba-v2.360dialog.io/messages");
//! assert_eq!(request.redacted()["headers"]["D360-API-KEY"], "***");
//! assert_eq!(request.json().unwrap()["text"]["body"], "Hello");
//!
//! let answer = WireResponse::new(200, r#"{"messaging_product":"whatsapp",
//!     "contacts":[{"input":"972501234567","wa_id":"972501234567"}],
//!     "messages":[{"id":"wamid.HBgL"}]}"#);
//! let receipt = adapter.decode(&request, &answer)?;
//! assert_eq!(receipt.message_id(), Some("wamid.HBgL"));
//!
//! // The same message in the On-Premise dialect:
//! let legacy = Dialog360Adapter::new(
//!     Dialog360Settings::new("my-key").with_hosting(Hosting::OnPremise),
//! )?;
//! assert_eq!(legacy.encode(&message)?.url, "https://waba.360dialog.io/v1/messages");
//! # Ok::<(), switchboard_core::Error>(())
//! ```

mod capabilities;
pub mod codes;
mod decode;
mod encode;
pub mod options;
pub mod settings;
mod webhook;

use std::fmt;
use switchboard_core::{
    Adapter, Capabilities, ConfigurableAdapter, Error, InboundEvent, MediaDownloadStep,
    MediaLocation, MediaUpload, OutboundMessage, Provider, ProviderDetail, Receipt, SecretString,
    WebhookRequest, WireRequest, WireResponse,
};

pub use capabilities::{CLOUD, ON_PREMISE};
pub use options::Dialog360Options;
pub use settings::{Dialog360Settings, Hosting};
pub use switchboard_cloud_api::CLOUD_CONTACTS_MAX;

/// The provider's name: the `[360dialog]` table, `options.360dialog`, and what errors and
/// events carry.
pub const PROVIDER: Provider = Provider::new("360dialog");

/// How 360dialog signs partner webhooks: `x-360dialog-signature`, the hex HMAC-SHA256 of the
/// raw body keyed with the partner's platform secret, with or without a `sha256=` prefix
/// (`docs/providers/360dialog.md`, "Webhooks").
pub const WEBHOOK_SIGNATURE: switchboard_cloud_api::signature::Scheme =
    switchboard_cloud_api::signature::Scheme {
        header: "x-360dialog-signature",
        prefix_required: false,
    };

/// The header that carries the API key, in both hostings.
pub const API_KEY_HEADER: &str = "D360-API-KEY";

/// The 360dialog adapter, for the Cloud API or the On-Premise API.
pub struct Dialog360Adapter {
    hosting: Hosting,
    /// Shared with every request's header (no copy per request).
    api_key: std::sync::Arc<SecretString>,
    base_url: String,
    template_namespace: Option<String>,
    webhook_secret: Option<SecretString>,
}

impl fmt::Debug for Dialog360Adapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dialog360Adapter")
            .field("hosting", &self.hosting)
            .field("base_url", &self.base_url)
            .field("api_key", &switchboard_core::REDACTED)
            .field("template_namespace", &self.template_namespace)
            .field(
                "webhook_secret",
                &self
                    .webhook_secret
                    .as_ref()
                    .map(|_| switchboard_core::REDACTED),
            )
            .finish()
    }
}

impl Dialog360Adapter {
    /// An adapter for `settings`. A blank API key, or a base URL that is not an absolute
    /// `http(s)` URL of a host root (no query, no `/v1` segment), is an
    /// [`Error::Configuration`].
    pub fn new(settings: Dialog360Settings) -> Result<Self, Error> {
        use switchboard_core::ExposeSecret;
        let key = settings.api_key.expose_secret();
        if key.trim().is_empty() {
            return Err(Error::configuration("[360dialog] api_key is empty"));
        }
        if key.chars().any(|c| c.is_control() || c == ' ') {
            return Err(Error::configuration(
                "[360dialog] api_key contains spaces or control characters",
            ));
        }
        if let Some(secret) = &settings.webhook_secret {
            let secret = secret.expose_secret();
            if secret.trim().is_empty() || secret.chars().any(|c| c.is_control() || c == ' ') {
                return Err(Error::configuration(
                    "[360dialog] webhook_secret is empty or contains spaces or control characters",
                ));
            }
        }
        let base_url =
            switchboard_core::settings::base_url(PROVIDER, settings.effective_base_url())?;
        if base_url.ends_with("/v1") {
            return Err(Error::configuration(format!(
                "[360dialog] base_url must be the host root: leave out `/v1`, the adapter adds it, got {}",
                switchboard_core::error::describe_text(&base_url)
            )));
        }
        Ok(Dialog360Adapter {
            hosting: settings.hosting,
            api_key: std::sync::Arc::new(settings.api_key.clone()),
            base_url,
            template_namespace: settings.template_namespace.clone(),
            webhook_secret: settings.webhook_secret.clone(),
        })
    }

    /// The On-Premise template namespace of the settings, if any.
    pub fn default_template_namespace(&self) -> Option<&str> {
        self.template_namespace.as_deref()
    }

    /// The hosting this adapter speaks.
    pub fn hosting(&self) -> Hosting {
        self.hosting
    }

    /// The URL messages are sent to: `{base}/messages` (Cloud) or `{base}/v1/messages`.
    pub fn messages_url(&self) -> String {
        match self.hosting {
            Hosting::Cloud => format!("{}/messages", self.base_url),
            Hosting::OnPremise => format!("{}/v1/messages", self.base_url),
        }
    }

    /// The URL media is uploaded to: `{base}/media` (Cloud) or `{base}/v1/media`.
    pub fn media_url(&self) -> String {
        match self.hosting {
            Hosting::Cloud => format!("{}/media", self.base_url),
            Hosting::OnPremise => format!("{}/v1/media", self.base_url),
        }
    }

    /// The error kind a provider `code` maps to in this hosting's table (for example the
    /// code of a `failed` status webhook), as an [`Error`] carrying `detail`; `None` when
    /// the code is in no table.
    pub fn error_for_code(&self, code: i64, detail: ProviderDetail) -> Option<Error> {
        let kind = match self.hosting {
            Hosting::Cloud => codes::cloud(code),
            Hosting::OnPremise => codes::on_premise(code),
        }?;
        Some(kind.into_error(detail.with_code(code.to_string()), None))
    }
}

impl Adapter for Dialog360Adapter {
    fn provider(&self) -> Provider {
        PROVIDER
    }

    fn capabilities(&self) -> &Capabilities {
        match self.hosting {
            Hosting::Cloud => &CLOUD,
            Hosting::OnPremise => &ON_PREMISE,
        }
    }

    fn translate(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        encode::request(self, message)
    }

    fn decode(&self, _request: &WireRequest, response: &WireResponse) -> Result<Receipt, Error> {
        switchboard_cloud_api::decode::receipt(self, response)
    }

    fn encode_upload(&self, upload: &MediaUpload) -> Result<WireRequest, Error> {
        match self.hosting {
            Hosting::Cloud => switchboard_cloud_api::upload::request(self, upload),
            Hosting::OnPremise => encode::upload(self, upload),
        }
    }

    fn decode_upload(&self, response: &WireResponse) -> Result<String, Error> {
        match self.hosting {
            Hosting::Cloud => switchboard_cloud_api::decode::upload_id(self, response),
            Hosting::OnPremise => encode::upload_id(self, response),
        }
    }

    /// Cloud: `POST /messages` with Meta's mark-read body (`docs/providers/reference/360dialog.md` section 1: passed through
    /// to Meta).
    /// On-Premise: unsupported (only a third-party library documents its `PUT`).
    fn encode_mark_read(
        &self,
        message_id: &str,
        typing_indicator: bool,
    ) -> Result<WireRequest, Error> {
        match self.hosting {
            Hosting::Cloud => {
                switchboard_cloud_api::operations::mark_read(self, message_id, typing_indicator)
            }
            Hosting::OnPremise => Err(self.capabilities().unsupported(if typing_indicator {
                switchboard_core::Feature::TypingIndicator
            } else {
                switchboard_core::Feature::MarkRead
            })),
        }
    }

    fn decode_mark_read(&self, response: &WireResponse) -> Result<(), Error> {
        switchboard_cloud_api::operations::mark_read_answer(self, response)
    }

    /// Cloud: look the id up, then fetch through 360dialog's host
    /// (`docs/providers/reference/360dialog.md` section 4). On-Premise:
    /// `GET {base}/v1/media/{id}` returns the bytes.
    fn encode_media_download(&self, media_id: &str) -> Result<MediaDownloadStep, Error> {
        match self.hosting {
            Hosting::Cloud => Ok(MediaDownloadStep::Lookup(
                switchboard_cloud_api::operations::media_lookup(self, media_id)?,
            )),
            Hosting::OnPremise => {
                let id = switchboard_core::operations::check_media_id(media_id)?;
                let url = format!("{}/v1/media/{id}", self.base_url);
                Ok(MediaDownloadStep::Fetch(MediaLocation {
                    fetch: switchboard_cloud_api::Host::authorize(
                        self,
                        switchboard_cloud_api::operations::get("media_fetch", url),
                    ),
                    mime_type: None,
                    sha256: None,
                    file_size: None,
                }))
            }
        }
    }

    fn decode_media_lookup(&self, response: &WireResponse) -> Result<MediaLocation, Error> {
        switchboard_cloud_api::operations::media_location(self, response)
    }

    fn media_fetch_error(&self, response: &WireResponse) -> Error {
        switchboard_cloud_api::decode::error(self, response)
    }

    /// With a `webhook_secret`, `x-360dialog-signature` must be the hex HMAC-SHA256 of the
    /// raw body ([`WEBHOOK_SIGNATURE`]); without one, every delivery is accepted.
    fn verify_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<(), Error> {
        use switchboard_core::ExposeSecret;
        match &self.webhook_secret {
            Some(secret) => switchboard_cloud_api::signature::verify_request(
                &WEBHOOK_SIGNATURE,
                secret.expose_secret(),
                webhook,
            ),
            None => Ok(()),
        }
    }

    fn parse_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> {
        webhook::parse(webhook.body)
    }
}

impl ConfigurableAdapter for Dialog360Adapter {
    const NAME: Provider = PROVIDER;
    type Settings = Dialog360Settings;

    fn from_settings(settings: Dialog360Settings) -> Result<Self, Error> {
        Dialog360Adapter::new(settings)
    }

    fn documented_codes() -> Vec<switchboard_core::codes::CodeColumn> {
        codes::documented()
    }
}
