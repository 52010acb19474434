//! A messenger for any adapter, executed on the shared HTTP transport.

use crate::{HttpTransport, Messenger};
use async_trait::async_trait;
use std::sync::Arc;
use switchboard_core::{
    Adapter, Capabilities, Error, InboundEvent, MediaUpload, OutboundMessage, Provider, Receipt,
    WebhookRequest, WireRequest, WireResponse,
};
use tracing::Instrument;

/// Sends through `A`: the adapter translates, the transport executes.
///
/// Cloning is cheap: clones share the adapter and the connection pool.
#[derive(Debug)]
pub struct HttpMessenger<A> {
    adapter: Arc<A>,
    transport: HttpTransport,
}

impl<A> Clone for HttpMessenger<A> {
    fn clone(&self) -> Self {
        HttpMessenger {
            adapter: Arc::clone(&self.adapter),
            transport: self.transport.clone(),
        }
    }
}

impl<A: Adapter> HttpMessenger<A> {
    /// A messenger for `adapter` on `transport`.
    pub fn new(adapter: A, transport: HttpTransport) -> Self {
        HttpMessenger {
            adapter: Arc::new(adapter),
            transport,
        }
    }

    /// The adapter.
    pub fn adapter(&self) -> &A {
        &self.adapter
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
    async fn round_trip<T>(
        &self,
        request: &WireRequest,
        decode: impl FnOnce(&WireResponse) -> Result<T, Error>,
    ) -> Result<T, Error> {
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
}

#[async_trait]
impl<A: Adapter> Messenger for HttpMessenger<A> {
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error> {
        let span = tracing::info_span!("switchboard.send", provider = %self.adapter.provider(), kind = message.content.kind());
        async {
            let request = self.adapter.encode(message)?;
            let receipt = self
                .round_trip(&request, |response| self.adapter.decode(&request, response))
                .await?;
            tracing::info!(message_id = receipt.message_id().unwrap_or(""), "accepted");
            Ok(receipt)
        }
        .instrument(span)
        .await
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

    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        self.adapter.encode(message)
    }

    fn capabilities(&self) -> &Capabilities {
        self.adapter.capabilities()
    }

    fn provider(&self) -> Provider {
        self.adapter.provider()
    }
}
