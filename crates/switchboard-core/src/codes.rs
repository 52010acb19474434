//! Provider result codes as data: a [`CodeRow`] maps one code to the [`Kind`] of
//! [`Error`] it means, whether sending again may succeed, and a short description. Every
//! adapter declares its tables with these types. An adapter documents its codes as
//! [`CodeColumn`]s ([`crate::ConfigurableAdapter::documented_codes`]), each code with the
//! [`Error`] the adapter returns for it; `docs/errors.md`'s table of provider codes is
//! generated from every registered adapter's columns (`tests/error_codes.rs`).
//!
//! ```
//! use switchboard_core::codes::{CodeRow, Kind};
//! use switchboard_core::{Provider, ProviderDetail};
//!
//! static TABLE: &[CodeRow] = &[CodeRow::new(131047, Kind::WindowClosed, "re-engagement message")];
//! let kind = CodeRow::find(TABLE, 131047).expect("listed");
//! let error = kind.into_error(ProviderDetail::new(Provider::new("acme"), "too late"), None);
//! assert_eq!(error.kind(), "window_closed");
//! // An answer whose code is in no table falls back on its HTTP status:
//! assert_eq!(Kind::by_status(503), Kind::Provider { retryable: true });
//! ```

use crate::{Error, ProviderDetail};
use std::time::Duration;

/// The kind of [`Error`] a provider code maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// [`Error::Configuration`]: the provider says a setting is wrong (an account that does
    /// not exist).
    Configuration,
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
    /// [`Error::MessageRejected`]: the provider refused the message without naming a field
    /// of it.
    MessageRejected,
    /// [`Error::InvalidMessage`] naming the message `field` the code is about and the rule
    /// (`limit`) the provider applied.
    InvalidField {
        /// The field, as a path into the message JSON form.
        field: &'static str,
        /// The rule the provider applied.
        limit: &'static str,
    },
    /// [`Error::Provider`], retryable or not.
    Provider {
        /// Whether sending again may succeed.
        retryable: bool,
    },
}

/// A temporary provider failure: [`Kind::Provider`], retryable.
pub const RETRY: Kind = Kind::Provider { retryable: true };
/// A final provider refusal: [`Kind::Provider`], not retryable.
pub const FATAL: Kind = Kind::Provider { retryable: false };

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

impl CodeRow {
    /// A row: `code` means `meaning` and maps to `kind`.
    pub const fn new(code: i64, kind: Kind, meaning: &'static str) -> Self {
        CodeRow {
            code,
            kind,
            meaning,
        }
    }

    /// The kind of `code` in `table`, `None` when it is not listed.
    pub fn find(table: &[CodeRow], code: i64) -> Option<Kind> {
        table.iter().find(|r| r.code == code).map(|r| r.kind)
    }
}

impl Kind {
    /// The fallback for an answer with no known code, by HTTP status: 401 unauthorized,
    /// 429 rate limited, 5xx a retryable provider error, anything else a final refusal.
    pub fn by_status(status: u16) -> Kind {
        match status {
            401 => Kind::Unauthorized,
            429 => Kind::RateLimited,
            500..=599 => RETRY,
            _ => FATAL,
        }
    }

    /// The error of this kind carrying `detail` (and, for [`Kind::RateLimited`], the
    /// provider's `retry_after` hint).
    pub fn into_error(self, detail: ProviderDetail, retry_after: Option<Duration>) -> Error {
        let boxed = || Box::new(detail.clone());
        match self {
            Kind::Configuration => Error::configuration(format!(
                "{detail} (check the [{}] settings)",
                detail.provider
            )),
            Kind::Unauthorized => Error::Unauthorized(boxed()),
            Kind::RateLimited => Error::RateLimited {
                detail: boxed(),
                retry_after,
            },
            Kind::WindowClosed => Error::WindowClosed(boxed()),
            Kind::TemplateRejected => Error::TemplateRejected(boxed()),
            Kind::MediaRejected => Error::MediaRejected(boxed()),
            Kind::InvalidRecipient => Error::InvalidRecipient(boxed()),
            Kind::MessageRejected => Error::MessageRejected(boxed()),
            Kind::InvalidField { field, limit } => Error::InvalidMessage {
                field: field.into(),
                limit: limit.into(),
                value: format!(
                    "refused by {} (code {})",
                    detail.provider,
                    detail.code.as_deref().unwrap_or("none")
                ),
                provider: Some(boxed()),
            },
            Kind::Provider { retryable } => Error::Provider {
                detail: boxed(),
                retryable,
            },
        }
    }
}

/// One column of the codes an adapter documents ([`crate::ConfigurableAdapter::documented_codes`]):
/// its title, and each code as the column shows it with the [`Error`] the adapter returns
/// for it. `docs/errors.md` files each code under its error's kind and retryability.
///
/// ```
/// use switchboard_core::codes::{CodeColumn, CodeRow, Kind};
/// use switchboard_core::Provider;
///
/// static TABLE: &[CodeRow] = &[CodeRow::new(131047, Kind::WindowClosed, "re-engagement message")];
/// let column = CodeColumn::of_table("Acme code", Provider::new("acme"), TABLE);
/// assert_eq!(column.codes[0].code, "131047");
/// assert_eq!(column.codes[0].error.kind(), "window_closed");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct CodeColumn {
    /// The column's title, naming the provider and what its codes are (`Acme code`,
    /// `Acme (HTTP status)`).
    pub title: &'static str,
    /// The codes, in the order the column lists them.
    pub codes: Vec<DocumentedCode>,
}

/// One documented code and the error it becomes.
#[derive(Debug)]
#[non_exhaustive]
pub struct DocumentedCode {
    /// The code as the column shows it (`131047`, `400 "rate limit"`, `200-299`).
    pub code: String,
    /// The error the adapter returns for it.
    pub error: Error,
}

impl CodeColumn {
    /// An empty column titled `title`.
    pub fn new(title: &'static str) -> Self {
        CodeColumn {
            title,
            codes: Vec::new(),
        }
    }

    /// Adds `code`, which the adapter turns into `error`.
    pub fn push(&mut self, code: impl Into<String>, error: Error) {
        self.codes.push(DocumentedCode {
            code: code.into(),
            error,
        });
    }

    /// The column of a code table whose rows become errors through [`Kind::into_error`]
    /// (as an adapter's decode does): each row's error carries a [`ProviderDetail`] of
    /// `provider` with the row's meaning and code.
    pub fn of_table(title: &'static str, provider: crate::Provider, table: &[CodeRow]) -> Self {
        let mut column = CodeColumn::new(title);
        for row in table {
            let code = row.code.to_string();
            let detail = ProviderDetail::new(provider, row.meaning).with_code(code.clone());
            column.push(code, row.kind.into_error(detail, None));
        }
        column
    }
}
