//! The bulk journal in PostgreSQL (feature `postgres`): one campaign shared by many
//! `send-bulk` workers on any number of machines.
//!
//! - *Loaded once:* every worker loads the file with `ON CONFLICT (campaign, line) DO
//!   NOTHING`, in one transaction; the first to commit adds the lines, the others add none
//!   (a line whose text differs is refused: the campaign belongs to another file).
//! - *Claims:* `SELECT ... FOR UPDATE SKIP LOCKED` picks pending lines (and claimed lines
//!   whose lease expired) that no other worker is claiming at that moment, so two workers
//!   never get the same line and neither waits for the other.
//! - *Leases:* a claimed line carries its worker and an expiry (by the database's clock);
//!   [`begin`](BulkJournal::begin) renews it for the send. When a worker dies, its claimed
//!   lines return to the others once the lease expires, and its lines in `sending` become
//!   `unknown` (the request may have reached the provider). `unknown` lines are never
//!   claimed again unless [`requeue_unknown`](BulkJournal::requeue_unknown) is called.
//! - A worker whose lease expired while its send was still running records the outcome it
//!   got all the same (`finish` matches its own `sending` or `unknown` line), so a line sent
//!   is journaled `sent`.

use super::journal::{
    BulkJournal, Claimed, JournalCounts, LineRecord, LineState, NewLine, Outcome, Recovered,
    INTERRUPTED,
};
use super::memory::{apply, new_record, other_file};
use crate::pg;
use async_trait::async_trait;
use deadpool_postgres::Pool;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use switchboard_core::Error;

/// Lines sent to the server per statement when loading.
const LOAD_CHUNK: usize = 5_000;
/// The lease a `begin` renews to before the first `claim` told one.
const DEFAULT_LEASE_MS: u64 = 600_000;

/// A [`BulkJournal`] in a PostgreSQL database, for one campaign: see the
/// [module documentation](self).
///
/// ```no_run
/// use switchboard::bulk::{BulkJournal, PostgresJournal};
/// # async fn run() -> Result<(), switchboard::Error> {
/// let journal = PostgresJournal::open("postgres://switchboard@127.0.0.1/switchboard", "spring-sale.jsonl").await?;
/// println!("{:?}", journal.counts().await?.by_state);
/// # Ok(()) }
/// ```
pub struct PostgresJournal {
    url: String,
    pool: Pool,
    campaign: String,
    /// The lease of the last claim, in milliseconds: what `begin` renews to.
    lease_ms: AtomicU64,
}

impl std::fmt::Debug for PostgresJournal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresJournal")
            .field("url", &pg::redact(&self.url))
            .field("campaign", &self.campaign)
            .finish_non_exhaustive()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_millis().min(i64::MAX as u128) as f64
}

fn line_i64(line: u64) -> i64 {
    i64::try_from(line).unwrap_or(i64::MAX)
}

impl PostgresJournal {
    /// Connects to `url`, applies the migrations not applied yet, and works on the
    /// campaign named `campaign` (an empty name is an [`Error::Configuration`]).
    pub async fn open(url: &str, campaign: &str) -> Result<Self, Error> {
        if campaign.trim().is_empty() {
            return Err(Error::configuration(
                "the bulk journal's campaign name is empty (--campaign NAME)",
            ));
        }
        let pool = pg::connect(url, 8).await?;
        Ok(PostgresJournal {
            url: url.to_string(),
            pool,
            campaign: campaign.to_string(),
            lease_ms: AtomicU64::new(DEFAULT_LEASE_MS),
        })
    }

