//! The webhook receiver on an ephemeral loopback port: real fixture payloads of each
//! provider, Bird signatures (computed here independently), forged and missing signatures,
//! duplicates and garbage.

#![cfg(all(feature = "99digital", feature = "360dialog", feature = "bird"))]

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard::journal::{MemoryJournal, WebhookJournal};
use switchboard::{AnyMessenger, Config, InboundEvent, WebhookReceiver};
use switchboard_cli::server::router;

const SIGNING_KEY: &str = "CANARY-SIGNING-KEY-0c1d";

struct Server {
    base: String,
    journal: Arc<dyn WebhookJournal>,
    taken: Mutex<u64>,
    client: reqwest::Client,
}

async fn start(config_text: &str) -> Server {
    let config = Config::from_toml(config_text).unwrap();
    let journal: Arc<dyn WebhookJournal> =
        Arc::new(MemoryJournal::new(config.webhook.dedupe_window()));
    let receiver = Arc::new(WebhookReceiver::new(
        AnyMessenger::from_config(&config).unwrap(),
        &config.webhook,
        Arc::clone(&journal),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = router(receiver, Duration::from_secs(5));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        base,
        journal,
        taken: Mutex::new(0),
        client: reqwest::Client::new(),
    }
}

impl Server {
    async fn post(
        &self,
        path: &str,
        body: &[u8],
        headers: &[(&str, String)],
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .body(body.to_vec());
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// The events journaled since the last call.
    async fn take(&self) -> Vec<InboundEvent> {
        let after = *self.taken.lock().unwrap();
        let new = self.journal.read(after, None, 10_000).await.unwrap();
        if let Some(last) = new.last() {
            *self.taken.lock().unwrap() = last.seq;
        }
        new.iter().map(|e| e.inbound_event().unwrap()).collect()
    }
}

/// A webhook delivery of an adapter crate's fixtures (`<crate>/tests/<rel>`), copied into
/// this crate's `tests/fixtures/<crate>/<rel>`.
fn fixture(crate_dir: &str, rel: &str) -> Vec<u8> {
    let p = format!(
        "{}/tests/fixtures/{crate_dir}/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn bird_signature(timestamp: &str, url: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SIGNING_KEY.as_bytes()).unwrap();
    let mut msg = Vec::new();
    msg.extend_from_slice(timestamp.as_bytes());
    msg.push(b'\n');
    msg.extend_from_slice(url.as_bytes());
    msg.push(b'\n');
    msg.extend_from_slice(&Sha256::digest(body));
    mac.update(&msg);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn dialog360_cloud_payloads_duplicates_and_garbage() {
    let s = start("provider = \"360dialog\"\n[360dialog]\napi_key = \"k\"\n").await;
    let body = fixture("switchboard-360dialog", "webhooks/cloud/two_entries.json");
    let (status, answer) = s
        .post("/", &body, &[("content-type", "application/json".into())])
        .await;
    assert_eq!(status, 200);
    let first = s.take().await;
    assert!(
        first.len() >= 2,
        "two entries give at least two events: {first:?}"
    );
    assert_eq!(answer["accepted"], first.len());

    let (status, answer) = s.post("/", &body, &[]).await;
    assert_eq!(
        (status, answer["accepted"].as_u64()),
        (200, Some(0)),
        "a redelivery is acknowledged and dropped"
    );
    assert!(s.take().await.is_empty());

    let (status, answer) = s.post("/", b"{\"entry\": [", &[]).await;
    assert_eq!(status, 400);
    assert_eq!(answer["error"], "decode");
    let (status, _) = s.post("/", b"\x00\xff garbage", &[]).await;
    assert_eq!(status, 400);

    let statuses = fixture("switchboard-360dialog", "webhooks/cloud/statuses.json");
    assert_eq!(s.post("/", &statuses, &[]).await.0, 200);
    assert!(s
        .take()
        .await
        .iter()
        .all(|e| matches!(e, InboundEvent::Status(_))));
}

#[tokio::test]
async fn ninety_nine_digital_payloads() {
    let s =
        start("provider = \"99digital\"\n[99digital]\napi_key = \"k\"\nfrom = \"972771234567\"\n")
            .await;
    let body = fixture("switchboard-99digital", "webhooks/text.json");
    assert_eq!(s.post("/", &body, &[]).await.0, 200);
    let events = s.take().await;
    assert_eq!(events.len(), 1);
    assert!(
        matches!(&events[0], InboundEvent::Message(m) if matches!(m.content, switchboard::InboundContent::Text { .. }))
    );
    assert_eq!(
        s.post(
            "/",
            &fixture("switchboard-99digital", "webhooks/truncated.json"),
            &[]
        )
        .await
        .0,
        400
    );
}

/// Unix seconds `offset` seconds from now, as Bird sends them.
fn now_s(offset: i64) -> String {
    (time::OffsetDateTime::now_utc().unix_timestamp() + offset).to_string()
}

fn bird_config(extra: &str) -> String {
    format!(
        "provider = \"bird\"\n[bird]\naccess_key = \"k\"\nworkspace_id = \"w\"\nchannel_id = \"c\"\nsigning_key = \"{SIGNING_KEY}\"\n{extra}"
    )
}

#[tokio::test]
async fn bird_signed_with_the_rebuilt_url() {
    let s = start(&bird_config("")).await;
    let body = fixture("switchboard-bird", "webhooks/inbound_text.json");
    let ts = now_s(-60);
    let url = format!("{}/", s.base);
    let good = vec![
        ("messagebird-request-timestamp", ts.clone()),
        ("messagebird-signature", bird_signature(&ts, &url, &body)),
    ];
    let (status, answer) = s.post("/", &body, &good).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(s.take().await.len(), 1);
    assert_eq!(
        s.post("/", &body, &good).await.1["accepted"],
        0,
        "duplicate dropped"
    );

    let mut forged = body.clone();
    forged[10] ^= 1;
    let (status, answer) = s.post("/", &forged, &good).await;
    assert_eq!(status, 401);
    assert_eq!(answer["error"], "invalid_signature");

    let wrong_url = vec![
        ("messagebird-request-timestamp", ts.clone()),
        (
            "messagebird-signature",
            bird_signature(&ts, "https://elsewhere.example/", &body),
        ),
    ];
    assert_eq!(s.post("/", &body, &wrong_url).await.0, 401);
    assert_eq!(s.post("/", &body, &[]).await.0, 401, "missing signature");
    let bad_b64 = vec![
        ("messagebird-request-timestamp", ts.clone()),
        ("messagebird-signature", "%%%".to_string()),
    ];
    assert_eq!(s.post("/", &body, &bad_b64).await.0, 401);

    let garbage = b"not json at all".to_vec();
    let signed_garbage = vec![
        ("messagebird-request-timestamp", ts.clone()),
        ("messagebird-signature", bird_signature(&ts, &url, &garbage)),
    ];
    assert_eq!(
        s.post("/", &garbage, &signed_garbage).await.0,
        400,
        "signed but unparseable"
    );
    assert!(s.take().await.is_empty());
}

#[tokio::test]
async fn bird_signed_with_the_configured_public_url_and_path() {
    let public = "https://hooks.example.com/whatsapp/bird?x=1";
    let s = start(&bird_config(&format!(
        "[webhook]\npath = \"/hooks/bird\"\npublic_url = \"{public}\"\n"
    )))
    .await;
    let body = fixture("switchboard-bird", "webhooks/outbound_delivered.json");
    let ts = now_s(-7200);
    let headers = vec![
        ("messagebird-request-timestamp", ts.clone()),
        ("messagebird-signature", bird_signature(&ts, public, &body)),
    ];
    assert_eq!(s.post("/hooks/bird", &body, &headers).await.0, 200);
    assert!(matches!(
        s.take().await.as_slice(),
        [InboundEvent::Status(_)]
    ));
    assert_ne!(
        s.post("/", &body, &headers).await.0,
        200,
        "only the configured path receives"
    );
}

/// A journal whose disk is gone.
#[derive(Debug)]
struct BrokenJournal;

#[async_trait::async_trait]
impl WebhookJournal for BrokenJournal {
    async fn append(
        &self,
        _: Vec<switchboard::journal::NewEvent>,
        _: time::OffsetDateTime,
    ) -> Result<Vec<switchboard::journal::JournaledEvent>, switchboard::Error> {
        Err(switchboard::Error::storage(
            "journaling a webhook delivery",
            "disk I/O error",
        ))
    }
    async fn read(
        &self,
        _: u64,
        _: Option<time::OffsetDateTime>,
        _: usize,
    ) -> Result<Vec<switchboard::journal::JournaledEvent>, switchboard::Error> {
        Ok(Vec::new())
    }
    async fn cursor(&self, _: &str) -> Result<u64, switchboard::Error> {
        Ok(0)
    }
    async fn advance(&self, _: &str, _: u64) -> Result<(), switchboard::Error> {
        Ok(())
    }
}

async fn start_with(
    config_text: &str,
    journal: Arc<dyn WebhookJournal>,
    body_timeout: Duration,
) -> String {
    let config = Config::from_toml(config_text).unwrap();
    let receiver = Arc::new(WebhookReceiver::new(
        AnyMessenger::from_config(&config).unwrap(),
        &config.webhook,
        journal,
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let app = router(receiver, body_timeout);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

#[tokio::test]
async fn a_delivery_that_cannot_be_stored_is_answered_503_so_the_provider_retries() {
    let addr = start_with(
        "provider = \"360dialog\"\n[360dialog]\napi_key = \"k\"\n",
        Arc::new(BrokenJournal),
        Duration::from_secs(5),
    )
    .await;
    let body = fixture("switchboard-360dialog", "webhooks/cloud/text.json");
    let resp = reqwest::Client::new()
        .post(format!("http://{addr}/"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 503);
    assert_eq!(
        resp.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"error": "storage"})
    );
}

#[tokio::test]
async fn a_body_sent_too_slowly_is_answered_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = start_with(
        "provider = \"360dialog\"\n[360dialog]\napi_key = \"k\"\n",
        Arc::new(MemoryJournal::new(Duration::from_secs(3600))),
        Duration::from_millis(500),
    )
    .await;
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"entry\":")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server answered and closed");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.ends_with("{\"error\":\"body_timeout\"}"), "{answer}");
}
