//! The bulk journal's rules, checked on every implementation (memory, SQLite and, with the
//! feature `postgres` and `SWITCHBOARD_TEST_POSTGRES`, PostgreSQL): loading and the file
//! check, claims, the records before and after a send, recovery of lines left by a worker
//! that is gone, requeueing unknown outcomes; SQLite's own: one process at a time, states
//! surviving a reopen; PostgreSQL's own: workers that never claim the same line, leases of a
//! dead worker that expire to the others.

use std::time::Duration;
use switchboard::bulk::{
    BulkJournal, LineState, MemoryJournal, NewLine, Outcome, SqliteJournal, INTERRUPTED,
};

const LEASE: Duration = Duration::from_secs(60);

fn line(n: u64, body: &str) -> NewLine {
    NewLine {
        line: n,
        body: body.to_string(),
        malformed: None,
    }
}

fn campaign() -> Vec<NewLine> {
    let mut lines: Vec<NewLine> = (1..=5).map(|n| line(n, &format!("message {n}"))).collect();
    lines[3].malformed = Some(("decode".into(), "line 4: could not decode".into()));
    lines
}

fn lines_of(claimed: &[switchboard::bulk::Claimed]) -> Vec<u64> {
    claimed.iter().map(|c| c.line).collect()
}

/// The rules every journal follows, with claims held for `lease`. A journal owned by one
/// process (memory, SQLite) treats every lease as gone at `recover`; a shared one
/// (PostgreSQL) only expired ones, so for it the contract waits out a short `lease` first.
async fn journal_contract(j: &dyn BulkJournal, lease: Duration) {
    assert_eq!(j.load(campaign()).await.unwrap(), 5);
    assert_eq!(
        j.load(campaign()).await.unwrap(),
        0,
        "loading twice adds nothing"
    );
    let c = j.counts().await.unwrap();
    assert_eq!(
        (c.get(LineState::Pending), c.get(LineState::Failed)),
        (4, 1)
    );
    assert_eq!(c.by_error_kind["decode"], 1);
    assert_eq!(c.total(), 5);

    // Another file under the same journal is refused, naming the line.
    let mut other = campaign();
    other[1].body = "something else".into();
    let e = j.load(other).await.unwrap_err();
    assert_eq!(e.kind(), "configuration");
    assert!(e.to_string().contains("line 2 differs"), "{e}");

    // Claims go in line order, each line to one worker; the malformed line is never claimed.
    let w1 = j.claim("w1", 2, lease).await.unwrap();
    assert_eq!(lines_of(&w1), [1, 2]);
    assert_eq!(w1[0].body, "message 1");
    assert_eq!(lines_of(&j.claim("w2", 10, lease).await.unwrap()), [3, 5]);
    assert!(j.claim("w3", 10, lease).await.unwrap().is_empty());

    // Only the holder may begin, once.
    assert!(!j.begin("w2", 1).await.unwrap());
    assert!(j.begin("w1", 1).await.unwrap());
    assert!(!j.begin("w1", 1).await.unwrap());
    let sent = Outcome::Sent {
        provider: "bird".into(),
        message_id: "m-1".into(),
    };
    j.finish("w2", 1, &sent).await.unwrap(); // not its line: no effect
    assert_eq!(j.counts().await.unwrap().get(LineState::Sending), 1);
    j.finish("w1", 1, &sent).await.unwrap();
    // w1 begins line 2 and is gone; w2 holds 3 and 5 without beginning and is gone.
    assert!(j.begin("w1", 2).await.unwrap());

    if lease < LEASE {
        tokio::time::sleep(lease + Duration::from_millis(500)).await;
    }
    let r = j.recover().await.unwrap();
    assert_eq!((r.returned, r.interrupted), (2, 1));
    let c = j.counts().await.unwrap();
    assert_eq!(
        [
            LineState::Pending,
            LineState::Claimed,
            LineState::Sending,
            LineState::Sent,
            LineState::Failed,
            LineState::Unknown
        ]
        .map(|s| c.get(s)),
        [2, 0, 0, 1, 1, 1]
    );
    assert_eq!(c.by_error_kind["unknown_outcome"], 1);

    let records = j.records(0, 10, None).await.unwrap();
    assert_eq!(records.len(), 5);
    assert_eq!(records[0].state, LineState::Sent);
    assert_eq!(records[0].provider.as_deref(), Some("bird"));
    assert_eq!(records[0].message_id.as_deref(), Some("m-1"));
    assert_eq!(records[0].attempts, 1);
    assert_eq!(records[1].state, LineState::Unknown);
    assert_eq!(records[1].error_kind.as_deref(), Some("unknown_outcome"));
    assert_eq!(records[1].error.as_deref(), Some(INTERRUPTED));
    assert_eq!(
        records[3].error.as_deref(),
        Some("line 4: could not decode")
    );
    assert_eq!(records[3].attempts, 0);
    let after_2: Vec<u64> = j
        .records(2, 2, None)
        .await
        .unwrap()
        .iter()
        .map(|r| r.line)
        .collect();
    assert_eq!(after_2, [3, 4]);
    let unknown = j.records(0, 10, Some(LineState::Unknown)).await.unwrap();
    assert_eq!(unknown.iter().map(|r| r.line).collect::<Vec<_>>(), [2]);

    // The unknown line is not claimed again...
    let w4 = j.claim("w4", 10, lease).await.unwrap();
    assert_eq!(lines_of(&w4), [3, 5]);
    for l in [3, 5] {
        assert!(j.begin("w4", l).await.unwrap());
    }
    j.finish(
        "w4",
        3,
        &Outcome::Failed {
            kind: "provider".into(),
            error: "HTTP 500".into(),
        },
    )
    .await
    .unwrap();
    j.finish(
        "w4",
        5,
        &Outcome::Unknown {
            error: "timeout".into(),
        },
    )
    .await
    .unwrap();
    assert!(j.claim("w4", 10, lease).await.unwrap().is_empty());
    // ... unless requeued.
    assert_eq!(j.requeue_unknown().await.unwrap(), 2);
    let c = j.counts().await.unwrap();
    assert_eq!(c.get(LineState::Pending), 2);
    assert_eq!(c.by_error_kind.get("unknown_outcome"), None);
    assert_eq!(c.by_error_kind["provider"], 1);
    assert_eq!(lines_of(&j.claim("w5", 10, lease).await.unwrap()), [2, 5]);
}

