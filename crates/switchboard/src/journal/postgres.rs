//! The webhook journal in PostgreSQL (feature `postgres`), shared by every receiver that
//! names the same database.
//!
//! - *Once across receivers:* each event is inserted with `ON CONFLICT (dedupe_key) DO
//!   NOTHING` against the table's unique key, in the transaction that commits before the
//!   provider is answered 2xx; whichever receiver commits a key first stores it, the others
//!   find it stored and leave it out.
//! - *Order:* appends take one transaction-scoped advisory lock before drawing their `seq`,
//!   so `seq` order is commit order across all receivers, and a reader that has seen `seq = n`
//!   never later finds a smaller one (the cursor contract of [`WebhookJournal`]). Appends
//!   arriving together in one process share one transaction (group commit), which is what
//!   keeps this fast with many concurrent deliveries.
//! - *One deliverer per sink:* [`WebhookJournal::claim_sink`] is a lease row per sink name,
//!   renewed by its holder and taken over once it expires (by the database's clock), so a
//!   receiver that died hands its sink to another within the lease.

use super::{from_unix_ms, unix_ms, JournaledEvent, NewEvent, WebhookJournal};
use crate::pg;
use async_trait::async_trait;
use deadpool_postgres::Pool;
use std::collections::HashSet;
use std::time::{Duration, Instant};
use switchboard_core::Error;
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot, Mutex};

/// The advisory lock that orders appends ("SWBD" 2).
const APPEND_LOCK: i64 = 0x5357_4244_0002;
/// The most appends committed in one transaction.
const GROUP_LIMIT: usize = 256;
/// How often old keys are pruned (by whichever process appends then).
const PRUNE_EVERY: Duration = Duration::from_secs(600);

type Reply = oneshot::Sender<Result<Vec<JournaledEvent>, Error>>;

struct PendingAppend {
    events: Vec<NewEvent>,
    received_at: OffsetDateTime,
    reply: Reply,
}

/// A [`WebhookJournal`] in a PostgreSQL database: see the [module documentation](self).
/// Cloning shares the pool and the group-commit task.
#[derive(Clone)]
pub struct PostgresJournal {
    url: String,
    pool: Pool,
    appends: mpsc::UnboundedSender<PendingAppend>,
}

impl std::fmt::Debug for PostgresJournal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresJournal")
            .field("url", &pg::redact(&self.url))
            .finish_non_exhaustive()
    }
}

impl PostgresJournal {
    /// Connects to `url` (`postgres://user@host:port/database`), applies the migrations not
    /// applied yet, and remembers keys for `window`. Must be called inside a tokio runtime
    /// (it starts the group-commit task).
    pub async fn open(url: &str, window: Duration) -> Result<Self, Error> {
        let pool = pg::connect(url, 8).await?;
        let (appends, queue) = mpsc::unbounded_channel();
        let committer = Committer {
            url: url.to_string(),
            pool: pool.clone(),
            window,
            last_prune: Mutex::new(None),
        };
        tokio::spawn(committer.serve(queue));
        Ok(PostgresJournal {
            url: url.to_string(),
            pool,
            appends,
        })
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, Error> {
        pg::client(&self.pool, &self.url).await
    }

    fn fail<'a>(&'a self, operation: &'a str) -> impl Fn(tokio_postgres::Error) -> Error + 'a {
        move |e| pg::storage(operation, &self.url, pg::db_error(&e)).with_source(e)
    }
}

#[async_trait]
impl WebhookJournal for PostgresJournal {
    async fn append(
        &self,
        events: Vec<NewEvent>,
        received_at: OffsetDateTime,
    ) -> Result<Vec<JournaledEvent>, Error> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let (reply, answer) = oneshot::channel();
        let gone = || pg::storage("journaling", &self.url, "the group-commit task stopped");
        self.appends
            .send(PendingAppend {
                events,
                received_at,
                reply,
            })
            .map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }

    async fn read(
        &self,
        after: u64,
        since: Option<OffsetDateTime>,
        limit: usize,
    ) -> Result<Vec<JournaledEvent>, Error> {
        let fail = self.fail("reading events");
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT seq, dedupe_key, received_at_ms, event FROM webhook_events
                 WHERE seq > $1 AND received_at_ms >= $2 ORDER BY seq LIMIT $3",
                &[
                    &(after.min(i64::MAX as u64) as i64),
                    &since.map(unix_ms).unwrap_or(i64::MIN),
                    &i64::try_from(limit).unwrap_or(i64::MAX),
                ],
            )
            .await
            .map_err(&fail)?;
        rows.iter()
            .map(|r| {
                Ok(JournaledEvent {
                    seq: r.try_get::<_, i64>(0).map_err(&fail)? as u64,
                    dedupe_key: r.try_get(1).map_err(&fail)?,
                    received_at: from_unix_ms(r.try_get(2).map_err(&fail)?),
                    event: r.try_get(3).map_err(&fail)?,
                })
            })
            .collect()
    }

    async fn cursor(&self, sink: &str) -> Result<u64, Error> {
        let client = self.client().await?;
        let row = client
            .query_opt("SELECT seq FROM webhook_cursors WHERE sink = $1", &[&sink])
            .await
            .map_err(self.fail("reading a cursor"))?;
        Ok(row.map_or(0, |r| r.get::<_, i64>(0) as u64))
    }

    async fn advance(&self, sink: &str, seq: u64) -> Result<(), Error> {
        let client = self.client().await?;
        client
            .execute(
                "INSERT INTO webhook_cursors (sink, seq) VALUES ($1, $2)
                 ON CONFLICT (sink) DO UPDATE SET seq = greatest(webhook_cursors.seq, excluded.seq)",
                &[&sink, &(seq.min(i64::MAX as u64) as i64)],
            )
            .await
            .map_err(self.fail("moving a cursor"))?;
        Ok(())
    }

    async fn claim_sink(&self, sink: &str, holder: &str, ttl: Duration) -> Result<bool, Error> {
        let client = self.client().await?;
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let row = client
            .query_opt(
                "INSERT INTO webhook_sink_leases AS l (sink, holder, expires_at)
                 VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
                 ON CONFLICT (sink) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                 WHERE l.holder = excluded.holder OR l.expires_at < clock_timestamp()
                 RETURNING holder",
                &[&sink, &holder, &(ttl_ms as f64)],
            )
            .await
            .map_err(self.fail("claiming a sink"))?;
        Ok(row.is_some())
    }
}

