//! Delivery to the application, at least once, from the journal.
//!
//! [`run`] reads the journal after the sink's cursor, hands each batch to an [`EventSink`]
//! and moves the cursor only after the sink took it. A sink that fails for a while
//! ([`SinkError::Retry`]) gets the same batch again after a backoff (100 ms doubling up to
//! 30 s), in journal order; a sink that is gone ([`SinkError::Stop`], e.g. stdout closed)
//! ends delivery with its error, and what it did not take is delivered on the next start.
//!
//! Between a sink taking a batch and the cursor being written there is a short window: a
//! crash in it delivers that batch again on restart. Each event carries its
//! `dedupe_key` so the application can drop such a repeat.
//!
//! ```
//! use std::sync::Arc;
//! use switchboard::delivery::{self, EventSink, SinkError};
//! use switchboard::journal::{JournaledEvent, MemoryJournal, NewEvent, WebhookJournal};
//!
//! struct Collect(Vec<u64>);
//! #[async_trait::async_trait]
//! impl EventSink for Collect {
//!     fn name(&self) -> String { "collect".into() }
//!     async fn deliver(&mut self, events: &[JournaledEvent]) -> Result<(), SinkError> {
//!         self.0.extend(events.iter().map(|e| e.seq));
//!         Ok(())
//!     }
//! }
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let journal: Arc<dyn WebhookJournal> = Arc::new(MemoryJournal::new(std::time::Duration::from_secs(3600)));
//! let now = time::OffsetDateTime::now_utc();
//! journal.append(vec![NewEvent::new("a", serde_json::json!({})), NewEvent::new("b", serde_json::json!({}))], now).await?;
//! let mut sink = Collect(Vec::new());
//! let report = delivery::catch_up(&journal, &mut sink).await?;
//! assert_eq!((sink.0, report.delivered), (vec![1, 2], 2));
//! assert_eq!(journal.cursor("collect").await?, 2);
//! # Ok::<(), switchboard::Error>(())
//! # }).unwrap();
//! ```

use crate::journal::{JournaledEvent, WebhookJournal};
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use switchboard_core::Error;
use time::OffsetDateTime;
use tokio::sync::watch;

/// The first wait before a failed batch is offered again; it doubles up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_millis(100);
/// The longest wait between two tries of a failed batch.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// How many events are read from the journal at once (handed to the sink in chunks of its
/// [`EventSink::batch_limit`], the cursor moving after each chunk).
const READ_AHEAD: usize = 256;
/// How often the journal is read when no receiver in this process signals new events
/// (events journaled by another process).
const POLL: Duration = Duration::from_secs(1);

/// Where journaled events go: stdout, an HTTP endpoint, your own code.
#[async_trait]
pub trait EventSink: Send {
    /// The sink's name: the journal keeps one cursor per name.
    fn name(&self) -> String;

    /// The most events handed over at once (default 1: the cursor moves after each
    /// event, so a crash repeats at most one). A sink that can take more at once may say
    /// so; a crash then repeats at most that many.
    fn batch_limit(&self) -> usize {
        1
    }

    /// Delivers `events`, in order. `Ok` means all of them were taken.
    async fn deliver(&mut self, events: &[JournaledEvent]) -> Result<(), SinkError>;
}

/// Why a sink did not take a batch.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SinkError {
    /// A passing failure (the application is down, answered non-2xx): the same batch is
    /// offered again after a backoff.
    #[error("{0}")]
    Retry(String),
    /// The sink is gone (stdout was closed): delivery stops with this error.
    #[error(transparent)]
    Stop(Error),
}

/// What a delivery run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Events the sink took.
    pub delivered: u64,
    /// The `seq` of the last of them (the sink's cursor), 0 if none.
    pub last_seq: u64,
    /// Batches the sink refused and was offered again.
    pub retries: u64,
}

