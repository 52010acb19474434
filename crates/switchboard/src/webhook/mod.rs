//! Receiving webhooks, independent of any web framework: verify the signature where the
//! provider signs (and the age of its signed timestamp), parse the events, and journal the
//! new ones, so that a delivery is acknowledged only once its events are stored.
//!
//! The guarantee: **an event is answered 2xx only after it is stored in the journal, and
//! every stored event reaches the application at least once** (through
//! [`crate::delivery`]), each with a de-duplication key the application can use to drop
//! the rare repeat.

mod key;
mod settings;

pub use key::{dedupe_key, journal_form, new_event};
pub use settings::{WebhookSettings, DEFAULT_JOURNAL, MEMORY_JOURNAL};

use crate::journal::{JournaledEvent, WebhookJournal};
use crate::AnyMessenger;
use std::sync::Arc;
use std::time::Duration;
use switchboard_core::{Error, WebhookRequest};
use time::OffsetDateTime;
use tokio::sync::watch;

/// An HTTP header map (axum's, hyper's or reqwest's: the `http` crate's) as the name/value
/// pairs [`WebhookReceiver::receive`] takes; a value that is not UTF-8 is read lossily.
pub fn header_pairs(headers: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// Turns webhook deliveries into journaled events.
///
/// ```
/// use std::sync::Arc;
/// use switchboard::journal::MemoryJournal;
/// use switchboard::{AnyMessenger, Config, WebhookReceiver};
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let config = Config::default();
/// let journal = Arc::new(MemoryJournal::new(config.webhook.dedupe_window()));
/// let receiver = WebhookReceiver::new(AnyMessenger::from_config(&config)?, &config.webhook, journal);
/// let received = receiver.receive("http://127.0.0.1/", &[], b"{}").await?;
/// assert!(received.new.is_empty()); // the memory provider posts nothing
/// # Ok::<(), switchboard::Error>(())
/// # }).unwrap();
/// ```
#[derive(Debug)]
pub struct WebhookReceiver {
    messenger: AnyMessenger,
    public_url: Option<String>,
    path: String,
    max_signature_age: Duration,
    journal: Arc<dyn WebhookJournal>,
    appended: watch::Sender<u64>,
}

/// What one delivery brought.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The events stored by this delivery (not seen before), in order.
    pub new: Vec<JournaledEvent>,
    /// How many of the delivery's events were already journaled (redeliveries).
    pub duplicates: usize,
}

/// What an HTTP server should answer for a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookVerdict {
    /// 200: stored (or already stored: a redelivery, so the provider stops retrying).
    Accepted,
    /// 401: the signature is missing, malformed or wrong, or its timestamp too old.
    Unauthorized,
    /// 400: the body cannot be parsed.
    BadRequest,
    /// 503: the events could not be stored (the journal failed, or switchboard itself did:
    /// a local I/O or internal error); the provider should retry.
    Unavailable,
}

impl WebhookVerdict {
    /// The verdict for the outcome of [`WebhookReceiver::receive`].
    pub fn of<T>(result: &Result<T, Error>) -> Self {
        match result {
            Ok(_) => WebhookVerdict::Accepted,
            Err(Error::InvalidSignature { .. }) => WebhookVerdict::Unauthorized,
            // Not the body's fault: the delivery was not stored, so it is not acknowledged.
            Err(Error::Storage { .. } | Error::Io { .. } | Error::Internal { .. }) => {
                WebhookVerdict::Unavailable
            }
            Err(_) => WebhookVerdict::BadRequest,
        }
    }

    /// The HTTP status code.
    pub fn status(self) -> u16 {
        match self {
            WebhookVerdict::Accepted => 200,
            WebhookVerdict::Unauthorized => 401,
            WebhookVerdict::BadRequest => 400,
            WebhookVerdict::Unavailable => 503,
        }
    }
}

impl WebhookReceiver {
    /// A receiver for `messenger`'s provider, with the `[webhook]` settings, storing into
    /// `journal` (see [`crate::journal::open`] for the configured one).
    pub fn new(
        messenger: AnyMessenger,
        settings: &WebhookSettings,
        journal: Arc<dyn WebhookJournal>,
    ) -> Self {
        WebhookReceiver {
            messenger,
            public_url: settings.public_url.clone(),
            path: settings.path.clone().unwrap_or_else(|| "/".into()),
            max_signature_age: settings.max_signature_age(),
            journal,
            appended: watch::channel(0).0,
        }
    }

