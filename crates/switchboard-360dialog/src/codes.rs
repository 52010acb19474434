//! 360dialog result codes and what they mean for the caller: one table per dialect, one
//! row per code (provider reference sections 6.2, 6.3 and 6.4).
//!
//! A code that is in no table falls back on the HTTP status ([`by_status`]).

use std::time::Duration;
use switchboard_core::{Error, ProviderDetail};

/// The kind of [`Error`] a code maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// [`Error::Unauthorized`].
    Unauthorized,
    /// [`Error::RateLimited`] (retryable).
    RateLimited,
    /// [`Error::WindowClosed`]: only a template reaches the recipient now.
    WindowClosed,
    /// [`Error::TemplateRejected`].
    TemplateRejected,
    /// [`Error::MediaRejected`].
    MediaRejected,
    /// [`Error::InvalidRecipient`].
    InvalidRecipient,
    /// [`Error::InvalidMessage`] with the provider's detail.
    InvalidMessage,
    /// [`Error::Provider`], retryable or not.
    Provider {
        /// Whether sending again may succeed.
        retryable: bool,
    },
}

/// One code of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRow {
    /// The provider's code.
    pub code: i64,
    /// What it maps to.
    pub kind: Kind,
    /// The code's meaning, in short.
    pub meaning: &'static str,
}

const fn row(code: i64, kind: Kind, meaning: &'static str) -> CodeRow {
    CodeRow {
        code,
        kind,
        meaning,
    }
}

use Kind::*;
const RETRY: Kind = Provider { retryable: true };
const FATAL: Kind = Provider { retryable: false };

/// Cloud API (v2) codes, section 6.4. Any other `132xxx` code is a template error too.
pub static CLOUD_CODES: &[CodeRow] = &[
    row(0, Unauthorized, "authentication exception"),
    row(190, Unauthorized, "access token expired"),
    row(1, RETRY, "API unknown"),
    row(2, RETRY, "API service temporarily down or overloaded"),
    row(4, RateLimited, "app API-call rate limit"),
    row(80007, RateLimited, "WABA API-call rate limit"),
    row(100, InvalidMessage, "invalid parameter"),
    row(368, FATAL, "temporarily blocked for policy violations"),
    row(130429, RateLimited, "Cloud API throughput reached"),
    row(130472, FATAL, "user's number is part of an experiment"),
    row(131000, RETRY, "something went wrong"),
    row(131005, Unauthorized, "access denied"),
    row(131008, InvalidMessage, "required parameter is missing"),
    row(131009, InvalidMessage, "parameter value is not valid"),
    row(131016, RETRY, "service unavailable"),
    row(131021, InvalidRecipient, "recipient cannot be sender"),
    row(131026, InvalidRecipient, "message undeliverable"),
    row(131031, FATAL, "business account locked"),
    row(131042, FATAL, "business eligibility payment issue"),
    row(
        131047,
        WindowClosed,
        "re-engagement message: more than 24 h since the last user reply",
    ),
    row(131048, FATAL, "spam rate limit hit"),
    row(
        131049,
        FATAL,
        "not delivered to maintain healthy ecosystem engagement",
    ),
    row(131050, FATAL, "user stopped marketing messages"),
    row(131051, InvalidMessage, "unsupported message type"),
    row(131052, MediaRejected, "media download error"),
    row(131053, MediaRejected, "media upload error"),
    row(
        131056,
        RateLimited,
        "(business, consumer) pair rate limit hit",
    ),
    row(
        132000,
        TemplateRejected,
        "template parameter count mismatch",
    ),
    row(132001, TemplateRejected, "template does not exist"),
    row(132005, TemplateRejected, "template hydrated text too long"),
    row(
        132007,
        TemplateRejected,
        "template format character policy violated",
    ),
    row(
        132012,
        TemplateRejected,
        "template parameter format mismatch",
    ),
    row(132015, TemplateRejected, "template is paused"),
    row(132016, TemplateRejected, "template is disabled"),
    row(133010, FATAL, "phone number not registered"),
];

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
    row(1001, InvalidMessage, "message too long"),
    row(1002, InvalidMessage, "invalid recipient type"),
    row(1004, FATAL, "resource already exists"),
    row(1005, Unauthorized, "access denied"),
    row(1006, FATAL, "resource not found"),
    row(1007, InvalidRecipient, "recipient blocked"),
    row(1008, InvalidMessage, "required parameter is missing"),
    row(1009, InvalidMessage, "parameter value is not valid"),
    row(1010, InvalidMessage, "parameter is not required"),
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
    find(CLOUD_CODES, code).or((132_000..=132_999)
        .contains(&code)
        .then_some(TemplateRejected))
}

/// The kind of an On-Premise code, `None` when unknown.
pub fn on_premise(code: i64) -> Option<Kind> {
    find(ON_PREMISE_CODES, code)
}

fn find(table: &[CodeRow], code: i64) -> Option<Kind> {
    table.iter().find(|r| r.code == code).map(|r| r.kind)
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
    match status {
        401 => Unauthorized,
        429 => RateLimited,
        500..=599 => RETRY,
        _ => FATAL,
    }
}

impl Kind {
    /// The error of this kind carrying `detail`.
    pub fn into_error(self, detail: ProviderDetail, retry_after: Option<Duration>) -> Error {
        let detail = Box::new(detail);
        match self {
            Unauthorized => Error::Unauthorized(detail),
            RateLimited => Error::RateLimited {
                detail,
                retry_after,
            },
            WindowClosed => Error::WindowClosed(detail),
            TemplateRejected => Error::TemplateRejected(detail),
            MediaRejected => Error::MediaRejected(detail),
            InvalidRecipient => Error::InvalidRecipient(detail),
            InvalidMessage => Error::InvalidMessage {
                field: "message".into(),
                limit: "accepted by 360dialog".into(),
                value: detail.message.clone(),
                provider: Some(detail),
            },
            Provider { retryable } => Error::Provider { detail, retryable },
        }
    }
}
