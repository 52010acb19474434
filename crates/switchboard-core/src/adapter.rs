//! The sans-IO adapter trait every provider implements.

use crate::{
    Capabilities, Error, InboundEvent, MediaDownloadStep, MediaLocation, MediaUpload,
    OutboundMessage, Provider, Receipt, WebhookRequest, WireRequest, WireResponse,
};

/// Pure translation between the switchboard model and one provider's wire format.
///
/// An adapter never does I/O: it describes the HTTP request to make ([`WireRequest`]) and
/// reads the response it is given ([`WireResponse`]). The facade's transport executes the
/// request. This keeps adapters testable byte for byte, and makes dry-run rendering and
/// benchmarks cheap.
pub trait Adapter: Send + Sync + 'static {
    /// The provider.
    fn provider(&self) -> Provider;

    /// What this adapter (in its configured hosting) supports.
    fn capabilities(&self) -> &Capabilities;

    /// Translates `message` into the request that sends it, with the provider's own rules
    /// checked. Called by [`encode`] (and [`Adapter::encode`]) only after the WhatsApp-wide
    /// limits and [`Adapter::capabilities`] passed, so an adapter never repeats those checks
    /// and cannot skip them.
    fn translate(&self, message: &OutboundMessage) -> Result<WireRequest, Error>;

    /// Describes the request that sends `message`: [`encode`], the limits and the capability
    /// check, then [`Adapter::translate`]. An error here means nothing was sent. Adapters do
    /// not override this (the facade calls [`encode`] itself, so an override changes nothing
    /// that is sent).
    fn encode(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        encode(self, message)
    }

    /// Reads the provider's answer to `request` into a [`Receipt`] or a typed error.
    fn decode(&self, request: &WireRequest, response: &WireResponse) -> Result<Receipt, Error>;

    /// Describes the request that uploads media. The default: unsupported.
    fn encode_upload(&self, upload: &MediaUpload) -> Result<WireRequest, Error> {
        let _ = upload;
        Err(self.capabilities().unsupported(crate::Feature::MediaUpload))
    }

    /// Reads the answer to an upload into the provider's media id.
    fn decode_upload(&self, response: &WireResponse) -> Result<String, Error> {
        let _ = response;
        Err(self.capabilities().unsupported(crate::Feature::MediaUpload))
    }

    /// Describes the request that marks the inbound message `message_id` as read, with the
    /// typing indicator when `typing_indicator` (capabilities `mark_read`,
    /// `typing_indicator`). The default: unsupported.
    fn encode_mark_read(
        &self,
        message_id: &str,
        typing_indicator: bool,
    ) -> Result<WireRequest, Error> {
        let _ = message_id;
        Err(self.capabilities().unsupported(if typing_indicator {
            crate::Feature::TypingIndicator
        } else {
            crate::Feature::MarkRead
        }))
    }

    /// Reads the answer to a mark-read request.
    fn decode_mark_read(&self, response: &WireResponse) -> Result<(), Error> {
        let _ = response;
        Err(self.capabilities().unsupported(crate::Feature::MarkRead))
    }

    /// The first request of downloading the inbound media `media_id` (capability
    /// `media.download`): a lookup, or the fetch itself. The default: unsupported.
    fn encode_media_download(&self, media_id: &str) -> Result<MediaDownloadStep, Error> {
        let _ = media_id;
        Err(self
            .capabilities()
            .unsupported(crate::Feature::MediaDownload))
    }

    /// Reads the answer to a media lookup: where the bytes are, with the credentials to
    /// fetch them.
    fn decode_media_lookup(&self, response: &WireResponse) -> Result<MediaLocation, Error> {
        let _ = response;
        Err(self
            .capabilities()
            .unsupported(crate::Feature::MediaDownload))
    }

    /// The typed error of a refused media fetch (a non-2xx answer, its body cut short).
    /// The default reads the HTTP status ([`crate::codes::Kind::by_status`]).
    fn media_fetch_error(&self, response: &WireResponse) -> Error {
        let detail = crate::ProviderDetail::new(
            self.provider(),
            format!("media fetch refused: {}", response.body_excerpt()),
        )
        .with_status(response.status);
        crate::codes::Kind::by_status(response.status).into_error(detail, response.retry_after())
    }

    /// Answers the provider's `GET` to the webhook URL `url` (full URL or query string), for
    /// providers with a subscription handshake: `Ok(body)` is a 200 with that plain-text
    /// body, [`Error::InvalidSignature`] a 403. The default:
    /// [`Error::Unsupported`] (`webhook.handshake`): the provider sends no such `GET`.
    fn answer_handshake(&self, url: &str) -> Result<String, Error> {
        let _ = url;
        Err(Error::unsupported(
            self.provider(),
            "webhook.handshake",
            "this provider sends no subscription handshake",
        ))
    }

    /// Checks a webhook's signature, for providers that sign. The default accepts.
    fn verify_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<(), Error> {
        let _ = webhook;
        Ok(())
    }

    /// The timestamp the provider signed into `webhook`, for providers whose signature
    /// covers one (Bird), so a receiver can refuse a captured delivery replayed later.
    /// Called after [`Adapter::verify_webhook`] accepted the delivery. The default: none.
    fn signed_timestamp(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Option<time::OffsetDateTime>, Error> {
        let _ = webhook;
        Ok(None)
    }

    /// Parses a webhook body into events. Never panics; a body that is not JSON is a
    /// [`Error::Decode`]; JSON of a shape it does not know is an [`InboundEvent::Unknown`].
    fn parse_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error>;
}