    /// The campaign's name.
    pub fn campaign(&self) -> &str {
        &self.campaign
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, Error> {
        pg::client(&self.pool, &self.url).await
    }

    fn fail<'a>(&'a self, operation: &'a str) -> impl Fn(tokio_postgres::Error) -> Error + 'a {
        move |e| pg::storage(operation, &self.url, pg::db_error(&e)).with_source(e)
    }
}

#[async_trait]
impl BulkJournal for PostgresJournal {
    async fn load(&self, lines: Vec<NewLine>) -> Result<u64, Error> {
        let fail = self.fail("loading lines into the bulk journal");
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(&fail)?;
        let mut added = 0;
        for chunk in lines.chunks(LOAD_CHUNK) {
            let records: Vec<LineRecord> = chunk.iter().map(new_record).collect();
            let numbers: Vec<i64> = chunk.iter().map(|l| line_i64(l.line)).collect();
            let bodies: Vec<&str> = chunk.iter().map(|l| l.body.as_str()).collect();
            let states: Vec<&str> = records.iter().map(|r| r.state.as_str()).collect();
            let kinds: Vec<Option<&str>> =
                records.iter().map(|r| r.error_kind.as_deref()).collect();
            let errors: Vec<Option<&str>> = records.iter().map(|r| r.error.as_deref()).collect();
            added += tx
                .execute(
                    "INSERT INTO bulk_lines (campaign, line, body, state, error_kind, error)
                     SELECT $1, n.l, n.b, n.s, n.k, n.e
                     FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS n(l, b, s, k, e)
                     ON CONFLICT (campaign, line) DO NOTHING",
                    &[&self.campaign, &numbers, &bodies, &states, &kinds, &errors],
                )
                .await
                .map_err(&fail)?;
            let differs = tx
                .query_opt(
                    "SELECT n.l FROM unnest($2::bigint[], $3::text[]) AS n(l, b)
                     JOIN bulk_lines x ON x.campaign = $1 AND x.line = n.l
                     WHERE x.body <> n.b ORDER BY n.l LIMIT 1",
                    &[&self.campaign, &numbers, &bodies],
                )
                .await
                .map_err(&fail)?;
            if let Some(row) = differs {
                return Err(other_file(row.get::<_, i64>(0) as u64));
            }
        }
        tx.commit().await.map_err(&fail)?;
        Ok(added)
    }

    /// Only lines whose lease has expired: their workers are gone (or too late). Other
    /// workers may be running on the same campaign.
    async fn recover(&self) -> Result<Recovered, Error> {
        let fail = self.fail("recovering the bulk journal");
        let client = self.client().await?;
        let returned = client
            .execute(
                "UPDATE bulk_lines SET state = 'pending', worker = NULL, lease_until = NULL, updated_at = now()
                 WHERE campaign = $1 AND state = 'claimed' AND lease_until < clock_timestamp()",
                &[&self.campaign],
            )
            .await
            .map_err(&fail)?;
        let interrupted = expire_sending(&client, &self.campaign)
            .await
            .map_err(&fail)?;
        Ok(Recovered {
            returned,
            interrupted,
        })
    }

    async fn requeue_unknown(&self) -> Result<u64, Error> {
        let client = self.client().await?;
        client
            .execute(
                "UPDATE bulk_lines SET state = 'pending', worker = NULL, lease_until = NULL,
                 error_kind = NULL, error = NULL, updated_at = now()
                 WHERE campaign = $1 AND state = 'unknown'",
                &[&self.campaign],
            )
            .await
            .map_err(self.fail("requeueing unknown outcomes"))
    }

    async fn claim(
        &self,
        worker: &str,
        limit: usize,
        lease: Duration,
    ) -> Result<Vec<Claimed>, Error> {
        let fail = self.fail("claiming lines");
        self.lease_ms.store(
            lease.as_millis().min(u64::MAX as u128) as u64,
            Ordering::Relaxed,
        );
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(&fail)?;
        // Lines in flight of workers whose lease expired: their outcome is unknown.
        expire_sending(&tx, &self.campaign).await.map_err(&fail)?;
        let rows = tx
            .query(
                "WITH picked AS (
                     SELECT line FROM bulk_lines
                     WHERE campaign = $1
                       AND (state = 'pending' OR (state = 'claimed' AND lease_until < clock_timestamp()))
                     ORDER BY line LIMIT $3
                     FOR UPDATE SKIP LOCKED
                 )
                 UPDATE bulk_lines b SET state = 'claimed', worker = $2,
                     lease_until = clock_timestamp() + $4 * interval '1 millisecond', updated_at = now()
                 FROM picked WHERE b.campaign = $1 AND b.line = picked.line
                 RETURNING b.line, b.body",
                &[
                    &self.campaign,
                    &worker,
                    &i64::try_from(limit).unwrap_or(i64::MAX),
                    &ms(lease),
                ],
            )
            .await
            .map_err(&fail)?;
        tx.commit().await.map_err(&fail)?;
        let mut claimed: Vec<Claimed> = rows
            .iter()
            .map(|r| Claimed {
                line: r.get::<_, i64>(0) as u64,
                body: r.get(1),
            })
            .collect();
        claimed.sort_by_key(|c| c.line);
        Ok(claimed)
    }

