//! The embedded journal: one SQLite file (rusqlite, SQLite compiled in), WAL mode,
//! `synchronous = FULL` so an acknowledged event survives a crash of the process and of the
//! machine.
//!
//! One dedicated thread owns the connection, so no SQLite call runs on an async worker.
//! Appends waiting in its queue are committed together (one transaction, one sync), which
//! is what lets many concurrent deliveries be journaled quickly; each caller is answered
//! only after that commit.

use super::{from_unix_ms, unix_ms, JournaledEvent, NewEvent, WebhookJournal};
use async_trait::async_trait;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use switchboard_core::Error;
use time::OffsetDateTime;
use tokio::sync::oneshot;

/// The schema version this code writes (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;
/// The most appends committed in one transaction.
const GROUP_LIMIT: usize = 256;
/// How often old keys are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(600);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS webhook_events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key     TEXT    NOT NULL UNIQUE,
    received_at_ms INTEGER NOT NULL,
    event          TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_events_received ON webhook_events (received_at_ms);
CREATE TABLE IF NOT EXISTS webhook_cursors (
    sink TEXT    PRIMARY KEY,
    seq  INTEGER NOT NULL
);
";

/// A [`WebhookJournal`] in a SQLite file. Cloning shares the same connection thread.
#[derive(Debug, Clone)]
pub struct SqliteJournal {
    path: PathBuf,
    commands: mpsc::Sender<Command>,
}

type Reply<T> = oneshot::Sender<Result<T, Error>>;

enum Command {
    Append(PendingAppend),
    Other(Query),
}

/// The commands answered one by one.
enum Query {
    Read {
        after: u64,
        since: Option<OffsetDateTime>,
        limit: usize,
        reply: Reply<Vec<JournaledEvent>>,
    },
    Cursor {
        sink: String,
        reply: Reply<u64>,
    },
    Advance {
        sink: String,
        seq: u64,
        reply: Reply<()>,
    },
}

fn storage(operation: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::storage(format!("{operation} (journal {})", path.display()), e)
}

/// A storage error from SQLite, kept as the error's `source()`.
fn sqlite(operation: &str, path: &Path, e: rusqlite::Error) -> Error {
    storage(operation, path, &e).with_source(e)
}

impl SqliteJournal {
    /// Opens (creating if missing) the journal at `path`, remembering keys for `window`.
    /// Starts the thread that owns the connection.
    pub async fn open(path: impl AsRef<Path>, window: Duration) -> Result<Self, Error> {
        let path = path.as_ref().to_path_buf();
        let (commands, queue) = mpsc::channel();
        let (ready, opened) = oneshot::channel();
        let thread_path = path.clone();
        std::thread::Builder::new()
            .name("switchboard-journal".into())
            .spawn(move || match Store::open(&thread_path, window) {
                Ok(store) => {
                    let _ = ready.send(Ok(()));
                    store.serve(queue);
                }
                Err(e) => {
                    let _ = ready.send(Err(e));
                }
            })
            .map_err(|e| storage("starting the journal thread", &path, e))?;
        opened
            .await
            .map_err(|_| storage("opening", &path, "the journal thread stopped"))??;
        Ok(SqliteJournal { path, commands })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn ask<T>(&self, command: impl FnOnce(Reply<T>) -> Command) -> Result<T, Error> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(command(reply))
            .map_err(|_| storage("queueing", &self.path, "the journal thread stopped"))?;
        answer
            .await
            .map_err(|_| storage("waiting", &self.path, "the journal thread stopped"))?
    }
}

