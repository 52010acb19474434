//! The sans-IO adapter trait every provider implements.

use crate::{
    Capabilities, Error, InboundEvent, MediaUpload, OutboundMessage, Provider, Receipt,
    WebhookRequest, WireRequest, WireResponse,
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

    /// Describes the request that sends `message`. Checks the message (limits, capabilities,
    /// provider-specific rules) first: an error here means nothing was sent.
    fn encode(&self, message: &OutboundMessage) -> Result<WireRequest, Error>;

    /// Reads the provider's answer to `request` into a [`Receipt`] or a typed error.
    fn decode(&self, request: &WireRequest, response: &WireResponse) -> Result<Receipt, Error>;

    /// Describes the request that uploads media. The default: unsupported.
    fn encode_upload(&self, upload: &MediaUpload) -> Result<WireRequest, Error> {
        let _ = upload;
        Err(self.capabilities().unsupported("media.upload"))
    }

    /// Reads the answer to an upload into the provider's media id.
    fn decode_upload(&self, response: &WireResponse) -> Result<String, Error> {
        let _ = response;
        Err(self.capabilities().unsupported("media.upload"))
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
