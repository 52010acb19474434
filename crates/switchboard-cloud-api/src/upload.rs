//! Media upload requests (section 4): Cloud `POST /media` as `multipart/form-data` with
//! `messaging_product=whatsapp`; On-Premise `POST /v1/media` with the raw bytes.

use switchboard_core::settings::Hosting;
use switchboard_core::{
    limits, Error, MediaUpload, Method, MultipartPart, SecretString, WireBody, WireRequest,
};

/// The request that uploads `upload` to `url`, authenticated with `key`.
pub fn request(
    hosting: Hosting,
    url: String,
    key: &SecretString,
    upload: &MediaUpload,
) -> Result<WireRequest, Error> {
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
    let body = match hosting {
        Hosting::Cloud => {
            limits::text_len("upload.filename", upload.filename.trim(), 1, 255)?;
            WireBody::Multipart(vec![
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
            ])
        }
        Hosting::OnPremise => WireBody::Bytes {
            content_type: mime.to_string(),
            data: upload.data.clone(),
        },
    };
    let request = WireRequest {
        operation: "media",
        method: Method::Post,
        url,
        headers: Vec::new(),
        body,
        secret_body_pointers: Vec::new(),
    };
    Ok(request.secret_header(crate::API_KEY_HEADER, key.clone()))
}
