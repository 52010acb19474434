//! The bulk journal: one record per message line, written before and after each send.

use async_trait::async_trait;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;
use switchboard_core::{Error, Receipt};

/// Where a line is. A line moves `pending → claimed → sending → sent | failed | unknown`;
/// `claimed` and `sending` exist only while a worker holds the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineState {
    /// Not sent yet.
    Pending,
    /// Leased to a worker that will send it; returns to `pending` if the worker is gone
    /// before it began sending.
    Claimed,
    /// The request is (or was) being made: the record written *before* the send. A line
    /// found here after its worker is gone becomes `unknown`.
    Sending,
    /// The provider accepted it (message id and provider recorded).
    Sent,
    /// Refused or not sendable, with its error kind; nothing was accepted.
    Failed,
    /// The outcome is unknown: it may have been sent. Never sent again unless asked.
    Unknown,
}

impl LineState {
    /// Every state, in the order above.
    pub const ALL: [LineState; 6] = [
        LineState::Pending,
        LineState::Claimed,
        LineState::Sending,
        LineState::Sent,
        LineState::Failed,
        LineState::Unknown,
    ];

    /// The state's name as stored and printed (`"pending"`, `"sent"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            LineState::Pending => "pending",
            LineState::Claimed => "claimed",
            LineState::Sending => "sending",
            LineState::Sent => "sent",
            LineState::Failed => "failed",
            LineState::Unknown => "unknown",
        }
    }

    /// The state named `name`, if any.
    pub fn from_name(name: &str) -> Option<LineState> {
        LineState::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// A line of the campaign file, as loaded into the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    /// Its line number in the file, from 1.
    pub line: u64,
    /// Its text, exactly as in the file (the message in its JSON form).
    pub body: String,
    /// Why it cannot be sent (error kind, message naming the line), when it is malformed:
    /// it is journaled as `failed` at once.
    pub malformed: Option<(String, String)>,
}

/// A line leased to a worker, to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// Its line number.
    pub line: u64,
    /// Its text (the message in its JSON form).
    pub body: String,
}

/// How a send ended, as journaled after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted by `provider` as `message_id`.
    Sent {
        /// The provider that accepted it.
        provider: String,
        /// The provider's message id.
        message_id: String,
    },
    /// Refused; nothing was accepted.
    Failed {
        /// The error kind ([`Error::kind`]).
        kind: String,
        /// The error, as text.
        error: String,
    },
    /// No answer: it may have been sent.
    Unknown {
        /// The error, as text.
        error: String,
    },
}

impl Outcome {
    /// The outcome of a send's result: [`Error::UnknownOutcome`] is `Unknown`, any other
    /// error `Failed`.
    pub fn of(result: &Result<Receipt, Error>) -> Outcome {
        match result {
            Ok(receipt) => Outcome::Sent {
                provider: receipt.provider.to_string(),
                message_id: receipt.message_id().unwrap_or_default().to_string(),
            },
            Err(e @ Error::UnknownOutcome { .. }) => Outcome::Unknown {
                error: e.to_string(),
            },
            Err(e) => Outcome::Failed {
                kind: e.kind().to_string(),
                error: e.to_string(),
            },
        }
    }

    /// The state this outcome leaves the line in.
    pub fn state(&self) -> LineState {
        match self {
            Outcome::Sent { .. } => LineState::Sent,
            Outcome::Failed { .. } => LineState::Failed,
            Outcome::Unknown { .. } => LineState::Unknown,
        }
    }
}

/// The error journaled (kind `unknown_outcome`) for a line found `sending` after its worker
/// was gone.
pub const INTERRUPTED: &str =
    "the sender stopped during this send (killed or crashed): the message may have been sent";

/// One line's record, as reported (`--report`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineRecord {
    /// Its line number.
    pub line: u64,
    /// Its state.
    pub state: LineState,
    /// How many times a send of it began.
    pub attempts: u64,
    /// The provider that accepted it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The provider's message id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// The error kind, for `failed` and `unknown` lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<String>,
    /// The error, for `failed` and `unknown` lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Counts over the whole journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JournalCounts {
    /// Lines per state (every state present, zero included).
    pub by_state: BTreeMap<String, u64>,
    /// `failed` and `unknown` lines per error kind.
    pub by_error_kind: BTreeMap<String, u64>,
}

impl JournalCounts {
    /// The number of lines in `state`.
    pub fn get(&self, state: LineState) -> u64 {
        self.by_state.get(state.as_str()).copied().unwrap_or(0)
    }

