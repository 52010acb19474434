//! The `[webhook]` table of the configuration.
//!
//! ```toml
//! [webhook]
//! path = "/"                                  # where providers POST
//! public_url = "https://hooks.example.com/"   # the URL configured at the provider (Bird signs it)
//! journal = "switchboard-webhooks.sqlite3"    # relative to the working directory; ":memory:" for none;
//!                                             # "postgres://user@host/db" shared by many receivers (feature `postgres`)
//! dedupe_hours = 72                           # how long a delivered event's key is remembered
//! max_signature_age_s = 86400                 # a signed timestamp older than this is refused (401)
//! forward_url = "http://127.0.0.1:9000/events" # deliver by HTTP POST instead of stdout
//! header_read_timeout_s = 30                  # a connection must send its headers within this
//! body_read_timeout_s = 30                    # and its body within this
//! max_connections = 1024                      # open connections at most
//! ```

use serde::Deserialize;
use std::time::Duration;
use switchboard_core::Error;

/// The default journal file, relative to the working directory.
pub const DEFAULT_JOURNAL: &str = "switchboard-webhooks.sqlite3";
/// The journal value that keeps events in memory only (nothing survives a restart).
pub const MEMORY_JOURNAL: &str = ":memory:";

/// The `[webhook]` table: where the webhook receiver listens, where it journals events and
/// how it delivers them. Every number may also be given as a string (environment overrides
/// `SWITCHBOARD_WEBHOOK_*` are strings).
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookSettings {
    /// The path webhooks are posted to (default `/`).
    pub path: Option<String>,
    /// The public URL the provider posts to, as configured at the provider. Bird signs it.
    pub public_url: Option<String>,
    /// The event journal: a SQLite file path (relative to the working directory),
    /// `":memory:"` to keep events in memory only, or a `postgres://` URL for a journal
    /// shared by several receivers (feature `postgres`, docs/scaling.md). Default
    /// `switchboard-webhooks.sqlite3`. A password in the URL is never shown (`Debug` too).
    pub journal: String,
    /// How long, in hours, an event's de-duplication key is kept (default 72). Must be
    /// longer than `max_signature_age_s`, so every replay the window accepts is caught.
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub dedupe_hours: u64,
    /// The oldest signed timestamp accepted, in seconds from now (default 86 400: Bird
    /// retries a failed delivery with its original timestamp for hours,
    /// `docs/providers/bird.md`). Only for providers that sign a timestamp.
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub max_signature_age_s: u64,
    /// Deliver events by HTTP POST to this URL (with an `Idempotency-Key` header) instead of
    /// printing them on stdout.
    pub forward_url: Option<String>,
    /// Seconds a connection has to send a request's headers (default 30).
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub header_read_timeout_s: u64,
    /// Seconds a request has to send its body (default 30).
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub body_read_timeout_s: u64,
    /// The most connections open at once (default 1024); more wait to be accepted.
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub max_connections: u64,
}

/// Every field, with a password in a `postgres://` journal URL shown as `***`.
impl std::fmt::Debug for WebhookSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookSettings")
            .field("path", &self.path)
            .field("public_url", &self.public_url)
            .field("journal", &crate::pg::redact(&self.journal))
            .field("dedupe_hours", &self.dedupe_hours)
            .field("max_signature_age_s", &self.max_signature_age_s)
            .field("forward_url", &self.forward_url)
            .field("header_read_timeout_s", &self.header_read_timeout_s)
            .field("body_read_timeout_s", &self.body_read_timeout_s)
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

impl Default for WebhookSettings {
    fn default() -> Self {
        WebhookSettings {
            path: None,
            public_url: None,
            journal: DEFAULT_JOURNAL.into(),
            dedupe_hours: 72,
            max_signature_age_s: 86_400,
            forward_url: None,
            header_read_timeout_s: 30,
            body_read_timeout_s: 30,
            max_connections: 1024,
        }
    }
}

