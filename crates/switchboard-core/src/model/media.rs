//! Media content: images, video, audio, documents and stickers.

use serde::{Deserialize, Serialize};

/// The kind of a media attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A JPEG or PNG image.
    Image,
    /// An MP4 or 3GP video.
    Video,
    /// An audio file or voice note.
    Audio,
    /// Any document (PDF, office files, ...).
    Document,
    /// A WebP sticker.
    Sticker,
}

impl MediaKind {
    /// The lower-case name used on the wire by Meta-style APIs and in our JSON form.
    pub const fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Document => "document",
            MediaKind::Sticker => "sticker",
        }
    }

    /// Whether WhatsApp shows a caption under this kind (image, video, document).
    pub const fn takes_caption(self) -> bool {
        matches!(
            self,
            MediaKind::Image | MediaKind::Video | MediaKind::Document
        )
    }
}

/// Where the media comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MediaSource {
    /// A public HTTP(S) URL the provider fetches.
    Link(String),
    /// The id of media already uploaded to the provider.
    Id(String),
}

/// A media attachment: the content of a media message, or the media header of a
/// buttons, call-to-action or template message.
///
/// JSON form: `{"kind": "image", "link": "https://…", "caption": "…"}`; exactly one of
/// `link` and `id`; `caption`, `filename` and `mime_type` are optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MediaRepr", into = "MediaRepr")]
pub struct Media {
    /// What kind of media this is.
    pub kind: MediaKind,
    /// Where it comes from.
    pub source: MediaSource,
    /// Text shown under the media (image, video, document only).
    pub caption: Option<String>,
    /// The file name shown for a document.
    pub filename: Option<String>,
    /// The MIME type (`application/pdf`), when known.
    pub mime_type: Option<String>,
}

impl Media {
    /// Media fetched by the provider from `url`.
    pub fn link(kind: MediaKind, url: impl Into<String>) -> Self {
        Media {
            kind,
            source: MediaSource::Link(url.into()),
            caption: None,
            filename: None,
            mime_type: None,
        }
    }

    /// Media already uploaded to the provider, by its id.
    pub fn id(kind: MediaKind, id: impl Into<String>) -> Self {
        Media {
            kind,
            source: MediaSource::Id(id.into()),
            caption: None,
            filename: None,
            mime_type: None,
        }
    }

    /// Sets the caption.
    pub fn with_caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = Some(caption.into());
        self
    }

    /// Sets the file name.
    pub fn with_filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the MIME type.
    pub fn with_mime_type(mut self, mime_type: impl Into<String>) -> Self {
        self.mime_type = Some(mime_type.into());
        self
    }

    /// The link, if the media is given by link.
    pub fn url(&self) -> Option<&str> {
        match &self.source {
            MediaSource::Link(u) => Some(u),
            MediaSource::Id(_) => None,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MediaRepr {
    kind: MediaKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    filename: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mime_type: Option<String>,
}

impl TryFrom<MediaRepr> for Media {
    type Error = String;
    fn try_from(r: MediaRepr) -> Result<Self, String> {
        let source = match (r.link, r.id) {
            (Some(link), None) => MediaSource::Link(link),
            (None, Some(id)) => MediaSource::Id(id),
            (Some(_), Some(_)) => {
                return Err("media has both `link` and `id`; give exactly one".into())
            }
            (None, None) => return Err("media needs exactly one of `link` and `id`".into()),
        };
        Ok(Media {
            kind: r.kind,
            source,
            caption: r.caption,
            filename: r.filename,
            mime_type: r.mime_type,
        })
    }
}

impl From<Media> for MediaRepr {
    fn from(m: Media) -> Self {
        let (link, id) = match m.source {
            MediaSource::Link(l) => (Some(l), None),
            MediaSource::Id(i) => (None, Some(i)),
        };
        MediaRepr {
            kind: m.kind,
            link,
            id,
            caption: m.caption,
            filename: m.filename,
            mime_type: m.mime_type,
        }
    }
}
