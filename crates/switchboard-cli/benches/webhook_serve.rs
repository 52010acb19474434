//! Deliveries per second of `webhook serve` (the same router, accept loop, receiver,
//! journal and delivery loop the command runs), 64 concurrent clients posting distinct
//! 360dialog deliveries over loopback. Each delivery is answered only once its event is
//! journaled. Journals: SQLite (a file, `synchronous = FULL`) and `":memory:"` (the
//! baseline: the same path without the disk).
//!
//! ```sh
//! cargo bench -p switchboard-cli --bench webhook_serve -- --measurement-time 3 --warm-up-time 1
//! ```

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard::delivery::{self, EventSink, SinkError};
use switchboard::journal::{self, JournaledEvent};
use switchboard::{AnyMessenger, Config, WebhookReceiver};
use switchboard_cli::server::router;
use switchboard_cli::webhook::listen::{self, Limits};

const CLIENTS: u64 = 64;

/// Takes every event and drops it: the delivery loop's journal work stays in the measure.
struct Discard;

#[async_trait::async_trait]
impl EventSink for Discard {
    fn name(&self) -> String {
        "bench".into()
    }
    async fn deliver(&mut self, _: &[JournaledEvent]) -> Result<(), SinkError> {
        Ok(())
    }
}

/// Starts the server on its own runtime and thread; its base URL.
fn start(journal_setting: &str) -> String {
    let config = Config::from_toml(&format!(
        "provider = \"360dialog\"\n[360dialog]\napi_key = \"k\"\n[webhook]\njournal = {journal_setting:?}\n"
    ))
    .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let journal = journal::open(&config.webhook).await.unwrap();
            let receiver = Arc::new(WebhookReceiver::new(
                AnyMessenger::from_config(&config).unwrap(),
                &config.webhook,
                Arc::clone(&journal),
            ));
            let limits = Limits::from_settings(&config.webhook);
            let app = router(Arc::clone(&receiver), limits.body_read_timeout);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}/", listener.local_addr().unwrap()))
                .unwrap();
            let wake = receiver.subscribe();
            let (_stop, stopping) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                let _ = delivery::run(&journal, &mut Discard, wake, stopping).await;
            });
            listen::serve(listener, app, limits, std::future::pending()).await;
        });
    });
    rx.recv().unwrap()
}

fn delivery(n: u64) -> Vec<u8> {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"97231234567","phone_number_id":"106540352242922"}},"contacts":[{{"profile":{{"name":"Anna"}},"wa_id":"972501234567"}}],"messages":[{{"from":"972501234567","id":"wamid.B{n}","timestamp":"1700000000","type":"text","text":{{"body":"message {n}"}}}}]}}}}]}}]}}"#
    )
    .into_bytes()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("bench.sqlite3").display().to_string();
    let clients = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS as usize)
        .build()
        .unwrap();
    let next = Arc::new(AtomicU64::new(0));

    let mut group = c.benchmark_group("webhook_serve_64_clients");
    group.throughput(Throughput::Elements(1));
    group.sample_size(10);
    for (name, journal) in [("memory", ":memory:"), ("sqlite", sqlite.as_str())] {
        let url = start(journal);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let (url, http, next) = (url.clone(), http.clone(), Arc::clone(&next));
                clients.block_on(async move {
                    let started = Instant::now();
                    let mut tasks = tokio::task::JoinSet::new();
                    for c in 0..CLIENTS {
                        let (url, http, next) = (url.clone(), http.clone(), Arc::clone(&next));
                        let share = iters / CLIENTS + u64::from(c < iters % CLIENTS);
                        tasks.spawn(async move {
                            for _ in 0..share {
                                let n = next.fetch_add(1, Ordering::Relaxed);
                                let resp = http.post(&url).body(delivery(n)).send().await.unwrap();
                                assert_eq!(resp.status().as_u16(), 200);
                            }
                        });
                    }
                    while let Some(t) = tasks.join_next().await {
                        t.unwrap();
                    }
                    started.elapsed()
                })
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
