//! The one error type of switchboard.
//!
//! Every failure a user may want to branch on is its own variant. Provider result codes
//! are mapped to these kinds by each adapter (one table per provider, one row per code);
//! the raw code and message are kept in a [`ProviderDetail`].

mod cause;
mod redact;

pub use cause::Cause;

use crate::Provider;
use std::fmt;
use std::time::Duration;

/// What a provider said when it refused or failed a request: kept verbatim so nothing is lost
/// when its code is mapped to an [`Error`] kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderDetail {
    /// The provider that answered.
    pub provider: Provider,
    /// The HTTP status of the answer, when there was one.
    pub http_status: Option<u16>,
    /// The provider's own result or error code, as text (`"131047"`, `"7"`, `"invalid_request"`).
    pub code: Option<String>,
    /// The provider's message, or a description of the answer.
    pub message: String,
}

impl ProviderDetail {
    /// A detail with only a provider and a message.
    pub fn new(provider: Provider, message: impl Into<String>) -> Self {
        ProviderDetail {
            provider,
            http_status: None,
            code: None,
            message: message.into(),
        }
    }

    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }

    /// Sets the provider's code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
}

impl fmt::Display for ProviderDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.provider)?;
        if let Some(status) = self.http_status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(code) = &self.code {
            write!(f, " code {code}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every error switchboard returns.
///
/// Match on the variant to decide what to do; [`Error::is_retryable`] says whether sending
/// the same message again is safe and may succeed.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The message breaks a WhatsApp or provider limit on a named field. Detected before any
    /// I/O, or reported by the provider with a code that names the field (then `provider`
    /// holds what it said). A provider refusal that names no field of the message is
    /// [`Error::MessageRejected`].
    #[error("invalid message: `{field}` must be {limit}, got {value}{}", provider.as_ref().map(|p| format!(" ({p})")).unwrap_or_default())]
    InvalidMessage {
        /// The field, as a path into the message JSON form (`buttons.buttons[3]`, `list.button`).
        field: String,
        /// The rule that was broken (`"at most 20 characters"`).
        limit: String,
        /// The offending value, or a description of it (`"25 characters: \"...\""`).
        value: String,
        /// What the provider said, when the provider rejected the message.
        provider: Option<Box<ProviderDetail>>,
    },

    /// The provider cannot carry this content or option. Detected before any I/O.
    #[error("{provider} does not support {feature}: {reason}")]
    Unsupported {
        /// The provider (and hosting) that lacks the feature.
        provider: Provider,
        /// The feature, as named in the capability matrix (`"list"`, `"media.sticker"`).
        feature: String,
        /// Why, in one sentence.
        reason: String,
    },

    /// The configuration is missing, malformed or names something that is not built in.
    #[error("configuration error: {message}")]
    Configuration {
        /// What is wrong, naming the setting.
        message: String,
    },

    /// The provider refused the credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(Box<ProviderDetail>),

    /// The provider is throttling. Retry after `retry_after` when it is known.
    #[error("rate limited{}: {detail}", retry_after.map(|d| format!(" (retry after {}s)", d.as_secs())).unwrap_or_default())]
    RateLimited {
        /// What the provider said.
        detail: Box<ProviderDetail>,
        /// How long the provider asked to wait, when it said.
        retry_after: Option<Duration>,
    },

    /// The 24-hour customer-service window is closed (or was never opened): only a template
    /// message can reach this recipient now.
    #[error("customer-service window closed, a template is required: {0}")]
    WindowClosed(Box<ProviderDetail>),

    /// The template does not exist, is not approved, or its parameters do not match.
    #[error("template rejected: {0}")]
    TemplateRejected(Box<ProviderDetail>),

    /// The media could not be fetched, is too large, or is of a type the provider refuses.
    #[error("media rejected: {0}")]
    MediaRejected(Box<ProviderDetail>),

    /// The recipient is not a valid or reachable WhatsApp number.
    #[error("invalid recipient: {0}")]
    InvalidRecipient(Box<ProviderDetail>),

    /// The provider refused the message as malformed or against its rules without naming a
    /// field of the message (Cloud API code 100 "invalid parameter", a Bird 422 validation
    /// error about its own wire fields): its code and message say why. Sending it again as
    /// it is fails again.
    #[error("message rejected: {0}")]
    MessageRejected(Box<ProviderDetail>),

    /// Any other refusal by the provider, with its raw code and message.
    #[error("provider error: {detail}")]
    Provider {
        /// What the provider said.
        detail: Box<ProviderDetail>,
        /// Whether the provider signalled a temporary condition (5xx, "try again").
        retryable: bool,
    },

    /// The request could not be sent (connection refused, DNS, TLS). Nothing reached the
    /// provider, so sending again is safe.
    #[error("transport error: {message}")]
    Transport {
        /// What failed.
        message: String,
        /// The underlying error (reqwest's), when there is one: [`std::error::Error::source`].
        source: Option<Cause>,
    },

    /// The request was sent but no answer came back (timeout, connection reset). The message
    /// may or may not have gone out: check before sending again.
    #[error("unknown outcome, the message may have been sent: {message}")]
    UnknownOutcome {
        /// The provider the request went to.
        provider: Provider,
        /// What happened.
        message: String,
        /// The underlying error (reqwest's), when there is one: [`std::error::Error::source`].
        source: Option<Cause>,
    },

    /// A body (a provider answer, a webhook, a message file) could not be read.
    #[error("could not decode {what}: {message}")]
    Decode {
        /// What was being decoded (`"360dialog response"`, `"bird webhook"`, `"message JSON"`).
        what: String,
        /// Why it failed.
        message: String,
        /// The underlying error (`serde_json`'s), when there is one:
        /// [`std::error::Error::source`].
        source: Option<Cause>,
    },

    /// A value could not be serialized (a request body, a receipt or a journaled event
    /// written as JSON). Nothing was sent.
    #[error("could not encode {what}: {message}")]
    Encode {
        /// What was being encoded (`"request body"`, `"receipt"`, `"journaled event"`).
        what: String,
        /// Why it failed.
        message: String,
        /// The underlying error (`serde_json`'s), when there is one:
        /// [`std::error::Error::source`].
        source: Option<Cause>,
    },

    /// A local I/O operation failed: reading a message file, writing a report or stdout,
    /// binding the webhook listener's socket, writing a media download to its sink. Not
    /// about a provider: nothing was sent because of it.
    #[error("I/O error while {operation}: {message}")]
    Io {
        /// What was being done (`"reading the message file msg.json"`, `"listening on
        /// 127.0.0.1:8080"`).
        operation: String,
        /// What failed.
        message: String,
        /// The underlying `std::io::Error`, when there is one: [`std::error::Error::source`].
        source: Option<Cause>,
    },

    /// switchboard itself failed: a poisoned lock, a task that panicked, a closed internal
    /// channel, an HTTP client that could not be built. A bug or a broken environment, not
    /// something a setting or a message can fix; please report it.
    #[error("internal error: {message}")]
    Internal {
        /// What failed.
        message: String,
        /// The underlying error, when there is one: [`std::error::Error::source`].
        source: Option<Cause>,
    },

    /// A webhook's signature is missing, malformed or wrong.
    #[error("webhook signature rejected: {reason}")]
    InvalidSignature {
        /// Why the signature was refused.
        reason: String,
    },

    /// A store (the webhook journal) could not read or write. Nothing was acknowledged:
    /// a webhook receiver answers 503 so the provider retries.
    #[error("storage error while {operation}: {message}")]
    Storage {
        /// What was being done (`"journaling a webhook delivery"`, `"opening the journal"`).
        operation: String,
        /// What failed.
        message: String,
        /// The underlying error (the database's), when there is one:
        /// [`std::error::Error::source`].
        source: Option<Cause>,
    },
}

impl Error {
    /// Whether sending the same request again is safe and may succeed: rate limiting,
    /// temporary provider failures and transport failures before anything was sent.
    ///
    /// [`Error::UnknownOutcome`] is deliberately *not* retryable: the message may have been
    /// delivered, and a blind retry would send it twice.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. } | Error::Transport { .. } | Error::Storage { .. } => true,
            Error::Provider { retryable, .. } => *retryable,
            _ => false,
        }
    }

    /// A local validation error: `field` broke `limit` with `value`.
    pub fn invalid(
        field: impl Into<String>,
        limit: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Error::InvalidMessage {
            field: field.into(),
            limit: limit.into(),
            value: bounded(value.into()),
            provider: None,
        }
    }

    /// `provider` cannot carry `feature`, because `reason`.
    pub fn unsupported(
        provider: Provider,
        feature: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Unsupported {
            provider,
            feature: feature.into(),
            reason: reason.into(),
        }
    }

    /// A configuration error.
    pub fn configuration(message: impl Into<String>) -> Self {
        Error::Configuration {
            message: message.into(),
        }
    }

    /// A storage error: `operation` failed with `cause`.
    pub fn storage(operation: impl Into<String>, cause: impl std::fmt::Display) -> Self {
        Error::Storage {
            operation: operation.into(),
            message: cause.to_string(),
            source: None,
        }
    }

    /// A decode error for `what`.
    pub fn decode(what: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Decode {
            what: what.into(),
            message: bounded(message.into()),
            source: None,
        }
    }

    /// An encode error for `what`.
    pub fn encode(what: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Encode {
            what: what.into(),
            message: bounded(message.into()),
            source: None,
        }
    }

    /// A local I/O error: `operation` failed with `cause`.
    pub fn io(operation: impl Into<String>, cause: impl fmt::Display) -> Self {
        Error::Io {
            operation: operation.into(),
            message: cause.to_string(),
            source: None,
        }
    }

    /// An internal error: `message` says what failed.
    pub fn internal(message: impl Into<String>) -> Self {
        Error::Internal {
            message: message.into(),
            source: None,
        }
    }

    /// A transport error: the request could not be sent, `message` says why.
    pub fn transport(message: impl Into<String>) -> Self {
        Error::Transport {
            message: message.into(),
            source: None,
        }
    }

    /// An unknown outcome: the request to `provider` may have been sent, `message` says
    /// what happened.
    pub fn unknown_outcome(provider: Provider, message: impl Into<String>) -> Self {
        Error::UnknownOutcome {
            provider,
            message: message.into(),
            source: None,
        }
    }

    /// This error with `source` as its [`std::error::Error::source`]: the underlying error
    /// (reqwest's, an I/O or a `serde_json` error) stays reachable, to downcast or to
    /// follow down its own chain. Kinds that carry no underlying error (a provider's answer,
    /// a broken limit) are returned unchanged.
    pub fn with_source(mut self, source: impl Into<Cause>) -> Self {
        match &mut self {
            Error::Transport { source: s, .. }
            | Error::UnknownOutcome { source: s, .. }
            | Error::Decode { source: s, .. }
            | Error::Encode { source: s, .. }
            | Error::Io { source: s, .. }
            | Error::Internal { source: s, .. }
            | Error::Storage { source: s, .. } => *s = Some(source.into()),
            _ => {}
        }
        self
    }

    /// The provider detail this error carries, if the provider answered.
    pub fn provider_detail(&self) -> Option<&ProviderDetail> {
        match self {
            Error::InvalidMessage { provider, .. } => provider.as_deref(),
            Error::Unauthorized(d)
            | Error::WindowClosed(d)
            | Error::TemplateRejected(d)
            | Error::MediaRejected(d)
            | Error::InvalidRecipient(d)
            | Error::MessageRejected(d) => Some(d),
            Error::RateLimited { detail, .. } | Error::Provider { detail, .. } => Some(detail),
            _ => None,
        }
    }

    /// A short, stable name of the kind, as used in `docs/errors.md` and the CLI's output
    /// (`"invalid_message"`, `"rate_limited"`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidMessage { .. } => "invalid_message",
            Error::Unsupported { .. } => "unsupported",
            Error::Configuration { .. } => "configuration",
            Error::Unauthorized(_) => "unauthorized",
            Error::RateLimited { .. } => "rate_limited",
            Error::WindowClosed(_) => "window_closed",
            Error::TemplateRejected(_) => "template_rejected",
            Error::MediaRejected(_) => "media_rejected",
            Error::InvalidRecipient(_) => "invalid_recipient",
            Error::MessageRejected(_) => "message_rejected",
            Error::Provider { .. } => "provider",
            Error::Transport { .. } => "transport",
            Error::UnknownOutcome { .. } => "unknown_outcome",
            Error::Decode { .. } => "decode",
            Error::Encode { .. } => "encode",
            Error::Io { .. } => "io",
            Error::Internal { .. } => "internal",
            Error::InvalidSignature { .. } => "invalid_signature",
            Error::Storage { .. } => "storage",
        }
    }
}

