//! Meta's Graph error codes as the direct API answers them (`docs/providers/meta.md`,
//! "Errors"), one row per code. Codes shared with every Cloud API host are the dialect's
//! table (`switchboard_cloud_api::codes::CLOUD_CODES`); this table holds the rows only
//! direct access meets (authentication and permission, Graph throttling, account states)
//! and is looked up first. A code in neither falls back on the HTTP status, and an HTTP 429
//! is a rate limit whatever its code (`docs/providers/meta.md`, gotcha M4).

use switchboard_core::codes::{CodeColumn, CodeRow, Kind, FATAL, RETRY};
use switchboard_core::ProviderDetail;
use Kind::*;

const fn row(code: i64, kind: Kind, meaning: &'static str) -> CodeRow {
    CodeRow::new(code, kind, meaning)
}

/// The Graph error codes direct access adds to the Cloud API table.
pub static META_CODES: &[CodeRow] = &[
    row(104, Unauthorized, "access token missing"),
    row(3, FATAL, "API method: capability or permission missing"),
    row(10, Unauthorized, "permission denied"),
    row(613, RateLimited, "Graph API call rate limit exceeded"),
    row(
        130497,
        FATAL,
        "account restricted from messaging users in this country",
    ),
    row(131037, FATAL, "display name of the 555 number not approved"),
    row(131045, FATAL, "incorrect certificate (registration)"),
    row(
        131057,
        RETRY,
        "account in maintenance mode (throughput upgrade)",
    ),
    row(
        131062,
        InvalidRecipient,
        "business-scoped user id recipients not supported for this message",
    ),
    row(
        131063,
        FATAL,
        "marketing templates disabled for the Cloud API",
    ),
    row(132068, TemplateRejected, "Flow is blocked"),
    row(132069, RateLimited, "Flow is throttled (10 sends per hour)"),
    row(133016, RateLimited, "register/deregister rate limit"),
    row(135000, FATAL, "generic user error"),
    row(
        137000,
        InvalidRecipient,
        "recipient identity key hash mismatch",
    ),
];

/// The Graph API permission codes 200-299 (`docs/providers/meta.md`, "Errors").
pub const PERMISSION_CODES: std::ops::RangeInclusive<i64> = 200..=299;

/// The kind of a Graph error `code` on the direct API: [`META_CODES`], then the Cloud API
/// table (every other `132xxx` code a template error), then the permission range; `None`
/// when unknown.
pub fn kind(code: i64) -> Option<Kind> {
    CodeRow::find(META_CODES, code)
        .or_else(|| switchboard_cloud_api::codes::kind(code))
        .or(PERMISSION_CODES.contains(&code).then_some(Unauthorized))
}

/// The codes this adapter documents (`docs/errors.md`): the rows only direct access meets
/// ([`META_CODES`]) and the permission range; every Cloud API code applies too
/// (`switchboard_cloud_api::codes::CLOUD_CODES`).
pub fn documented() -> Vec<CodeColumn> {
    let mut column = CodeColumn::of_table(
        "Meta code (besides every Cloud code)",
        crate::PROVIDER,
        META_CODES,
    );
    let (first, last) = (*PERMISSION_CODES.start(), *PERMISSION_CODES.end());
    if let Some(permission) = kind(first) {
        let code = format!("{first}-{last}");
        let detail =
            ProviderDetail::new(crate::PROVIDER, "permission error").with_code(first.to_string());
        column.push(code, permission.into_error(detail, None));
    }
    vec![column]
}
