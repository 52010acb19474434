//! 99digital `reason` codes, one table per endpoint, one row per code.
//!
//! Reason numbers are endpoint-specific (4 is a bad `to` on the sends but an unknown
//! `unique` on sendReaction), so each endpoint has its own table. A `FAIL` whose reason is
//! in no table becomes [`Error::Provider`] (not retryable) with the raw code kept.
//!
//! Sources (`docs/providers/99digital.md`; `docs/providers/reference/99digital.md` section 4):
//! sendButtons is complete (section 4.2, from 99digital's own page); the sendMessage and
//! sendFile tables are cut in their pages and share codes 1-8 with sendButtons (section 4.1);
//! sendReaction is complete in the reference (section 4.3); sendLocation and sendContact
//! use the common codes the reference infers for all session sends (section 4.1); for sendTemplate only
//! the codes that mean the same on every documented endpoint (2, 3, 6) are mapped.

use std::collections::BTreeMap;
use switchboard_core::codes::{CodeColumn, CodeRow, Kind, RETRY};
use switchboard_core::{Error, ProviderDetail};

/// One documented reason code: core's code-table row.
pub type Row = CodeRow;

const fn row(code: i64, meaning: &'static str, kind: Kind) -> Row {
    CodeRow::new(code, kind, meaning)
}

const fn invalid(field: &'static str, limit: &'static str) -> Kind {
    Kind::InvalidField { field, limit }
}

const R2: Row = row(
    2,
    "the `from` account does not exist, or the JSON is malformed",
    Kind::Configuration,
);
const R3: Row = row(3, "wrong apiKey", Kind::Unauthorized);
const R4: Row = row(
    4,
    "`to` is empty or not a valid number",
    Kind::InvalidRecipient,
);
const R6: Row = row(6, "WhatsApp error, try again", RETRY);
const R7: Row = row(
    7,
    "more than 24 hours since the client's last message: use a template",
    Kind::WindowClosed,
);
const R8: Row = row(
    8,
    "first message to this contact: use a template",
    Kind::WindowClosed,
);
const R15: Row = row(15, "rate limit, try again", Kind::RateLimited);

/// sendMessage (text).
pub const SEND_MESSAGE: &[Row] = &[
    R2,
    R3,
    R4,
    row(
        5,
        "`body` can't be empty",
        invalid("text.body", "not empty"),
    ),
    R6,
    R7,
    R8,
    R15,
];

/// sendFile (media).
pub const SEND_FILE: &[Row] = &[
    R2,
    R3,
    R4,
    row(
        5,
        "`body` (the file link) can't be empty",
        invalid("media.link", "a public https link to the file"),
    ),
    R6,
    R7,
    R8,
    R15,
];

/// sendButtons with reply buttons (complete table: `docs/providers/reference/99digital.md`
/// section 4.2).
pub const SEND_BUTTONS: &[Row] = &[
    R2,
    R3,
    R4,
    row(
        5,
        "`body` can't be empty",
        invalid("buttons.body", "not empty"),
    ),
    R6,
    R7,
    R8,
    row(
        9,
        "`header` is mandatory",
        invalid(
            "buttons.header",
            "a header choice (1 none, 2 image, 3 video, 4 document)",
        ),
    ),
    row(
        10,
        "`footer` is too long",
        invalid("buttons.footer", "at most 60 characters"),
    ),
    row(
        11,
        "`button1` is missing or too long",
        invalid("buttons.buttons[0].title", "1 to 20 characters"),
    ),
    row(
        12,
        "`button2` or `button3` is too long",
        invalid("buttons.buttons[1..2].title", "at most 20 characters"),
    ),
    row(
        13,
        "`headerURL` is mandatory for a media header",
        invalid(
            "buttons.header.media.link",
            "an https URL for a media header",
        ),
    ),
    row(
        14,
        "`buttonExternal` has invalid input",
        invalid("buttons", "reply buttons without buttonExternal"),
    ),
    R15,
    row(
        16,
        "a button id is invalid, not unique or longer than 256 characters",
        invalid("buttons.buttons[].id", "unique, at most 256 characters"),
    ),
];

/// sendButtons with `buttonExternal` (a call-to-action): the same codes as
/// [`SEND_BUTTONS`], with the fields named in the call-to-action form.
pub const SEND_CTA: &[Row] = &[
    R2,
    R3,
    R4,
    row(5, "`body` can't be empty", invalid("cta.body", "not empty")),
    R6,
    R7,
    R8,
    row(
        9,
        "`header` is mandatory",
        invalid(
            "cta.header",
            "a header choice (1 none, 2 image, 3 video, 4 document)",
        ),
    ),
    row(
        10,
        "`footer` is too long",
        invalid("cta.footer", "at most 60 characters"),
    ),
    row(
        11,
        "`button1` is missing or too long",
        invalid("cta.label", "1 to 20 characters without emoji"),
    ),
    row(
        12,
        "`button2` or `button3` is too long",
        invalid("cta", "one button only"),
    ),
    row(
        13,
        "`headerURL` is mandatory for a media header",
        invalid("cta.header.media.link", "an https URL for a media header"),
    ),
    row(
        14,
        "`buttonExternal` has invalid input",
        invalid(
            "cta",
            "an http(s) URL, a phone number in digits or an e-mail address",
        ),
    ),
    R15,
    row(
        16,
        "a button id is invalid, not unique or longer than 256 characters",
        invalid("cta", "valid button ids"),
    ),
];