/// Delivers from `sink`'s cursor until `stop` turns true, waiting for new events (`wake`
/// changes when a receiver in this process stores some; the journal is also read every
/// second). On `stop`, returns once caught up, or at once if the sink is failing.
pub async fn run<S: EventSink + ?Sized>(
    journal: &Arc<dyn WebhookJournal>,
    sink: &mut S,
    mut wake: watch::Receiver<u64>,
    mut stop: watch::Receiver<bool>,
) -> Result<DeliveryReport, Error> {
    let name = sink.name();
    let holder = holder_id();
    let mut report = DeliveryReport {
        last_seq: journal.cursor(&name).await?,
        ..Default::default()
    };
    loop {
        wake.mark_unchanged();
        if !journal
            .claim_sink(&name, &holder, MAX_BACKOFF * 2)
            .await
            .unwrap_or(false)
        {
            if sleep_or_stop(POLL, &mut stop).await {
                return Ok(report);
            }
            continue;
        }
        // Another process may have delivered while this one did not hold the sink (a
        // shared journal): start from the furthest of the two.
        match journal.cursor(&name).await {
            Ok(cursor) => report.last_seq = report.last_seq.max(cursor),
            Err(e) => {
                tracing::warn!(error = %e, "reading the delivery cursor failed; trying again");
                if sleep_or_stop(POLL, &mut stop).await {
                    return Err(e);
                }
                continue;
            }
        }
        let batch = match journal.read(report.last_seq, None, READ_AHEAD).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "reading the webhook journal failed; trying again");
                if sleep_or_stop(POLL, &mut stop).await {
                    return Err(e);
                }
                continue;
            }
        };
        if batch.is_empty() {
            if *stop.borrow() {
                return Ok(report);
            }
            tokio::select! {
                _ = wake.changed() => {}
                _ = stop.changed() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
            continue;
        }
        let claim = Claim {
            journal,
            sink: &name,
            holder: &holder,
        };
        for chunk in batch.chunks(sink.batch_limit().max(1)) {
            match offer(sink, chunk, &mut report, &mut stop, Some(&claim)).await? {
                Offered::Taken => {}
                Offered::Stopped => return Ok(report),
                // Another process holds the sink now: go back to waiting for it.
                Offered::Lost => break,
            }
            report.last_seq = chunk.last().map_or(report.last_seq, |e| e.seq);
            report.delivered += chunk.len() as u64;
            if let Err(e) = journal.advance(&name, report.last_seq).await {
                // The events were delivered; a crash before the next successful advance
                // repeats them (at least once). Keep going from memory.
                tracing::warn!(error = %e, sink = %name, "recording the delivery cursor failed");
            }
        }
    }
}

/// Delivers everything after `sink`'s cursor, then returns (no waiting for new events).
pub async fn catch_up<S: EventSink + ?Sized>(
    journal: &Arc<dyn WebhookJournal>,
    sink: &mut S,
) -> Result<DeliveryReport, Error> {
    let (_wake, wake) = watch::channel(0);
    let (_stop, stop) = watch::channel(true);
    run(journal, sink, wake, stop).await
}

/// Delivers again every event received at or after `since`, without reading or moving any
/// cursor, retrying a failing sink with the same backoff (until `stop` turns true).
pub async fn replay<S: EventSink + ?Sized>(
    journal: &Arc<dyn WebhookJournal>,
    sink: &mut S,
    since: OffsetDateTime,
    mut stop: watch::Receiver<bool>,
) -> Result<DeliveryReport, Error> {
    let mut report = DeliveryReport::default();
    loop {
        let batch = journal
            .read(report.last_seq, Some(since), sink.batch_limit())
            .await?;
        let Some(last) = batch.last() else {
            return Ok(report);
        };
        let last = last.seq;
        if offer(sink, &batch, &mut report, &mut stop, None).await? != Offered::Taken {
            return Ok(report);
        }
        report.last_seq = last;
        report.delivered += batch.len() as u64;
    }
}

/// The claim on a sink that [`run`] renews while a failing sink is retried.
struct Claim<'a> {
    journal: &'a Arc<dyn WebhookJournal>,
    sink: &'a str,
    holder: &'a str,
}

/// How an [`offer`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offered {
    /// The sink took the batch.
    Taken,
    /// `stop` turned true while the sink was failing.
    Stopped,
    /// The claim on the sink went to another process while it was failing.
    Lost,
}

/// Offers `batch` until the sink takes it, stops (its error), `stop` turns true while it
/// is failing, or (with a `claim`) the claim cannot be renewed before a retry.
async fn offer<S: EventSink + ?Sized>(
    sink: &mut S,
    batch: &[JournaledEvent],
    report: &mut DeliveryReport,
    stop: &mut watch::Receiver<bool>,
    claim: Option<&Claim<'_>>,
) -> Result<Offered, Error> {
    let mut backoff = FIRST_BACKOFF;
    let mut retry = false;
    loop {
        if let Some(c) = claim.filter(|_| retry) {
            if !c
                .journal
                .claim_sink(c.sink, c.holder, MAX_BACKOFF * 2)
                .await
                .unwrap_or(false)
            {
                return Ok(Offered::Lost);
            }
        }
        match sink.deliver(batch).await {
            Ok(()) => return Ok(Offered::Taken),
            Err(SinkError::Stop(e)) => return Err(e),
            Err(SinkError::Retry(why)) => {
                report.retries += 1;
                retry = true;
                tracing::warn!(
                    sink = %sink.name(),
                    first_seq = batch[0].seq,
                    retry_in_ms = backoff.as_millis() as u64,
                    "delivery failed, will retry: {why}"
                );
                if sleep_or_stop(backoff, stop).await {
                    return Ok(Offered::Stopped);
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}

/// Sleeps for `d`; true if `stop` is (or turns) true.
async fn sleep_or_stop(d: Duration, stop: &mut watch::Receiver<bool>) -> bool {
    if *stop.borrow() {
        return true;
    }
    let stopped = tokio::select! {
        _ = tokio::time::sleep(d) => false,
        _ = stop.wait_for(|s| *s) => true,
    };
    stopped || *stop.borrow()
}

/// Who holds a sink's claim: this process.
fn holder_id() -> String {
    let started = OffsetDateTime::now_utc().unix_timestamp_nanos();
    format!("pid-{}-{started:x}", std::process::id())
}
