//! Bird's error answers mapped to switchboard error kinds, one row per HTTP status.
//!
//! Bird's error bodies are `RequestError {code, message}` and, for 422,
//! `ValidationError {code, message, details: {<field>: [messages]}}`. The `code` strings
//! are not documented (reference section 7.3 and 16.15), so the table is keyed on the
//! HTTP status; the raw code, message and details are kept in the [`ProviderDetail`].

use serde_json::Value;
use switchboard_core::{Error, ProviderDetail, WireResponse};

/// The kind of error a Bird HTTP status maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// [`Error::InvalidMessage`]: Bird refused the request as written.
    Invalid,
    /// [`Error::Unauthorized`].
    Unauthorized,
    /// [`Error::RateLimited`], retryable.
    RateLimited,
    /// [`Error::Provider`] that is not retryable.
    Refused,
    /// [`Error::Provider`] that is retryable (server side, temporary).
    Temporary,
}

/// One row per HTTP status the reference names: status, kind, what Bird means by it.
pub const STATUS_TABLE: &[(u16, ErrorKind, &str)] = &[
    (
        400,
        ErrorKind::Invalid,
        "request error (RequestError {code, message})",
    ),
    (401, ErrorKind::Unauthorized, "missing or wrong access key"),
    (
        403,
        ErrorKind::Unauthorized,
        "the access key's role does not cover this path",
    ),
    (404, ErrorKind::Refused, "workspace or channel not found"),
    (409, ErrorKind::Refused, "conflicting conditions"),
    (413, ErrorKind::Invalid, "payload too large"),
    (
        422,
        ErrorKind::Invalid,
        "validation failed (ValidationError with details per field)",
    ),
    (
        429,
        ErrorKind::RateLimited,
        "rate limited: not processed, retry later",
    ),
    (
        500,
        ErrorKind::Temporary,
        "server error: safe to retry with a delay",
    ),
    (
        502,
        ErrorKind::Temporary,
        "bad gateway: safe to retry with a delay",
    ),
    (
        503,
        ErrorKind::Temporary,
        "service unavailable: safe to retry with a delay",
    ),
    (
        504,
        ErrorKind::Temporary,
        "gateway timeout: safe to retry with a delay",
    ),
];

/// The kind for an HTTP status: its row in [`STATUS_TABLE`], else any other 5xx is
/// temporary and any other status a non-retryable refusal.
pub fn kind_for(status: u16) -> ErrorKind {
    STATUS_TABLE
        .iter()
        .find(|(s, _, _)| *s == status)
        .map(|(_, kind, _)| *kind)
        .unwrap_or(if (500..600).contains(&status) {
            ErrorKind::Temporary
        } else {
            ErrorKind::Refused
        })
}

/// The typed error for a non-2xx answer. Never panics, whatever the body.
pub fn error_for(response: &WireResponse) -> Error {
    let status = response.status;
    let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
    let object = parsed.as_ref().filter(|v| v.is_object());
    let code = object.and_then(|v| v.get("code")).and_then(|c| match c {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
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
    if let Some(d) = details {
        message.push_str(&format!(" (details: {d})"));
    }
    let mut detail = ProviderDetail::new(crate::PROVIDER, message).with_status(status);
    if let Some(code) = code {
        detail = detail.with_code(code);
    }
    let detail = Box::new(detail);

    match kind_for(status) {
        ErrorKind::Invalid => {
            let (field, value) = match details.and_then(Value::as_object) {
                Some(map) => {
                    let field = map.keys().cloned().collect::<Vec<_>>().join(", ");
                    let value = map
                        .iter()
                        .map(|(k, msgs)| format!("{k}: {}", messages(msgs)))
                        .collect::<Vec<_>>()
                        .join("; ");
                    (field, value)
                }
                None => (
                    "request".to_string(),
                    bird_message.unwrap_or_else(|| format!("HTTP {status}")),
                ),
            };
            Error::InvalidMessage {
                field,
                limit: "accepted by Bird".to_string(),
                value,
                provider: Some(detail),
            }
        }
        ErrorKind::Unauthorized => Error::Unauthorized(detail),
        ErrorKind::RateLimited => Error::RateLimited {
            detail,
            retry_after: response.retry_after(),
        },
        ErrorKind::Refused => Error::Provider {
            detail,
            retryable: false,
        },
        ErrorKind::Temporary => Error::Provider {
            detail,
            retryable: true,
        },
    }
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
