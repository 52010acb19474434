//! The webhook journal's contract, run against every backend (memory, SQLite), and what
//! only a file gives: keys, events and cursors that survive reopening.

use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use switchboard::journal::{MemoryJournal, NewEvent, SqliteJournal, WebhookJournal};
use time::OffsetDateTime;

const WINDOW: Duration = Duration::from_secs(72 * 3600);

fn ev(key: &str) -> NewEvent {
    NewEvent::new(
        key,
        json!({"unknown": {"provider": "bird", "reason": key, "raw": {"k": key}}}),
    )
}

fn keys(events: &[switchboard::journal::JournaledEvent]) -> Vec<&str> {
    events.iter().map(|e| e.dedupe_key.as_str()).collect()
}

/// What every backend does.
async fn contract(j: Arc<dyn WebhookJournal>) {
    let t0 = OffsetDateTime::now_utc().replace_millisecond(0).unwrap();
    let first = j.append(vec![ev("a"), ev("b"), ev("a")], t0).await.unwrap();
    assert_eq!(
        keys(&first),
        ["a", "b"],
        "a key repeated within a delivery is stored once"
    );
    assert_eq!((first[0].seq, first[1].seq), (1, 2));
    assert_eq!(first[0].received_at, t0);
    assert_eq!(first[0].event, ev("a").event);

    let t1 = t0 + time::Duration::seconds(10);
    let second = j.append(vec![ev("b"), ev("c")], t1).await.unwrap();
    assert_eq!(keys(&second), ["c"], "b is a redelivery");
    assert_eq!(second[0].seq, 3);
    assert!(j.append(vec![], t1).await.unwrap().is_empty());

    let all = j.read(0, None, 100).await.unwrap();
    assert_eq!(keys(&all), ["a", "b", "c"]);
    assert_eq!(all[2], second[0], "read gives back exactly what was stored");
    assert_eq!(keys(&j.read(1, None, 1).await.unwrap()), ["b"]);
    assert_eq!(keys(&j.read(0, Some(t1), 100).await.unwrap()), ["c"]);
    assert!(j.read(3, None, 100).await.unwrap().is_empty());

    assert_eq!(j.cursor("stdout").await.unwrap(), 0);
    j.advance("stdout", 2).await.unwrap();
    j.advance("stdout", 1).await.unwrap();
    assert_eq!(
        j.cursor("stdout").await.unwrap(),
        2,
        "cursors only move forward"
    );
    assert_eq!(j.cursor("forward").await.unwrap(), 0, "one cursor per sink");
    assert!(j
        .claim_sink("stdout", "me", Duration::from_secs(1))
        .await
        .unwrap());
}

#[tokio::test]
async fn memory_journal_contract() {
    contract(Arc::new(MemoryJournal::new(WINDOW))).await;
}

#[tokio::test]
async fn sqlite_journal_contract() {
    let dir = tempfile::tempdir().unwrap();
    let j = SqliteJournal::open(dir.path().join("j.sqlite3"), WINDOW)
        .await
        .unwrap();
    contract(Arc::new(j)).await;
}

#[tokio::test]
async fn sqlite_keys_events_and_cursors_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let now = OffsetDateTime::now_utc();
    {
        let j = SqliteJournal::open(&path, WINDOW).await.unwrap();
        j.append(vec![ev("a"), ev("b")], now).await.unwrap();
        j.advance("stdout", 1).await.unwrap();
    }
    let j = SqliteJournal::open(&path, WINDOW).await.unwrap();
    assert!(
        j.append(vec![ev("a")], now).await.unwrap().is_empty(),
        "a key stored before the restart is still a duplicate"
    );
    assert_eq!(j.cursor("stdout").await.unwrap(), 1);
    let c = j.append(vec![ev("c")], now).await.unwrap();
    assert_eq!(c[0].seq, 3, "seq goes on after a restart");
    assert_eq!(keys(&j.read(1, None, 10).await.unwrap()), ["b", "c"]);
}

#[tokio::test]
async fn sqlite_forgets_delivered_keys_older_than_the_window_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let old = OffsetDateTime::now_utc() - time::Duration::hours(2);
    {
        let j = SqliteJournal::open(&path, WINDOW).await.unwrap();
        j.append(vec![ev("delivered"), ev("undelivered")], old)
            .await
            .unwrap();
        j.advance("stdout", 1).await.unwrap();
    }
    // Reopened with a one-hour window: pruning runs at open.
    let j = SqliteJournal::open(&path, Duration::from_secs(3600))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let stored = j
        .append(vec![ev("delivered"), ev("undelivered")], now)
        .await
        .unwrap();
    assert_eq!(
        keys(&stored),
        ["delivered"],
        "the delivered, expired key was forgotten; the undelivered one is kept until delivered"
    );
    assert_eq!(
        keys(&j.read(0, None, 10).await.unwrap()),
        ["undelivered", "delivered"]
    );
}

