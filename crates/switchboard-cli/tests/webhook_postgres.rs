//! Four `webhook serve` processes on one PostgreSQL journal (feature `postgres`,
//! `SWITCHBOARD_TEST_POSTGRES`), as behind a load balancer: the same 1 000 deliveries posted
//! to all four in random order. Each event is journaled once and reaches the sink once: the
//! four receivers' stdout together is one sink (one receiver at a time holds its lease and
//! prints), docs/scaling.md.

#![cfg(all(feature = "postgres", feature = "360dialog"))]

mod common;

use switchboard_testkit::postgres as support;

use common::{delivery, journal_events, message_id, post, serve, Serve};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const DELIVERIES: usize = 1000;
const RECEIVERS: usize = 4;
const CLIENTS: usize = 32;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_four_receivers_deliver_each_event_once() {
    let test = "postgres_four_receivers_deliver_each_event_once";
    let Some(url) = support::fresh_database(test).await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("switchboard.toml");
    std::fs::write(
        &config,
        format!("provider = \"360dialog\"\n[360dialog]\napi_key = \"k\"\n[webhook]\njournal = {url:?}\n"),
    )
    .unwrap();
    let mut receivers: Vec<Serve> = (0..RECEIVERS)
        .map(|_| serve(&config, dir.path(), true))
        .collect();
    let bases: Arc<Vec<String>> = Arc::new(receivers.iter().map(|r| r.base.clone()).collect());

    // Every (delivery, receiver) pair once, shuffled (seeded from the clock, printed).
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut state = seed;
    let mut posts: Vec<(usize, usize)> = (0..DELIVERIES)
        .flat_map(|d| (0..RECEIVERS).map(move |r| (d, r)))
        .collect();
    for i in (1..posts.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        posts.swap(i, (state % (i as u64 + 1)) as usize);
    }
    let posts = Arc::new(posts);
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (posts, next, bases) = (Arc::clone(&posts), Arc::clone(&next), Arc::clone(&bases));
        clients.spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(&(d, r)) = posts.get(i) else {
                    return;
                };
                // Retried until 2xx, as a provider does; bounded in time.
                while post(&client, &bases[r], delivery(d)).await != Some(200) {
                    assert!(
                        Instant::now() < deadline,
                        "delivery {d} to receiver {r} never acknowledged"
                    );
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        });
    }
    while let Some(done) = clients.join_next().await {
        done.unwrap();
    }

    // The journal: each delivery once.
    let journal = journal_events(&config, dir.path());
    let ids: Vec<String> = journal.iter().map(message_id).collect();
    assert_eq!(ids.len(), DELIVERIES, "each delivery journaled once");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), DELIVERIES);
    let by_seq: HashMap<u64, &serde_json::Value> = journal
        .iter()
        .map(|e| (e["seq"].as_u64().unwrap(), e))
        .collect();

    // The sink: the four stdouts together hold every event once.
    let printed = |rs: &[Serve]| {
        rs.iter()
            .map(|r| r.lines.lock().unwrap().len())
            .sum::<usize>()
    };
    let wait_until = Instant::now() + Duration::from_secs(60);
    while printed(&receivers) < DELIVERIES && Instant::now() < wait_until {
        std::thread::sleep(Duration::from_millis(50));
    }
    for r in receivers.iter_mut() {
        assert_eq!(
            r.terminate(),
            Some(0),
            "a clean stop: {}",
            r.stderr.lock().unwrap()
        );
    }
    let mut seen = HashSet::new();
    let mut printers = 0;
    for r in &receivers {
        let events = r.events();
        printers += usize::from(!events.is_empty());
        for line in events {
            let seq = line["seq"].as_u64().unwrap();
            assert_eq!(&&line, by_seq.get(&seq).unwrap(), "printed as journaled");
            assert!(seen.insert(seq), "seq {seq} reached the sink twice");
        }
    }
    assert_eq!(seen.len(), DELIVERIES, "every event reached the sink");
    eprintln!(
        "{test} (seed {seed}): {} posts to {RECEIVERS} receivers, {DELIVERIES} events journaled, \
         each printed once, by {printers} receiver(s)",
        posts.len()
    );
}
