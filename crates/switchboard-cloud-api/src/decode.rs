//! Reading Cloud API answers: receipts, upload ids and Meta's `error` object
//! (`docs/providers/reference/360dialog.md` section 6.1), then the host's own error shapes and, last,
//! the HTTP status for HTML, empty or other bodies.

use crate::Host;
use serde::Deserialize;
use serde_json::Value;
use switchboard_core::codes::Kind;
use switchboard_core::{Error, ProviderDetail, Receipt, WireResponse};

fn what(host: &impl Host) -> String {
    format!("{} response", host.provider())
}

/// A 2xx send answer read without building a `Value`: only what a receipt needs, borrowed
/// from the body. An answer with an `error`, `errors` or `meta` member (what
/// [`Host::is_error_body`] looks at) or of another shape is read by the general path.
#[derive(serde::Deserialize)]
struct SendAnswer<'a> {
    #[serde(borrow, default)]
    messages: Vec<AnswerMessage<'a>>,
    #[serde(borrow, default)]
    contacts: Vec<AnswerContact<'a>>,
    #[serde(default, deserialize_with = "present")]
    error: bool,
    #[serde(default, deserialize_with = "present")]
    errors: bool,
    #[serde(default, deserialize_with = "present")]
    meta: bool,
}

#[derive(serde::Deserialize)]
struct AnswerMessage<'a> {
    #[serde(borrow)]
    id: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    message_status: Option<std::borrow::Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
struct AnswerContact<'a> {
    #[serde(borrow)]
    wa_id: Option<std::borrow::Cow<'a, str>>,
}

/// `true` for a member that is there, whatever its value (`null` included).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| true)
}

/// The receipt of an ordinary success answer, or `None` for the general path.
fn plain_receipt(host: &impl Host, response: &WireResponse) -> Option<Receipt> {
    if !(200..300).contains(&response.status) {
        return None;
    }
    let answer: SendAnswer<'_> = serde_json::from_slice(&response.body).ok()?;
    if answer.error || answer.errors || answer.meta {
        return None;
    }
    let message_ids: Vec<String> = answer
        .messages
        .iter()
        .filter_map(|m| m.id.as_deref().map(str::to_owned))
        .collect();
    if message_ids.is_empty() {
        return None;
    }
    Some(Receipt {
        provider: host.provider(),
        message_ids,
        status: answer
            .messages
            .first()
            .and_then(|m| m.message_status.as_deref().map(str::to_owned)),
        recipient: answer
            .contacts
            .first()
            .and_then(|c| c.wa_id.as_deref().map(str::to_owned)),
        window_minutes_left: None,
        degraded: Vec::new(),
    })
}

