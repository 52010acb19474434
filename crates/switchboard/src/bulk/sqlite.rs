//! The bulk journal in an SQLite file (rusqlite, SQLite compiled in).
//!
//! One thread owns the connection; every operation is sent to it and the operations that
//! arrive together are committed in one transaction (group commit), each one statement or
//! its own savepoint, so many concurrent `begin`/`finish` records cost one commit. An
//! operation's caller is answered only after its transaction commits. The file is in WAL mode: a
//! committed record survives the process being killed (SIGKILL) at any moment.
//!
//! The journal is held by one process at a time (`locking_mode = EXCLUSIVE`): a second
//! `send-bulk` on the same journal is refused at open, and so at open every lease found is
//! one of a process that is gone ([`BulkJournal::recover`]).

use super::journal::{
    BulkJournal, Claimed, JournalCounts, LineRecord, LineState, NewLine, Outcome, Recovered,
    INTERRUPTED,
};
use super::memory::{new_record, other_file};
use async_trait::async_trait;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use switchboard_core::Error;
use tokio::sync::oneshot;

/// Called after the operation's transaction ended, with the commit error if it failed.
type Done = Box<dyn FnOnce(Option<&str>) + Send>;
/// An operation: runs on the connection, or is told (`None`) that no transaction could start.
type Op = Box<dyn FnOnce(Option<&Connection>) -> Done + Send>;

/// At most this many operations share one transaction.
const GROUP: usize = 1024;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS bulk_lines (
    line           INTEGER PRIMARY KEY,
    body           TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    worker         TEXT,
    lease_until_ms INTEGER,
    attempts       INTEGER NOT NULL DEFAULT 0,
    provider       TEXT,
    message_id     TEXT,
    error_kind     TEXT,
    error          TEXT,
    updated_ms     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS bulk_lines_by_state ON bulk_lines (state, line);
";

/// A [`BulkJournal`] in an SQLite file: see the [module documentation](self).
///
/// ```
/// use switchboard::bulk::{BulkJournal, LineState, NewLine, SqliteJournal};
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let dir = std::env::temp_dir().join(format!("sb-doc-journal-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("campaign.sqlite3");
/// # let _ = std::fs::remove_file(&path);
/// let journal = SqliteJournal::open(&path)?;
/// let line = NewLine { line: 1, body: r#"{"to":"+972501234567","text":{"body":"hi"}}"#.into(), malformed: None };
/// assert_eq!(journal.load(vec![line]).await?, 1);
/// assert_eq!(journal.counts().await?.get(LineState::Pending), 1);
/// # Ok::<(), switchboard::Error>(())
/// # }).unwrap();
/// ```
pub struct SqliteJournal {
    /// `None` only while dropping.
    ops: Option<mpsc::Sender<Op>>,
    thread: Option<std::thread::JoinHandle<()>>,
    path: PathBuf,
}

impl std::fmt::Debug for SqliteJournal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteJournal")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Drop for SqliteJournal {
    /// Lets the operations already sent finish, then closes the file (releasing it for the
    /// next process or handle).
    fn drop(&mut self) {
        self.ops.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn storage(operation: &str) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::storage(operation, &e).with_source(e)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl SqliteJournal {
    /// Opens (creating if needed) the journal at `path` and holds it for this process. A
    /// journal another process holds is an [`Error::Storage`] saying so.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref().to_path_buf();
        let opening = format!("opening the bulk journal {}", path.display());
        let conn = Connection::open(&path).map_err(storage(&opening))?;
        conn.busy_timeout(Duration::from_millis(200))
            .map_err(storage(&opening))?;
        let locked = |e: rusqlite::Error| {
            match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                Error::storage(
                    &opening,
                    "another process holds this journal (one send-bulk per SQLite journal at a time)",
                )
            }
            _ => Error::storage(&opening, &e).with_source(e),
        }
        };
        conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE;")
            .map_err(locked)?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(locked)?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE;")
            .map_err(locked)?;
        conn.execute_batch(SCHEMA).map_err(storage(&opening))?;
        conn.execute_batch("COMMIT;").map_err(locked)?;

        let (ops, rx) = mpsc::channel::<Op>();
        let thread = std::thread::Builder::new()
            .name("switchboard-bulk-journal".into())
            .spawn(move || run(conn, rx))
            .map_err(|e| Error::storage(&opening, e))?;
        Ok(SqliteJournal {
            ops: Some(ops),
            thread: Some(thread),
            path,
        })
    }

    /// The journal's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the journal's thread, inside the next group transaction; answers after
    /// the commit.
    async fn call<T: Send + 'static>(
        &self,
        operation: &'static str,
        f: impl FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        let (tx, rx) = oneshot::channel();
        let op: Op = Box::new(move |conn| {
            let result = match conn {
                Some(conn) => f(conn),
                None => Err(Error::storage(operation, "no transaction could be started")),
            };
            Box::new(move |commit_error: Option<&str>| {
                let result = match (result, commit_error) {
                    (Ok(_), Some(e)) => Err(Error::storage(operation, e)),
                    (r, _) => r,
                };
                let _ = tx.send(result);
            })
        });
        let gone = || Error::storage(operation, "the journal's thread has stopped");
        self.ops
            .as_ref()
            .ok_or_else(gone)?
            .send(op)
            .map_err(|_| gone())?;
        rx.await.map_err(|_| gone())?
    }
}

