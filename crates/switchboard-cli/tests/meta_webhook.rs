//! `switchboard webhook serve` for Meta (its router on an ephemeral loopback port): the GET
//! subscription handshake, `X-Hub-Signature-256` over the raw body (computed here
//! independently with `hmac`), forged and missing signatures refused with 401, a correctly
//! signed delivery journaled. docs/providers/meta.md, "Webhooks".

#![cfg(feature = "meta")]

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;
use switchboard::journal::{MemoryJournal, WebhookJournal};
use switchboard::{AnyMessenger, Config, InboundEvent, WebhookReceiver};
use switchboard_cli::server::router;

const APP_SECRET: &str = "CANARY-APP-SECRET-cli-4e2f";
const VERIFY_TOKEN: &str = "CANARY-VERIFY-cli-9a1b";
const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"419561257915477","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"4930123456","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Anna"},"wa_id":"4915112345678"}],"messages":[{"from":"4915112345678","id":"wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBRjQ","timestamp":"1767225600","type":"text","text":{"body":"Hallo \u00e4 @ 50\u0025"}}]}}]}]}"#;

fn signed(key: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

async fn start(extra: &str) -> (String, Arc<dyn WebhookJournal>) {
    let config = Config::from_toml(&format!(
        "provider = \"meta\"\n[meta]\naccess_token = \"t\"\nphone_number_id = \"106540352242922\"\n{extra}\n[webhook]\npath = \"/meta\"\n"
    ))
    .unwrap();
    let journal: Arc<dyn WebhookJournal> =
        Arc::new(MemoryJournal::new(config.webhook.dedupe_window()));
    let receiver = Arc::new(WebhookReceiver::new(
        AnyMessenger::from_config(&config).unwrap(),
        &config.webhook,
        Arc::clone(&journal),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/meta", listener.local_addr().unwrap());
    let app = router(receiver, Duration::from_secs(5));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, journal)
}

async fn get(url: &str) -> (u16, String, String) {
    let resp = reqwest::get(url).await.unwrap();
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, ct, resp.text().await.unwrap())
}

async fn post(url: &str, signature: Option<String>, body: &[u8]) -> u16 {
    let mut req = reqwest::Client::new().post(url).body(body.to_vec());
    if let Some(s) = signature {
        req = req.header("X-Hub-Signature-256", s);
    }
    req.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn the_handshake_echoes_the_challenge_only_for_the_verify_token() {
    let (base, _) = start(&format!("verify_token = \"{VERIFY_TOKEN}\"")).await;
    let (status, ct, body) = get(&format!(
        "{base}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={VERIFY_TOKEN}"
    ))
    .await;
    assert_eq!((status, body.as_str()), (200, "1158201444"));
    assert!(ct.starts_with("text/plain"), "{ct}");
    for query in [
        "hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess".to_string(),
        format!("hub.mode=unsubscribe&hub.challenge=1&hub.verify_token={VERIFY_TOKEN}"),
        "hub.mode=subscribe&hub.challenge=1".to_string(),
    ] {
        let (status, _, body) = get(&format!("{base}?{query}")).await;
        assert_eq!(status, 403, "{query}");
        assert!(!body.contains(VERIFY_TOKEN), "{body}");
    }
    // Without a verify_token in [meta], every handshake is refused.
    let (plain, _) = start("").await;
    let (status, _, _) = get(&format!(
        "{plain}?hub.mode=subscribe&hub.challenge=1&hub.verify_token={VERIFY_TOKEN}"
    ))
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn forged_and_missing_signatures_are_401_and_a_signed_delivery_is_journaled() {
    let (base, journal) = start(&format!("app_secret = \"{APP_SECRET}\"")).await;
    let body = BODY.as_bytes();
    assert_eq!(post(&base, None, body).await, 401);
    assert_eq!(post(&base, Some(signed("forged", body)), body).await, 401);
    assert_eq!(
        post(&base, Some(signed(APP_SECRET, body)[7..].to_string()), body).await,
        401
    );
    assert!(journal.read(0, None, 10).await.unwrap().is_empty());
    assert_eq!(post(&base, Some(signed(APP_SECRET, body)), body).await, 200);
    let events: Vec<InboundEvent> = journal
        .read(0, None, 10)
        .await
        .unwrap()
        .iter()
        .map(|e| e.inbound_event().unwrap())
        .collect();
    assert_eq!(events.len(), 1, "{events:?}");
    let InboundEvent::Message(m) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(m.provider.as_str(), "meta");
    assert_eq!(m.id, "wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBRjQ");
    // A redelivery is accepted again and not journaled twice.
    assert_eq!(post(&base, Some(signed(APP_SECRET, body)), body).await, 200);
    assert_eq!(journal.read(0, None, 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn providers_without_a_handshake_answer_405() {
    let config = Config::default();
    let journal: Arc<dyn WebhookJournal> =
        Arc::new(MemoryJournal::new(config.webhook.dedupe_window()));
    let receiver = Arc::new(WebhookReceiver::new(
        AnyMessenger::from_config(&config).unwrap(),
        &config.webhook,
        journal,
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, router(receiver, Duration::from_secs(5)))
            .await
            .unwrap()
    });
    let (status, _, _) = get(&format!("{base}?hub.mode=subscribe")).await;
    assert_eq!(status, 405);
}
