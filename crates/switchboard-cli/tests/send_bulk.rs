//! `switchboard send-bulk`, the built binary against the chaos stand-in on loopback: killed
//! with SIGKILL at random moments and rerun on the same journal until it finishes, no
//! message is accepted twice and every line is accounted for; the summary, the report,
//! malformed lines and unknown outcomes (left alone unless --resend-unknown).
#![cfg(feature = "360dialog")]

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use switchboard_testkit::chaos::{Answer, ChaosStandIn, RetryAfter};

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "switchboard-send-bulk-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn campaign(dir: &Path, lines: u64, malformed: &[u64]) -> PathBuf {
    let mut text = String::new();
    for n in 1..=lines {
        if malformed.contains(&n) {
            text.push_str("{\"to\": \"+972501234567\", \"text\": {\"body\": 7}}\n");
        } else {
            text.push_str(&format!(
                "{{\"to\": \"+972501234567\", \"text\": {{\"body\": \"line {n}\"}}}}\n"
            ));
        }
    }
    let path = dir.join("messages.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

fn command(config: &Path, messages: &Path, extra: &[&str]) -> Command {
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
        .args(extra)
        .stdin(Stdio::null());
    cmd
}

fn report(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A small xorshift generator: the kill moments, reproducible from the printed seed.
struct Moments(u64);

impl Moments {
    fn next_ms(&mut self, low: u64, high: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + self.0 % (high - low)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_random_moments_and_rerun_no_line_is_accepted_twice() {
    const LINES: u64 = 3_000;
    let dir = workdir("kill");
    let messages = campaign(&dir, LINES, &[]);
    let journal = dir.join("journal.sqlite3");
    let report_path = dir.join("report.jsonl");
    // Every message is accepted after 3 ms; one in 250 is rate-limited first.
    let stand_in = ChaosStandIn::start(
        Arc::new(|key: &str, attempt: u32| {
            let n: u64 = key.trim_start_matches("line ").parse().unwrap_or(0);
            if attempt == 1 && n % 250 == 7 {
                Answer::RateLimited(Some(RetryAfter::Seconds(0)))
            } else {
                Answer::Accept
            }
        }),
        Duration::from_millis(3),
    )
    .await;
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        stand_in.config_toml("[http]\ntimeout_ms = 5000\n\n[rate]\nbackoff_ms = 10\n"),
    )
    .unwrap();

    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut moments = Moments(seed);
    let started = Instant::now();
    let (mut kills, mut finished) = (0, false);
    for _round in 0..40 {
        assert!(
            started.elapsed() < Duration::from_secs(150),
            "seed {seed}: not finished"
        );
        let journal_arg = journal.to_str().unwrap();
        let report_arg = report_path.to_str().unwrap();
        let mut child = command(
            &config,
            &messages,
            &[
                "--journal",
                journal_arg,
                "--concurrency",
                "32",
                "--report",
                report_arg,
            ],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        // After a few kills, let it run to the end.
        let kill_after = Duration::from_millis(moments.next_ms(40, 400));
        let deadline = Instant::now()
            + if kills < 6 {
                kill_after
            } else {
                Duration::from_secs(60)
            };
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if Instant::now() >= deadline {
                break None;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        };
        match status {
            Some(status) => {
                assert!(status.success(), "seed {seed}: send-bulk failed: {status}");
                let out = child.wait_with_output().unwrap();
                let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
                assert_eq!(summary["lines"], LINES, "{summary}");
                assert_eq!(summary["states"]["pending"], 0, "{summary}");
                finished = true;
                break;
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                kills += 1;
            }
        }
    }
    assert!(finished, "seed {seed}: did not finish");
    assert!(
        kills >= 1,
        "seed {seed}: never killed, the test proved nothing"
    );

    let records = report(&report_path);
    assert_eq!(records.len() as u64, LINES);
    let accepted = stand_in.accepted();
    assert!(
        accepted.values().all(|n| *n == 1),
        "seed {seed}: a message was accepted twice"
    );
    let mut sent = HashSet::new();
    for r in &records {
        let n = r["line"].as_u64().unwrap();
        let key = format!("line {n}");
        match r["state"].as_str().unwrap() {
            "sent" => {
                assert_eq!(r["message_id"], format!("wamid.{key}"), "seed {seed}");
                assert_eq!(accepted.get(&key), Some(&1), "seed {seed}: line {n}");
                sent.insert(key);
            }
            // Killed during its send: it may or may not have been accepted, and was not
            // sent again.
            "unknown" => assert_eq!(r["error_kind"], "unknown_outcome", "seed {seed}"),
            other => panic!("seed {seed}: line {n} ended {other}: {r}"),
        }
    }
    // Whatever was accepted is sent, or unknown because the kill came before its record.
    let unknown: HashSet<String> = records
        .iter()
        .filter(|r| r["state"] == "unknown")
        .map(|r| format!("line {}", r["line"]))
        .collect();
    for key in accepted.keys() {
        assert!(
            sent.contains(key) || unknown.contains(key),
            "seed {seed}: {key}"
        );
    }
    // No line was sent more often than its rate-limited answers call for: nothing sent or
    // unknown was ever sent again by a rerun.
    let requests: HashMap<String, Vec<Answer>> = stand_in.answers();
    for (key, answers) in &requests {
        let n: u64 = key.trim_start_matches("line ").parse().unwrap();
        let allowed = if n % 250 == 7 { 2 } else { 1 };
        assert!(
            answers.len() <= allowed,
            "seed {seed}: {key} was sent {} times: {answers:?}",
            answers.len()
        );
    }
    eprintln!(
        "seed {seed}: {kills} kills, {} sent, {} unknown",
        sent.len(),
        unknown.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn summary_report_malformed_lines_and_unknown_outcomes() {
    let dir = workdir("summary");
    let messages = campaign(&dir, 40, &[7]);
    // Line 3 gets no answer (reset), line 5 a server error, line 9 is rate-limited once.
    let stand_in = ChaosStandIn::start(
        Arc::new(|key: &str, attempt: u32| match (key, attempt) {
            ("line 3", 1) => Answer::Reset,
            ("line 5", _) => Answer::ServerError,
            ("line 9", 1) => Answer::RateLimited(Some(RetryAfter::DateIn(-5))),
            _ => Answer::Accept,
        }),
        Duration::ZERO,
    )
    .await;
    let config = dir.join("config.toml");
    std::fs::write(&config, stand_in.config_toml("")).unwrap();
    let report_path = dir.join("report.jsonl");
    let run = |extra: &[&str]| {
        let out = command(&config, &messages, extra).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
        (summary, String::from_utf8_lossy(&out.stderr).into_owned())
    };

    let (summary, stderr) = run(&["--report", report_path.to_str().unwrap()]);
    assert_eq!(summary["lines"], 40);
    assert_eq!(
        summary["states"],
        serde_json::json!({"pending": 0, "claimed": 0, "sending": 0, "sent": 37, "failed": 2, "unknown": 1})
    );
    assert_eq!(
        summary["errors"],
        serde_json::json!({"decode": 1, "provider": 1, "unknown_outcome": 1})
    );
    assert_eq!(summary["this_run"]["sent"], 37);
    assert_eq!(summary["unknown_lines"], serde_json::json!([3]));
    assert_eq!(summary["malformed_lines"], 1);
    assert!(summary["messages_per_second"].as_f64().unwrap() > 0.0);
    assert_eq!(
        summary["journal"],
        dir.join("messages.jsonl.journal.sqlite3")
            .display()
            .to_string()
    );
    assert!(stderr.contains("malformed, not sent: line 7: "), "{stderr}");
    assert!(
        stderr.contains("1 line(s) with an unknown outcome"),
        "{stderr}"
    );
    assert!(stderr.contains("lines 3"), "{stderr}");
    assert!(!stderr.contains("stand-in-key"), "{stderr}");

    let records = report(&report_path);
    assert_eq!(records.len(), 40);
    assert_eq!(
        records[0],
        serde_json::json!({"line": 1, "state": "sent", "attempts": 1, "provider": "360dialog", "message_id": "wamid.line 1"})
    );
    assert_eq!(records[2]["state"], "unknown");
    assert_eq!(records[4]["error_kind"], "provider");
    assert!(
        records[4]["error"].as_str().unwrap().contains("HTTP 500"),
        "{}",
        records[4]
    );
    assert_eq!(records[6]["error_kind"], "decode");
    assert!(records[6]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 7: "));
    assert_eq!(records[8]["state"], "sent");
    let requests = stand_in.requests();
    assert_eq!(requests, 40 - 1 + 1); // line 7 never sent; line 9 sent twice

    // A rerun sends nothing; the unknown line is listed again and left alone.
    let (again, stderr) = run(&[]);
    assert_eq!(again["this_run"]["sent"], 0);
    assert!(stderr.contains("lines 3"), "{stderr}");
    assert_eq!(stand_in.requests(), requests);

    // Asked to, it sends the unknown line again.
    let (resent, _) = run(&["--resend-unknown"]);
    assert_eq!(resent["requeued_unknown"], 1);
    assert_eq!(resent["this_run"]["sent"], 1);
    assert_eq!(resent["states"]["unknown"], 0);
    assert_eq!(stand_in.requests(), requests + 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_terminal_progress_is_printed_as_plain_lines() {
    let dir = workdir("progress");
    let messages = campaign(&dir, 120, &[]);
    // 120 messages, 4 at a time, 40 ms each: at least a second, so a line every second shows.
    let stand_in = ChaosStandIn::start(
        Arc::new(|_: &str, _: u32| Answer::Accept),
        Duration::from_millis(40),
    )
    .await;
    let config = dir.join("config.toml");
    std::fs::write(&config, stand_in.config_toml("")).unwrap();
    let out = command(
        &config,
        &messages,
        &["--concurrency", "4", "--progress-every", "1"],
    )
    .output()
    .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("switchboard: ") && l.contains(" done (sent "))
        .unwrap_or_else(|| panic!("no progress line: {stderr}"));
    assert!(line.contains("/120 done (sent "), "{line}");
    assert!(line.contains(" messages/s, ETA "), "{line}");
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["states"]["sent"], 120);
    let _ = std::fs::remove_dir_all(&dir);
}