#[async_trait]
impl WebhookJournal for SqliteJournal {
    async fn append(
        &self,
        events: Vec<NewEvent>,
        received_at: OffsetDateTime,
    ) -> Result<Vec<JournaledEvent>, Error> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        self.ask(|reply| {
            Command::Append(PendingAppend {
                events,
                received_at,
                reply,
            })
        })
        .await
    }

    async fn read(
        &self,
        after: u64,
        since: Option<OffsetDateTime>,
        limit: usize,
    ) -> Result<Vec<JournaledEvent>, Error> {
        self.ask(|reply| {
            Command::Other(Query::Read {
                after,
                since,
                limit,
                reply,
            })
        })
        .await
    }

    async fn cursor(&self, sink: &str) -> Result<u64, Error> {
        let sink = sink.to_string();
        self.ask(|reply| Command::Other(Query::Cursor { sink, reply }))
            .await
    }

    async fn advance(&self, sink: &str, seq: u64) -> Result<(), Error> {
        let sink = sink.to_string();
        self.ask(|reply| Command::Other(Query::Advance { sink, seq, reply }))
            .await
    }
}

/// The connection, owned by the journal thread.
struct Store {
    conn: Connection,
    path: PathBuf,
    window: Duration,
    last_prune: Instant,
}

struct PendingAppend {
    events: Vec<NewEvent>,
    received_at: OffsetDateTime,
    reply: Reply<Vec<JournaledEvent>>,
}

