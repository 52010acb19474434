//! Media upload requests (`docs/providers/reference/360dialog.md` section 4): `POST {media_url}` as
//! `multipart/form-data` with `messaging_product=whatsapp` and the `file`.

use crate::Host;
use switchboard_core::{limits, Error, MediaUpload, Method, MultipartPart, WireBody, WireRequest};

/// Checks `upload`'s MIME type and size; returns the trimmed MIME type.
pub fn check(upload: &MediaUpload) -> Result<&str, Error> {
    let mime = upload.mime_type.trim();
    if mime.is_empty() || !mime.contains('/') || mime.contains(char::is_whitespace) {
        return Err(Error::invalid(
            "upload.mime_type",
            "a MIME type such as image/jpeg",
            format!("{:?}", upload.mime_type),
        ));
    }
    if upload.data.is_empty() {
        return Err(Error::invalid("upload.data", "at least 1 byte", "0 bytes"));
    }
    Ok(mime)
}

/// The request that uploads `upload` to `host`, with the host's credentials.
pub fn request(host: &impl Host, upload: &MediaUpload) -> Result<WireRequest, Error> {
    let mime = check(upload)?;
    limits::text_len("upload.filename", upload.filename.trim(), 1, 255)?;
    let body = WireBody::Multipart(vec![
        MultipartPart {
            name: "messaging_product".into(),
            filename: None,
            content_type: None,
            data: b"whatsapp".to_vec(),
        },
        MultipartPart {
            name: "file".into(),
            filename: Some(upload.filename.clone()),
            content_type: Some(mime.to_string()),
            data: upload.data.clone(),
        },
    ]);
    Ok(host.authorize(media_request(host.media_url(), body)))
}

/// A `POST` of `body` to `url`, operation `media`, without credentials.
pub fn media_request(url: String, body: WireBody) -> WireRequest {
    WireRequest {
        operation: "media",
        method: Method::Post,
        url,
        headers: Vec::new(),
        body,
        secret_body_pointers: Vec::new(),
        degraded: Vec::new(),
    }
}
