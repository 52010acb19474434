//! 10 000 lines through the chaos stand-in (accepted, rate-limited with Retry-After in
//! seconds, as an HTTP date and absent, server errors, connection resets, timeouts), with the
//! SQLite journal: every line ends in exactly the state its answers call for, the stand-in's
//! accepted requests are exactly the lines in state sent, no message is accepted twice, and
//! a rerun sends nothing again unless unknown outcomes are asked for.
#![cfg(feature = "360dialog")]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use switchboard::bulk::{
    load_file, BulkOptions, BulkSender, BulkSummary, LineState, SqliteJournal,
};
use switchboard::{Config, RoutedMessenger};
use switchboard_testkit::chaos::{Answer, ChaosStandIn, RetryAfter};

const LINES: u64 = 10_000;
/// Lines that are not valid messages: reported, and the run goes on.
const MALFORMED: [u64; 3] = [500, 5_000, 9_999];

fn number(key: &str) -> u64 {
    key.strip_prefix("line ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The first answer to each line; every later request is accepted.
fn first_answer(n: u64) -> Answer {
    match n % 100 {
        80..=82 => Answer::RateLimited(Some(RetryAfter::Seconds(0))),
        83 if n % 5_000 == 83 => Answer::RateLimited(Some(RetryAfter::Seconds(1))),
        // An HTTP date already past: send again at once.
        83 => Answer::RateLimited(Some(RetryAfter::DateIn(-30))),
        84 if n % 5_000 == 84 => Answer::RateLimited(Some(RetryAfter::DateIn(1))),
        // No Retry-After: the configured backoff.
        84 => Answer::RateLimited(None),
        85..=88 => Answer::ServerError,
        89..=91 => Answer::Reset,
        92..=93 => Answer::Timeout,
        _ => Answer::Accept,
    }
}

fn expected_state(n: u64) -> LineState {
    if MALFORMED.contains(&n) {
        return LineState::Failed;
    }
    match first_answer(n) {
        Answer::Accept | Answer::RateLimited(_) => LineState::Sent,
        Answer::ServerError => LineState::Failed,
        Answer::Reset | Answer::Timeout => LineState::Unknown,
    }
}

fn campaign(dir: &std::path::Path) -> std::path::PathBuf {
    let mut text = String::new();
    for n in 1..=LINES {
        if MALFORMED.contains(&n) {
            text.push_str(match n {
                500 => "{\"to\": \"+972501234567\", \"text\": \n",
                5_000 => "{\"to\": \"12\", \"text\": {\"body\": \"bad number\"}}\n",
                _ => "[1, 2, 3]\n",
            });
        } else {
            text.push_str(&format!(
                "{{\"to\": \"+972501234567\", \"text\": {{\"body\": \"line {n}\"}}}}\n"
            ));
        }
    }
    let path = dir.join("campaign.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

async fn run(
    stand_in: &ChaosStandIn,
    file: &std::path::Path,
    journal: &std::path::Path,
    resend_unknown: bool,
) -> BulkSummary {
    let config = Config::from_toml(&stand_in.config_toml(
        "[http]\nconnect_timeout_ms = 1000\ntimeout_ms = 2000\n\n[rate]\nconcurrency = 128\nbackoff_ms = 20\nmax_retries = 3\n",
    ))
    .unwrap();
    let sender = BulkSender::new(
        RoutedMessenger::from_config(&config).unwrap(),
        SqliteJournal::open(journal).unwrap(),
        BulkOptions {
            concurrency: 128,
            resend_unknown,
            ..BulkOptions::default()
        },
    );
    let loaded = load_file(sender.journal(), file).await.unwrap();
    assert_eq!(loaded.lines, LINES);
    assert_eq!(
        loaded.malformed.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        MALFORMED
    );
    assert!(
        loaded.malformed[0].1.starts_with("line 500: "),
        "{:?}",
        loaded.malformed[0]
    );
    tokio::time::timeout(Duration::from_secs(240), sender.run())
        .await
        .expect("the run ends")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_lines_through_chaos_each_end_in_exactly_one_state() {
    let dir = std::env::temp_dir().join(format!("switchboard-bulk-chaos-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = campaign(&dir);
    let journal = dir.join("campaign.jsonl.journal.sqlite3");
    let stand_in = ChaosStandIn::start(
        Arc::new(|key: &str, attempt: u32| {
            if attempt == 1 {
                first_answer(number(key))
            } else {
                Answer::Accept
            }
        }),
        Duration::ZERO,
    )
    .await;

    let summary = run(&stand_in, &file, &journal, false).await;

    let mut expected: HashMap<LineState, u64> = HashMap::new();
    for n in 1..=LINES {
        *expected.entry(expected_state(n)).or_default() += 1;
    }
    let state = |s: LineState| summary.states[s.as_str()];
    assert_eq!(summary.lines, LINES);
    for s in [LineState::Pending, LineState::Claimed, LineState::Sending] {
        assert_eq!(state(s), 0, "{s:?}");
    }
    for s in [LineState::Sent, LineState::Failed, LineState::Unknown] {
        assert_eq!(state(s), expected[&s], "{s:?}: {summary:?}");
    }
    let server_errors = (1..=LINES)
        .filter(|n| !MALFORMED.contains(n) && first_answer(*n) == Answer::ServerError)
        .count() as u64;
    assert_eq!(summary.errors["provider"], server_errors);
    assert_eq!(
        summary.errors["unknown_outcome"],
        expected[&LineState::Unknown]
    );
    let malformed_kinds: u64 = ["decode", "invalid_message"]
        .iter()
        .filter_map(|k| summary.errors.get(*k))
        .sum();
    assert_eq!(malformed_kinds, 3, "{:?}", summary.errors);
    assert_eq!(
        summary.this_run.done(),
        LINES - 3,
        "malformed lines are failed at load, not in the run"
    );

    // The stand-in accepted exactly the lines in state sent, each once.
    let accepted = stand_in.accepted();
    assert_eq!(
        accepted.values().sum::<usize>() as u64,
        state(LineState::Sent)
    );
    assert!(
        accepted.values().all(|n| *n == 1),
        "a message was accepted twice"
    );
    let answers = stand_in.answers();
    let records = read_records(&journal).await;
    assert_eq!(records.len() as u64, LINES);
    for r in &records {
        let n = r.line;
        assert_eq!(r.state, expected_state(n), "line {n}: {r:?}");
        let key = format!("line {n}");
        let given = answers.get(&key).cloned().unwrap_or_default();
        match r.state {
            LineState::Sent => {
                assert_eq!(
                    r.message_id.as_deref(),
                    Some(format!("wamid.{key}").as_str())
                );
                assert_eq!(r.provider.as_deref(), Some("360dialog"));
                assert_eq!(accepted.get(&key), Some(&1), "line {n}");
                // Rate-limited first: sent again once, accepted then.
                let rate_limited = matches!(first_answer(n), Answer::RateLimited(_));
                assert_eq!(
                    given.len(),
                    if rate_limited { 2 } else { 1 },
                    "line {n}: {given:?}"
                );
            }
            LineState::Unknown => {
                assert_eq!(r.error_kind.as_deref(), Some("unknown_outcome"));
                assert_eq!(
                    given.len(),
                    1,
                    "an unknown outcome was sent again: line {n}"
                );
            }
            _ if MALFORMED.contains(&n) => assert!(given.is_empty(), "line {n} was sent"),
            _ => {
                assert_eq!(r.error_kind.as_deref(), Some("provider"));
                assert_eq!(given, vec![Answer::ServerError], "line {n}");
            }
        }
    }

    // A rerun on the same journal sends nothing.
    let requests = stand_in.requests();
    let again = run(&stand_in, &file, &journal, false).await;
    assert_eq!(again.this_run.done(), 0);
    assert_eq!(again.states, summary.states);
    assert_eq!(stand_in.requests(), requests);

    // Asked to, it sends the unknown outcomes again (here the stand-in accepts them).
    let resent = run(&stand_in, &file, &journal, true).await;
    assert_eq!(resent.requeued_unknown, expected[&LineState::Unknown]);
    assert_eq!(resent.this_run.sent, expected[&LineState::Unknown]);
    assert_eq!(
        resent.states["sent"],
        expected[&LineState::Sent] + expected[&LineState::Unknown]
    );
    assert_eq!(
        stand_in.requests(),
        requests + expected[&LineState::Unknown] as usize
    );
    let _ = std::fs::remove_dir_all(&dir);
}

async fn read_records(journal: &std::path::Path) -> Vec<switchboard::bulk::LineRecord> {
    use switchboard::bulk::BulkJournal;
    let journal = SqliteJournal::open(journal).unwrap();
    let mut all = Vec::new();
    loop {
        let page = journal
            .records(
                all.last()
                    .map_or(0, |r: &switchboard::bulk::LineRecord| r.line),
                5_000,
                None,
            )
            .await
            .unwrap();
        if page.is_empty() {
            return all;
        }
        all.extend(page);
    }
}