/// The most characters of a value (or a decode reason) an error echoes.
pub const ECHO_MAX_CHARS: usize = 300;

/// `text` cut to [`ECHO_MAX_CHARS`] characters, with `...` and the full length when cut, so
/// no error echoes an unbounded value (a 10 MB `to`).
pub fn bounded(text: String) -> String {
    let count = text.chars().count();
    if count <= ECHO_MAX_CHARS {
        return text;
    }
    let cut: String = text.chars().take(ECHO_MAX_CHARS).collect();
    format!("{cut}... ({count} characters)")
}

/// Describes a text value for an error message: its length in characters and the text,
/// cut after 60 characters so errors stay short.
pub fn describe_text(value: &str) -> String {
    let count = value.chars().count();
    let shown: String = value.chars().take(60).collect();
    let ellipsis = if count > 60 { "..." } else { "" };
    format!("{count} characters: {:?}", format!("{shown}{ellipsis}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_values_are_bounded() {
        let huge = "9".repeat(10_000_000);
        let e = Error::invalid("to", "a phone number", huge.clone());
        assert!(e.to_string().len() < 600, "{}", e.to_string().len());
        let e = Error::decode("message JSON", huge);
        assert!(e.to_string().len() < 600);
        assert!(e.to_string().ends_with("... (10000000 characters)"));
    }

    #[test]
    fn retryable_kinds() {
        let d = Box::new(ProviderDetail::new(Provider::new("acme"), "x"));
        assert!(Error::RateLimited {
            detail: d.clone(),
            retry_after: None
        }
        .is_retryable());
        assert!(Error::transport("refused").is_retryable());
        assert!(Error::Provider {
            detail: d.clone(),
            retryable: true
        }
        .is_retryable());
        assert!(!Error::Provider {
            detail: d.clone(),
            retryable: false
        }
        .is_retryable());
        assert!(!Error::unknown_outcome(Provider::new("acme"), "timeout").is_retryable());
        assert!(!Error::WindowClosed(d).is_retryable());
    }

    #[test]
    fn invalid_message_names_field_limit_and_value() {
        let e = Error::invalid("text.body", "at most 4096 characters", "5000 characters");
        assert_eq!(
            e.to_string(),
            "invalid message: `text.body` must be at most 4096 characters, got 5000 characters"
        );
    }

    #[test]
    fn redact_scrubs_every_text_field() {
        let detail =
            Box::new(ProviderDetail::new(Provider::new("acme"), "bad key K3Y").with_code("K3Y"));
        let e = Error::Unauthorized(detail).redact(&["K3Y", ""]);
        assert_eq!(e.to_string(), "unauthorized: acme code ***: bad key ***");
        let e = Error::decode("x", "body {\"apiKey\":\"K3Y\"}").redact(&["K3Y"]);
        assert!(!format!("{e:?}").contains("K3Y"));
    }

    #[test]
    fn the_source_is_the_underlying_error() {
        use std::error::Error as _;
        let json = serde_json::from_str::<u8>("[").unwrap_err();
        let e = Error::decode("message JSON", json.to_string()).with_source(json);
        let source = e.source().expect("kept");
        assert!(source.downcast_ref::<serde_json::Error>().is_some());
        // Clones share it.
        assert!(e.clone().source().is_some());
        // A kind with no underlying error ignores it.
        let io = std::io::Error::other("x");
        assert!(Error::invalid("to", "a number", "x")
            .with_source(io)
            .source()
            .is_none());
    }

    #[test]
    fn each_local_failure_has_its_own_kind() {
        use std::error::Error as _;
        let io = std::io::Error::new(std::io::ErrorKind::AddrInUse, "address in use");
        let e = Error::io("listening on 127.0.0.1:8080", &io).with_source(io);
        assert_eq!(e.kind(), "io");
        assert_eq!(
            e.to_string(),
            "I/O error while listening on 127.0.0.1:8080: address in use"
        );
        let source = e.source().and_then(|s| s.downcast_ref::<std::io::Error>());
        assert_eq!(
            source.map(|s| s.kind()),
            Some(std::io::ErrorKind::AddrInUse)
        );
        let e = Error::internal("the memory provider's record is poisoned");
        assert_eq!(e.kind(), "internal");
        assert_eq!(
            e.to_string(),
            "internal error: the memory provider's record is poisoned"
        );
        let e = Error::encode("receipt", "key must be a string");
        assert_eq!(e.kind(), "encode");
        assert_eq!(
            e.to_string(),
            "could not encode receipt: key must be a string"
        );
        let d = Box::new(ProviderDetail::new(Provider::new("acme"), "bad").with_code("100"));
        let e = Error::MessageRejected(d);
        assert_eq!(e.kind(), "message_rejected");
        assert_eq!(
            e.provider_detail().and_then(|d| d.code.as_deref()),
            Some("100")
        );
        for e in [
            Error::io("x", "y"),
            Error::internal("x"),
            Error::encode("x", "y"),
            e,
        ] {
            assert!(!e.is_retryable(), "{}", e.kind());
            assert_eq!(e.clone().redact(&["y"]).kind(), e.kind());
        }
    }

    #[test]
    fn redact_drops_a_source_that_shows_a_secret() {
        use std::error::Error as _;
        let leaky = std::io::Error::other("refused with key K3Y");
        let e = Error::transport("refused").with_source(leaky);
        let e = e.redact(&["K3Y"]);
        assert!(e.source().is_none());
        assert!(!format!("{e:?}").contains("K3Y"));
        let clean = std::io::Error::other("refused");
        let e = Error::transport("refused")
            .with_source(clean)
            .redact(&["K3Y"]);
        assert!(e.source().is_some());
    }

    #[test]
    fn describe_text_cuts_long_values() {
        assert_eq!(describe_text("abc"), "3 characters: \"abc\"");
        let long = "x".repeat(70);
        assert_eq!(
            describe_text(&long),
            format!("70 characters: \"{}...\"", "x".repeat(60))
        );
    }
}
