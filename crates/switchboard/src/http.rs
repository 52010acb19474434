//! A messenger for any adapter, executed on a [`Transport`] (the shared HTTP transport by
//! default).

use crate::download::Fetched;
use crate::transport::Transport;
use crate::{HttpTransport, Messenger};
use async_trait::async_trait;
use std::sync::Arc;
use switchboard_core::portability::{encode_with, Fidelity, TemplateCatalog};
use switchboard_core::{
    Adapter, Capabilities, DownloadedMedia, Error, InboundEvent, MediaDownloadStep, MediaUpload,
    OutboundMessage, Provider, Receipt, WebhookRequest, WireRequest, WireResponse,
};
use tracing::Instrument;

/// Sends through `A`: the adapter translates, the transport `T` executes ([`HttpTransport`]
/// unless a test supplies a recording one).
///
/// Cloning is cheap: clones share the adapter and the connection pool.
#[derive(Debug)]
pub struct HttpMessenger<A, T = HttpTransport> {
    adapter: Arc<A>,
    transport: T,
    portability: Portability,
}

/// The fidelity policy and template catalog a messenger applies (configuration's
/// `fidelity` and `[templates]`). Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Portability {
    /// The policy for content the provider cannot carry.
    pub fidelity: Fidelity,
    /// How each provider addresses templates.
    pub templates: Arc<TemplateCatalog>,
}

impl Portability {
    /// The policy and catalog of `config`.
    pub fn from_config(config: &crate::Config) -> Self {
        Portability {
            fidelity: config.fidelity,
            templates: Arc::new(config.templates.clone()),
        }
    }
}

impl<A, T: Clone> Clone for HttpMessenger<A, T> {
    fn clone(&self) -> Self {
        HttpMessenger {
            adapter: Arc::clone(&self.adapter),
            transport: self.transport.clone(),
            portability: self.portability.clone(),
        }
    }
}

impl<A: Adapter, T: Transport> HttpMessenger<A, T> {
    /// A messenger for `adapter` on `transport`.
    pub fn new(adapter: A, transport: T) -> Self {
        HttpMessenger {
            adapter: Arc::new(adapter),
            transport,
            portability: Portability::default(),
        }
    }

    /// This messenger with `portability`'s fidelity policy and template catalog.
    pub fn with_portability(mut self, portability: Portability) -> Self {
        self.portability = portability;
        self
    }

    /// The request that sends `message` under `fidelity`: the template catalog applied,
    /// then the adapter's encode (which checks limits and capabilities), with core's
    /// degradations between refusals under [`Fidelity::Degrade`]. Pure.
    fn prepare(&self, message: &OutboundMessage, fidelity: Fidelity) -> Result<WireRequest, Error> {
        let caps = self.adapter.capabilities();
        let message = self.portability.templates.resolve(caps, message)?;
        // Core's checked path (limits, capabilities, then the adapter's translation); under
        // degrade, core transforms what it refused and runs it again.
        encode_with(fidelity, caps, &message, |m| {
            switchboard_core::adapter::encode(&*self.adapter, m)
        })
    }