    async fn begin(&self, worker: &str, line: u64) -> Result<bool, Error> {
        let client = self.client().await?;
        let lease = self.lease_ms.load(Ordering::Relaxed) as f64;
        let n = client
            .execute(
                "UPDATE bulk_lines SET state = 'sending', attempts = attempts + 1,
                     lease_until = clock_timestamp() + $4 * interval '1 millisecond', updated_at = now()
                 WHERE campaign = $1 AND line = $2 AND state = 'claimed' AND worker = $3",
                &[&self.campaign, &line_i64(line), &worker, &lease],
            )
            .await
            .map_err(self.fail("recording a send's start"))?;
        Ok(n == 1)
    }

    async fn finish(&self, worker: &str, line: u64, outcome: &Outcome) -> Result<(), Error> {
        let mut r = new_record(&NewLine {
            line,
            body: String::new(),
            malformed: None,
        });
        apply(&mut r, outcome);
        let client = self.client().await?;
        client
            .execute(
                "UPDATE bulk_lines SET state = $4, provider = $5, message_id = $6, error_kind = $7,
                     error = $8, worker = NULL, lease_until = NULL, updated_at = now()
                 WHERE campaign = $1 AND line = $2 AND worker = $3 AND state IN ('sending', 'unknown')",
                &[
                    &self.campaign,
                    &line_i64(line),
                    &worker,
                    &r.state.as_str(),
                    &r.provider,
                    &r.message_id,
                    &r.error_kind,
                    &r.error,
                ],
            )
            .await
            .map_err(self.fail("recording a send's outcome"))?;
        Ok(())
    }

    async fn counts(&self) -> Result<JournalCounts, Error> {
        let fail = self.fail("counting the bulk journal");
        let client = self.client().await?;
        let mut counts = JournalCounts::default();
        for s in LineState::ALL {
            counts.by_state.insert(s.as_str().to_string(), 0);
        }
        for row in client
            .query(
                "SELECT state, count(*) FROM bulk_lines WHERE campaign = $1 GROUP BY state",
                &[&self.campaign],
            )
            .await
            .map_err(&fail)?
        {
            counts
                .by_state
                .insert(row.get(0), row.get::<_, i64>(1) as u64);
        }
        for row in client
            .query(
                "SELECT error_kind, count(*) FROM bulk_lines
                 WHERE campaign = $1 AND error_kind IS NOT NULL GROUP BY error_kind",
                &[&self.campaign],
            )
            .await
            .map_err(&fail)?
        {
            counts
                .by_error_kind
                .insert(row.get(0), row.get::<_, i64>(1) as u64);
        }
        Ok(counts)
    }

    async fn records(
        &self,
        after: u64,
        limit: usize,
        state: Option<LineState>,
    ) -> Result<Vec<LineRecord>, Error> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT line, state, attempts, provider, message_id, error_kind, error
                 FROM bulk_lines WHERE campaign = $1 AND line > $2 AND ($3::text IS NULL OR state = $3)
                 ORDER BY line LIMIT $4",
                &[
                    &self.campaign,
                    &line_i64(after),
                    &state.map(LineState::as_str),
                    &i64::try_from(limit).unwrap_or(i64::MAX),
                ],
            )
            .await
            .map_err(self.fail("reading the bulk journal"))?;
        Ok(rows
            .iter()
            .map(|r| LineRecord {
                line: r.get::<_, i64>(0) as u64,
                state: LineState::from_name(r.get(1)).unwrap_or(LineState::Unknown),
                attempts: r.get::<_, i64>(2) as u64,
                provider: r.get(3),
                message_id: r.get(4),
                error_kind: r.get(5),
                error: r.get(6),
            })
            .collect())
    }
}

/// Turns the `sending` lines whose lease expired into `unknown` (keeping their worker, so a
/// worker that was only late can still record its outcome); returns how many.
async fn expire_sending<C: deadpool_postgres::GenericClient>(
    client: &C,
    campaign: &str,
) -> Result<u64, tokio_postgres::Error> {
    client
        .execute(
            "UPDATE bulk_lines SET state = 'unknown', error_kind = 'unknown_outcome', error = $2,
                 lease_until = NULL, updated_at = now()
             WHERE campaign = $1 AND state = 'sending' AND lease_until < clock_timestamp()",
            &[&campaign, &INTERRUPTED],
        )
        .await
}
