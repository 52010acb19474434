//! The On-Premise API (v1) dialect: Meta's Cloud body with the differences of
//! `docs/providers/360dialog.md` sections 3 and 4. No `messaging_product` and no `context`
//! (reply-to is Cloud only, refused before), `preview_url` beside `text` instead of in it,
//! a media `provider` on media by link, a template `namespace` and `language.policy`; media
//! is uploaded as raw bytes and its id read from `media[0].id`.

use serde_json::{json, Value};
use switchboard_core::{
    Content, Error, MediaSource, MediaUpload, OutboundMessage, WireBody, WireRequest, WireResponse,
};

/// The On-Premise send body of `message` (already checked). `namespace` is the template
/// namespace in effect.
pub fn body(message: &OutboundMessage, namespace: Option<&str>) -> Result<Value, Error> {
    let mut body =
        switchboard_cloud_api::encode::body(switchboard_core::Provider::Dialog360, message)?;
    let Some(out) = body.as_object_mut() else {
        return Ok(body);
    };
    out.remove("messaging_product");
    out.remove("context");
    let preview = out
        .get_mut("text")
        .and_then(Value::as_object_mut)
        .and_then(|t| t.remove("preview_url"));
    if let Some(p) = preview {
        out.insert("preview_url".into(), p);
    }
    let media_provider = message
        .options
        .dialog360
        .as_ref()
        .and_then(|o| o.media_provider.as_deref());
    if let (Content::Media(m), Some(name)) = (&message.content, media_provider) {
        if let (MediaSource::Link(_), Some(obj)) = (
            &m.source,
            out.get_mut(m.kind.as_str()).and_then(Value::as_object_mut),
        ) {
            obj.insert("provider".into(), json!({ "name": name }));
        }
    }
    if let Some(t) = out.get_mut("template").and_then(Value::as_object_mut) {
        if let Some(ns) = namespace {
            t.insert("namespace".into(), json!(ns));
        }
        if let Some(language) = t.get_mut("language").and_then(Value::as_object_mut) {
            language.insert("policy".into(), json!("deterministic"));
        }
    }
    Ok(body)
}

/// The request that uploads `upload` as raw bytes.
pub fn upload(
    adapter: &crate::Dialog360Adapter,
    upload: &MediaUpload,
) -> Result<WireRequest, Error> {
    use switchboard_cloud_api::Host;
    let mime = switchboard_cloud_api::upload::check(upload)?;
    let body = WireBody::Bytes {
        content_type: mime.to_string(),
        data: upload.data.clone(),
    };
    Ok(
        adapter.authorize(switchboard_cloud_api::upload::media_request(
            adapter.media_url(),
            body,
        )),
    )
}

/// The media id of an upload: `{"media": [{"id": ...}]}`.
pub fn upload_id(
    adapter: &crate::Dialog360Adapter,
    response: &WireResponse,
) -> Result<String, Error> {
    let json = switchboard_cloud_api::decode::success_json(adapter, response)?;
    let id = json
        .get("media")
        .and_then(Value::as_array)
        .and_then(|m| m.first())
        .and_then(|m| m.get("id"));
    switchboard_cloud_api::decode::media_id(adapter, response, id)
}
