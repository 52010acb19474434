//! A journal in memory: for tests and benchmarks. It survives nothing.

use super::journal::{
    BulkJournal, Claimed, JournalCounts, LineRecord, LineState, NewLine, Outcome, Recovered,
    INTERRUPTED,
};
use async_trait::async_trait;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;
use switchboard_core::Error;

#[derive(Debug, Clone)]
struct Row {
    body: String,
    worker: Option<String>,
    record: LineRecord,
}

/// A [`BulkJournal`] in memory, with the same rules as the SQLite one. Nothing survives the
/// process: use it where resuming does not matter (tests, benchmarks, one-shot sends).
#[derive(Debug, Default)]
pub struct MemoryJournal {
    rows: Mutex<BTreeMap<u64, Row>>,
}

impl MemoryJournal {
    /// An empty journal.
    pub fn new() -> Self {
        MemoryJournal::default()
    }

    fn rows(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Row>> {
        self.rows.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The journaled record of a new line.
pub(crate) fn new_record(line: &NewLine) -> LineRecord {
    let (state, error_kind, error) = match &line.malformed {
        Some((kind, error)) => (LineState::Failed, Some(kind.clone()), Some(error.clone())),
        None => (LineState::Pending, None, None),
    };
    LineRecord {
        line: line.line,
        state,
        attempts: 0,
        provider: None,
        message_id: None,
        error_kind,
        error,
    }
}

/// The error for a journal loaded with a file it was not written for.
pub(crate) fn other_file(line: u64) -> Error {
    Error::configuration(format!(
        "the journal was written for another file: line {line} differs from the journaled line; \
         use another journal (--journal) for this file"
    ))
}

/// Applies `outcome` to `record`.
pub(crate) fn apply(record: &mut LineRecord, outcome: &Outcome) {
    record.state = outcome.state();
    (
        record.provider,
        record.message_id,
        record.error_kind,
        record.error,
    ) = match outcome {
        Outcome::Sent {
            provider,
            message_id,
        } => (Some(provider.clone()), Some(message_id.clone()), None, None),
        Outcome::Failed { kind, error } => (None, None, Some(kind.clone()), Some(error.clone())),
        Outcome::Unknown { error } => (
            None,
            None,
            Some("unknown_outcome".to_string()),
            Some(error.clone()),
        ),
    };
}

#[async_trait]
impl BulkJournal for MemoryJournal {
    async fn load(&self, lines: Vec<NewLine>) -> Result<u64, Error> {
        let mut rows = self.rows();
        // All or nothing, as in the SQLite journal: check every line before adding any.
        if let Some(line) = lines
            .iter()
            .find(|l| rows.get(&l.line).is_some_and(|row| row.body != l.body))
        {
            return Err(other_file(line.line));
        }
        let mut added = 0;
        for line in lines {
            match rows.get(&line.line) {
                Some(_) => {}
                None => {
                    rows.insert(
                        line.line,
                        Row {
                            record: new_record(&line),
                            body: line.body,
                            worker: None,
                        },
                    );
                    added += 1;
                }
            }
        }
        Ok(added)
    }

    async fn recover(&self) -> Result<Recovered, Error> {
        let mut found = Recovered::default();
        for row in self.rows().values_mut() {
            match row.record.state {
                LineState::Claimed => {
                    row.record.state = LineState::Pending;
                    found.returned += 1;
                }
                LineState::Sending => {
                    apply(
                        &mut row.record,
                        &Outcome::Unknown {
                            error: INTERRUPTED.to_string(),
                        },
                    );
                    found.interrupted += 1;
                }
                _ => continue,
            }
            row.worker = None;
        }
        Ok(found)
    }

    async fn requeue_unknown(&self) -> Result<u64, Error> {
        let mut n = 0;
        for row in self.rows().values_mut() {
            if row.record.state == LineState::Unknown {
                row.record.state = LineState::Pending;
                row.record.error_kind = None;
                row.record.error = None;
                n += 1;
            }
        }
        Ok(n)
    }

    async fn claim(
        &self,
        worker: &str,
        limit: usize,
        _lease: Duration,
    ) -> Result<Vec<Claimed>, Error> {
        let mut rows = self.rows();
        let claimed: Vec<Claimed> = rows
            .iter_mut()
            .filter(|(_, r)| r.record.state == LineState::Pending)
            .take(limit)
            .map(|(line, row)| {
                row.record.state = LineState::Claimed;
                row.worker = Some(worker.to_string());
                Claimed {
                    line: *line,
                    body: row.body.clone(),
                }
            })
            .collect();
        Ok(claimed)
    }

    async fn begin(&self, worker: &str, line: u64) -> Result<bool, Error> {
        let mut rows = self.rows();
        match rows.get_mut(&line) {
            Some(row)
                if row.record.state == LineState::Claimed
                    && row.worker.as_deref() == Some(worker) =>
            {
                row.record.state = LineState::Sending;
                row.record.attempts += 1;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn finish(&self, worker: &str, line: u64, outcome: &Outcome) -> Result<(), Error> {
        let mut rows = self.rows();
        if let Some(row) = rows.get_mut(&line) {
            if row.record.state == LineState::Sending && row.worker.as_deref() == Some(worker) {
                apply(&mut row.record, outcome);
                row.worker = None;
            }
        }
        Ok(())
    }

    async fn counts(&self) -> Result<JournalCounts, Error> {
        let mut counts = JournalCounts::default();
        for s in LineState::ALL {
            counts.by_state.insert(s.as_str().to_string(), 0);
        }
        for row in self.rows().values() {
            *counts
                .by_state
                .entry(row.record.state.as_str().to_string())
                .or_default() += 1;
            if let Some(kind) = &row.record.error_kind {
                *counts.by_error_kind.entry(kind.clone()).or_default() += 1;
            }
        }
        Ok(counts)
    }

    async fn records(
        &self,
        after: u64,
        limit: usize,
        state: Option<LineState>,
    ) -> Result<Vec<LineRecord>, Error> {
        Ok(self
            .rows()
            .range(after.saturating_add(1)..)
            .filter(|(_, r)| state.is_none_or(|s| r.record.state == s))
            .take(limit)
            .map(|(_, r)| r.record.clone())
            .collect())
    }
}