/// The receipt of a send: `messages[].id`, with `messages[0].message_status` and
/// `contacts[0].wa_id` when given.
pub fn receipt(host: &impl Host, response: &WireResponse) -> Result<Receipt, Error> {
    // The usual answer, typed and borrowed; anything else (refusals, odd shapes) below.
    if let Some(receipt) = plain_receipt(host, response) {
        return Ok(receipt);
    }
    let json = success_json(host, response)?;
    let messages = json.get("messages").and_then(Value::as_array);
    let ids: Vec<String> = messages
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("id").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(Error::decode(
            what(host),
            format!(
                "HTTP {} without `messages[].id`: {}",
                response.status,
                response.body_excerpt()
            ),
        ));
    }
    let status = messages
        .and_then(|m| m.first())
        .and_then(|m| m.get("message_status"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let recipient = json
        .get("contacts")
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .and_then(|c| c.get("wa_id"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(Receipt {
        provider: host.provider(),
        message_ids: ids,
        status,
        recipient,
        window_minutes_left: None,
        degraded: Vec::new(),
    })
}

/// The media id of an upload: `{"id": ...}`.
pub fn upload_id(host: &impl Host, response: &WireResponse) -> Result<String, Error> {
    let json = success_json(host, response)?;
    media_id(host, response, json.get("id"))
}

/// `id` as a non-empty media id, or a decode error describing `response`.
pub fn media_id(
    host: &impl Host,
    response: &WireResponse,
    id: Option<&Value>,
) -> Result<String, Error> {
    id.and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::decode(
                what(host),
                format!(
                    "HTTP {} without a media id: {}",
                    response.status,
                    response.body_excerpt()
                ),
            )
        })
}

/// The JSON of a 2xx answer that is not an error ([`Host::is_error_body`]), or the typed
/// error.
pub fn success_json(host: &impl Host, response: &WireResponse) -> Result<Value, Error> {
    if !(200..300).contains(&response.status) {
        return Err(error(host, response));
    }
    let json: Value = serde_json::from_slice(&response.body).map_err(|e| {
        Error::decode(
            what(host),
            format!(
                "HTTP {} with a body that is not JSON ({e}): {}",
                response.status,
                response.body_excerpt()
            ),
        )
    })?;
    if host.is_error_body(&json) {
        return Err(error(host, response));
    }
    Ok(json)
}

/// The typed error of a refusal, whatever its shape (gotcha G8 of
/// `docs/providers/360dialog.md`): Meta's `error` object (its `code` looked up with
/// [`Host::code_kind`]), then the host's own shapes ([`Host::host_error`]), then an HTML,
/// empty or other body by HTTP status.
pub fn error(host: &impl Host, response: &WireResponse) -> Error {
    let status = response.status;
    let retry_after = response.retry_after();
    let base = ProviderDetail::new(host.provider(), String::new()).with_status(status);
    let json: Option<Value> = serde_json::from_slice(&response.body).ok();
    let shaped = json.as_ref().and_then(|json| {
        if let Some(e) = json.get("error").filter(|e| e.is_object()) {
            return Some(coded(host, status, e, "message", &base, true));
        }
        host.host_error(status, json, &base)
    });
    let (kind, detail) = shaped.unwrap_or_else(|| {
        let message = if response.body.iter().all(u8::is_ascii_whitespace) {
            "empty body".to_string()
        } else if json.is_some() {
            format!("unrecognised error body: {}", response.body_excerpt())
        } else {
            format!("body is not JSON: {}", response.body_excerpt())
        };
        let mut d = base.clone();
        d.message = message;
        (Kind::by_status(status), d)
    });
    kind.into_error(detail, retry_after)
}

/// A coded error object (Meta's `error`, or an On-Premise `errors[]` item): `code`, a title
/// (`title_key`, else `title` or `message`) and `error_data.details` / `details`. The code is
/// looked up with [`Host::code_kind`]; an unknown code falls back on the HTTP status, made
/// retryable when `transient_flag` and the object says `is_transient: true`.
pub fn coded(
    host: &impl Host,
    status: u16,
    e: &Value,
    title_key: &str,
    base: &ProviderDetail,
    transient_flag: bool,
) -> (Kind, ProviderDetail) {
    let code = e.get("code").and_then(code_number);
    let title = str_field(e, &[title_key, "title", "message"]);
    let details = e
        .get("error_data")
        .and_then(|d| d.get("details"))
        .or_else(|| e.get("details"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = match (title.is_empty(), details.is_empty() || details == title) {
        (_, true) => title,
        (true, false) => details.to_string(),
        (false, false) => format!("{title}: {details}"),
    };
    let mut detail = base.clone();
    detail.message = message;
    if let Some(code) = e.get("code").and_then(code_text) {
        detail.code = Some(code);
    }
    let known = code.and_then(|c| host.code_kind(c));
    let transient = transient_flag && e.get("is_transient").and_then(Value::as_bool) == Some(true);
    let kind = known.unwrap_or(match Kind::by_status(status) {
        Kind::Provider { .. } if transient => Kind::Provider { retryable: true },
        other => other,
    });
    (kind, detail)
}

/// The first of `keys` that is a string in `v`, else empty.
pub fn str_field(v: &Value, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

pub use switchboard_core::json::{int as code_number, text as code_text};
