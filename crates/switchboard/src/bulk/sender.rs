//! The bulk sender: claims lines from a journal and sends them through any messenger.

use super::journal::{BulkJournal, Claimed, LineState, Outcome, Recovered};
use crate::Messenger;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard_core::{Error, OutboundMessage};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// How a [`BulkSender`] runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkOptions {
    /// Lines sent at once (default 32). The messenger's own pacing (`[rate]`) still applies.
    pub concurrency: usize,
    /// This worker's name in the journal's leases (default: `pid-<process id>-<start time>`).
    pub worker: String,
    /// How long a claim is held before other workers may take the line back (default 10 min;
    /// matters only for journals shared by several processes).
    pub lease: Duration,
    /// Send `unknown` lines again (`--resend-unknown`): they may already have been sent, so a
    /// customer may receive them twice. Default `false`.
    pub resend_unknown: bool,
}

impl Default for BulkOptions {
    fn default() -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        BulkOptions {
            concurrency: 32,
            worker: format!("pid-{}-{started}", std::process::id()),
            lease: Duration::from_secs(600),
            resend_unknown: false,
        }
    }
}

/// Counts of the current run, readable while it runs ([`BulkSender::progress`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Lines to send in this run (pending when it started).
    pub to_send: u64,
    /// Lines accepted in this run.
    pub sent: u64,
    /// Lines refused in this run.
    pub failed: u64,
    /// Lines whose outcome became unknown in this run.
    pub unknown: u64,
}

impl Progress {
    /// Lines finished in this run.
    pub fn done(&self) -> u64 {
        self.sent + self.failed + self.unknown
    }
}

#[derive(Debug, Default)]
struct Counters {
    to_send: AtomicU64,
    sent: AtomicU64,
    failed: AtomicU64,
    unknown: AtomicU64,
}

/// The end of a run: the journal's counts and this run's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulkSummary {
    /// Lines in the journal.
    pub lines: u64,
    /// Lines per state, over the whole journal (earlier runs included).
    pub states: BTreeMap<String, u64>,
    /// `failed` and `unknown` lines per error kind, over the whole journal.
    pub errors: BTreeMap<String, u64>,
    /// This run's counts.
    pub this_run: Progress,
    /// Lines found claimed or in flight from a run that stopped, at the start of this one.
    pub recovered: Recovered,
    /// `unknown` lines sent again because of `resend_unknown`.
    pub requeued_unknown: u64,
    /// The first 100 line numbers in state `unknown` (all are in the report).
    pub unknown_lines: Vec<u64>,
    /// Seconds this run took.
    pub elapsed_seconds: f64,
    /// Lines finished in this run per second of it.
    pub messages_per_second: f64,
}

/// Sends a campaign's lines through any [`Messenger`], journaling each line before and
/// after its send in a [`BulkJournal`], so a run can be killed at any moment and run again
/// without sending a line twice.
///
/// ```
/// use switchboard::bulk::{load_file, BulkOptions, BulkSender, MemoryJournal};
/// use switchboard::MemoryMessenger;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let file = std::env::temp_dir().join(format!("sb-doc-bulk-{}.jsonl", std::process::id()));
/// std::fs::write(&file, "{\"to\":\"+972501234567\",\"text\":{\"body\":\"one\"}}\nnot json\n").unwrap();
/// let sender = BulkSender::new(MemoryMessenger::new(), MemoryJournal::new(), BulkOptions::default());
/// let loaded = load_file(sender.journal(), &file).await?;
/// assert_eq!(loaded.malformed[0].0, 2);
/// let summary = sender.run().await?;
/// assert_eq!((summary.states["sent"], summary.states["failed"]), (1, 1));
/// assert_eq!(summary.errors["decode"], 1);
/// # Ok::<(), switchboard::Error>(())
/// # }).unwrap();
/// ```
pub struct BulkSender<M, J> {
    messenger: Arc<M>,
    journal: Arc<J>,
    options: BulkOptions,
    counters: Arc<Counters>,
}

