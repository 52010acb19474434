//! 360dialog result codes and what they mean for the caller: one table per dialect, one
//! row per code (`docs/providers/reference/360dialog.md` sections 6.2, 6.3 and 6.4). The Cloud table
//! is Meta's, kept in `switchboard-cloud-api`; the On-Premise table and the gateway's
//! answers are 360dialog's.
//!
//! A code that is in no table falls back on the HTTP status ([`by_status`]).

pub use switchboard_cloud_api::codes::CLOUD_CODES;
pub use switchboard_core::codes::{CodeRow, Kind};

const fn row(code: i64, kind: Kind, meaning: &'static str) -> CodeRow {
    CodeRow::new(code, kind, meaning)
}

use switchboard_core::codes::{CodeColumn, FATAL, RETRY};
use switchboard_core::ProviderDetail;
use Kind::*;

/// On-Premise API (v1) codes, section 6.3.
pub static ON_PREMISE_CODES: &[CodeRow] = &[
    row(400, MediaRejected, "media download error"),
    row(402, FATAL, "business eligibility: payment issue"),
    row(
        408,
        RETRY,
        "message not valid (pending more than 1 day): resend",
    ),
    row(410, FATAL, "message expired (TTL)"),
    row(429, RateLimited, "rate limit hit"),
    row(430, FATAL, "certificate signature invalid"),
    row(432, FATAL, "certificate id mismatch"),
    row(433, FATAL, "certificate signature invalid"),
    row(
        470,
        WindowClosed,
        "re-engagement: more than 24 h since the customer last replied",
    ),
    row(471, FATAL, "spam rate limit hit"),
    row(472, FATAL, "user's number is part of an experiment"),
    row(500, RETRY, "generic error"),
    row(1000, RETRY, "generic error"),
    row(1001, MessageRejected, "message too long"),
    row(1002, MessageRejected, "invalid recipient type"),
    row(1004, FATAL, "resource already exists"),
    row(1005, Unauthorized, "access denied"),
    row(1006, FATAL, "resource not found"),
    row(1007, InvalidRecipient, "recipient blocked"),
    row(1008, MessageRejected, "required parameter is missing"),
    row(1009, MessageRejected, "parameter value is not valid"),
    row(1010, MessageRejected, "parameter is not required"),
    row(1011, RETRY, "service not ready"),
    row(1013, InvalidRecipient, "user is not valid"),
    row(1014, RETRY, "internal error"),
    row(1015, RateLimited, "too many requests"),
    row(1016, RETRY, "system overloaded"),
    row(1017, RETRY, "not primary master"),
    row(1018, RETRY, "not primary coreapp"),
    row(1021, InvalidRecipient, "bad user: sending to self"),
    row(1026, InvalidRecipient, "receiver incapable"),
    row(2000, TemplateRejected, "template parameter count mismatch"),
    row(2001, TemplateRejected, "template missing"),
    row(2002, TemplateRejected, "template could not be sent"),
    row(2003, TemplateRejected, "template missing for language"),
];

/// 360dialog's own gateway answers (`{"meta": {...}}`, `{"error": "<text>"}`, HTML), section
/// 6.2, keyed on the HTTP status (the inner `httpCode` is not reliable) and, for 400, on a
/// phrase of the message. The first matching row wins.
pub static GATEWAY_ROWS: &[(u16, Option<&str>, Kind, &str)] = &[
    (
        400,
        Some("rate limit"),
        RateLimited,
        "endpoint rate limit exceeded",
    ),
    (
        400,
        Some("limit of 1 request"),
        RateLimited,
        "endpoint rate limit exceeded",
    ),
    (
        400,
        None,
        FATAL,
        "API disabled for the number, or unpaid invoices",
    ),
    (401, None, Unauthorized, "invalid API key"),
    (
        403,
        None,
        FATAL,
        "endpoint blocked or integrity restriction",
    ),
    (429, None, RateLimited, "too many requests"),
    (500, None, RETRY, "internal error (stack restart)"),
    (502, None, RETRY, "WhatsApp stack not running"),
    (503, None, RETRY, "service unavailable"),
];

/// The kind of a Cloud code, `None` when unknown.
pub fn cloud(code: i64) -> Option<Kind> {
    switchboard_cloud_api::codes::kind(code)
}

/// The kind of an On-Premise code, `None` when unknown.
pub fn on_premise(code: i64) -> Option<Kind> {
    CodeRow::find(ON_PREMISE_CODES, code)
}

/// The kind of a 360dialog gateway answer with HTTP `status` and `message`.
pub fn gateway(status: u16, message: &str) -> Kind {
    let lower = message.to_ascii_lowercase();
    GATEWAY_ROWS
        .iter()
        .find(|(s, phrase, _, _)| {
            *s == status
                && match phrase {
                    Some(p) => lower.contains(p),
                    None => true,
                }
        })
        .map(|(_, _, kind, _)| *kind)
        .unwrap_or_else(|| by_status(status))
}

/// The fallback for an answer with no known code: by HTTP status.
pub fn by_status(status: u16) -> Kind {
    Kind::by_status(status)
}

/// The codes this adapter documents (`docs/errors.md`): the Cloud table, the On-Premise
/// table, and the gateway's answers by HTTP status (with the phrase that tells some apart),
/// each answer's error from [`gateway`] as the decoding reads it.
pub fn documented() -> Vec<CodeColumn> {
    let mut gateway_column = CodeColumn::new("360dialog gateway (HTTP status)");
    for (status, phrase, _, meaning) in GATEWAY_ROWS {
        let code = match phrase {
            Some(p) => format!("{status} \"{p}\""),
            None => status.to_string(),
        };
        let detail = ProviderDetail::new(crate::PROVIDER, *meaning).with_status(*status);
        let kind = gateway(*status, phrase.unwrap_or_default());
        gateway_column.push(code, kind.into_error(detail, None));
    }
    vec![
        CodeColumn::of_table("360dialog Cloud code", crate::PROVIDER, CLOUD_CODES),
        CodeColumn::of_table(
            "360dialog On-Premise code",
            crate::PROVIDER,
            ON_PREMISE_CODES,
        ),
        gateway_column,
    ]
}
