//! The memory provider: records messages, sends nothing.

use crate::Messenger;
use async_trait::async_trait;
use std::sync::{Arc, Mutex};
use switchboard_core::{
    Capabilities, DownloadedMedia, Error, MediaUpload, OutboundMessage, Provider, Receipt,
    WireRequest,
};

/// The memory provider's name: `provider = "memory"`.
pub const MEMORY: Provider = Provider::new("memory");

/// What the memory provider supports: everything the model can express, within the
/// WhatsApp-wide limits.
pub const MEMORY_CAPABILITIES: Capabilities = Capabilities {
    text: true,
    text_preview_url: true,
    media_link: true,
    media_id: true,
    media_image: true,
    media_video: true,
    media_audio: true,
    media_document: true,
    media_sticker: true,
    media_caption: true,
    media_filename: true,
    media_upload: true,
    buttons: true,
    max_buttons: switchboard_core::limits::BUTTONS_MAX,
    buttons_header_text: true,
    buttons_header_media: true,
    buttons_footer: true,
    cta_url: true,
    cta_phone: true,
    cta_email: true,
    list: true,
    max_list_rows: switchboard_core::limits::LIST_ROWS_MAX,
    location: true,
    template: true,
    template_positional: true,
    template_named: true,
    template_header_media: true,
    template_header_text: true,
    template_buttons: true,
    reaction: true,
    contacts: true,
    reply_to: true,
    to_user_id: true,
    mark_read: true,
    typing_indicator: true,
    reasons: &[(
        switchboard_core::Feature::MediaDownload,
        "the memory provider receives no media: there is nothing to download",
    )],
    ..Capabilities::none(MEMORY, "memory")
};

/// The embedded default provider: keeps every message it is given and answers with a
/// receipt whose id is `memory-1`, `memory-2`, ... Use it in development and in your own
/// tests; clones share the record.
///
/// ```
/// # tokio_test_block(async {
/// use switchboard::{MemoryMessenger, Messenger, OutboundMessage};
/// let memory = MemoryMessenger::new();
/// let msg = OutboundMessage::text("+972501234567".parse()?, "Hello")?;
/// let receipt = memory.send(&msg).await?;
/// assert_eq!(receipt.message_id(), Some("memory-1"));
/// assert_eq!(memory.sent(), vec![msg]);
/// # Ok::<(), switchboard::Error>(())
/// # });
/// # fn tokio_test_block<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryMessenger {
    sent: Arc<Mutex<Vec<OutboundMessage>>>,
    uploads: Arc<Mutex<Vec<MediaUpload>>>,
    read: Arc<Mutex<Vec<String>>>,
}

impl MemoryMessenger {
    /// An empty memory provider.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every message sent so far, in order.
    pub fn sent(&self) -> Vec<OutboundMessage> {
        self.sent.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// Every message id marked as read so far, in order.
    pub fn marked_read(&self) -> Vec<String> {
        self.read.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// Every media upload so far, in order.
    pub fn uploads(&self) -> Vec<MediaUpload> {
        self.uploads.lock().map(|v| v.clone()).unwrap_or_default()
    }
}

#[async_trait]
impl Messenger for MemoryMessenger {
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error> {
        message.validate()?;
        MEMORY_CAPABILITIES.check(message)?;
        let mut sent = self
            .sent
            .lock()
            .map_err(|_| Error::internal("the memory provider's record is poisoned"))?;
        sent.push(message.clone());
        let mut receipt = Receipt::new(MEMORY, format!("memory-{}", sent.len()));
        receipt.status = Some("accepted".into());
        receipt.recipient = Some(message.to.plain().to_string());
        Ok(receipt)
    }

    async fn upload_media(&self, upload: &MediaUpload) -> Result<String, Error> {
        let mut uploads = self
            .uploads
            .lock()
            .map_err(|_| Error::internal("the memory provider's record is poisoned"))?;
        uploads.push(upload.clone());
        Ok(format!("memory-media-{}", uploads.len()))
    }

    async fn mark_read(&self, message_id: &str, typing_indicator: bool) -> Result<(), Error> {
        let _ = typing_indicator;
        let id = switchboard_core::operations::check_message_id(message_id)?;
        self.read
            .lock()
            .map_err(|_| Error::internal("the memory provider's record is poisoned"))?
            .push(id.to_string());
        Ok(())
    }

    async fn download_media(
        &self,
        media_id: &str,
        sink: &mut crate::download::MediaSink,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, Error> {
        let _ = (media_id, sink, max_bytes);
        Err(MEMORY_CAPABILITIES.unsupported(switchboard_core::Feature::MediaDownload))
    }

    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        message.validate()?;
        MEMORY_CAPABILITIES.check(message)?;
        Ok(WireRequest::post_json(
            "memory",
            "memory://messages",
            message.to_json(),
        ))
    }

    fn capabilities(&self) -> &Capabilities {
        &MEMORY_CAPABILITIES
    }

    fn provider(&self) -> Provider {
        MEMORY
    }
}

impl crate::http::Receive for MemoryMessenger {
    /// The memory provider is posted nothing: no events.
    fn receive_webhook(
        &self,
        _webhook: &switchboard_core::WebhookRequest<'_>,
    ) -> Result<Vec<switchboard_core::InboundEvent>, Error> {
        Ok(Vec::new())
    }

    /// Nothing is signed.
    fn webhook_signed_at(
        &self,
        _webhook: &switchboard_core::WebhookRequest<'_>,
    ) -> Result<Option<time::OffsetDateTime>, Error> {
        Ok(None)
    }

    /// The memory provider sends no subscription handshake.
    fn answer_handshake(&self, _url: &str) -> Result<String, Error> {
        Err(Error::unsupported(
            MEMORY,
            "webhook.handshake",
            "the memory provider sends no subscription handshake",
        ))
    }
}