    /// The path webhooks are posted to.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The journal events are stored in.
    pub fn journal(&self) -> &Arc<dyn WebhookJournal> {
        &self.journal
    }

    /// A watch of the last `seq` this receiver stored: it changes after each delivery that
    /// brought new events ([`crate::delivery::run`] waits on it).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.appended.subscribe()
    }

    /// The URL the provider signed: the configured public URL, else `fallback` (the URL
    /// rebuilt from the request's `Host` and path).
    pub fn signed_url<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.public_url.as_deref().unwrap_or(fallback)
    }

    /// Verifies, parses and journals one delivery. `url` is the URL as rebuilt from the
    /// request (used for signatures when no public URL is configured). Returns once the new
    /// events are stored; answer the provider with [`WebhookVerdict::of`] only then.
    ///
    /// Errors: [`Error::InvalidSignature`] (401) for a bad signature or a signed timestamp
    /// further than `max_signature_age_s` from now, [`Error::Decode`] (400) for a body that
    /// cannot be parsed, [`Error::Storage`] (503) when the journal cannot store it.
    pub async fn receive(
        &self,
        url: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Received, Error> {
        let webhook = WebhookRequest {
            url: self.signed_url(url),
            headers,
            body,
        };
        let events = self.messenger.receive_webhook(&webhook)?;
        let now = OffsetDateTime::now_utc();
        if let Some(signed) = self.messenger.webhook_signed_at(&webhook)? {
            self.check_age(signed, now)?;
        }
        let batch: Vec<_> = events.iter().map(new_event).collect();
        let total = batch.len();
        let new = self.journal.append(batch, now).await?;
        if let Some(last) = new.last() {
            self.appended.send_replace(last.seq);
        }
        Ok(Received {
            duplicates: total - new.len(),
            new,
        })
    }

    /// Answers the provider's subscription handshake: a `GET` to the webhook URL `url` (as
    /// requested, query string included; Meta's
    /// `?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`). `Ok(body)`: answer 200 with
    /// that plain-text body; see [`WebhookReceiver::handshake_status`] for the rest.
    pub fn handshake(&self, url: &str) -> Result<String, Error> {
        self.messenger.answer_handshake(url)
    }

    /// The HTTP status for the outcome of [`WebhookReceiver::handshake`]: 200 answered, 403
    /// refused (wrong mode or token, or no token configured), 405 for a provider that sends
    /// no handshake, 400 otherwise.
    pub fn handshake_status(result: &Result<String, Error>) -> u16 {
        match result {
            Ok(_) => 200,
            Err(Error::InvalidSignature { .. }) => 403,
            Err(Error::Unsupported { .. }) => 405,
            Err(_) => 400,
        }
    }

    fn check_age(&self, signed: OffsetDateTime, now: OffsetDateTime) -> Result<(), Error> {
        let age = (now - signed).abs();
        let max = self.max_signature_age.as_secs();
        if age.whole_seconds().unsigned_abs() > max {
            let direction = if signed < now { "old" } else { "in the future" };
            return Err(Error::InvalidSignature {
                reason: format!(
                    "the signed timestamp is {} s {direction}; at most {max} s are accepted ([webhook] max_signature_age_s)",
                    age.whole_seconds()
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delivery_not_stored_for_a_local_failure_is_not_acknowledged() {
        let status = |e: Error| WebhookVerdict::of(&Err::<(), _>(e)).status();
        assert_eq!(status(Error::storage("journaling", "disk full")), 503);
        assert_eq!(status(Error::io("writing the journal", "disk full")), 503);
        assert_eq!(status(Error::internal("a poisoned lock")), 503);
        assert_eq!(status(Error::decode("bird webhook", "not JSON")), 400);
        let signature = Error::InvalidSignature {
            reason: "missing".into(),
        };
        assert_eq!(status(signature), 401);
    }
}