impl WebhookSettings {
    /// Checks the values together: `dedupe_hours` longer than `max_signature_age_s`, no
    /// zero timeouts or limits, a `forward_url` that is an http(s) URL.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |field: &str, rule: &str, value: String| {
            Error::configuration(format!(
                "[webhook] {field} must be {rule}, got {}",
                cut(&value)
            ))
        };
        for (field, value) in [
            ("dedupe_hours", self.dedupe_hours),
            ("max_signature_age_s", self.max_signature_age_s),
            ("header_read_timeout_s", self.header_read_timeout_s),
            ("body_read_timeout_s", self.body_read_timeout_s),
            ("max_connections", self.max_connections),
        ] {
            if value == 0 {
                return Err(bad(field, "at least 1", "0".into()));
            }
        }
        if self.dedupe_hours.saturating_mul(3600) <= self.max_signature_age_s {
            return Err(bad(
                "dedupe_hours",
                &format!(
                    "longer than max_signature_age_s ({} s), so every replay the window accepts is caught by de-duplication",
                    self.max_signature_age_s
                ),
                format!("{} ({} s)", self.dedupe_hours, self.dedupe_hours.saturating_mul(3600)),
            ));
        }
        if self.journal.trim().is_empty() {
            return Err(bad(
                "journal",
                "a file path, \":memory:\" or a postgres:// URL",
                "an empty string".into(),
            ));
        }
        if let Some(url) = &self.forward_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(bad(
                    "forward_url",
                    "an http:// or https:// URL",
                    url.clone(),
                ));
            }
        }
        if let Some(path) = &self.path {
            if !path.starts_with('/') {
                return Err(bad("path", "a path starting with /", path.clone()));
            }
        }
        Ok(())
    }

    /// How long a de-duplication key is kept.
    pub fn dedupe_window(&self) -> Duration {
        Duration::from_secs(self.dedupe_hours.saturating_mul(3600))
    }

    /// The oldest signed timestamp accepted.
    pub fn max_signature_age(&self) -> Duration {
        Duration::from_secs(self.max_signature_age_s)
    }

    /// Whether the journal is kept in memory only.
    pub fn journal_in_memory(&self) -> bool {
        self.journal == MEMORY_JOURNAL
    }
}

/// A value for an error message, cut to 80 characters.
fn cut(value: &str) -> String {
    let shown: String = value.chars().take(80).collect();
    if shown.len() < value.len() {
        format!("{shown}...")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_accept_a_day_old_retry_and_keep_keys_longer() {
        let s = WebhookSettings::default();
        s.validate().unwrap();
        assert_eq!(s.max_signature_age(), Duration::from_secs(86_400));
        assert!(s.dedupe_window() > s.max_signature_age());
    }

    #[test]
    fn dedupe_must_outlast_the_signature_window() {
        let s = WebhookSettings {
            dedupe_hours: 24,
            max_signature_age_s: 86_400,
            ..Default::default()
        };
        let e = s.validate().unwrap_err();
        assert_eq!(e.kind(), "configuration");
        assert_eq!(
            e.to_string(),
            "configuration error: [webhook] dedupe_hours must be longer than max_signature_age_s (86400 s), \
             so every replay the window accepts is caught by de-duplication, got 24 (86400 s)"
        );
        let zero = WebhookSettings {
            header_read_timeout_s: 0,
            ..Default::default()
        };
        assert!(zero
            .validate()
            .unwrap_err()
            .to_string()
            .contains("header_read_timeout_s must be at least 1, got 0"));
        let url = WebhookSettings {
            forward_url: Some(format!("ftp://{}", "x".repeat(200))),
            ..Default::default()
        };
        let msg = url.validate().unwrap_err().to_string();
        assert!(msg.contains("forward_url must be an http:// or https:// URL, got ftp://xxx"));
        assert!(msg.len() < 200, "the value is cut: {msg}");
    }
}
