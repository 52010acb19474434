//! Bird's `image` and `file` bodies: media by URL, files with a `contentType`.

use serde_json::{json, Map, Value};
use switchboard_core::{Capabilities, Error, Media, MediaKind, MediaSource};

/// File extensions and the MIME type Bird's `file.files[].contentType` gets for them when
/// the message gives no `mime_type`: the media types WhatsApp accepts.
pub const EXTENSION_CONTENT_TYPES: &[(&str, &str)] = &[
    ("3gp", "video/3gpp"),
    ("aac", "audio/aac"),
    ("amr", "audio/amr"),
    ("csv", "text/csv"),
    ("doc", "application/msword"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("m4a", "audio/mp4"),
    ("mp3", "audio/mpeg"),
    ("mp4", "video/mp4"),
    ("oga", "audio/ogg"),
    ("ogg", "audio/ogg"),
    ("opus", "audio/ogg"),
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("ppt", "application/vnd.ms-powerpoint"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("txt", "text/plain"),
    ("webp", "image/webp"),
    ("xls", "application/vnd.ms-excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
];

/// The lower-cased extension of the last path segment of `url` (query and fragment
/// ignored), if it has one.
pub fn link_extension(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let after_scheme = path.split_once("://").map_or(path, |(_, rest)| rest);
    // The last segment after the host; a bare host has no extension.
    let (_, segment) = after_scheme.split_once('/')?;
    let last = segment.rsplit('/').next().unwrap_or(segment);
    let (stem, ext) = last.rsplit_once('.')?;
    if stem.is_empty() || ext.is_empty() {
        return None;
    }
    Some(ext.to_ascii_lowercase())
}

/// The MIME type for a file: the message's `mime_type`, else the link's extension by
/// [`EXTENSION_CONTENT_TYPES`], else an [`Error::InvalidMessage`] on `{field}.mime_type`.
pub fn content_type(field: &str, media: &Media, url: &str) -> Result<String, Error> {
    if let Some(mime) = &media.mime_type {
        return Ok(mime.clone());
    }
    let by_extension = link_extension(url).and_then(|ext| {
        EXTENSION_CONTENT_TYPES
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, mime)| (*mime).to_string())
    });
    by_extension.ok_or_else(|| {
        Error::invalid(
            format!("{field}.mime_type"),
            "given, or a link ending in a known file extension (Bird needs a contentType for files)",
            format!("no mime_type and the link {url:?}"),
        )
    })
}

/// The link of `media`, or `Unsupported("media.id")`.
pub fn media_url<'a>(caps: &Capabilities, media: &'a Media) -> Result<&'a str, Error> {
    match &media.source {
        MediaSource::Link(url) => Ok(url),
        MediaSource::Id(_) => Err(caps.unsupported(switchboard_core::Feature::MediaId)),
    }
}

/// The `image` or `file` body for `media` with optional `text` and `actions`. `field` names
/// the media in errors (`media`, `buttons.header.media`).
pub fn media_body(
    caps: &Capabilities,
    field: &str,
    media: &Media,
    text: Option<&str>,
    actions: Option<Value>,
) -> Result<Value, Error> {
    let url = media_url(caps, media)?;
    let (kind, mut inner) = match media.kind {
        MediaKind::Image => {
            if media.filename.is_some() {
                return Err(caps.unsupported(switchboard_core::Feature::MediaFilename));
            }
            let mut inner = Map::new();
            inner.insert("images".into(), json!([{ "mediaUrl": url }]));
            ("image", inner)
        }
        MediaKind::Video | MediaKind::Audio | MediaKind::Document => {
            let mut file = Map::new();
            file.insert("mediaUrl".into(), json!(url));
            file.insert(
                "contentType".into(),
                json!(content_type(field, media, url)?),
            );
            if let Some(name) = &media.filename {
                file.insert("filename".into(), json!(name));
            }
            let mut inner = Map::new();
            inner.insert("files".into(), Value::Array(vec![Value::Object(file)]));
            ("file", inner)
        }
        MediaKind::Sticker => return Err(caps.unsupported(switchboard_core::Feature::MediaSticker)),
    };
    if let Some(text) = text {
        inner.insert("text".into(), json!(text));
    }
    if let Some(actions) = actions {
        inner.insert("actions".into(), actions);
    }
    Ok(json!({ "type": kind, kind: Value::Object(inner) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_from_links() {
        assert_eq!(
            link_extension("https://x.com/a/b/Invoice.PDF?sig=1#p").as_deref(),
            Some("pdf")
        );
        assert_eq!(link_extension("https://x.com/a.b/file").as_deref(), None);
        assert_eq!(link_extension("https://x.com").as_deref(), None);
        assert_eq!(link_extension("https://x.com/.hidden").as_deref(), None);
        assert_eq!(
            link_extension("https://x.com/v.mp4").as_deref(),
            Some("mp4")
        );
    }
}
