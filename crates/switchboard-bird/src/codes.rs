//! Bird's error answers mapped to switchboard error kinds, one row per HTTP status.
//!
//! Bird's error bodies are `RequestError {code, message}` and, for 422,
//! `ValidationError {code, message, details: {<field>: [messages]}}`. The `code` strings
//! are not documented (`docs/providers/reference/bird.md` sections 7.3 and 16.15), so the table is keyed on the
//! HTTP status; the raw code, message and details are kept in the [`ProviderDetail`].

use serde_json::Value;
use switchboard_core::codes::{CodeColumn, CodeRow, Kind, FATAL, RETRY};
use switchboard_core::{Error, ProviderDetail, WireResponse};

/// One row per HTTP status the reference (section 7.3) names: status, kind, what Bird means by it.
pub const STATUS_TABLE: &[CodeRow] = &[
    CodeRow::new(
        400,
        Kind::MessageRejected,
        "request error (RequestError {code, message})",
    ),
    CodeRow::new(401, Kind::Unauthorized, "missing or wrong access key"),
    CodeRow::new(
        403,
        Kind::Unauthorized,
        "the access key's role does not cover this path",
    ),
    CodeRow::new(404, FATAL, "workspace or channel not found"),
    CodeRow::new(409, FATAL, "conflicting conditions"),
    CodeRow::new(413, Kind::MessageRejected, "payload too large"),
    CodeRow::new(
        422,
        Kind::MessageRejected,
        "validation failed (ValidationError with details per field)",
    ),
    CodeRow::new(
        429,
        Kind::RateLimited,
        "rate limited: not processed, retry later",
    ),
    CodeRow::new(500, RETRY, "server error: safe to retry with a delay"),
    CodeRow::new(502, RETRY, "bad gateway: safe to retry with a delay"),
    CodeRow::new(
        503,
        RETRY,
        "service unavailable: safe to retry with a delay",
    ),
    CodeRow::new(504, RETRY, "gateway timeout: safe to retry with a delay"),
];

/// The kind for an HTTP status: its row in [`STATUS_TABLE`], else any other 5xx is
/// temporary and any other status a non-retryable refusal.
pub fn kind_for(status: u16) -> Kind {
    CodeRow::find(STATUS_TABLE, i64::from(status)).unwrap_or_else(|| Kind::by_status(status))
}

/// The typed error for a non-2xx answer. Never panics, whatever the body.
pub fn error_for(response: &WireResponse) -> Error {
    let status = response.status;
    let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
    let object = parsed.as_ref().filter(|v| v.is_object());
    let code = object
        .and_then(|v| v.get("code"))
        .and_then(switchboard_core::json::text);
    let bird_message = object
        .and_then(|v| v.get("message"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let details = object
        .and_then(|v| v.get("details"))
        .filter(|d| d.as_object().is_some_and(|m| !m.is_empty()));

    let mut message = match (&bird_message, object) {
        (Some(m), _) => m.clone(),
        (None, Some(_)) => response.body_excerpt(),
        (None, None) if response.body.is_empty() => "empty body".to_string(),
        (None, None) => format!("non-JSON body: {}", response.body_excerpt()),
    };
    // Bird's validation details name its own wire fields (`receiver.contacts`), not fields
    // of the message: they stay in the provider's message, per field.
    if let Some(map) = details.and_then(Value::as_object) {
        let per_field = map
            .iter()
            .map(|(k, msgs)| format!("{k}: {}", messages(msgs)))
            .collect::<Vec<_>>()
            .join("; ");
        message.push_str(&format!(" (details: {per_field})"));
    }
    let mut detail = ProviderDetail::new(crate::PROVIDER, message).with_status(status);
    if let Some(code) = code {
        detail = detail.with_code(code);
    }
    kind_for(status).into_error(detail, response.retry_after())
}

/// `["a", "b"]` as `a, b`; anything else as its JSON.
fn messages(v: &Value) -> String {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|m| m.as_str().map_or_else(|| m.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The codes this adapter documents (`docs/errors.md`): [`STATUS_TABLE`], each status's
/// error read by [`error_for`] from an answer with that status.
pub fn documented() -> Vec<CodeColumn> {
    let mut column = CodeColumn::new("Bird (HTTP status)");
    for row in STATUS_TABLE {
        if let Ok(status) = u16::try_from(row.code) {
            column.push(
                row.code.to_string(),
                error_for(&WireResponse::new(status, "{}")),
            );
        }
    }
    vec![column]
}