    /// Every line.
    pub fn total(&self) -> u64 {
        self.by_state.values().sum()
    }
}

/// What recovery found of workers that are gone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Recovered {
    /// Lines claimed but not begun, returned to `pending`.
    pub returned: u64,
    /// Lines whose send had begun, now `unknown`.
    pub interrupted: u64,
}

/// Stores a campaign's lines and their states, so a sender can stop at any moment and a
/// rerun sends nothing twice.
///
/// The shape is a work queue with leases, so several workers can share one campaign on a
/// store that supports it (PostgreSQL, `FOR UPDATE SKIP LOCKED`): a worker [claims](Self::claim)
/// lines under a lease, records [`begin`](Self::begin) immediately before each send and
/// [`finish`](Self::finish) after it. Lines whose worker is gone are [recovered](Self::recover):
/// claimed-but-not-begun lines go back to `pending`, begun lines become `unknown`, since
/// their request may have reached the provider. `unknown` lines are never claimed again
/// unless [`requeue_unknown`](Self::requeue_unknown) is called (`--resend-unknown`).
///
/// One journal is one campaign. Implementations: [`crate::bulk::SqliteJournal`] (one process
/// at a time) and [`crate::bulk::MemoryJournal`] (tests, benchmarks).
#[async_trait]
pub trait BulkJournal: Send + Sync {
    /// Adds the lines not journaled yet (as `pending`, or `failed` when malformed). A line
    /// already journaled keeps its state; one whose text differs from the journaled text is
    /// an [`Error::Configuration`]: the journal belongs to another file. Returns how many
    /// lines were added.
    async fn load(&self, lines: Vec<NewLine>) -> Result<u64, Error>;

    /// Recovers the lines of workers that are gone (see the trait documentation). A store
    /// owned by one process (SQLite) treats every lease found at start as gone.
    async fn recover(&self) -> Result<Recovered, Error>;

    /// Returns every `unknown` line to `pending`, to be sent again; returns how many.
    async fn requeue_unknown(&self) -> Result<u64, Error>;

    /// Leases up to `limit` `pending` lines to `worker` for `lease`, in line order.
    async fn claim(
        &self,
        worker: &str,
        limit: usize,
        lease: Duration,
    ) -> Result<Vec<Claimed>, Error>;

    /// Records that `worker` is about to send `line` (`claimed → sending`), before any I/O.
    /// `false` means the worker no longer holds the line and must not send it.
    async fn begin(&self, worker: &str, line: u64) -> Result<bool, Error>;

    /// Records how the send of `line` ended (`sending → sent | failed | unknown`).
    async fn finish(&self, worker: &str, line: u64, outcome: &Outcome) -> Result<(), Error>;

    /// Counts by state and by error kind.
    async fn counts(&self) -> Result<JournalCounts, Error>;

    /// Up to `limit` records of lines after line number `after`, in line order, only those
    /// in `state` when given.
    async fn records(
        &self,
        after: u64,
        limit: usize,
        state: Option<LineState>,
    ) -> Result<Vec<LineRecord>, Error>;
}

/// A boxed journal is a journal, so the backend can be chosen at run time
/// (`Box<dyn BulkJournal>`: SQLite or PostgreSQL by the `--journal` given).
#[async_trait]
impl<T: BulkJournal + ?Sized> BulkJournal for Box<T> {
    async fn load(&self, lines: Vec<NewLine>) -> Result<u64, Error> {
        (**self).load(lines).await
    }

    async fn recover(&self) -> Result<Recovered, Error> {
        (**self).recover().await
    }

    async fn requeue_unknown(&self) -> Result<u64, Error> {
        (**self).requeue_unknown().await
    }

    async fn claim(
        &self,
        worker: &str,
        limit: usize,
        lease: Duration,
    ) -> Result<Vec<Claimed>, Error> {
        (**self).claim(worker, limit, lease).await
    }

    async fn begin(&self, worker: &str, line: u64) -> Result<bool, Error> {
        (**self).begin(worker, line).await
    }

    async fn finish(&self, worker: &str, line: u64, outcome: &Outcome) -> Result<(), Error> {
        (**self).finish(worker, line, outcome).await
    }

    async fn counts(&self) -> Result<JournalCounts, Error> {
        (**self).counts().await
    }

    async fn records(
        &self,
        after: u64,
        limit: usize,
        state: Option<LineState>,
    ) -> Result<Vec<LineRecord>, Error> {
        (**self).records(after, limit, state).await
    }
}
