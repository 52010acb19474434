//! A messenger for any adapter, executed on the shared HTTP transport.

use crate::{HttpTransport, Messenger};
use async_trait::async_trait;
use std::sync::Arc;
use switchboard_core::{
    Adapter, Capabilities, Error, InboundEvent, MediaUpload, OutboundMessage, Provider, Receipt,
    WebhookRequest, WireRequest,
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
}

#[async_trait]
impl<A: Adapter> Messenger for HttpMessenger<A> {
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error> {
        let provider = self.adapter.provider();
        let span = tracing::info_span!("switchboard.send", provider = %provider, kind = message.content.kind());
        async {
            let request = self.adapter.encode(message)?;
            let scrub = |e: Error| e.redact(&request.secret_values());
            let response = self
                .transport
                .execute(provider, &request)
                .await
                .map_err(scrub)?;
            let result = self.adapter.decode(&request, &response).map_err(scrub);
            match &result {
                Ok(r) => tracing::info!(message_id = r.message_id().unwrap_or(""), "accepted"),
                Err(e) => {
                    tracing::warn!(error_kind = e.kind(), status = response.status, "refused")
                }
            }
            result
        }
        .instrument(span)
        .await
    }

    async fn upload_media(&self, upload: &MediaUpload) -> Result<String, Error> {
        let provider = self.adapter.provider();
        let request = self.adapter.encode_upload(upload)?;
        let scrub = |e: Error| e.redact(&request.secret_values());
        let response = self
            .transport
            .execute(provider, &request)
            .await
            .map_err(scrub)?;
        self.adapter.decode_upload(&response).map_err(scrub)
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
