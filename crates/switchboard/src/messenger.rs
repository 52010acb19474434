//! The trait applications program against.

use async_trait::async_trait;
use enum_dispatch::enum_dispatch;
use switchboard_core::portability::{Degradation, Fidelity};
use switchboard_core::{
    Capabilities, DownloadedMedia, Error, MediaUpload, OutboundMessage, Provider, Receipt,
    WireRequest,
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

    /// Marks the inbound message `message_id` as read (capability `mark_read`), showing the
    /// typing indicator too when `typing_indicator` (capability `typing_indicator`; it
    /// disappears when you reply, or after about 25 s). A provider without either is
    /// [`Error::Unsupported`] before any I/O. The default (a messenger written before this
    /// operation): unsupported.
    async fn mark_read(&self, message_id: &str, typing_indicator: bool) -> Result<(), Error> {
        let _ = message_id;
        Err(self.capabilities().unsupported(if typing_indicator {
            switchboard_core::Feature::TypingIndicator
        } else {
            switchboard_core::Feature::MarkRead
        }))
    }

    /// Downloads the inbound media `media_id` (capability `media.download`) into `sink`,
    /// streamed, at most `max_bytes` (a larger file is an [`Error::InvalidMessage`] on
    /// `max_bytes`, and the sink may hold a partial file: discard it on any error). The
    /// provider's lookup and credentials are the adapter's; `Ok` carries the bytes written
    /// and the MIME type and SHA-256 the provider reported. The default: unsupported.
    async fn download_media(
        &self,
        media_id: &str,
        sink: &mut crate::download::MediaSink,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, Error> {
        let _ = (media_id, sink, max_bytes);
        Err(self
            .capabilities()
            .unsupported(switchboard_core::Feature::MediaDownload))
    }

    /// The exact request `send` would make, without sending it. Print it with
    /// [`WireRequest::redacted`], which shows every secret as `***`.
    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error>;

    /// What the provider supports.
    fn capabilities(&self) -> &Capabilities;

    /// Which provider this is.
    fn provider(&self) -> Provider;

    /// The fidelity policy `send`, `render` and `can_send` apply (configuration's
    /// `fidelity`, [`Fidelity::Exact`] unless set).
    fn fidelity(&self) -> Fidelity {
        Fidelity::Exact
    }

    /// [`Messenger::send`] under `fidelity` instead of the configured policy. Under
    /// [`Fidelity::Degrade`] the receipt's `degraded` lists what was changed. The default
    /// (a messenger that carries everything, or knows no policy) is `send`.
    async fn send_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<Receipt, Error> {
        let _ = fidelity;
        self.send(message).await
    }

    /// [`Messenger::render`] under `fidelity` instead of the configured policy; the request's
    /// `degraded` lists what was changed. The default is `render`.
    fn render_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<WireRequest, Error> {
        let _ = fidelity;
        self.render(message)
    }

    /// Whether `message` can be sent, without any I/O: the degradations `send` would apply
    /// under the configured policy (empty: sent as written), or the typed error it would
    /// raise ([`Error::Unsupported`], [`Error::InvalidMessage`], ...).
    fn can_send(&self, message: &OutboundMessage) -> Result<Vec<Degradation>, Error> {
        self.can_send_with(message, self.fidelity())
    }

    /// [`Messenger::can_send`] under `fidelity`.
    fn can_send_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<Vec<Degradation>, Error> {
        self.render_with(message, fidelity).map(|r| r.degraded)
    }
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
        async fn mark_read(&self, message_id: &str, typing_indicator: bool) -> Result<(), Error>;
        async fn download_media(
            &self,
            media_id: &str,
            sink: &mut crate::download::MediaSink,
            max_bytes: u64,
        ) -> Result<DownloadedMedia, Error>;
        fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error>;
        fn capabilities(&self) -> &Capabilities;
        fn provider(&self) -> Provider;
    }
}