#[tokio::test]
async fn memory_journal_follows_the_rules() {
    journal_contract(&MemoryJournal::new(), LEASE).await;
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("switchboard-journal-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("journal.sqlite3")
}

#[tokio::test]
async fn sqlite_journal_follows_the_rules() {
    let path = temp("rules");
    journal_contract(&SqliteJournal::open(&path).unwrap(), LEASE).await;
}

#[tokio::test]
async fn sqlite_journal_is_held_by_one_handle_and_keeps_states_across_reopen() {
    let path = temp("reopen");
    let j = SqliteJournal::open(&path).unwrap();
    j.load(campaign()).await.unwrap();
    let claimed = j.claim("w1", 1, LEASE).await.unwrap();
    assert!(j.begin("w1", claimed[0].line).await.unwrap());
    j.claim("w1", 1, LEASE).await.unwrap();

    let e = SqliteJournal::open(&path).unwrap_err();
    assert_eq!(e.kind(), "storage");
    assert!(
        e.to_string().contains("another process holds this journal"),
        "{e}"
    );

    drop(j);
    let j = SqliteJournal::open(&path).unwrap();
    let c = j.counts().await.unwrap();
    assert_eq!(
        (c.get(LineState::Sending), c.get(LineState::Claimed)),
        (1, 1)
    );
    let r = j.recover().await.unwrap();
    assert_eq!((r.returned, r.interrupted), (1, 1));
    assert_eq!(
        j.records(0, 1, None).await.unwrap()[0].state,
        LineState::Unknown
    );
}

#[tokio::test]
async fn an_unopenable_journal_is_a_storage_error_naming_the_file() {
    let e = SqliteJournal::open("/nonexistent-dir/journal.sqlite3").unwrap_err();
    assert_eq!(e.kind(), "storage");
    assert!(std::error::Error::source(&e).is_some(), "{e:?}");
    assert!(
        e.to_string().contains("/nonexistent-dir/journal.sqlite3"),
        "{e}"
    );
}

#[cfg(feature = "postgres")]
use switchboard_testkit::postgres as support;

#[cfg(feature = "postgres")]
mod postgres {
    use super::*;
    use std::collections::HashSet;
    use std::sync::Arc;
    use switchboard::bulk::PostgresJournal;

    fn sent_as(id: &str) -> Outcome {
        Outcome::Sent {
            provider: "360dialog".into(),
            message_id: id.into(),
        }
    }

    #[tokio::test]
    async fn postgres_bulk_journal_follows_the_rules() {
        let Some(url) = support::fresh_database("postgres_bulk_journal_follows_the_rules").await
        else {
            return;
        };
        let j = PostgresJournal::open(&url, "campaign.jsonl").await.unwrap();
        journal_contract(&j, Duration::from_millis(1500)).await;
        let other = PostgresJournal::open(&url, "other.jsonl").await.unwrap();
        assert_eq!(
            other.counts().await.unwrap().total(),
            0,
            "campaigns are separate"
        );
    }

    #[tokio::test]
    async fn postgres_workers_load_once_and_never_claim_the_same_line() {
        let test = "postgres_workers_load_once_and_never_claim_the_same_line";
        let Some(url) = support::fresh_database(test).await else {
            return;
        };
        const LINES: u64 = 2_000;
        let lines: Vec<NewLine> = (1..=LINES).map(|n| line(n, &format!("m{n}"))).collect();
        let mut tasks = tokio::task::JoinSet::new();
        for w in 0..4 {
            let (url, lines) = (url.clone(), lines.clone());
            // Four workers, each with its own pool, loading and claiming at once.
            tasks.spawn(async move {
                let j = Arc::new(PostgresJournal::open(&url, "c").await.unwrap());
                let added = j.load(lines).await.unwrap();
                let worker = format!("w{w}");
                let mut mine = Vec::new();
                for _ in 0..(LINES as usize) {
                    let batch = j.claim(&worker, 25, LEASE).await.unwrap();
                    if batch.is_empty() {
                        break;
                    }
                    for c in batch {
                        assert!(j.begin(&worker, c.line).await.unwrap());
                        j.finish(&worker, c.line, &sent_as(&format!("id{}", c.line)))
                            .await
                            .unwrap();
                        mine.push(c.line);
                    }
                }
                (added, mine)
            });
        }
        let (mut added, mut all, mut seen) = (0, 0, HashSet::new());
        while let Some(r) = tasks.join_next().await {
            let (a, mine) = r.unwrap();
            added += a;
            all += mine.len();
            seen.extend(mine);
        }
        assert_eq!(added, LINES, "the campaign was loaded once");
        assert_eq!(all, LINES as usize, "no line was claimed by two workers");
        assert_eq!(seen.len(), LINES as usize);
        let j = PostgresJournal::open(&url, "c").await.unwrap();
        assert_eq!(j.counts().await.unwrap().get(LineState::Sent), LINES);
    }

    #[tokio::test]
    async fn postgres_leases_of_a_dead_worker_expire_to_the_others() {
        let test = "postgres_leases_of_a_dead_worker_expire_to_the_others";
        let Some(url) = support::fresh_database(test).await else {
            return;
        };
        let j = PostgresJournal::open(&url, "c").await.unwrap();
        j.load((1..=4).map(|n| line(n, &format!("m{n}"))).collect())
            .await
            .unwrap();
        let short = Duration::from_millis(1000);
        assert_eq!(j.claim("dead", 3, short).await.unwrap().len(), 3);
        assert!(j.begin("dead", 1).await.unwrap(), "line 1 is being sent");
        // Within the lease, the other worker gets only the free line, and recovery finds
        // nothing to recover.
        assert_eq!(j.claim("alive", 10, LEASE).await.unwrap()[0].line, 4);
        assert_eq!(j.recover().await.unwrap().returned, 0);
        tokio::time::sleep(short + Duration::from_millis(500)).await;
        // The lease expired: claimed lines go to the other worker, the line in flight
        // becomes unknown (it may have been sent) and is not claimed.
        let taken: Vec<u64> = j
            .claim("alive", 10, LEASE)
            .await
            .unwrap()
            .iter()
            .map(|c| c.line)
            .collect();
        assert_eq!(taken, [2, 3]);
        let r1 = &j.records(0, 1, None).await.unwrap()[0];
        assert_eq!(
            (r1.state, r1.error_kind.as_deref()),
            (LineState::Unknown, Some("unknown_outcome"))
        );
        assert!(
            !j.begin("dead", 2).await.unwrap(),
            "the late worker lost line 2"
        );
        // A worker that was only late records the outcome it got: the line was sent.
        j.finish("dead", 1, &sent_as("wamid.late")).await.unwrap();
        let r1 = &j.records(0, 1, None).await.unwrap()[0];
        assert_eq!(
            (r1.state, r1.message_id.as_deref()),
            (LineState::Sent, Some("wamid.late"))
        );
    }
}
