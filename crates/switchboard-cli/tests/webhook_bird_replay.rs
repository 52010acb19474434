//! A captured, correctly signed Bird delivery cannot be delivered twice: not after 10 001
//! other events (the old receiver remembered 10 000), not after a restart (keys live in the
//! SQLite journal), and not later than `max_signature_age_s` (401), while a retry whose
//! signed timestamp is a few hours old, as Bird's retries are (`docs/providers/bird.md`),
//! is accepted.

#![cfg(all(feature = "99digital", feature = "360dialog", feature = "bird"))]

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;
use switchboard::journal::{SqliteJournal, WebhookJournal};
use switchboard::{AnyMessenger, Config, WebhookReceiver, WebhookVerdict};
use switchboard_cli::server::router;

const SIGNING_KEY: &str = "CANARY-SIGNING-KEY-77aa";
const URL: &str = "https://hooks.example.com/bird";

fn config() -> Config {
    Config::from_toml(&format!(
        "provider = \"bird\"\n[bird]\naccess_key = \"k\"\nworkspace_id = \"w\"\nchannel_id = \"c\"\nsigning_key = \"{SIGNING_KEY}\"\n[webhook]\npublic_url = \"{URL}\"\n"
    ))
    .unwrap()
}

/// `switchboard-bird/tests/webhooks/inbound_text.json` (copied into `tests/fixtures/`) with
/// message id `n`.
fn body(n: usize) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(include_bytes!(
        "fixtures/switchboard-bird/webhooks/inbound_text.json"
    ))
    .unwrap();
    v["payload"]["id"] = format!("6f1c2a9e-0b7d-4c3e-9a21-{n:012}").into();
    serde_json::to_vec(&v).unwrap()
}

/// Bird's signature headers (`docs/providers/reference/bird.md` section 13.7), computed here independently.
fn signed(body: &[u8], age_s: i64) -> Vec<(String, String)> {
    let ts = (time::OffsetDateTime::now_utc().unix_timestamp() - age_s).to_string();
    let mut mac = Hmac::<Sha256>::new_from_slice(SIGNING_KEY.as_bytes()).unwrap();
    mac.update(ts.as_bytes());
    mac.update(b"\n");
    mac.update(URL.as_bytes());
    mac.update(b"\n");
    mac.update(&Sha256::digest(body));
    let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    vec![
        ("messagebird-request-timestamp".into(), ts),
        ("messagebird-signature".into(), sig),
    ]
}

async fn receiver(journal: &std::path::Path) -> Arc<WebhookReceiver> {
    let config = config();
    let journal: Arc<dyn WebhookJournal> = Arc::new(
        SqliteJournal::open(journal, config.webhook.dedupe_window())
            .await
            .unwrap(),
    );
    Arc::new(WebhookReceiver::new(
        AnyMessenger::from_config(&config).unwrap(),
        &config.webhook,
        journal,
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_captured_delivery_is_not_delivered_again_after_10_001_events_or_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let captured = body(0);
    // Signed three hours ago: a retry Bird is still sending. Accepted.
    let captured_headers = signed(&captured, 3 * 3600);
    {
        let r = receiver(&path).await;
        let first = r.receive(URL, &captured_headers, &captured).await.unwrap();
        assert_eq!((first.new.len(), first.duplicates), (1, 0));

        // 10 001 other signed deliveries, 100 at a time.
        let mut tasks = tokio::task::JoinSet::new();
        for chunk in 0..101 {
            let r = Arc::clone(&r);
            tasks.spawn(async move {
                for n in (1 + chunk * 100)..=(100 + chunk * 100).min(10_001) {
                    let b = body(n);
                    let got = r.receive(URL, &signed(&b, 5), &b).await.unwrap();
                    assert_eq!(got.new.len(), 1, "delivery {n}");
                }
            });
        }
        while let Some(t) = tasks.join_next().await {
            t.unwrap();
        }
        let replay = r.receive(URL, &captured_headers, &captured).await.unwrap();
        assert_eq!(
            (replay.new.len(), replay.duplicates),
            (0, 1),
            "replayed after 10 001 other events"
        );
        let all = r.journal().read(0, None, 20_000).await.unwrap();
        assert_eq!(all.len(), 10_002);
    }

    // A restart: a new receiver on the same journal file, served over loopback.
    let r = receiver(&path).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = router(Arc::clone(&r), Duration::from_secs(5));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let post = |body: Vec<u8>, headers: Vec<(String, String)>| {
        let mut req = client.post(format!("{base}/")).body(body);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        async move {
            let resp = req.send().await.unwrap();
            (
                resp.status().as_u16(),
                resp.json::<serde_json::Value>().await.unwrap(),
            )
        }
    };
    let (status, answer) = post(captured.clone(), captured_headers.clone()).await;
    assert_eq!(status, 200, "a redelivery is acknowledged...");
    assert_eq!(
        answer,
        serde_json::json!({"accepted": 0, "duplicates": 1}),
        "...and not delivered again after a restart"
    );

    // Correctly signed, but older than the window (86 400 s by default): refused.
    let stale = body(20_000);
    let (status, answer) = post(stale.clone(), signed(&stale, 86_400 + 120)).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (401, Some("invalid_signature"))
    );
    let (status, _) = post(stale.clone(), signed(&stale, -(86_400 + 120))).await;
    assert_eq!(
        status, 401,
        "a timestamp a day in the future is refused too"
    );
    let err = r
        .receive(URL, &signed(&stale, 86_400 + 120), &stale)
        .await
        .unwrap_err();
    assert_eq!(
        WebhookVerdict::of::<()>(&Err(err.clone())),
        WebhookVerdict::Unauthorized
    );
    assert!(
        err.to_string()
            .contains("at most 86400 s are accepted ([webhook] max_signature_age_s)"),
        "{err}"
    );
    assert!(!err.to_string().contains(SIGNING_KEY));
    // The same event signed a few hours ago (a retry): accepted and stored.
    let (status, answer) = post(stale.clone(), signed(&stale, 5 * 3600)).await;
    assert_eq!((status, answer["accepted"].as_u64()), (200, Some(1)));
    assert_eq!(
        r.journal().read(0, None, 20_000).await.unwrap().len(),
        10_003
    );
}
