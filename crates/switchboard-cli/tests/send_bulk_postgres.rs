//! Four `send-bulk` workers on one campaign of 10 000 lines in a PostgreSQL journal
//! (feature `postgres`, `SWITCHBOARD_TEST_POSTGRES`), against the chaos stand-in on
//! loopback; one worker is killed with SIGKILL midway. The others share the campaign, the
//! dead worker's leases expire to them (or to a worker started after), and at the end: no
//! message was accepted twice, every line sent was accepted once, every line is accounted
//! for (`sent`, or `unknown` for the dead worker's sends in flight), and the stand-in's count
//! of accepted requests is the lines in state `sent` plus those of the dead worker's
//! in-flight sends that reached it.

#![cfg(all(feature = "postgres", feature = "360dialog"))]

use switchboard_testkit::postgres as support;

use serde_json::Value;
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard_testkit::chaos::{Answer, ChaosStandIn};

const LINES: usize = 10_000;
const WORKERS: usize = 4;
const CONCURRENCY: &str = "16";
const LEASE_S: u64 = 5;

/// A worker; its stderr (progress lines every second) piped when `watch` is set.
fn worker(config: &Path, messages: &Path, url: &str, report: &Path, watch: bool) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    for (k, _) in std::env::vars() {
        if k.starts_with("SWITCHBOARD_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("send-bulk")
        .arg("--config")
        .arg(config)
        .arg(messages)
        .args(["--journal", url, "--concurrency", CONCURRENCY])
        .args(["--lease", &LEASE_S.to_string(), "--progress-every", "1"])
        .arg("--report")
        .arg(report)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(if watch { Stdio::piped() } else { Stdio::null() })
        .spawn()
        .unwrap()
}

/// The count of lines sent so far that `child`'s progress lines report, updated by a thread.
fn sent_so_far(child: &mut Child) -> Arc<AtomicU64> {
    let sent = Arc::new(AtomicU64::new(0));
    let err = child.stderr.take().unwrap();
    let seen = Arc::clone(&sent);
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            // "switchboard: 959/3000 done (sent 959, failed 0, unknown 0), ..."
            if let Some(n) = line
                .split("(sent ")
                .nth(1)
                .and_then(|rest| rest.split(',').next())
                .and_then(|n| n.parse().ok())
            {
                seen.store(n, Ordering::SeqCst);
            }
        }
    });
    sent
}

/// Waits (bounded) for `child` to exit; its summary.
fn summary(mut child: Child, within: Duration) -> Value {
    let deadline = Instant::now() + within;
    while child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "a worker did not finish within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "a worker failed: {}", out.status);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_four_workers_one_killed_share_a_campaign_and_send_no_line_twice() {
    let test = "postgres_four_workers_one_killed_share_a_campaign_and_send_no_line_twice";
    let Some(url) = support::fresh_database(test).await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let messages = dir.path().join("campaign.jsonl");
    let text: String = (1..=LINES)
        .map(|n| format!("{{\"to\": \"+972501234567\", \"text\": {{\"body\": \"line {n}\"}}}}\n"))
        .collect();
    std::fs::write(&messages, text).unwrap();
    let stand_in = ChaosStandIn::start(
        Arc::new(|_: &str, _: u32| Answer::Accept),
        Duration::from_millis(2),
    )
    .await;
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        stand_in.config_toml("[http]\ntimeout_ms = 5000\n\n[rate]\nbackoff_ms = 10\n"),
    )
    .unwrap();

    let started = Instant::now();
    let mut workers: Vec<Child> = (0..WORKERS)
        .map(|w| {
            let report = dir.path().join(format!("report{w}.jsonl"));
            worker(&config, &messages, &url, &report, w == 0)
        })
        .collect();
    let sent_by_0 = sent_so_far(&mut workers[0]);
    // Midway: when about a third of the campaign has been accepted and worker 0 is busy
    // sending its share, SIGKILL worker 0.
    let deadline = Instant::now() + Duration::from_secs(120);
    while stand_in.accepted().len() < LINES / 3 || sent_by_0.load(Ordering::SeqCst) < 200 {
        assert!(Instant::now() < deadline, "the workers made no progress");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut killed = workers.remove(0);
    assert!(
        killed.try_wait().unwrap().is_none(),
        "worker 0 finished before it could be killed"
    );
    killed.kill().unwrap(); // SIGKILL
    killed.wait().unwrap();
    let accepted_at_kill = stand_in.accepted().len();
    let killed_after = sent_by_0.load(Ordering::SeqCst);

    let mut finished = Vec::new();
    for w in workers {
        finished.push(summary(w, Duration::from_secs(180)));
    }
    // A worker started once the dead worker's leases have expired recovers whatever the
    // survivors did not take over, and finds the campaign done.
    tokio::time::sleep(Duration::from_secs(LEASE_S + 1)).await;
    let last_report = dir.path().join("report-last.jsonl");
    let last = summary(
        worker(&config, &messages, &url, &last_report, false),
        Duration::from_secs(120),
    );
    let elapsed = started.elapsed();

    assert_eq!(last["lines"], LINES, "{last}");
    for state in ["pending", "claimed", "sending", "failed"] {
        assert_eq!(last["states"][state], 0, "no line left {state}: {last}");
    }
    let loaded: u64 = finished
        .iter()
        .chain([&last])
        .map(|s| s["this_run"]["to_send"].as_u64().unwrap())
        .max()
        .unwrap();
    assert!(loaded <= LINES as u64);

    let records: Vec<Value> = std::fs::read_to_string(&last_report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), LINES, "every line accounted for");
    let accepted = stand_in.accepted();
    assert!(
        accepted.values().all(|n| *n == 1),
        "a message was accepted twice"
    );
    let (mut sent, mut unknown) = (HashSet::new(), HashSet::new());
    for r in &records {
        let key = format!("line {}", r["line"]);
        match r["state"].as_str().unwrap() {
            "sent" => {
                assert_eq!(r["message_id"], format!("wamid.{key}"));
                assert_eq!(
                    accepted.get(&key),
                    Some(&1),
                    "{key} sent but not accepted once"
                );
                sent.insert(key);
            }
            "unknown" => {
                assert_eq!(r["error_kind"], "unknown_outcome", "{r}");
                unknown.insert(key);
            }
            other => panic!("{key} ended {other}: {r}"),
        }
    }
    // Only the killed worker's sends in flight can be unknown: at most its concurrency.
    assert!(unknown.len() <= 16, "{} unknown lines", unknown.len());
    let accepted_unknown = unknown.iter().filter(|k| accepted.contains_key(*k)).count();
    assert_eq!(
        accepted.len(),
        sent.len() + accepted_unknown,
        "the stand-in accepted exactly the lines in state sent, plus the dead worker's \
         in-flight sends that reached it"
    );
    assert_eq!(sent.len() + unknown.len(), LINES);
    let by_survivors: Vec<u64> = finished
        .iter()
        .map(|s| s["this_run"]["sent"].as_u64().unwrap())
        .collect();
    eprintln!(
        "{test}: {LINES} lines, {WORKERS} workers, worker 0 killed after {accepted_at_kill} accepted \
         (about {killed_after} of them its own); \
         survivors sent {by_survivors:?}, the last worker {}; {} sent, {} unknown ({} of them \
         accepted by the stand-in); {:.1} s",
        last["this_run"]["sent"],
        sent.len(),
        unknown.len(),
        accepted_unknown,
        elapsed.as_secs_f64()
    );
}