#[tokio::test]
async fn memory_forgets_delivered_keys_older_than_the_window() {
    let j = MemoryJournal::new(Duration::from_secs(60));
    let t0 = OffsetDateTime::now_utc();
    j.append(vec![ev("a"), ev("b")], t0).await.unwrap();
    j.advance("stdout", 1).await.unwrap();
    let later = t0 + time::Duration::minutes(5);
    let stored = j.append(vec![ev("a"), ev("b")], later).await.unwrap();
    assert_eq!(
        keys(&stored),
        ["a"],
        "b is not delivered yet: still a duplicate"
    );
}

#[tokio::test]
async fn a_journal_that_cannot_be_opened_is_a_storage_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = SqliteJournal::open(dir.path(), WINDOW).await.unwrap_err();
    assert_eq!(e.kind(), "storage");
    assert!(e.is_retryable());
    // SQLite's own error stays reachable.
    assert!(std::error::Error::source(&e).is_some(), "{e:?}");
    assert!(
        e.to_string().contains(&dir.path().display().to_string()),
        "{e}"
    );
}

#[tokio::test]
async fn concurrent_appends_are_each_answered_with_their_own_events() {
    let dir = tempfile::tempdir().unwrap();
    let j: Arc<dyn WebhookJournal> = Arc::new(
        SqliteJournal::open(dir.path().join("j.sqlite3"), WINDOW)
            .await
            .unwrap(),
    );
    let now = OffsetDateTime::now_utc();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..200 {
        let j = Arc::clone(&j);
        // Every key twice, from two deliveries: exactly one of them stores it.
        tasks.spawn(async move {
            let key = format!("k{}", i / 2);
            (key.clone(), j.append(vec![ev(&key)], now).await.unwrap())
        });
    }
    let mut stored = std::collections::HashMap::new();
    while let Some(r) = tasks.join_next().await {
        let (key, events) = r.unwrap();
        assert!(events.iter().all(|e| e.dedupe_key == key));
        *stored.entry(key).or_insert(0) += events.len();
    }
    assert_eq!(stored.len(), 100);
    assert!(stored.values().all(|n| *n == 1), "{stored:?}");
    let all = j.read(0, None, 1000).await.unwrap();
    assert_eq!(all.len(), 100);
    assert!(all.windows(2).all(|w| w[0].seq < w[1].seq));
}

#[cfg(feature = "postgres")]
use switchboard_testkit::postgres as support;

/// The same journal on PostgreSQL (feature `postgres`, `SWITCHBOARD_TEST_POSTGRES`).
#[cfg(feature = "postgres")]
mod postgres {
    use super::support;
    use super::*;
    use switchboard::journal::PostgresJournal;

    async fn open(url: &str) -> Arc<dyn WebhookJournal> {
        Arc::new(PostgresJournal::open(url, WINDOW).await.unwrap())
    }

    #[tokio::test]
    async fn postgres_journal_contract() {
        let Some(url) = support::fresh_database("postgres_journal_contract").await else {
            return;
        };
        contract(open(&url).await).await;
    }

    #[tokio::test]
    async fn postgres_journals_of_many_processes_store_each_key_once_in_commit_order() {
        let test = "postgres_journals_of_many_processes_store_each_key_once_in_commit_order";
        let Some(url) = support::fresh_database(test).await else {
            return;
        };
        // Four journals (four pools, as four receivers would have) racing on the same keys.
        let mut journals = Vec::new();
        for _ in 0..4 {
            journals.push(open(&url).await);
        }
        let now = OffsetDateTime::now_utc();
        let mut tasks = tokio::task::JoinSet::new();
        for (n, j) in journals.iter().enumerate() {
            for i in 0..150 {
                let j = Arc::clone(j);
                // Each receiver gets the keys in another order.
                let key = format!("k{}", (i * (n + 1) * 7) % 150);
                tasks.spawn(async move {
                    let stored = j.append(vec![ev(&key)], now).await.unwrap();
                    (key, stored)
                });
            }
        }
        let mut stored = std::collections::HashMap::new();
        while let Some(r) = tasks.join_next().await {
            let (key, events) = r.unwrap();
            assert!(events.iter().all(|e| e.dedupe_key == key));
            *stored.entry(key).or_insert(0) += events.len();
        }
        assert_eq!(stored.len(), 150);
        assert!(
            stored.values().all(|n| *n == 1),
            "each key stored by exactly one receiver: {stored:?}"
        );
        let all = journals[0].read(0, None, 1000).await.unwrap();
        assert_eq!(all.len(), 150);
        assert!(all.windows(2).all(|w| w[0].seq < w[1].seq));
    }

