//! Bulk sending against the loopback chaos stand-in (which accepts everything at once):
//! `send-bulk`'s messages per second through `BulkSender` + `RoutedMessenger` + 360dialog's
//! adapter + the HTTP transport, with the SQLite journal beside the memory journal (the
//! baseline: the same pipeline without a durable journal); and the achieved rate against
//! the configured `[rate] per_second`.
//!
//! `cargo bench --bench bulk -- --measurement-time 3 --warm-up-time 1`

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use switchboard::bulk::{
    BulkJournal, BulkOptions, BulkSender, MemoryJournal, NewLine, SqliteJournal,
};
use switchboard::{Config, RoutedMessenger};
use switchboard_testkit::chaos::ChaosStandIn;

const MESSAGES: u64 = 2_000;

fn lines(n: u64) -> Vec<NewLine> {
    (1..=n)
        .map(|i| NewLine {
            line: i,
            body: format!(r#"{{"to": "+972501234567", "text": {{"body": "line {i}"}}}}"#),
            malformed: None,
        })
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

async fn send_all<J: BulkJournal + 'static>(config: &Config, journal: J, lines: Vec<NewLine>) {
    let n = lines.len() as u64;
    let sender = BulkSender::new(
        RoutedMessenger::from_config(config).unwrap(),
        journal,
        BulkOptions {
            concurrency: 64,
            ..BulkOptions::default()
        },
    );
    sender.journal().load(lines).await.unwrap();
    let summary = sender.run().await.unwrap();
    assert_eq!(summary.this_run.sent, n);
}

fn journals(c: &mut Criterion) {
    let rt = runtime();
    let stand_in = rt.block_on(ChaosStandIn::accepting());
    let config = Config::from_toml(&stand_in.config_toml("[rate]\nconcurrency = 64\n")).unwrap();
    let dir = std::env::temp_dir().join(format!("switchboard-bench-bulk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let runs = AtomicU64::new(0);

    let mut group = c.benchmark_group("send_bulk");
    group.sample_size(10);
    group.throughput(Throughput::Elements(MESSAGES));
    group.bench_function("memory_journal", |b| {
        b.iter(|| rt.block_on(send_all(&config, MemoryJournal::new(), lines(MESSAGES))))
    });
    group.bench_function("sqlite_journal", |b| {
        b.iter(|| {
            let path = dir.join(format!("{}.sqlite3", runs.fetch_add(1, Ordering::Relaxed)));
            rt.block_on(send_all(
                &config,
                SqliteJournal::open(&path).unwrap(),
                lines(MESSAGES),
            ));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn pacing(c: &mut Criterion) {
    let rt = runtime();
    let stand_in = rt.block_on(ChaosStandIn::accepting());
    let mut group = c.benchmark_group("send_bulk_paced");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(6));
    for per_second in [500u64, 2_000] {
        // Half a second's worth of messages per iteration: elements/s is the achieved rate.
        let n = per_second / 2;
        let config = Config::from_toml(&stand_in.config_toml(&format!(
            "[rate]\nper_second = {per_second}\nburst = 1\nconcurrency = 64\n"
        )))
        .unwrap();
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(
            BenchmarkId::new("configured_per_second", per_second),
            &n,
            |b, &n| b.iter(|| rt.block_on(send_all(&config, MemoryJournal::new(), lines(n)))),
        );
    }
    group.finish();
}

criterion_group!(benches, journals, pacing);
criterion_main!(benches);
