//! `webhook serve` killed with SIGKILL at random moments while 1 000 distinct deliveries
//! are posted by clients that retry each until it is answered 2xx (as providers do), then
//! restarted on the same SQLite journal. Counts what was acknowledged, journaled and
//! printed.
//!
//! What is guaranteed, and asserted: every delivery answered 2xx is in the journal, once;
//! every journaled event reaches stdout. What stdout can repeat, and why: a kill between
//! writing a line and recording the cursor (the cursor moves after every line) prints that
//! line again on restart (at most one per kill), with the same `seq` and `dedupe_key`, so a
//! consumer can drop it. The test asserts that bound and prints the counts.

#![cfg(all(feature = "99digital", feature = "360dialog", feature = "bird"))]

mod common;

use common::{delivery, dialog360_config, journal_events, message_id, post, serve, Serve};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DELIVERIES: usize = 1000;
const CLIENTS: usize = 16;
const KILLS: usize = 6;
/// The stdout sink's batch size (`EventSink::batch_limit`'s default: the cursor moves after
/// each line).
const BATCH: usize = 1;

/// A small xorshift, seeded from the clock (the seed is printed to replay a failure).
struct Rng(u64);
impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_at_random_moments_loses_no_acknowledged_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let config = dialog360_config(dir.path(), "");
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let mut rng = Rng(seed);

    let mut runs: Vec<Serve> = vec![serve(&config, dir.path(), true)];
    let base = Arc::new(Mutex::new(runs[0].base.clone()));
    let acked = Arc::new(Mutex::new(HashSet::new()));
    let posts = Arc::new(AtomicUsize::new(0));
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(180);

    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (base, acked, posts, next) = (
            Arc::clone(&base),
            Arc::clone(&acked),
            Arc::clone(&posts),
            Arc::clone(&next),
        );
        clients.spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= DELIVERIES {
                    return;
                }
                // Retry until 2xx, as a provider does; bounded in time.
                loop {
                    assert!(Instant::now() < deadline, "delivery {i} never acknowledged");
                    let url = base.lock().unwrap().clone();
                    posts.fetch_add(1, Ordering::SeqCst);
                    if post(&client, &url, delivery(i)).await == Some(200) {
                        acked.lock().unwrap().insert(format!("wamid.T{i}"));
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        });
    }

    // Kill at random points of the run: when a random number of deliveries has been
    // acknowledged, plus a random few milliseconds.
    let mut thresholds: Vec<usize> = (0..KILLS)
        .map(|_| 50 + rng.next(DELIVERIES as u64 - 100) as usize)
        .collect();
    thresholds.sort_unstable();
    let mut acked_at_kill = Vec::new();
    for threshold in thresholds {
        while acked.lock().unwrap().len() < threshold {
            assert!(
                Instant::now() < deadline,
                "stuck before {threshold} acknowledgements"
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        tokio::time::sleep(Duration::from_millis(rng.next(15))).await;
        acked_at_kill.push(acked.lock().unwrap().len());
        runs.last_mut().unwrap().kill();
        let restarted = serve(&config, dir.path(), true);
        *base.lock().unwrap() = restarted.base.clone();
        runs.push(restarted);
    }
    while let Some(done) = clients.join_next().await {
        done.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert_eq!(
        acked.len(),
        DELIVERIES,
        "every delivery was eventually acknowledged"
    );

    // The journal: every acknowledged delivery, each exactly once.
    let journal = journal_events(&config, dir.path());
    let journal_ids: Vec<String> = journal.iter().map(message_id).collect();
    let unique_ids: HashSet<&String> = journal_ids.iter().collect();
    assert_eq!(
        unique_ids.len(),
        journal_ids.len(),
        "no event journaled twice"
    );
    let missing: Vec<&String> = acked.iter().filter(|id| !unique_ids.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged but not journaled: {missing:?}"
    );
    assert_eq!(journal.len(), DELIVERIES);
    assert!(journal
        .windows(2)
        .all(|w| w[0]["seq"].as_u64() < w[1]["seq"].as_u64()));
    let by_seq: HashMap<u64, &serde_json::Value> = journal
        .iter()
        .map(|e| (e["seq"].as_u64().unwrap(), e))
        .collect();

    // The last run delivers whatever the killed ones had not printed.
    let printed = |runs: &[Serve]| -> HashSet<u64> {
        runs.iter()
            .flat_map(|r| r.events())
            .map(|e| e["seq"].as_u64().unwrap())
            .collect()
    };
    let last = runs.last().unwrap();
    let before_last: HashSet<u64> = printed(&runs[..runs.len() - 1]);
    assert!(
        last.wait_lines(Duration::from_secs(30), |lines| {
            let mut seen = before_last.clone();
            seen.extend(
                lines
                    .iter()
                    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                    .filter_map(|e| e["seq"].as_u64()),
            );
            seen.len() >= DELIVERIES
        }),
        "the last run did not deliver every journaled event"
    );
    assert_eq!(
        runs.last_mut().unwrap().terminate(),
        Some(0),
        "a clean stop"
    );

    // Stdout across all runs: every journaled event, exactly as journaled; repeats only
    // across a kill, bounded by one batch per kill, identical to the first copy.
    let mut seen: HashSet<u64> = HashSet::new();
    let mut repeats = 0;
    for (n, run) in runs.iter().enumerate() {
        let mut in_this_run = HashSet::new();
        for line in run.events() {
            let seq = line["seq"].as_u64().unwrap();
            assert_eq!(&&line, by_seq.get(&seq).unwrap(), "printed as journaled");
            assert!(
                in_this_run.insert(seq),
                "seq {seq} printed twice by run {n}"
            );
            if !seen.insert(seq) {
                repeats += 1;
            }
        }
    }
    assert_eq!(
        seen.len(),
        DELIVERIES,
        "every journaled event reached stdout"
    );
    let torn: Vec<String> = runs
        .iter()
        .filter_map(|r| r.torn.lock().unwrap().clone())
        .collect();
    for t in &torn {
        assert!(
            runs.iter()
                .flat_map(|r| r.lines.lock().unwrap().clone())
                .any(|l| l.starts_with(t.as_str())),
            "a line cut by a kill is printed whole later: {t}"
        );
    }
    assert!(
        repeats <= KILLS * BATCH,
        "{repeats} repeated lines: more than one line per kill"
    );
    eprintln!(
        "crash test (CRASH_SEED={seed}): {KILLS} kills after {acked_at_kill:?} acknowledged deliveries; \
         {} posts for {DELIVERIES} deliveries; {} events journaled; {repeats} lines repeated on stdout \
         after a kill (same seq and dedupe_key); {} lines cut by a kill",
        posts.load(Ordering::SeqCst),
        journal.len(),
        torn.len()
    );
}
