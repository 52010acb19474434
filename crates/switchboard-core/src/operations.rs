//! What an application does with an inbound message beyond replying: mark it as read (with
//! the typing indicator where the provider has one) and download its media. Adapters
//! describe these requests like sends ([`crate::Adapter::encode_mark_read`],
//! [`crate::Adapter::encode_media_download`]); the facade's transport executes them.

use crate::WireRequest;

/// The first request of a media download.
#[derive(Debug, Clone)]
pub enum MediaDownloadStep {
    /// Look the media up first (its answer, read by
    /// [`crate::Adapter::decode_media_lookup`], says where to fetch the bytes).
    Lookup(WireRequest),
    /// Fetch the bytes directly.
    Fetch(MediaLocation),
}

/// Where a media file's bytes are fetched, and what the provider said about them.
#[derive(Debug, Clone)]
pub struct MediaLocation {
    /// The request that fetches the bytes (with the provider's credentials).
    pub fetch: WireRequest,
    /// The MIME type the provider reported, if any.
    pub mime_type: Option<String>,
    /// The SHA-256 the provider reported (as given, usually hex), if any.
    pub sha256: Option<String>,
    /// The size in bytes the provider reported, if any.
    pub file_size: Option<u64>,
}

/// A downloaded media file: what was written to the sink, and what the provider said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadedMedia {
    /// Bytes written.
    pub bytes: u64,
    /// The MIME type (the lookup's, else the fetch answer's `Content-Type`), if known.
    pub mime_type: Option<String>,
    /// The SHA-256 the provider reported, if any.
    pub sha256: Option<String>,
}

/// A provider media id as a URL path segment: 1 to 128 ASCII letters, digits, `-`, `_` or
/// `.` (not `.` or `..`). Anything else is an [`crate::Error::InvalidMessage`] on
/// `media_id`, so an id never changes the path it is put in.
pub fn check_media_id(media_id: &str) -> Result<&str, crate::Error> {
    let ok = (1..=128).contains(&media_id.len())
        && media_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && media_id != "."
        && media_id != "..";
    if ok {
        Ok(media_id)
    } else {
        Err(crate::Error::invalid(
            "media_id",
            "1 to 128 letters, digits, '-', '_' or '.'",
            crate::error::describe_text(media_id),
        ))
    }
}

/// An inbound message id to mark as read: not blank, at most 256 characters, no control
/// characters; else an [`crate::Error::InvalidMessage`] on `message_id`.
pub fn check_message_id(message_id: &str) -> Result<&str, crate::Error> {
    let ok = !message_id.trim().is_empty()
        && message_id.chars().count() <= 256
        && !message_id.chars().any(char::is_control);
    if ok {
        Ok(message_id)
    } else {
        Err(crate::Error::invalid(
            "message_id",
            "1 to 256 characters, no control characters",
            crate::error::describe_text(message_id),
        ))
    }
}