    /// The adapter.
    pub fn adapter(&self) -> &A {
        &self.adapter
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Verifies a webhook's signature (where the provider signs) and parses its events.
    pub fn receive_webhook(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Vec<InboundEvent>, Error> {
        self.adapter.verify_webhook(webhook)?;
        self.adapter.parse_webhook(webhook)
    }

    /// The timestamp the provider signed into `webhook`, if it signs one (see
    /// [`switchboard_core::Adapter::signed_timestamp`]).
    pub fn webhook_signed_at(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Option<time::OffsetDateTime>, Error> {
        self.adapter.signed_timestamp(webhook)
    }

    /// Executes `request` and reads the answer with `decode`. Every error is scrubbed of the
    /// secrets the request carried, so a provider echoing a key back cannot leak it.
    async fn round_trip<R>(
        &self,
        request: &WireRequest,
        decode: impl FnOnce(&WireResponse) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let scrub = |e: Error| e.redact(&request.secret_values());
        let response = self
            .transport
            .execute(self.adapter.provider(), request)
            .await
            .map_err(scrub)?;
        let result = decode(&response).map_err(scrub);
        if let Err(e) = &result {
            tracing::warn!(error_kind = e.kind(), status = response.status, "refused");
        }
        result
    }

    /// A send under `fidelity`: prepared (limits, capabilities, translation), executed,
    /// decoded.
    async fn send_checked(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<Receipt, Error> {
        let span = tracing::info_span!("switchboard.send", provider = %self.adapter.provider(), kind = message.content.kind());
        async {
            let request = self.prepare(message, fidelity)?;
            let mut receipt = self
                .round_trip(&request, |response| self.adapter.decode(&request, response))
                .await?;
            receipt.degraded = request.degraded.clone();
            tracing::info!(message_id = receipt.message_id().unwrap_or(""), "accepted");
            Ok(receipt)
        }
        .instrument(span)
        .await
    }
}

/// Webhook reception, dispatched over [`crate::AnyMessenger`] like [`Messenger`].
#[enum_dispatch::enum_dispatch]
pub(crate) trait Receive {
    /// Verifies and parses a webhook delivery.
    fn receive_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error>;

    /// The timestamp the provider signed into a delivery, if it signs one.
    fn webhook_signed_at(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Option<time::OffsetDateTime>, Error>;

    /// Answers a subscription handshake `GET` ([`Adapter::answer_handshake`]).
    fn answer_handshake(&self, url: &str) -> Result<String, Error>;
}

impl<A: Adapter, T: Transport> Receive for HttpMessenger<A, T> {
    fn receive_webhook(&self, webhook: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> {
        HttpMessenger::receive_webhook(self, webhook)
    }

    fn webhook_signed_at(
        &self,
        webhook: &WebhookRequest<'_>,
    ) -> Result<Option<time::OffsetDateTime>, Error> {
        HttpMessenger::webhook_signed_at(self, webhook)
    }

    fn answer_handshake(&self, url: &str) -> Result<String, Error> {
        self.adapter.answer_handshake(url)
    }
}

#[async_trait]
impl<A: Adapter, T: Transport> Messenger for HttpMessenger<A, T> {
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error> {
        // The inherent send, not `send_with` through the trait: one boxed future per send.
        self.send_checked(message, self.portability.fidelity).await
    }

    async fn send_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<Receipt, Error> {
        self.send_checked(message, fidelity).await
    }

    async fn upload_media(&self, upload: &MediaUpload) -> Result<String, Error> {
        let span = tracing::info_span!("switchboard.upload", provider = %self.adapter.provider(), bytes = upload.data.len());
        async {
            let request = self.adapter.encode_upload(upload)?;
            self.round_trip(&request, |response| self.adapter.decode_upload(response))
                .await
        }
        .instrument(span)
        .await
    }

    async fn mark_read(&self, message_id: &str, typing_indicator: bool) -> Result<(), Error> {
        let span = tracing::info_span!("switchboard.mark_read", provider = %self.adapter.provider(), typing_indicator);
        async {
            let request = self
                .adapter
                .encode_mark_read(message_id, typing_indicator)?;
            self.round_trip(&request, |response| self.adapter.decode_mark_read(response))
                .await
        }
        .instrument(span)
        .await
    }

    async fn download_media(
        &self,
        media_id: &str,
        sink: &mut crate::download::MediaSink,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, Error> {
        let span = tracing::info_span!("switchboard.download", provider = %self.adapter.provider(), max_bytes);
        async {
            let location = match self.adapter.encode_media_download(media_id)? {
                MediaDownloadStep::Lookup(request) => {
                    self.round_trip(&request, |response| {
                        self.adapter.decode_media_lookup(response)
                    })
                    .await?
                }
                MediaDownloadStep::Fetch(location) => location,
            };
            if let Some(size) = location.file_size.filter(|size| *size > max_bytes) {
                return Err(Error::invalid(
                    "max_bytes",
                    format!("a media file of at most {max_bytes} bytes"),
                    format!("{size} bytes (the provider's file_size)"),
                ));
            }
            let scrub = |e: Error| e.redact(&location.fetch.secret_values());
            let fetched = self
                .transport
                .download(self.adapter.provider(), &location.fetch, sink, max_bytes)
                .await
                .map_err(scrub)?;
            match fetched {
                Fetched::Written {
                    bytes,
                    content_type,
                } => {
                    tracing::info!(bytes, "media downloaded");
                    Ok(DownloadedMedia {
                        bytes,
                        mime_type: location.mime_type.or(content_type),
                        sha256: location.sha256,
                    })
                }
                Fetched::Refused(response) => {
                    let e = scrub(self.adapter.media_fetch_error(&response));
                    tracing::warn!(
                        error_kind = e.kind(),
                        status = response.status,
                        "media fetch refused"
                    );
                    Err(e)
                }
            }
        }
        .instrument(span)
        .await
    }

    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        self.prepare(message, self.portability.fidelity)
    }

    fn render_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<WireRequest, Error> {
        self.prepare(message, fidelity)
    }

    fn fidelity(&self) -> Fidelity {
        self.portability.fidelity
    }

    fn capabilities(&self) -> &Capabilities {
        self.adapter.capabilities()
    }

    fn provider(&self) -> Provider {
        self.adapter.provider()
    }
}