impl Store {
    fn open(path: &Path, window: Duration) -> Result<Store, Error> {
        let fail = |e: rusqlite::Error| sqlite("opening", path, e);
        let conn = Connection::open(path).map_err(fail)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(fail)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(fail)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(storage(
                "opening",
                path,
                format!("SQLite refused WAL mode (journal_mode = {mode})"),
            ));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        if version > SCHEMA_VERSION {
            return Err(storage(
                "opening",
                path,
                format!("it was written by a newer switchboard (schema {version}, this one reads {SCHEMA_VERSION})"),
            ));
        }
        conn.execute_batch(SCHEMA).map_err(fail)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(fail)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            window,
            last_prune: Instant::now(),
        };
        store.prune()?;
        Ok(store)
    }

    /// Answers commands until every [`SqliteJournal`] handle is dropped.
    fn serve(mut self, queue: mpsc::Receiver<Command>) {
        while let Ok(first) = queue.recv() {
            let mut appends = Vec::new();
            let mut others = Vec::new();
            let mut next = Some(first);
            while let Some(c) = next.take() {
                match c {
                    Command::Append(a) => appends.push(a),
                    Command::Other(q) => others.push(q),
                }
                if appends.len() < GROUP_LIMIT {
                    next = queue.try_recv().ok();
                }
            }
            if !appends.is_empty() {
                self.append_group(appends);
            }
            for command in others {
                self.answer(command);
            }
            if self.last_prune.elapsed() >= PRUNE_EVERY {
                if let Err(e) = self.prune() {
                    tracing::warn!(error = %e, "pruning the webhook journal failed");
                }
            }
        }
    }

    /// Commits every pending append in one transaction, then answers each.
    fn append_group(&mut self, appends: Vec<PendingAppend>) {
        match self.insert_all(&appends) {
            Ok(results) => {
                for (pending, stored) in appends.into_iter().zip(results) {
                    let _ = pending.reply.send(Ok(stored));
                }
            }
            Err(e) => {
                let e = sqlite("journaling a webhook delivery", &self.path, e);
                for pending in appends {
                    let _ = pending.reply.send(Err(e.clone()));
                }
            }
        }
    }

    fn insert_all(
        &mut self,
        appends: &[PendingAppend],
    ) -> Result<Vec<Vec<JournaledEvent>>, rusqlite::Error> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut results = Vec::with_capacity(appends.len());
        {
            // Look first, so an ignored duplicate does not use up a seq (AUTOINCREMENT
            // counts attempts); the UNIQUE constraint stays the guarantee.
            let mut seen =
                tx.prepare_cached("SELECT 1 FROM webhook_events WHERE dedupe_key = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO webhook_events (dedupe_key, received_at_ms, event) VALUES (?1, ?2, ?3)
                 ON CONFLICT (dedupe_key) DO NOTHING RETURNING seq",
            )?;
            for pending in appends {
                let ms = unix_ms(pending.received_at);
                let mut stored = Vec::new();
                for e in &pending.events {
                    if seen.exists([&e.dedupe_key])? {
                        continue;
                    }
                    let seq: Option<i64> = insert
                        .query_row(params![e.dedupe_key, ms, e.event.to_string()], |r| r.get(0))
                        .optional()?;
                    if let Some(seq) = seq {
                        stored.push(JournaledEvent {
                            seq: seq as u64,
                            dedupe_key: e.dedupe_key.clone(),
                            received_at: from_unix_ms(ms),
                            event: e.event.clone(),
                        });
                    }
                }
                results.push(stored);
            }
        }
        tx.commit()?;
        Ok(results)
    }

    fn answer(&mut self, query: Query) {
        let path = self.path.clone();
        let fail = |what: &'static str| move |e: rusqlite::Error| sqlite(what, &path, e);
        match query {
            Query::Read {
                after,
                since,
                limit,
                reply,
            } => {
                let _ = reply.send(
                    self.read(after, since, limit)
                        .map_err(fail("reading events")),
                );
            }
            Query::Cursor { sink, reply } => {
                let seq = self
                    .conn
                    .query_row(
                        "SELECT seq FROM webhook_cursors WHERE sink = ?1",
                        [&sink],
                        |r| r.get::<_, i64>(0),
                    )
                    .optional()
                    .map(|s| s.unwrap_or(0) as u64)
                    .map_err(fail("reading a cursor"));
                let _ = reply.send(seq);
            }
            Query::Advance { sink, seq, reply } => {
                let done = self.advance(&sink, seq).map_err(fail("moving a cursor"));
                let _ = reply.send(done);
            }
        }
    }

    /// Moves a cursor without waiting for the disk: in WAL mode a commit under
    /// `synchronous = NORMAL` survives a crash of the process; a power cut may roll the
    /// cursor back, which repeats deliveries (at least once) and loses nothing. The next
    /// append's full sync makes it durable too.
    fn advance(&self, sink: &str, seq: u64) -> Result<(), rusqlite::Error> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let done = self.conn.execute(
            "INSERT INTO webhook_cursors (sink, seq) VALUES (?1, ?2)
             ON CONFLICT (sink) DO UPDATE SET seq = max(seq, excluded.seq)",
            params![sink, seq as i64],
        );
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        done.map(|_| ())
    }

    fn read(
        &self,
        after: u64,
        since: Option<OffsetDateTime>,
        limit: usize,
    ) -> Result<Vec<JournaledEvent>, rusqlite::Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, dedupe_key, received_at_ms, event FROM webhook_events
             WHERE seq > ?1 AND received_at_ms >= ?2 ORDER BY seq LIMIT ?3",
        )?;
        let since = since.map(unix_ms).unwrap_or(i64::MIN);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![after as i64, since, limit], |r| {
            let text: String = r.get(3)?;
            let event = serde_json::from_str(&text).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into())
            })?;
            Ok(JournaledEvent {
                seq: r.get::<_, i64>(0)? as u64,
                dedupe_key: r.get(1)?,
                received_at: from_unix_ms(r.get(2)?),
                event,
            })
        })?;
        rows.collect()
    }

    /// Forgets events (and so their keys) older than the window that every sink has
    /// received.
    fn prune(&mut self) -> Result<(), Error> {
        self.last_prune = Instant::now();
        let horizon = unix_ms(OffsetDateTime::now_utc())
            .saturating_sub(i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX));
        let removed = self
            .conn
            .execute(
                "DELETE FROM webhook_events WHERE received_at_ms < ?1
                 AND seq <= (SELECT coalesce(min(seq), 9223372036854775807) FROM webhook_cursors)",
                [horizon],
            )
            .map_err(|e| sqlite("pruning old keys", &self.path, e))?;
        if removed > 0 {
            tracing::debug!(
                removed,
                "forgot webhook events older than the de-duplication window"
            );
        }
        Ok(())
    }
}