/// The checked send path every request goes through: `message`'s WhatsApp-wide limits
/// ([`OutboundMessage::validate`]), then `adapter`'s [`Capabilities::check`], then the
/// adapter's [`Adapter::translate`]. The facade calls this, never `translate` directly.
pub fn encode<A: Adapter + ?Sized>(
    adapter: &A,
    message: &OutboundMessage,
) -> Result<WireRequest, Error> {
    encode_with(adapter, message, |m| adapter.translate(m))
}

/// [`encode`] with another translation of the same adapter (an adapter's variant taking an
/// extra argument, such as a clock): the same checks run first.
pub fn encode_with<A: Adapter + ?Sized>(
    adapter: &A,
    message: &OutboundMessage,
    translate: impl FnOnce(&OutboundMessage) -> Result<WireRequest, Error>,
) -> Result<WireRequest, Error> {
    message.validate()?;
    adapter.capabilities().check(message)?;
    translate(message)
}

/// An adapter the facade can build from configuration: its name, its settings type (read
/// from its own `[NAME]` table) and its constructor. The facade's registration line for a
/// provider needs nothing else.
///
/// ```
/// use serde::Deserialize;
/// use switchboard_core::{settings, ConfigurableAdapter, Provider};
/// # use switchboard_core::*;
/// # struct Acme(Capabilities);
/// # impl Adapter for Acme {
/// #     fn provider(&self) -> Provider { Acme::NAME }
/// #     fn capabilities(&self) -> &Capabilities { &self.0 }
/// #     fn translate(&self, _: &OutboundMessage) -> Result<WireRequest, Error> { Err(Error::configuration("an example adapter sends nothing")) }
/// #     fn decode(&self, _: &WireRequest, _: &WireResponse) -> Result<Receipt, Error> { Err(Error::configuration("an example adapter decodes nothing")) }
/// #     fn parse_webhook(&self, _: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> { Ok(Vec::new()) }
/// # }
///
/// #[derive(Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct AcmeSettings { api_key: settings::SecretString }
///
/// impl ConfigurableAdapter for Acme {
///     const NAME: Provider = Provider::new("acme");
///     type Settings = AcmeSettings;
///     fn from_settings(_settings: AcmeSettings) -> Result<Self, Error> {
///         Ok(Acme(Capabilities::default()))
///     }
/// }
///
/// let table = serde_json::json!({"api_key": "k"});
/// assert!(Acme::from_table(&table).is_ok());
/// assert!(Acme::from_table(&serde_json::json!({})).is_err());
/// ```
pub trait ConfigurableAdapter: Adapter + Sized {
    /// The provider's name: its `[NAME]` configuration table, its key in a message's
    /// `options`, and what errors and events carry.
    const NAME: Provider;

    /// The settings read from the `[NAME]` table.
    type Settings: serde::de::DeserializeOwned;

    /// An adapter for `settings`, checked (a blank key or a bad URL is an
    /// [`Error::Configuration`]).
    fn from_settings(settings: Self::Settings) -> Result<Self, Error>;

    /// Reads the settings from the raw `[NAME]` table (see [`crate::settings::parse`]) and
    /// builds the adapter.
    fn from_table(table: &serde_json::Value) -> Result<Self, Error> {
        Self::from_settings(crate::settings::parse(Self::NAME, table)?)
    }

    /// The provider codes this adapter documents, in its own columns: for each code, the
    /// [`Error`] the adapter returns for it (made by the adapter's own decoding, not
    /// re-derived). `docs/errors.md`'s table of provider codes is generated from every
    /// registered adapter's columns, in registration order. The default: none.
    fn documented_codes() -> Vec<crate::codes::CodeColumn> {
        Vec::new()
    }
}
