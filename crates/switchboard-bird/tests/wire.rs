//! Sends through the facade's HTTP transport to a wiremock server on loopback, checking the
//! method, the path with both ids, the `AccessKey` header and the exact body.

mod common;

use common::{example, message, settings, CANARY_KEY, CHANNEL, WORKSPACE};
use serde_json::{json, Value};
use std::time::Duration;
use switchboard::{HttpMessenger, HttpSettings, HttpTransport, Messenger};
use switchboard_bird::BirdAdapter;
use switchboard_core::{Error, OutboundMessage};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn messages_path() -> String {
    format!("/workspaces/{WORKSPACE}/channels/{CHANNEL}/messages")
}

fn messenger(server: &MockServer) -> HttpMessenger<BirdAdapter> {
    let mut s = settings();
    s.base_url = Some(server.uri());
    let adapter = BirdAdapter::new(s).expect("settings");
    let transport = HttpTransport::new(HttpSettings::default()).expect("transport");
    HttpMessenger::new(adapter, transport)
}

/// The body of a golden file.
fn golden_body(name: &str) -> Value {
    let path = common::manifest_dir()
        .join("tests/golden")
        .join(format!("{name}.json"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["body"].clone()
}

fn accepted(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(202).set_body_json(json!({
        "id": id,
        "channelId": CHANNEL,
        "sender": {"connector": {"id": "7a8b", "identifierValue": "+31201234567"}},
        "receiver": {"contacts": [{"identifierKey": "phonenumber", "identifierValue": "+972501234567"}]},
        "status": "accepted",
        "lastStatusAt": "2025-03-30T12:00:00Z",
        "createdAt": "2025-03-30T12:00:00Z",
        "updatedAt": "2025-03-30T12:00:00Z"
    }))
}

async fn expect_send(name: &str, m: &OutboundMessage) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(messages_path()))
        .and(header(
            "authorization",
            format!("AccessKey {CANARY_KEY}").as_str(),
        ))
        .and(header("content-type", "application/json"))
        .and(body_json(golden_body(name)))
        .respond_with(accepted("5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d"))
        .expect(1)
        .mount(&server)
        .await;
    let receipt = messenger(&server)
        .send(m)
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(receipt.provider, switchboard_bird::PROVIDER);
    assert_eq!(
        receipt.message_id(),
        Some("5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d")
    );
    assert_eq!(receipt.status.as_deref(), Some("accepted"));
    server.verify().await;
}

#[tokio::test]
async fn sends_each_example_kind() {
    for (golden, file) in [
        ("text_preview", "text.json"),
        ("image", "media.json"),
        ("document", "document.json"),
        ("cta_url", "cta.json"),
        ("location", "location.json"),
        ("template_named", "template_named.json"),
    ] {
        expect_send(golden, &example(file)).await;
    }
}

#[tokio::test]
async fn sends_buttons_and_lists() {
    expect_send(
        "buttons",
        &message(
            r#"{"to": "+31612345678", "buttons": {"body": "Keep your 15:00 appointment?",
            "buttons": [{"id": "appt_keep", "title": "Keep it"}, {"id": "appt_move", "title": "Reschedule"}]}}"#,
        ),
    )
    .await;
    expect_send(
        "list_single_section",
        &message(
            r#"{"to": "+31612345678", "list": {"body": "Choose a store to see its hours", "button": "Stores",
            "sections": [{"rows": [{"id": "store:ams", "title": "Amsterdam"}, {"id": "store:utr", "title": "Utrecht"}]}]}}"#,
        ),
    )
    .await;
}

async fn send_with_answer(answer: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(messages_path()))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    let e = messenger(&server)
        .send(&example("text.json"))
        .await
        .expect_err("refused");
    server.verify().await;
    e
}

#[tokio::test]
async fn provider_errors_are_typed() {
    let e = send_with_answer(ResponseTemplate::new(422).set_body_json(json!({
        "code": "InvalidPayload", "message": "Invalid payload",
        "details": {"receiver.contacts": ["must have at least 1 item"]}
    })))
    .await;
    assert!(
        matches!(&e, Error::MessageRejected(d) if d.message.contains("receiver.contacts: must have at least 1 item")),
        "{e:?}"
    );

    let e = send_with_answer(
        ResponseTemplate::new(401).set_body_json(json!({"code": "Unauthorized", "message": "no"})),
    )
    .await;
    assert!(matches!(e, Error::Unauthorized(_)), "{e:?}");

    let e = send_with_answer(ResponseTemplate::new(429).insert_header("Retry-After", "3")).await;
    assert!(
        matches!(e, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(3)),
        "{e:?}"
    );
    assert!(e.is_retryable());

    let e = send_with_answer(
        ResponseTemplate::new(503).set_body_string("<html>Service Unavailable</html>"),
    )
    .await;
    assert!(
        matches!(
            e,
            Error::Provider {
                retryable: true,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!e.to_string().contains(CANARY_KEY));
}

#[tokio::test]
async fn unsupported_content_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(accepted("never"))
        .expect(0)
        .mount(&server)
        .await;
    let m = messenger(&server);
    for file in ["reaction.json", "contacts.json", "template.json"] {
        let e = m.send(&example(file)).await.expect_err(file);
        assert!(matches!(e, Error::Unsupported { .. }), "{file}: {e:?}");
    }
    server.verify().await;
}
