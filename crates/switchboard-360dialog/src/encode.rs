//! Send bodies in both hostings. Cloud: Meta's Cloud API body (`switchboard-cloud-api`).
//! On-Premise (v1): the Cloud body with the differences of
//! `docs/providers/reference/360dialog.md` sections 3 and 4. No `messaging_product` and no `context`
//! (reply-to is Cloud only, refused before), `preview_url` beside `text` instead of in it,
//! a media `provider` on media by link, a template `namespace` and `language.policy`; media
//! is uploaded as raw bytes and its id read from `media[0].id`.

use crate::{Dialog360Adapter, Dialog360Options, Hosting};
use serde_json::Value;
use switchboard_core::{
    Adapter, Content, Error, JsonBody, MediaUpload, OutboundMessage, WireBody, WireRequest,
    WireResponse,
};

/// The request that sends `message` (limits and capabilities already checked): the options'
/// checks, the dialect's payload checks, the On-Premise template namespace, then the body.
pub fn request(
    adapter: &Dialog360Adapter,
    message: &OutboundMessage,
) -> Result<WireRequest, Error> {
    let caps = adapter.capabilities();
    let options = crate::options::read(message)?;
    crate::options::check(adapter.hosting(), caps, options.as_ref(), message)?;
    let body = match adapter.hosting() {
        Hosting::Cloud => {
            switchboard_cloud_api::checks::check(caps, message)?;
            switchboard_cloud_api::encode::body(crate::PROVIDER, message)?.json()?
        }
        Hosting::OnPremise => {
            switchboard_cloud_api::checks::check_objects(caps, message)?;
            let namespace = template_namespace(adapter, options.as_ref(), message)?;
            body(message, options.as_ref(), namespace)?
        }
    };
    Ok(switchboard_cloud_api::encode::request(adapter, body))
}

/// The On-Premise namespace of a template message: the message's option, else the
/// settings' default; required.
fn template_namespace<'a>(
    adapter: &'a Dialog360Adapter,
    options: Option<&'a Dialog360Options>,
    message: &OutboundMessage,
) -> Result<Option<&'a str>, Error> {
    if !matches!(message.content, Content::Template(_)) {
        return Ok(None);
    }
    let ns = options
        .and_then(|o| o.template_namespace.as_deref())
        .or(adapter.default_template_namespace())
        .filter(|n| !n.trim().is_empty());
    match ns {
        Some(ns) => Ok(Some(ns)),
        None => Err(Error::invalid(
            "options.360dialog.template_namespace",
            "present for templates on On-Premise (or set `template_namespace` in [360dialog])",
            "absent",
        )),
    }
}

/// The On-Premise send body of `message` (already checked): the Cloud body in its
/// On-Premise form ([`switchboard_cloud_api::encode::Body::on_premise`]). `namespace` is the
/// template namespace in effect.
fn body(
    message: &OutboundMessage,
    options: Option<&Dialog360Options>,
    namespace: Option<&str>,
) -> Result<JsonBody, Error> {
    let media_provider = options.and_then(|o| o.media_provider.as_deref());
    switchboard_cloud_api::encode::body(crate::PROVIDER, message)?
        .on_premise(media_provider, namespace)
        .json()
}

/// The request that uploads `upload` as raw bytes.
pub fn upload(adapter: &Dialog360Adapter, upload: &MediaUpload) -> Result<WireRequest, Error> {
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
pub fn upload_id(adapter: &Dialog360Adapter, response: &WireResponse) -> Result<String, Error> {
    let json = switchboard_cloud_api::decode::success_json(adapter, response)?;
    let id = json
        .get("media")
        .and_then(Value::as_array)
        .and_then(|m| m.first())
        .and_then(|m| m.get("id"));
    switchboard_cloud_api::decode::media_id(adapter, response, id)
}