impl<M, J> std::fmt::Debug for BulkSender<M, J> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BulkSender")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<M: Messenger + 'static, J: BulkJournal + 'static> BulkSender<M, J> {
    /// A sender of `journal`'s lines through `messenger`.
    pub fn new(messenger: M, journal: J, options: BulkOptions) -> Self {
        Self::shared(Arc::new(messenger), Arc::new(journal), options)
    }

    /// A sender over a messenger and a journal shared with other code.
    pub fn shared(messenger: Arc<M>, journal: Arc<J>, options: BulkOptions) -> Self {
        BulkSender {
            messenger,
            journal,
            options,
            counters: Arc::default(),
        }
    }

    /// The journal.
    pub fn journal(&self) -> &J {
        &self.journal
    }

    /// This run's counts so far; call it from another task to show progress.
    pub fn progress(&self) -> Progress {
        let c = &self.counters;
        Progress {
            to_send: c.to_send.load(Ordering::Relaxed),
            sent: c.sent.load(Ordering::Relaxed),
            failed: c.failed.load(Ordering::Relaxed),
            unknown: c.unknown.load(Ordering::Relaxed),
        }
    }

    /// Sends every `pending` line (and `unknown` ones with `resend_unknown`), then returns
    /// the summary. Lines left claimed or in flight by a run that stopped are recovered
    /// first: claimed ones are sent, in-flight ones become `unknown`. Each line is recorded
    /// as `sending` before its request and as `sent`, `failed` or `unknown` after it; a
    /// journal error stops the run (after the sends in flight are recorded) and is returned.
    pub async fn run(&self) -> Result<BulkSummary, Error> {
        let started = Instant::now();
        let recovered = self.journal.recover().await?;
        let requeued_unknown = if self.options.resend_unknown {
            self.journal.requeue_unknown().await?
        } else {
            0
        };
        let before = self.journal.counts().await?;
        self.counters
            .to_send
            .store(before.get(LineState::Pending), Ordering::Relaxed);

        let concurrency = self.options.concurrency.max(1);
        let slots = Arc::new(Semaphore::new(concurrency));
        let mut tasks: JoinSet<Result<(), Error>> = JoinSet::new();
        let mut failure: Option<Error> = None;
        'claiming: loop {
            let batch = self
                .journal
                .claim(&self.options.worker, concurrency * 2, self.options.lease)
                .await?;
            if batch.is_empty() {
                break;
            }
            for line in batch {
                let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                    break 'claiming;
                };
                while let Some(done) = tasks.try_join_next() {
                    if let Err(e) = flatten(done) {
                        failure.get_or_insert(e);
                        break 'claiming;
                    }
                }
                let (messenger, journal, counters) = (
                    Arc::clone(&self.messenger),
                    Arc::clone(&self.journal),
                    Arc::clone(&self.counters),
                );
                let worker = self.options.worker.clone();
                tasks.spawn(async move {
                    let r = send_line(&*messenger, &*journal, &worker, line, &counters).await;
                    drop(slot);
                    r
                });
            }
        }
        while let Some(done) = tasks.join_next().await {
            if let Err(e) = flatten(done) {
                failure.get_or_insert(e);
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }

        let after = self.journal.counts().await?;
        let unknown_lines = self
            .journal
            .records(0, 100, Some(LineState::Unknown))
            .await?
            .into_iter()
            .map(|r| r.line)
            .collect();
        let elapsed = started.elapsed().as_secs_f64();
        let this_run = self.progress();
        Ok(BulkSummary {
            lines: after.total(),
            states: after.by_state,
            errors: after.by_error_kind,
            this_run,
            recovered,
            requeued_unknown,
            unknown_lines,
            elapsed_seconds: elapsed,
            messages_per_second: if elapsed > 0.0 {
                this_run.done() as f64 / elapsed
            } else {
                0.0
            },
        })
    }
}

fn flatten(joined: Result<Result<(), Error>, tokio::task::JoinError>) -> Result<(), Error> {
    joined.unwrap_or_else(|e| {
        Err(Error::internal(format!("the task sending a line failed: {e}")).with_source(e))
    })
}

async fn send_line<M: Messenger + ?Sized, J: BulkJournal + ?Sized>(
    messenger: &M,
    journal: &J,
    worker: &str,
    line: Claimed,
    counters: &Counters,
) -> Result<(), Error> {
    // Lines were checked when loaded; one loaded by other code is checked here, before I/O.
    let message = OutboundMessage::from_json(&line.body);
    if !journal.begin(worker, line.line).await? {
        return Ok(()); // the lease was lost: another worker has the line
    }
    let outcome = match message {
        Ok(message) => Outcome::of(&messenger.send(&message).await),
        Err(e) => Outcome::Failed {
            kind: e.kind().to_string(),
            error: format!("line {}: {e}", line.line),
        },
    };
    journal.finish(worker, line.line, &outcome).await?;
    let counter = match outcome {
        Outcome::Sent { .. } => &counters.sent,
        Outcome::Failed { .. } => &counters.failed,
        Outcome::Unknown { .. } => &counters.unknown,
    };
    counter.fetch_add(1, Ordering::Relaxed);
    Ok(())
}
