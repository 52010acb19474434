//! The in-memory journal: for tests and `journal = ":memory:"`. Same rules as the SQLite
//! one, but nothing survives the process.

use super::{JournaledEvent, NewEvent, WebhookJournal};
use async_trait::async_trait;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::Duration;
use switchboard_core::Error;
use time::OffsetDateTime;

/// A [`WebhookJournal`] in memory. Keys older than the de-duplication window are forgotten
/// (with their events, once every sink has received them).
#[derive(Debug)]
pub struct MemoryJournal {
    window: Duration,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    last_seq: u64,
    events: BTreeMap<u64, JournaledEvent>,
    keys: HashMap<String, u64>,
    cursors: HashMap<String, u64>,
    last_prune: Option<OffsetDateTime>,
}

impl MemoryJournal {
    /// An empty journal that remembers keys for `window`.
    pub fn new(window: Duration) -> Self {
        MemoryJournal {
            window,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> Result<std::sync::MutexGuard<'_, State>, Error> {
        self.state
            .lock()
            .map_err(|_| Error::storage("using the memory journal", "its lock is poisoned"))
    }
}

impl State {
    /// Forgets events older than `horizon` that every sink has received.
    fn prune(&mut self, horizon: OffsetDateTime) {
        let delivered = self.cursors.values().copied().min().unwrap_or(u64::MAX);
        let old: Vec<u64> = self
            .events
            .iter()
            .take_while(|(seq, e)| **seq <= delivered && e.received_at < horizon)
            .map(|(seq, _)| *seq)
            .collect();
        for seq in old {
            if let Some(e) = self.events.remove(&seq) {
                self.keys.remove(&e.dedupe_key);
            }
        }
    }
}

#[async_trait]
impl WebhookJournal for MemoryJournal {
    async fn append(
        &self,
        events: Vec<NewEvent>,
        received_at: OffsetDateTime,
    ) -> Result<Vec<JournaledEvent>, Error> {
        let mut state = self.state()?;
        if state
            .last_prune
            .is_none_or(|t| received_at - t > time::Duration::MINUTE)
        {
            state.prune(received_at - self.window);
            state.last_prune = Some(received_at);
        }
        let mut stored = Vec::new();
        for e in events {
            if state.keys.contains_key(&e.dedupe_key) {
                continue;
            }
            state.last_seq += 1;
            let seq = state.last_seq;
            state.keys.insert(e.dedupe_key.clone(), seq);
            let journaled = JournaledEvent {
                seq,
                dedupe_key: e.dedupe_key,
                received_at,
                event: e.event,
            };
            state.events.insert(seq, journaled.clone());
            stored.push(journaled);
        }
        Ok(stored)
    }

    async fn read(
        &self,
        after: u64,
        since: Option<OffsetDateTime>,
        limit: usize,
    ) -> Result<Vec<JournaledEvent>, Error> {
        let state = self.state()?;
        Ok(state
            .events
            .range(after.saturating_add(1)..)
            .map(|(_, e)| e)
            .filter(|e| since.is_none_or(|s| e.received_at >= s))
            .take(limit)
            .cloned()
            .collect())
    }

    async fn cursor(&self, sink: &str) -> Result<u64, Error> {
        Ok(self.state()?.cursors.get(sink).copied().unwrap_or(0))
    }

    async fn advance(&self, sink: &str, seq: u64) -> Result<(), Error> {
        let mut state = self.state()?;
        let cursor = state.cursors.entry(sink.to_string()).or_insert(0);
        *cursor = (*cursor).max(seq);
        Ok(())
    }
}
