//! Scrubbing the secrets a request carried from the errors it produced.

use super::{Cause, Error, ProviderDetail};

impl Error {
    /// Replaces every occurrence of each of `secrets` in the error's text with `***`. The
    /// facade applies this with the secrets a request carried to every error that request
    /// produced, so a provider that echoes a key back cannot make an error show it.
    pub fn redact<S: AsRef<str>>(self, secrets: &[S]) -> Error {
        let mut secrets: Vec<&str> = secrets
            .iter()
            .map(AsRef::as_ref)
            .filter(|s| !s.is_empty())
            .collect();
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        if secrets.is_empty() {
            return self;
        }
        let r = |text: String| -> String {
            secrets.iter().fold(text, |t, s| {
                if t.contains(s) {
                    t.replace(s, crate::REDACTED)
                } else {
                    t
                }
            })
        };
        // An underlying error that shows a secret is dropped: its text cannot be rewritten.
        let c = |source: Option<Cause>| source.filter(|c| !secrets.iter().any(|s| c.shows(s)));
        let d = |mut detail: Box<ProviderDetail>| -> Box<ProviderDetail> {
            detail.message = r(std::mem::take(&mut detail.message));
            detail.code = detail.code.take().map(r);
            detail
        };
        match self {
            Error::InvalidMessage {
                field,
                limit,
                value,
                provider,
            } => Error::InvalidMessage {
                field,
                limit: r(limit),
                value: r(value),
                provider: provider.map(d),
            },
            Error::Unsupported {
                provider,
                feature,
                reason,
            } => Error::Unsupported {
                provider,
                feature,
                reason: r(reason),
            },
            Error::Configuration { message } => Error::Configuration {
                message: r(message),
            },
            Error::Unauthorized(x) => Error::Unauthorized(d(x)),
            Error::RateLimited {
                detail,
                retry_after,
            } => Error::RateLimited {
                detail: d(detail),
                retry_after,
            },
            Error::WindowClosed(x) => Error::WindowClosed(d(x)),
            Error::TemplateRejected(x) => Error::TemplateRejected(d(x)),
            Error::MediaRejected(x) => Error::MediaRejected(d(x)),
            Error::InvalidRecipient(x) => Error::InvalidRecipient(d(x)),
            Error::MessageRejected(x) => Error::MessageRejected(d(x)),
            Error::Provider { detail, retryable } => Error::Provider {
                detail: d(detail),
                retryable,
            },
            Error::Transport { message, source } => Error::Transport {
                message: r(message),
                source: c(source),
            },
            Error::UnknownOutcome {
                provider,
                message,
                source,
            } => Error::UnknownOutcome {
                provider,
                message: r(message),
                source: c(source),
            },
            Error::Decode {
                what,
                message,
                source,
            } => Error::Decode {
                what,
                message: r(message),
                source: c(source),
            },
            Error::Encode {
                what,
                message,
                source,
            } => Error::Encode {
                what,
                message: r(message),
                source: c(source),
            },
            Error::Io {
                operation,
                message,
                source,
            } => Error::Io {
                operation,
                message: r(message),
                source: c(source),
            },
            Error::Internal { message, source } => Error::Internal {
                message: r(message),
                source: c(source),
            },
            Error::InvalidSignature { reason } => Error::InvalidSignature { reason: r(reason) },
            Error::Storage {
                operation,
                message,
                source,
            } => Error::Storage {
                operation,
                message: r(message),
                source: c(source),
            },
        }
    }
}
