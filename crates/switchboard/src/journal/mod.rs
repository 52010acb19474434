//! The webhook journal: where a receiver stores each new event, with its de-duplication
//! key, *before* answering the provider 2xx, and where delivery to the application reads
//! from, with a cursor per sink.
//!
//! Three backends ship: [`SqliteJournal`] (embedded, the default; survives restarts),
//! [`MemoryJournal`] (for tests and `journal = ":memory:"`; nothing survives), and, with the
//! feature `postgres`, `PostgresJournal` (`journal = "postgres://..."`), shared by many
//! receivers: a unique constraint on the key with `ON CONFLICT DO NOTHING` in the
//! transaction that precedes the 2xx, and [`WebhookJournal::claim_sink`] as a lease so that
//! one process at a time delivers to a sink (docs/scaling.md).
//!
//! ```
//! use switchboard::journal::{MemoryJournal, NewEvent, WebhookJournal};
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let journal = MemoryJournal::new(std::time::Duration::from_secs(72 * 3600));
//! let now = time::OffsetDateTime::now_utc();
//! let event = NewEvent::new("k1", serde_json::json!({"unknown": {"provider": "bird", "reason": "x", "raw": {}}}));
//! assert_eq!(journal.append(vec![event.clone()], now).await?.len(), 1);
//! assert!(journal.append(vec![event], now).await?.is_empty(), "a key is stored once");
//! let stored = journal.read(0, None, 10).await?;
//! assert_eq!((stored[0].seq, stored[0].dedupe_key.as_str()), (1, "k1"));
//! # Ok::<(), switchboard::Error>(())
//! # }).unwrap();
//! ```

mod memory;
#[cfg(feature = "postgres")]
mod postgres;
mod sqlite;

pub use memory::MemoryJournal;
#[cfg(feature = "postgres")]
pub use postgres::PostgresJournal;
pub use sqlite::SqliteJournal;

use crate::WebhookSettings;
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use switchboard_core::{Error, InboundEvent};
use time::OffsetDateTime;

/// An event about to be journaled: its de-duplication key and its JSON form.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    /// The de-duplication key (see [`crate::webhook::dedupe_key`]).
    pub dedupe_key: String,
    /// The event in its JSON form (`{"message": {...}}`, `{"status": {...}}`, ...).
    pub event: serde_json::Value,
}

impl NewEvent {
    /// An event with `dedupe_key`.
    pub fn new(dedupe_key: impl Into<String>, event: serde_json::Value) -> Self {
        NewEvent {
            dedupe_key: dedupe_key.into(),
            event,
        }
    }
}

/// An event as the journal holds it. Its JSON form is what `webhook serve` prints (one line
/// per event), what the forwarder posts and what `webhook events` lists:
/// `{"seq": 7, "dedupe_key": "...", "received_at": "2026-11-24T10:00:00Z", "event": {...}}`.
///
/// Delivery is at least once: a consumer drops an event whose `dedupe_key` it has already
/// handled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournaledEvent {
    /// The position in the journal: increasing, never reused.
    pub seq: u64,
    /// The de-duplication key (also the forwarder's `Idempotency-Key` header).
    pub dedupe_key: String,
    /// When the receiver stored it.
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    /// The event in its JSON form, as stored.
    pub event: serde_json::Value,
}

impl JournaledEvent {
    /// The event as an [`InboundEvent`]. An event journaled by another version of
    /// switchboard whose form this one does not read is a [`Error::Decode`].
    pub fn inbound_event(&self) -> Result<InboundEvent, Error> {
        serde_json::from_value(self.event.clone())
            .map_err(|e| Error::decode("journaled event", e.to_string()).with_source(e))
    }
}

/// Where webhook events are stored before the provider is answered 2xx.
///
/// Contract for every backend:
/// - [`append`](WebhookJournal::append) stores, in **one transaction**, every event whose
///   key is not journaled yet, and returns those, in order; it returns only after the
///   transaction is durable. An error means nothing of this call was stored.
/// - `seq` increases in the order readers see events: a reader that has seen `seq = n`
///   never later finds a new event with a smaller `seq`.
/// - A key is remembered at least as long as the de-duplication window the backend was
///   opened with, and as long as its event is not yet delivered to every sink.
/// - Cursors are per sink name and only move forward.
#[async_trait]
pub trait WebhookJournal: Send + Sync + fmt::Debug {
    /// Stores the events of one delivery whose keys are new, received at `received_at`;
    /// returns the stored ones (with their `seq`), in order. Duplicates (already journaled,
    /// or repeated within `events`) are left out.
    async fn append(
        &self,
        events: Vec<NewEvent>,
        received_at: OffsetDateTime,
    ) -> Result<Vec<JournaledEvent>, Error>;

    /// Up to `limit` events with `seq > after` (and, when given, received at or after
    /// `since`), in journal order.
    async fn read(
        &self,
        after: u64,
        since: Option<OffsetDateTime>,
        limit: usize,
    ) -> Result<Vec<JournaledEvent>, Error>;

    /// The `seq` of the last event delivered to `sink` (0: none yet).
    async fn cursor(&self, sink: &str) -> Result<u64, Error>;

    /// Records that `sink` has received every event up to `seq`. A smaller `seq` than the
    /// recorded one leaves the cursor where it is.
    async fn advance(&self, sink: &str, seq: u64) -> Result<(), Error>;

    /// Claims `sink` for `holder` for `ttl` (renewed by calling again), so that one process
    /// at a time delivers to it; false while another holder's claim is live. A journal
    /// owned by one process (memory, SQLite) always grants it.
    async fn claim_sink(&self, sink: &str, holder: &str, ttl: Duration) -> Result<bool, Error> {
        let _ = (sink, holder, ttl);
        Ok(true)
    }
}

/// Opens the journal `settings` name: `":memory:"` for a [`MemoryJournal`], a
/// `postgres://` URL for a `PostgresJournal` (feature `postgres`; without it, an
/// [`Error::Unsupported`]), else a [`SqliteJournal`] at that path (relative to the working
/// directory), created if missing.
pub async fn open(settings: &WebhookSettings) -> Result<Arc<dyn WebhookJournal>, Error> {
    if settings.journal_in_memory() {
        Ok(Arc::new(MemoryJournal::new(settings.dedupe_window())))
    } else if crate::pg::is_postgres_url(&settings.journal) {
        #[cfg(feature = "postgres")]
        {
            Ok(Arc::new(
                PostgresJournal::open(&settings.journal, settings.dedupe_window()).await?,
            ))
        }
        #[cfg(not(feature = "postgres"))]
        {
            Err(crate::pg::feature_off("[webhook] journal"))
        }
    } else {
        Ok(Arc::new(
            SqliteJournal::open(&settings.journal, settings.dedupe_window()).await?,
        ))
    }
}

/// Milliseconds since the epoch.
pub(crate) fn unix_ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The time `ms` milliseconds after the epoch (clamped into the representable range).
pub(crate) fn from_unix_ms(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
