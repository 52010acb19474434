//! The HTTP forwarder: delivers journaled events to your application by POST, one at a
//! time in journal order, each with an `Idempotency-Key` header holding its de-duplication
//! key. Any answer but 2xx, and any connection failure or timeout, is retried with backoff
//! (see [`crate::delivery`]) until the application takes it.
//!
//! The body is the event's journal form (see [`JournaledEvent`]):
//! `{"seq": 7, "dedupe_key": "...", "received_at": "...", "event": {"message": {...}}}`.

use crate::delivery::{EventSink, SinkError};
use crate::journal::JournaledEvent;
use async_trait::async_trait;
use std::time::Duration;
use switchboard_core::Error;

/// The header that carries an event's de-duplication key.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// An [`EventSink`] that POSTs each event to a URL.
#[derive(Debug, Clone)]
pub struct HttpForwarder {
    url: String,
    client: reqwest::Client,
}

impl HttpForwarder {
    /// A forwarder to `url`, waiting at most `timeout` for each answer.
    pub fn new(url: impl Into<String>, timeout: Duration) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("switchboard/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                Error::internal(format!("cannot build the HTTP client: {e}")).with_source(e)
            })?;
        Ok(HttpForwarder {
            url: url.into(),
            client,
        })
    }

    /// The URL events are posted to.
    pub fn url(&self) -> &str {
        &self.url
    }
}

#[async_trait]
impl EventSink for HttpForwarder {
    /// One cursor for the forwarder: pointing `forward_url` elsewhere goes on from where
    /// the previous URL stopped.
    fn name(&self) -> String {
        "forward".into()
    }

    fn batch_limit(&self) -> usize {
        1
    }

    async fn deliver(&mut self, events: &[JournaledEvent]) -> Result<(), SinkError> {
        for event in events {
            let body = serde_json::to_vec(event).map_err(|e| {
                SinkError::Stop(Error::encode("journaled event", e.to_string()).with_source(e))
            })?;
            let answer = self
                .client
                .post(&self.url)
                .header(IDEMPOTENCY_HEADER, &event.dedupe_key)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .map_err(|e| {
                    SinkError::Retry(format!("POST {} (seq {}): {e}", self.url, event.seq))
                })?;
            let status = answer.status();
            if !status.is_success() {
                return Err(SinkError::Retry(format!(
                    "POST {} (seq {}) answered {status}",
                    self.url, event.seq
                )));
            }
        }
        Ok(())
    }
}
