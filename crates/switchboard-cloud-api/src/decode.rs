//! Reading 360dialog's answers: receipts, upload ids and the four error shapes of
//! section 6.1 (plus HTML and empty bodies).

use crate::codes::{self, Kind};
use serde_json::Value;
use switchboard_core::settings::Hosting;
use switchboard_core::{Error, Provider, ProviderDetail, Receipt, WireResponse};

const WHAT: &str = "360dialog response";

/// The receipt of a send: Cloud `messages[].id` with `contacts[].wa_id`, On-Premise
/// `messages[].id`.
pub fn receipt(hosting: Hosting, response: &WireResponse) -> Result<Receipt, Error> {
    let json = success_json(hosting, response)?;
    let messages = json.get("messages").and_then(Value::as_array);
    let ids: Vec<String> = messages
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("id").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(Error::decode(
            WHAT,
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
        provider: Provider::Dialog360,
        message_ids: ids,
        status,
        recipient,
        window_minutes_left: None,
    })
}

/// The media id of an upload: Cloud `{"id": ...}`, On-Premise `{"media": [{"id": ...}]}`.
pub fn upload_id(hosting: Hosting, response: &WireResponse) -> Result<String, Error> {
    let json = success_json(hosting, response)?;
    let id = match hosting {
        Hosting::Cloud => json.get("id"),
        Hosting::OnPremise => json
            .get("media")
            .and_then(Value::as_array)
            .and_then(|m| m.first())
            .and_then(|m| m.get("id")),
    };
    id.and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::decode(
                WHAT,
                format!(
                    "HTTP {} without a media id: {}",
                    response.status,
                    response.body_excerpt()
                ),
            )
        })
}

/// The JSON of a 2xx answer that is not an error, or the typed error.
fn success_json(hosting: Hosting, response: &WireResponse) -> Result<Value, Error> {
    if !(200..300).contains(&response.status) {
        return Err(error(hosting, response));
    }
    let json: Value = serde_json::from_slice(&response.body).map_err(|e| {
        Error::decode(
            WHAT,
            format!(
                "HTTP {} with a body that is not JSON ({e}): {}",
                response.status,
                response.body_excerpt()
            ),
        )
    })?;
    if is_error_body(&json) {
        return Err(error(hosting, response));
    }
    Ok(json)
}

fn is_error_body(json: &Value) -> bool {
    json.get("error").is_some()
        || json
            .get("errors")
            .and_then(Value::as_array)
            .is_some_and(|e| !e.is_empty())
        || json
            .get("meta")
            .and_then(|m| m.get("success"))
            .and_then(Value::as_bool)
            == Some(false)
}

/// The typed error of a refusal, whatever its shape (section 6.1, gotcha G8): Meta's
/// `error` object, 360dialog's `{"error": "<text>"}`, On-Premise `errors[]`, the gateway's
/// `meta` object (camel or snake case), then an HTML, empty or other body by HTTP status.
pub fn error(hosting: Hosting, response: &WireResponse) -> Error {
    let status = response.status;
    let retry_after = response.retry_after();
    let base = ProviderDetail::new(Provider::Dialog360, String::new()).with_status(status);
    let json: Option<Value> = serde_json::from_slice(&response.body).ok();
    let shaped = json.as_ref().and_then(|json| {
        if let Some(e) = json.get("error").filter(|e| e.is_object()) {
            return Some(coded(hosting, status, e, "message", &base, true));
        }
        if let Some(text) = json.get("error").and_then(Value::as_str) {
            return Some(gateway(status, None, text, &base));
        }
        if let Some(e) = json
            .get("errors")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return Some(coded(hosting, status, e, "title", &base, false));
        }
        let meta = json.get("meta").filter(|m| m.is_object())?;
        let text = str_field(meta, &["developerMessage", "developer_message", "message"]);
        let inner = meta.get("httpCode").or_else(|| meta.get("http_code"));
        Some(gateway(status, inner.and_then(code_text), &text, &base))
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
        (codes::by_status(status), d)
    });
    kind.into_error(detail, retry_after)
}

/// A Meta `error` object or an On-Premise `errors[]` item: `code`, a title or message,
/// and `error_data.details` / `details`.
fn coded(
    hosting: Hosting,
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
    let known = code.and_then(|c| match hosting {
        Hosting::Cloud => codes::cloud(c),
        Hosting::OnPremise => codes::on_premise(c),
    });
    let transient = transient_flag && e.get("is_transient").and_then(Value::as_bool) == Some(true);
    let kind = known.unwrap_or(match codes::by_status(status) {
        Kind::Provider { .. } if transient => Kind::Provider { retryable: true },
        other => other,
    });
    (kind, detail)
}

fn gateway(
    status: u16,
    inner: Option<String>,
    text: &str,
    base: &ProviderDetail,
) -> (Kind, ProviderDetail) {
    let mut detail = base.clone();
    detail.code = inner;
    detail.message = if text.is_empty() {
        "360dialog gateway error".into()
    } else {
        text.to_string()
    };
    (codes::gateway(status, text), detail)
}

fn str_field(v: &Value, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

fn code_number(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn code_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}
