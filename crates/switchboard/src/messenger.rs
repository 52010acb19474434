//! The trait applications program against.

use async_trait::async_trait;
use enum_dispatch::enum_dispatch;
use switchboard_core::{
    Capabilities, Error, MediaUpload, OutboundMessage, Provider, Receipt, WireRequest,
};

/// Sends messages through one provider.
///
/// Application code takes a `&impl Messenger` (or an [`crate::AnyMessenger`] built from
/// configuration) and never names a provider. With the `mock` feature,
/// `MockMessenger` (from `mockall`) lets an application's own tests set expectations.
#[async_trait]
#[enum_dispatch]
pub trait Messenger: Send + Sync {
    /// Sends `message`. `Ok` means the provider accepted it (not that it was delivered).
    ///
    /// The message is checked against the WhatsApp limits and the provider's capabilities
    /// before any I/O. A timeout after the request was written is
    /// [`Error::UnknownOutcome`]: it is never retried behind your back.
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error>;

    /// Uploads media to the provider and returns its media id, for media messages by id.
    async fn upload_media(&self, upload: &MediaUpload) -> Result<String, Error>;

    /// The exact request `send` would make, without sending it. Print it with
    /// [`WireRequest::redacted`], which shows every secret as `***`.
    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error>;

    /// What the provider supports.
    fn capabilities(&self) -> &Capabilities;

    /// Which provider this is.
    fn provider(&self) -> Provider;
}

// `mockall::automock` re-emits the trait's attributes into its output, where enum_dispatch
// cannot stand; `mock!` declares the same `MockMessenger` without touching the trait.
#[cfg(feature = "mock")]
mockall::mock! {
    /// A mock [`Messenger`] for your tests (feature `mock`): set expectations with
    /// `expect_send`, `expect_capabilities`, ...
    pub Messenger {}

    #[async_trait]
    impl Messenger for Messenger {
        async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error>;
        async fn upload_media(&self, upload: &MediaUpload) -> Result<String, Error>;
        fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error>;
        fn capabilities(&self) -> &Capabilities;
        fn provider(&self) -> Provider;
    }
}