/// The journal's thread: group commits until every handle is dropped.
fn run(conn: Connection, rx: mpsc::Receiver<Op>) {
    while let Ok(first) = rx.recv() {
        let mut ops = vec![first];
        while ops.len() < GROUP {
            match rx.try_recv() {
                Ok(op) => ops.push(op),
                Err(_) => break,
            }
        }
        if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
            let e = e.to_string();
            for op in ops {
                op(None)(Some(&e));
            }
            continue;
        }
        // Each operation is one statement or runs in its own savepoint (`atomic`).
        let done: Vec<Done> = ops.into_iter().map(|op| op(Some(&conn))).collect();
        let commit = conn.execute_batch("COMMIT").err().map(|e| e.to_string());
        if commit.is_some() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        for d in done {
            d(commit.as_deref());
        }
    }
}

/// Runs `f` in a savepoint that is rolled back when it fails, so a failed operation leaves
/// nothing half written in the shared transaction.
fn atomic<T>(conn: &Connection, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    conn.execute_batch("SAVEPOINT inner")
        .map_err(storage("starting a savepoint"))?;
    let r = f();
    let end = if r.is_ok() {
        "RELEASE inner"
    } else {
        "ROLLBACK TO inner; RELEASE inner"
    };
    conn.execute_batch(end)
        .map_err(storage("ending a savepoint"))?;
    r
}

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<LineRecord> {
    let state: String = row.get(1)?;
    Ok(LineRecord {
        line: row.get::<_, i64>(0)? as u64,
        state: LineState::from_name(&state).unwrap_or(LineState::Unknown),
        attempts: row.get::<_, i64>(2)? as u64,
        provider: row.get(3)?,
        message_id: row.get(4)?,
        error_kind: row.get(5)?,
        error: row.get(6)?,
    })
}

#[async_trait]
impl BulkJournal for SqliteJournal {
    async fn load(&self, lines: Vec<NewLine>) -> Result<u64, Error> {
        const OP: &str = "loading lines into the bulk journal";
        self.call(OP, move |conn| {
            atomic(conn, || {
                let mut insert = conn
                    .prepare_cached(
                        "INSERT INTO bulk_lines (line, body, state, error_kind, error, updated_ms)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (line) DO NOTHING",
                    )
                    .map_err(storage(OP))?;
                let mut existing = conn
                    .prepare_cached("SELECT body FROM bulk_lines WHERE line = ?1")
                    .map_err(storage(OP))?;
                let now = now_ms();
                let mut added = 0;
                for line in &lines {
                    let r = new_record(line);
                    let n = insert
                        .execute(params![
                            line.line as i64,
                            line.body,
                            r.state.as_str(),
                            r.error_kind,
                            r.error,
                            now
                        ])
                        .map_err(storage(OP))?;
                    if n == 1 {
                        added += 1;
                        continue;
                    }
                    let body: Option<String> = existing
                        .query_row([line.line as i64], |row| row.get(0))
                        .optional()
                        .map_err(storage(OP))?;
                    if body.as_deref() != Some(line.body.as_str()) {
                        return Err(other_file(line.line));
                    }
                }
                Ok(added)
            })
        })
        .await
    }

    async fn recover(&self) -> Result<Recovered, Error> {
        const OP: &str = "recovering the bulk journal";
        self.call(OP, |conn| {
            let now = now_ms();
            let returned = conn
                .execute(
                    "UPDATE bulk_lines SET state = 'pending', worker = NULL, lease_until_ms = NULL,
                     updated_ms = ?1 WHERE state = 'claimed'",
                    [now],
                )
                .map_err(storage(OP))?;
            let interrupted = conn
                .execute(
                    "UPDATE bulk_lines SET state = 'unknown', worker = NULL, lease_until_ms = NULL,
                     error_kind = 'unknown_outcome', error = ?1, updated_ms = ?2 WHERE state = 'sending'",
                    params![INTERRUPTED, now],
                )
                .map_err(storage(OP))?;
            Ok(Recovered {
                returned: returned as u64,
                interrupted: interrupted as u64,
            })
        })
        .await
    }

    async fn requeue_unknown(&self) -> Result<u64, Error> {
        const OP: &str = "requeueing unknown outcomes";
        self.call(OP, |conn| {
            conn.execute(
                "UPDATE bulk_lines SET state = 'pending', error_kind = NULL, error = NULL,
                 updated_ms = ?1 WHERE state = 'unknown'",
                [now_ms()],
            )
            .map(|n| n as u64)
            .map_err(storage(OP))
        })
        .await
    }