/// The group-commit task: drains the appends waiting together and commits them in one
/// transaction.
struct Committer {
    url: String,
    pool: Pool,
    window: Duration,
    last_prune: Mutex<Option<Instant>>,
}

impl Committer {
    async fn serve(self, mut queue: mpsc::UnboundedReceiver<PendingAppend>) {
        while let Some(first) = queue.recv().await {
            let mut group = vec![first];
            while group.len() < GROUP_LIMIT {
                match queue.try_recv() {
                    Ok(next) => group.push(next),
                    Err(_) => break,
                }
            }
            match self.insert_all(&group).await {
                Ok(results) => {
                    for (pending, stored) in group.into_iter().zip(results) {
                        let _ = pending.reply.send(Ok(stored));
                    }
                }
                Err(e) => {
                    for pending in group {
                        let _ = pending.reply.send(Err(e.clone()));
                    }
                }
            }
            self.prune_now_and_then().await;
        }
    }

    /// One transaction: the append lock, then every new key of the group inserted in
    /// arrival order. Returns each append's stored events.
    async fn insert_all(&self, group: &[PendingAppend]) -> Result<Vec<Vec<JournaledEvent>>, Error> {
        let fail = |e: tokio_postgres::Error| {
            pg::storage("journaling a webhook delivery", &self.url, pg::db_error(&e)).with_source(e)
        };
        // Keys repeated within the group are sent once (the first wins), so no seq is
        // drawn for them.
        let mut seen = HashSet::new();
        let (mut keys, mut times, mut bodies) = (Vec::new(), Vec::new(), Vec::new());
        for pending in group {
            let ms = unix_ms(pending.received_at);
            for e in &pending.events {
                if seen.insert(e.dedupe_key.as_str()) {
                    keys.push(e.dedupe_key.as_str());
                    times.push(ms);
                    bodies.push(&e.event);
                }
            }
        }
        let mut client = pg::client(&self.pool, &self.url).await?;
        let tx = client.transaction().await.map_err(fail)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .await
            .map_err(fail)?;
        // Under the lock no other append runs, so the look-up leaves out stored keys
        // without drawing a seq for them; the unique key stays the guarantee.
        let rows = tx
            .query(
                "INSERT INTO webhook_events (dedupe_key, received_at_ms, event)
                 SELECT n.k, n.t, n.e FROM unnest($1::text[], $2::bigint[], $3::json[])
                     WITH ORDINALITY AS n(k, t, e, i)
                 WHERE NOT EXISTS (SELECT 1 FROM webhook_events w WHERE w.dedupe_key = n.k)
                 ORDER BY n.i
                 ON CONFLICT (dedupe_key) DO NOTHING
                 RETURNING seq, dedupe_key",
                &[&keys, &times, &bodies],
            )
            .await
            .map_err(fail)?;
        tx.commit().await.map_err(fail)?;
        let mut stored: std::collections::HashMap<String, u64> = rows
            .iter()
            .map(|r| (r.get::<_, String>(1), r.get::<_, i64>(0) as u64))
            .collect();
        let mut results = Vec::with_capacity(group.len());
        for pending in group {
            let ms = unix_ms(pending.received_at);
            let mut mine = Vec::new();
            for e in &pending.events {
                if let Some(seq) = stored.remove(&e.dedupe_key) {
                    mine.push(JournaledEvent {
                        seq,
                        dedupe_key: e.dedupe_key.clone(),
                        received_at: from_unix_ms(ms),
                        event: e.event.clone(),
                    });
                }
            }
            mine.sort_by_key(|e| e.seq);
            results.push(mine);
        }
        Ok(results)
    }

    /// Forgets events older than the window that every sink has received.
    async fn prune_now_and_then(&self) {
        let mut last = self.last_prune.lock().await;
        if last.is_some_and(|t| t.elapsed() < PRUNE_EVERY) {
            return;
        }
        *last = Some(Instant::now());
        let horizon = unix_ms(OffsetDateTime::now_utc())
            .saturating_sub(i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX));
        let result = match pg::client(&self.pool, &self.url).await {
            Ok(client) => client
                .execute(
                    "DELETE FROM webhook_events WHERE received_at_ms < $1
                     AND seq <= (SELECT coalesce(min(seq), 9223372036854775807) FROM webhook_cursors)",
                    &[&horizon],
                )
                .await
                .map_err(|e| {
                    pg::storage("pruning old keys", &self.url, pg::db_error(&e)).with_source(e)
                }),
            Err(e) => Err(e),
        };
        match result {
            Ok(0) => {}
            Ok(removed) => tracing::debug!(
                removed,
                "forgot webhook events older than the de-duplication window"
            ),
            Err(e) => tracing::warn!(error = %e, "pruning the webhook journal failed"),
        }
    }
}
