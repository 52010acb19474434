//! Meta's Cloud API error codes and what they mean for the caller, one row per code
//! (`docs/providers/reference/360dialog.md` section 6.4). A code in no row falls back on the HTTP
//! status ([`Kind::by_status`]).

use switchboard_core::codes::{CodeRow, Kind, FATAL, RETRY};
use Kind::*;

const fn row(code: i64, kind: Kind, meaning: &'static str) -> CodeRow {
    CodeRow::new(code, kind, meaning)
}

/// Meta's Cloud API error codes (`docs/providers/reference/360dialog.md` section 6.4). Any other
/// `132xxx` code is a template error too ([`kind`]).
pub static CLOUD_CODES: &[CodeRow] = &[
    row(0, Unauthorized, "authentication exception"),
    row(190, Unauthorized, "access token expired"),
    row(1, RETRY, "API unknown"),
    row(2, RETRY, "API service temporarily down or overloaded"),
    row(4, RateLimited, "app API-call rate limit"),
    row(80007, RateLimited, "WABA API-call rate limit"),
    row(100, MessageRejected, "invalid parameter"),
    row(368, FATAL, "temporarily blocked for policy violations"),
    row(130429, RateLimited, "Cloud API throughput reached"),
    row(130472, FATAL, "user's number is part of an experiment"),
    row(131000, RETRY, "something went wrong"),
    row(131005, Unauthorized, "access denied"),
    row(131008, MessageRejected, "required parameter is missing"),
    row(131009, MessageRejected, "parameter value is not valid"),
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
    row(131051, MessageRejected, "unsupported message type"),
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

/// The kind of a Cloud API `code`, `None` when unknown.
pub fn kind(code: i64) -> Option<Kind> {
    CodeRow::find(CLOUD_CODES, code).or((132_000..=132_999)
        .contains(&code)
        .then_some(TemplateRejected))
}