    async fn claim(
        &self,
        worker: &str,
        limit: usize,
        lease: Duration,
    ) -> Result<Vec<Claimed>, Error> {
        const OP: &str = "claiming lines";
        let worker = worker.to_string();
        self.call(OP, move |conn| {
            let now = now_ms();
            let mut stmt = conn
                .prepare_cached(
                    "UPDATE bulk_lines SET state = 'claimed', worker = ?1, lease_until_ms = ?2,
                     updated_ms = ?3
                     WHERE line IN (SELECT line FROM bulk_lines WHERE state = 'pending'
                                    ORDER BY line LIMIT ?4)
                     RETURNING line, body",
                )
                .map_err(storage(OP))?;
            let rows = stmt
                .query_map(
                    params![
                        worker,
                        now.saturating_add(lease.as_millis() as i64),
                        now,
                        limit as i64
                    ],
                    |row| {
                        Ok(Claimed {
                            line: row.get::<_, i64>(0)? as u64,
                            body: row.get(1)?,
                        })
                    },
                )
                .map_err(storage(OP))?;
            let mut claimed = rows.collect::<Result<Vec<_>, _>>().map_err(storage(OP))?;
            claimed.sort_by_key(|c| c.line);
            Ok(claimed)
        })
        .await
    }

    async fn begin(&self, worker: &str, line: u64) -> Result<bool, Error> {
        const OP: &str = "recording a send's start";
        let worker = worker.to_string();
        self.call(OP, move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "UPDATE bulk_lines SET state = 'sending', attempts = attempts + 1, updated_ms = ?1
                     WHERE line = ?2 AND state = 'claimed' AND worker = ?3",
                )
                .map_err(storage(OP))?;
            let n = stmt
                .execute(params![now_ms(), line as i64, worker])
                .map_err(storage(OP))?;
            Ok(n == 1)
        })
        .await
    }

    async fn finish(&self, worker: &str, line: u64, outcome: &Outcome) -> Result<(), Error> {
        const OP: &str = "recording a send's outcome";
        let worker = worker.to_string();
        let mut r = LineRecord {
            line,
            state: LineState::Sending,
            attempts: 0,
            provider: None,
            message_id: None,
            error_kind: None,
            error: None,
        };
        super::memory::apply(&mut r, outcome);
        self.call(OP, move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "UPDATE bulk_lines SET state = ?1, provider = ?2, message_id = ?3, error_kind = ?4,
                     error = ?5, worker = NULL, lease_until_ms = NULL, updated_ms = ?6
                     WHERE line = ?7 AND state = 'sending' AND worker = ?8",
                )
                .map_err(storage(OP))?;
            stmt.execute(params![
                r.state.as_str(),
                r.provider,
                r.message_id,
                r.error_kind,
                r.error,
                now_ms(),
                line as i64,
                worker
            ])
            .map_err(storage(OP))?;
            Ok(())
        })
        .await
    }

    async fn counts(&self) -> Result<JournalCounts, Error> {
        const OP: &str = "counting the bulk journal";
        self.call(OP, |conn| {
            let mut counts = JournalCounts::default();
            for s in LineState::ALL {
                counts.by_state.insert(s.as_str().to_string(), 0);
            }
            let mut stmt = conn
                .prepare_cached("SELECT state, count(*) FROM bulk_lines GROUP BY state")
                .map_err(storage(OP))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .map_err(storage(OP))?;
            for row in rows {
                let (state, n) = row.map_err(storage(OP))?;
                counts.by_state.insert(state, n as u64);
            }
            let mut stmt = conn
                .prepare_cached(
                    "SELECT error_kind, count(*) FROM bulk_lines
                     WHERE error_kind IS NOT NULL GROUP BY error_kind",
                )
                .map_err(storage(OP))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .map_err(storage(OP))?;
            for row in rows {
                let (kind, n) = row.map_err(storage(OP))?;
                counts.by_error_kind.insert(kind, n as u64);
            }
            Ok(counts)
        })
        .await
    }

    async fn records(
        &self,
        after: u64,
        limit: usize,
        state: Option<LineState>,
    ) -> Result<Vec<LineRecord>, Error> {
        const OP: &str = "reading the bulk journal";
        self.call(OP, move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT line, state, attempts, provider, message_id, error_kind, error
                     FROM bulk_lines WHERE line > ?1 AND (?2 IS NULL OR state = ?2)
                     ORDER BY line LIMIT ?3",
                )
                .map_err(storage(OP))?;
            let rows = stmt
                .query_map(
                    params![after as i64, state.map(LineState::as_str), limit as i64],
                    record,
                )
                .map_err(storage(OP))?;
            rows.collect::<Result<Vec<_>, _>>().map_err(storage(OP))
        })
        .await
    }
}