/// sendLocation: the common session-send codes (`docs/providers/reference/99digital.md`
/// section 4.1 infers them; its own table
/// is not retrievable).
pub const SEND_LOCATION: &[Row] = &[R2, R3, R4, R6, R7, R8, R15];

/// sendContact: the common session-send codes (inferred, as for sendLocation).
pub const SEND_CONTACT: &[Row] = &[R2, R3, R4, R6, R7, R8, R15];

/// sendReaction (complete table in `docs/providers/reference/99digital.md` section 4.3).
pub const SEND_REACTION: &[Row] = &[
    R2,
    R3,
    row(
        4,
        "`unique` is empty or not found",
        invalid("reaction.message_id", "the id of a message in this chat"),
    ),
    row(
        5,
        "invalid emoji",
        invalid("reaction.emoji", "one emoji, or empty to remove"),
    ),
    R7,
];

/// sendTemplate: its table is not retrievable; only the codes with one meaning on every
/// documented endpoint are mapped.
pub const SEND_TEMPLATE: &[Row] = &[R2, R3, R6];

/// The table for a request: its operation (the endpoint) and, for sendButtons, whether it
/// carries `buttonExternal`.
pub fn table(operation: &str, external: bool) -> &'static [Row] {
    match operation {
        "sendMessage" => SEND_MESSAGE,
        "sendFile" => SEND_FILE,
        "sendButtons" if external => SEND_CTA,
        "sendButtons" => SEND_BUTTONS,
        "sendLocation" => SEND_LOCATION,
        "sendContact" => SEND_CONTACT,
        "sendReaction" => SEND_REACTION,
        "sendTemplate" => SEND_TEMPLATE,
        _ => &[],
    }
}

/// The error for a `FAIL` with `reason` (as given: a number or a string) on `operation`.
pub fn error(operation: &str, external: bool, reason: &str, http_status: u16) -> Error {
    let code = reason.trim().parse::<i64>().ok();
    let found = code.and_then(|c| table(operation, external).iter().find(|r| r.code == c));
    let Some(row) = found else {
        let detail = ProviderDetail::new(
            crate::PROVIDER,
            format!("{operation} failed with a reason this adapter does not know"),
        )
        .with_status(http_status)
        .with_code(reason);
        return Error::Provider {
            detail: Box::new(detail),
            retryable: false,
        };
    };
    let detail = Box::new(
        ProviderDetail::new(crate::PROVIDER, row.meaning)
            .with_status(http_status)
            .with_code(reason),
    );
    match row.kind {
        Kind::Configuration => Error::configuration(format!(
            "99digital {operation} reason {reason}: {} (check the [99digital] `from` setting)",
            row.meaning
        )),
        Kind::InvalidField { field, limit } => Error::InvalidMessage {
            field: field.into(),
            limit: limit.into(),
            value: format!("refused by 99digital (reason {reason})"),
            provider: Some(detail),
        },
        other => other.into_error(*detail, None),
    }
}

/// Every endpoint with a reason table, as `(operation, buttonExternal, label)`; sendButtons
/// with `buttonExternal` has its own table (`CTA`).
const ENDPOINTS: [(&str, bool, &str); 8] = [
    ("sendMessage", false, "Message"),
    ("sendFile", false, "File"),
    ("sendButtons", false, "Buttons"),
    ("sendButtons", true, "CTA"),
    ("sendLocation", false, "Location"),
    ("sendContact", false, "Contact"),
    ("sendReaction", false, "Reaction"),
    ("sendTemplate", false, "Template"),
];

/// The codes this adapter documents (`docs/errors.md`): one column of reason codes, each
/// code's error read by [`error`] on every endpoint whose table lists it. A code that means
/// the same on every endpoint is shown bare; otherwise once per meaning, with the endpoints
/// where it means that (`4 (Reaction)`, `4 (Message, File, ...)`).
pub fn documented() -> Vec<CodeColumn> {
    let mut by_code: BTreeMap<(i64, &str, bool), (Vec<&str>, Error)> = BTreeMap::new();
    for (operation, external, label) in ENDPOINTS {
        for row in table(operation, external) {
            let e = error(operation, external, &row.code.to_string(), 200);
            by_code
                .entry((row.code, e.kind(), e.is_retryable()))
                .or_insert_with(|| (Vec::new(), e))
                .0
                .push(label);
        }
    }
    let mut column = CodeColumn::new("99digital `reason` (endpoints)");
    for ((code, _, _), (labels, e)) in by_code {
        let cell = if labels.len() == ENDPOINTS.len() {
            code.to_string()
        } else {
            format!("{code} ({})", labels.join(", "))
        };
        column.push(cell, e);
    }
    vec![column]
}
