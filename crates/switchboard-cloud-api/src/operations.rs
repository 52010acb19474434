//! Mark-as-read (with the typing indicator) and inbound media download on the Cloud API
//! (`docs/providers/meta.md`, "Read receipts and media download";
//! `docs/providers/reference/360dialog.md` section 4):
//!
//! - mark read: `POST {messages_url}` with
//!   `{"messaging_product":"whatsapp","status":"read","message_id":…}` (plus
//!   `"typing_indicator":{"type":"text"}`), answered `{"success":true}`;
//! - download: `GET` the host's media URL for the id ([`Host::media_lookup_url`]), answered
//!   `{url, mime_type, sha256, file_size, id}`; then fetch `url` as the host says
//!   ([`Host::media_fetch`]).

use crate::{decode, Host};
use serde_json::{json, Value};
use switchboard_core::operations::{check_media_id, check_message_id};
use switchboard_core::{Error, MediaLocation, Method, WireBody, WireRequest, WireResponse};

/// The request that marks `message_id` as read, with the typing indicator when asked.
pub fn mark_read(
    host: &impl Host,
    message_id: &str,
    typing_indicator: bool,
) -> Result<WireRequest, Error> {
    let mut body = json!({
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": check_message_id(message_id)?,
    });
    if typing_indicator {
        body["typing_indicator"] = json!({ "type": "text" });
    }
    Ok(host.authorize(WireRequest::post_json(
        "mark_read",
        host.messages_url(),
        body,
    )))
}

/// Reads the answer to a mark-read: `{"success": true}`; anything else 2xx is a decode
/// error, a refusal its typed error.
pub fn mark_read_answer(host: &impl Host, response: &WireResponse) -> Result<(), Error> {
    let json = decode::success_json(host, response)?;
    if json.get("success").and_then(Value::as_bool) == Some(true) {
        return Ok(());
    }
    Err(Error::decode(
        format!("{} mark-read response", host.provider()),
        format!(
            "HTTP {} without `success: true`: {}",
            response.status,
            response.body_excerpt()
        ),
    ))
}

/// A `GET` of `url` without credentials, operation `operation`.
pub fn get(operation: &'static str, url: String) -> WireRequest {
    WireRequest {
        operation,
        method: Method::Get,
        url,
        headers: Vec::new(),
        body: WireBody::Empty,
        secret_body_pointers: Vec::new(),
        degraded: Vec::new(),
    }
}

/// The lookup of `media_id` (checked to be a plain path segment), with the host's
/// credentials.
pub fn media_lookup(host: &impl Host, media_id: &str) -> Result<WireRequest, Error> {
    let url = host
        .media_lookup_url(check_media_id(media_id)?)
        .ok_or_else(|| {
            Error::unsupported(
                host.provider(),
                "media.download",
                "this host documents no media lookup",
            )
        })?;
    Ok(host.authorize(get("media_lookup", url)))
}

/// Reads a lookup answer: `url` (required), `mime_type`, `sha256`, `file_size` (a number
/// or a numeric string, both seen); the fetch request is the host's
/// ([`Host::media_fetch`]).
pub fn media_location(host: &impl Host, response: &WireResponse) -> Result<MediaLocation, Error> {
    let json = decode::success_json(host, response)?;
    let text = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_owned);
    let url = text("url").filter(|u| !u.is_empty()).ok_or_else(|| {
        Error::decode(
            format!("{} media lookup", host.provider()),
            format!(
                "HTTP {} without a media `url`: {}",
                response.status,
                response.body_excerpt()
            ),
        )
    })?;
    let file_size = json.get("file_size").and_then(|v| match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    Ok(MediaLocation {
        fetch: host.media_fetch(&url)?,
        mime_type: text("mime_type"),
        sha256: text("sha256"),
        file_size,
    })
}
