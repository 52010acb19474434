//! 99digital answers to receipts and typed errors.
//!
//! The body's `status` (`OK`/`FAIL`) and `reason` decide, whatever the HTTP status (a
//! rate-limit `reason` still takes a `Retry-After` header as its hint). A body
//! that is not a JSON object with a `status` is judged by the HTTP status (5xx retryable),
//! or is a [`Error::Decode`] when the status says success. Any text of the answer that ends
//! up in an error has the API key replaced by `***` (with `showRequest` 99digital echoes the
//! request; it says without the key, but the adapter does not rely on that).

use crate::codes;
use serde_json::Value;
use switchboard_core::codes::Kind;
use switchboard_core::{
    Error, ExposeSecret, ProviderDetail, Receipt, SecretString, WireRequest, WireResponse, REDACTED,
};

const WHAT: &str = "99digital response";

/// Reads `response` to `request`.
pub(crate) fn decode(
    api_key: &SecretString,
    request: &WireRequest,
    response: &WireResponse,
) -> Result<Receipt, Error> {
    let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
    let Some(Value::Object(body)) = parsed else {
        return Err(not_an_answer(api_key, response, "not a JSON object"));
    };
    match body.get("status").and_then(Value::as_str) {
        Some("OK") => {
            let unique = body
                .get("unique")
                .and_then(text_of)
                .filter(|u| !u.is_empty())
                .ok_or_else(|| Error::decode(WHAT, "status OK without a `unique` message id"))?;
            let mut receipt = Receipt::new(crate::PROVIDER, unique);
            receipt.status = Some("OK".into());
            receipt.recipient = body.get("to").and_then(text_of);
            receipt.window_minutes_left = body.get("templateTimeLeft").and_then(minutes);
            Ok(receipt)
        }
        Some("FAIL") => {
            let external = request
                .json()
                .is_some_and(|b| b.get("buttonExternal").is_some());
            match body.get("reason").and_then(text_of) {
                Some(reason) => Err(with_retry_hint(
                    codes::error(request.operation, external, &reason, response.status),
                    response,
                )),
                None => Err(Error::Provider {
                    detail: Box::new(
                        ProviderDetail::new(
                            crate::PROVIDER,
                            format!("{} failed without a reason", request.operation),
                        )
                        .with_status(response.status),
                    ),
                    retryable: false,
                }),
            }
        }
        _ => Err(not_an_answer(
            api_key,
            response,
            "a JSON object without status OK or FAIL",
        )),
    }
}

/// A rate-limit error (reason 15) takes its retry hint from a `Retry-After` header when the
/// answer carries one: 99digital documents none, but a standard header in front of its API
/// is the only hint there can be, so it is kept rather than dropped.
fn with_retry_hint(error: Error, response: &WireResponse) -> Error {
    match error {
        Error::RateLimited {
            detail,
            retry_after: None,
        } => Error::RateLimited {
            detail,
            retry_after: response.retry_after(),
        },
        other => other,
    }
}

/// A number or a numeric string, as text (`reason`, `unique`, `to` arrive either way).
fn text_of(v: &Value) -> Option<String> {
    switchboard_core::json::text(v).map(|s| s.trim().to_string())
}

/// `templateTimeLeft` / `conversationTimeLeft`: minutes as a number (`1200`) or a string
/// (`"400"`); negative or unreadable values are `None`.
pub(crate) fn minutes(v: &Value) -> Option<u32> {
    switchboard_core::json::float(v).and_then(whole_minutes)
}

/// A non-negative number of minutes, capped to `u32`.
pub(crate) fn whole_minutes(n: f64) -> Option<u32> {
    if n >= 0.0 {
        Some(n.min(f64::from(u32::MAX)) as u32)
    } else {
        None
    }
}

/// The error for an answer that is not a 99digital result object.
fn not_an_answer(api_key: &SecretString, response: &WireResponse, what: &str) -> Error {
    let excerpt = if response.body.iter().all(u8::is_ascii_whitespace) {
        "an empty body".to_string()
    } else {
        format!("{what}: {}", redacted_excerpt(api_key, &response.body))
    };
    let status = response.status;
    let detail = ProviderDetail::new(crate::PROVIDER, excerpt.clone()).with_status(status);
    match status {
        200..=299 => Error::decode(WHAT, format!("HTTP {status} with {excerpt}")),
        // 99digital's gateway answers a refused key with 403 as well as 401.
        403 => Kind::Unauthorized.into_error(detail, None),
        _ => Kind::by_status(status).into_error(detail, response.retry_after()),
    }
}

/// The body as text with the API key replaced by `***`, cut to 300 characters.
pub(crate) fn redacted_excerpt(api_key: &SecretString, body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let key = api_key.expose_secret();
    let text = if key.is_empty() {
        text.into_owned()
    } else {
        text.replace(key, REDACTED)
    };
    let mut out: String = text.chars().take(300).collect();
    if text.chars().count() > 300 {
        out.push_str("...");
    }
    out
}
