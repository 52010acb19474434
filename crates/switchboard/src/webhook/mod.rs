//! Receiving webhooks, independent of any web framework: verify the signature where the
//! provider signs, parse the events, and drop deliveries already seen (providers retry).

mod settings;

pub use settings::WebhookSettings;

use crate::AnyMessenger;
use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;
use switchboard_core::{Error, InboundEvent, WebhookRequest};

/// How many recent events the receiver remembers to drop duplicates.
pub const DEFAULT_MEMORY: usize = 10_000;

/// Turns webhook deliveries into new [`InboundEvent`]s.
///
/// ```
/// use switchboard::{AnyMessenger, Config, WebhookReceiver};
/// let receiver = WebhookReceiver::new(AnyMessenger::from_config(&Config::default())?, &Default::default());
/// let events = receiver.receive("http://127.0.0.1/", &[], b"{}")?;
/// assert!(events.is_empty()); // the memory provider posts nothing
/// # Ok::<(), switchboard::Error>(())
/// ```
#[derive(Debug)]
pub struct WebhookReceiver {
    messenger: AnyMessenger,
    public_url: Option<String>,
    path: String,
    seen: Mutex<RecentKeys>,
}

/// What an HTTP server should answer for a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookVerdict {
    /// 200: accepted (also for duplicates, so the provider stops retrying).
    Accepted,
    /// 401: the signature is missing, malformed or wrong.
    Unauthorized,
    /// 400: the body cannot be parsed.
    BadRequest,
}

impl WebhookVerdict {
    /// The verdict for the outcome of [`WebhookReceiver::receive`].
    pub fn of(result: &Result<Vec<InboundEvent>, Error>) -> Self {
        match result {
            Ok(_) => WebhookVerdict::Accepted,
            Err(Error::InvalidSignature { .. }) => WebhookVerdict::Unauthorized,
            Err(_) => WebhookVerdict::BadRequest,
        }
    }

    /// The HTTP status code.
    pub fn status(self) -> u16 {
        match self {
            WebhookVerdict::Accepted => 200,
            WebhookVerdict::Unauthorized => 401,
            WebhookVerdict::BadRequest => 400,
        }
    }
}

impl WebhookReceiver {
    /// A receiver for `messenger`'s provider, with the `[webhook]` settings.
    pub fn new(messenger: AnyMessenger, settings: &WebhookSettings) -> Self {
        Self::with_memory(messenger, settings, DEFAULT_MEMORY)
    }

    /// A receiver that remembers the last `memory` events to drop duplicates.
    pub fn with_memory(messenger: AnyMessenger, settings: &WebhookSettings, memory: usize) -> Self {
        WebhookReceiver {
            messenger,
            public_url: settings.public_url.clone(),
            path: settings.path.clone().unwrap_or_else(|| "/".into()),
            seen: Mutex::new(RecentKeys::new(memory.max(1))),
        }
    }

    /// The path webhooks are posted to.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The URL the provider signed: the configured public URL, else `fallback` (the URL
    /// rebuilt from the request's `Host` and path).
    pub fn signed_url<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.public_url.as_deref().unwrap_or(fallback)
    }

    /// Verifies, parses and de-duplicates one delivery. `url` is the URL as rebuilt from
    /// the request (used for signatures when no public URL is configured). Returns the
    /// events not seen before, in order.
    pub fn receive(
        &self,
        url: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Vec<InboundEvent>, Error> {
        let webhook = WebhookRequest {
            url: self.signed_url(url),
            headers,
            body,
        };
        let events = self.messenger.receive_webhook(&webhook)?;
        let mut seen = self
            .seen
            .lock()
            .map_err(|_| Error::configuration("the webhook receiver's memory is poisoned"))?;
        Ok(events
            .into_iter()
            .filter(|e| match dedupe_key(e) {
                Some(key) => seen.insert(key),
                None => true,
            })
            .collect())
    }
}

/// The identity of an event for de-duplication: message id, or message id and status.
/// Events without an id (unknown events, messages whose id the provider does not give) are
/// identified by their raw JSON, so only an identical redelivery is dropped.
fn dedupe_key(event: &InboundEvent) -> Option<String> {
    use std::hash::{Hash, Hasher};
    let raw_hash = |provider: switchboard_core::Provider, raw: &serde_json::Value| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        raw.to_string().hash(&mut h);
        format!("r\u{1f}{provider}\u{1f}{:x}", h.finish())
    };
    match event {
        InboundEvent::Message(m) if !m.id.is_empty() => {
            Some(format!("m\u{1f}{}\u{1f}{}", m.provider, m.id))
        }
        InboundEvent::Message(m) => Some(raw_hash(m.provider, &m.raw)),
        InboundEvent::Status(s) if !s.message_id.is_empty() => Some(format!(
            "s\u{1f}{}\u{1f}{}\u{1f}{:?}",
            s.provider, s.message_id, s.status
        )),
        InboundEvent::Status(s) => Some(raw_hash(s.provider, &s.raw)),
        other => Some(raw_hash(other.provider(), other.raw())),
    }
}

/// A bounded set: remembers the last `capacity` keys.
#[derive(Debug)]
struct RecentKeys {
    set: HashSet<String>,
    order: VecDeque<String>,
    capacity: usize,
}

impl RecentKeys {
    fn new(capacity: usize) -> Self {
        RecentKeys {
            set: HashSet::new(),
            order: VecDeque::new(),
            capacity,
        }
    }

    /// Inserts `key`; false if it was already there.
    fn insert(&mut self, key: String) -> bool {
        if self.set.contains(&key) {
            return false;
        }
        if self.order.len() == self.capacity {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        self.set.insert(key.clone());
        self.order.push_back(key);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_keys_forget_the_oldest() {
        let mut r = RecentKeys::new(2);
        assert!(r.insert("a".into()));
        assert!(!r.insert("a".into()));
        assert!(r.insert("b".into()));
        assert!(r.insert("c".into()));
        assert!(r.insert("a".into()), "a was forgotten");
        assert!(!r.insert("c".into()));
    }
}