    #[tokio::test]
    async fn postgres_readers_never_find_a_smaller_seq_after_a_larger_one() {
        let test = "postgres_readers_never_find_a_smaller_seq_after_a_larger_one";
        let Some(url) = support::fresh_database(test).await else {
            return;
        };
        let writers = [open(&url).await, open(&url).await];
        let reader = open(&url).await;
        let now = OffsetDateTime::now_utc();
        let mut tasks = tokio::task::JoinSet::new();
        for (w, j) in writers.iter().enumerate() {
            let j = Arc::clone(j);
            tasks.spawn(async move {
                for i in 0..200 {
                    j.append(vec![ev(&format!("w{w}-{i}"))], now).await.unwrap();
                }
            });
        }
        // A reader moving its cursor as it goes, as delivery does, while both write.
        let (mut cursor, mut seen) = (0, 0);
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while seen < 400 && std::time::Instant::now() < deadline {
            for e in reader.read(cursor, None, 50).await.unwrap() {
                assert!(e.seq > cursor);
                cursor = e.seq;
                seen += 1;
            }
        }
        while let Some(r) = tasks.join_next().await {
            r.unwrap();
        }
        assert_eq!(
            seen, 400,
            "every event was seen once by a reader moving its cursor while they were written"
        );
    }

    #[tokio::test]
    async fn postgres_sink_lease_is_held_by_one_holder_and_taken_over_when_it_expires() {
        let test = "postgres_sink_lease_is_held_by_one_holder_and_taken_over_when_it_expires";
        let Some(url) = support::fresh_database(test).await else {
            return;
        };
        let (a, b) = (open(&url).await, open(&url).await);
        let ttl = Duration::from_millis(1500);
        assert!(a.claim_sink("forward", "a", ttl).await.unwrap());
        assert!(
            !b.claim_sink("forward", "b", ttl).await.unwrap(),
            "a holds it"
        );
        assert!(
            b.claim_sink("stdout", "b", ttl).await.unwrap(),
            "one lease per sink name"
        );
        assert!(a.claim_sink("forward", "a", ttl).await.unwrap(), "renewed");
        // a stops renewing (it died): b gets the sink once the lease has expired.
        tokio::time::sleep(ttl + Duration::from_millis(300)).await;
        assert!(b.claim_sink("forward", "b", ttl).await.unwrap());
        assert!(!a.claim_sink("forward", "a", ttl).await.unwrap());
    }

    #[tokio::test]
    async fn postgres_keys_events_and_cursors_survive_reopening_and_the_schema_migrates_once() {
        let test = "postgres_keys_events_and_cursors_survive_reopening";
        let Some(url) = support::fresh_database(test).await else {
            return;
        };
        let now = OffsetDateTime::now_utc();
        {
            let j = open(&url).await;
            j.append(vec![ev("a"), ev("b")], now).await.unwrap();
            j.advance("stdout", 1).await.unwrap();
        }
        // Several processes starting together apply the migrations once.
        let opened = futures_join_all((0..4).map(|_| {
            let url = url.clone();
            async move { PostgresJournal::open(&url, WINDOW).await }
        }))
        .await;
        let j: Arc<dyn WebhookJournal> = Arc::new(opened.into_iter().next().unwrap());
        assert!(j.append(vec![ev("a")], now).await.unwrap().is_empty());
        assert_eq!(j.cursor("stdout").await.unwrap(), 1);
        assert_eq!(j.append(vec![ev("c")], now).await.unwrap()[0].seq, 3);
        assert_eq!(keys(&j.read(1, None, 10).await.unwrap()), ["b", "c"]);
    }

    async fn futures_join_all<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
    where
        F: std::future::Future<Output = Result<T, switchboard::Error>> + Send + 'static,
        T: Send + 'static,
    {
        let handles: Vec<_> = futures.map(tokio::spawn).collect();
        let mut out = Vec::new();
        for h in handles {
            out.push(h.await.unwrap().unwrap());
        }
        out
    }

    #[tokio::test]
    async fn postgres_unreachable_is_a_storage_error_without_the_password() {
        // A closed loopback port; the password is a canary that must not be shown.
        let url = "postgres://app:canary-pg-secret-5521@127.0.0.1:9/switchboard";
        let e = PostgresJournal::open(url, WINDOW).await.unwrap_err();
        assert_eq!(e.kind(), "storage");
        let text = format!("{e} {e:?}");
        assert!(!text.contains("canary-pg-secret-5521"), "{text}");
        assert!(
            text.contains("postgres://app:***@127.0.0.1:9/switchboard"),
            "{text}"
        );
    }
}

#[cfg(not(feature = "postgres"))]
#[tokio::test]
async fn a_postgres_journal_without_the_feature_is_a_configuration_error_naming_it() {
    let settings = switchboard::WebhookSettings {
        journal: "postgres://app:canary-pg-secret-7713@127.0.0.1:9/sb".into(),
        ..Default::default()
    };
    let e = switchboard::journal::open(&settings).await.unwrap_err();
    assert_eq!(e.kind(), "configuration");
    let text = format!("{e} {settings:?}");
    assert!(text.contains("cargo feature `postgres`"), "{text}");
    assert!(!text.contains("canary-pg-secret-7713"), "{text}");
    assert!(text.contains("postgres://app:***@127.0.0.1:9/sb"), "{text}");
}
