//! What the journals cost, SQLite beside PostgreSQL: webhook deliveries journaled per second
//! (64 deliveries in flight, one event each, as `webhook serve` journals them before its 2xx)
//! and bulk messages per second (a 1 000-line campaign through `BulkSender` with 64 sends in
//! flight, to the in-memory messenger, so the journal is what is measured).
//!
//! ```sh
//! cargo bench --bench journals -- --measurement-time 3 --warm-up-time 1
//! SWITCHBOARD_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo bench --bench journals --features postgres -- --measurement-time 3 --warm-up-time 1
//! ```
//!
//! The PostgreSQL rows need the feature `postgres` and a database in
//! `SWITCHBOARD_TEST_POSTGRES` (tables are created in it); without them they are skipped,
//! saying so. Figures: docs/performance.md.

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard::bulk::{BulkJournal, BulkOptions, BulkSender, NewLine};
use switchboard::journal::{NewEvent, SqliteJournal, WebhookJournal};
use switchboard::MemoryMessenger;
use tokio::runtime::Runtime;

const IN_FLIGHT: usize = 64;
const DELIVERIES: usize = 512;
const LINES: u64 = 1_000;
const WINDOW: Duration = Duration::from_secs(72 * 3600);

static NEXT: AtomicU64 = AtomicU64::new(0);

fn unique() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-bench-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn postgres_url() -> Option<String> {
    let url = std::env::var("SWITCHBOARD_TEST_POSTGRES").ok();
    if !cfg!(feature = "postgres") || url.is_none() {
        eprintln!(
            "skipped the PostgreSQL rows: build with --features postgres and set SWITCHBOARD_TEST_POSTGRES"
        );
        return None;
    }
    url
}

/// `DELIVERIES` deliveries, `IN_FLIGHT` at a time, each journaling one new event.
async fn deliveries(journal: Arc<dyn WebhookJournal>) -> Duration {
    let started = Instant::now();
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    let run = unique();
    for _ in 0..IN_FLIGHT {
        let (journal, next) = (Arc::clone(&journal), Arc::clone(&next));
        tasks.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= DELIVERIES as u64 {
                    return;
                }
                let key = format!("bench-{}-{run}-{i}", std::process::id());
                let event = serde_json::json!({"unknown": {"provider": "bird", "reason": "bench", "raw": {"i": i}}});
                let stored = journal
                    .append(vec![NewEvent::new(key, event)], time::OffsetDateTime::now_utc())
                    .await
                    .unwrap();
                assert_eq!(stored.len(), 1);
            }
        });
    }
    while let Some(t) = tasks.join_next().await {
        t.unwrap();
    }
    started.elapsed()
}

fn webhook_journal(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("webhook_journal");
    group.throughput(Throughput::Elements(DELIVERIES as u64));
    group.sample_size(10);
    let dir = scratch("webhook");
    let sqlite: Arc<dyn WebhookJournal> = Arc::new(
        rt.block_on(SqliteJournal::open(dir.join("webhooks.sqlite3"), WINDOW))
            .unwrap(),
    );
    group.bench_function(BenchmarkId::new("deliveries", "sqlite"), |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| rt.block_on(deliveries(Arc::clone(&sqlite))))
                .sum()
        })
    });
    #[cfg(feature = "postgres")]
    if let Some(url) = postgres_url() {
        let pg: Arc<dyn WebhookJournal> = Arc::new(
            rt.block_on(switchboard::journal::PostgresJournal::open(&url, WINDOW))
                .unwrap(),
        );
        group.bench_function(BenchmarkId::new("deliveries", "postgres"), |b| {
            b.iter_custom(|n| {
                (0..n)
                    .map(|_| rt.block_on(deliveries(Arc::clone(&pg))))
                    .sum()
            })
        });
    }
    #[cfg(not(feature = "postgres"))]
    let _ = postgres_url();
    group.finish();
    let _ = std::fs::remove_dir_all(dir);
}

fn campaign() -> Vec<NewLine> {
    (1..=LINES)
        .map(|n| NewLine {
            line: n,
            body: format!("{{\"to\":\"+972501234567\",\"text\":{{\"body\":\"line {n}\"}}}}"),
            malformed: None,
        })
        .collect()
}

/// Loads a fresh campaign into `journal` (not timed), then times sending all of it.
async fn send_campaign<J: BulkJournal + 'static>(journal: J) -> Duration {
    journal.load(campaign()).await.unwrap();
    let sender = BulkSender::new(
        MemoryMessenger::new(),
        journal,
        BulkOptions {
            concurrency: IN_FLIGHT,
            ..BulkOptions::default()
        },
    );
    let started = Instant::now();
    let summary = sender.run().await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(summary.states["sent"], LINES);
    elapsed
}

fn bulk_journal(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("bulk_journal");
    group.throughput(Throughput::Elements(LINES));
    group.sample_size(10);
    let dir = scratch("bulk");
    group.bench_function(BenchmarkId::new("messages", "sqlite"), |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    let path = dir.join(format!("campaign-{}.sqlite3", unique()));
                    let journal = switchboard::bulk::SqliteJournal::open(&path).unwrap();
                    let t = rt.block_on(send_campaign(journal));
                    let _ = std::fs::remove_file(&path);
                    t
                })
                .sum()
        })
    });
    #[cfg(feature = "postgres")]
    if let Some(url) = postgres_url() {
        group.bench_function(BenchmarkId::new("messages", "postgres"), |b| {
            b.iter_custom(|n| {
                (0..n)
                    .map(|_| {
                        let name = format!("bench-{}-{}", std::process::id(), unique());
                        rt.block_on(async {
                            let journal = switchboard::bulk::PostgresJournal::open(&url, &name)
                                .await
                                .unwrap();
                            send_campaign(journal).await
                        })
                    })
                    .sum()
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group!(benches, webhook_journal, bulk_journal);
criterion_main!(benches);
