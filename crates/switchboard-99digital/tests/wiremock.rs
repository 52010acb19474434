//! End to end on loopback: the facade's HTTP messenger with this adapter against a wiremock
//! server, checking the endpoint path, the exact body and the mapping of the answers.

mod common;

use common::{adapter_at, message, KEY};
use serde_json::{json, Value};
use switchboard::{HttpMessenger, HttpSettings, HttpTransport, Messenger};
use switchboard_99digital::NinetyNineDigitalAdapter;
use switchboard_core::Error;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TO: &str = "+972501234567";

fn messenger(server: &MockServer) -> HttpMessenger<NinetyNineDigitalAdapter> {
    let adapter = adapter_at(Some(format!("{}/whatsapp/v2/", server.uri())));
    let transport = HttpTransport::new(HttpSettings::default()).expect("transport");
    HttpMessenger::new(adapter, transport)
}

fn envelope(fields: Value) -> Value {
    let mut body = json!({"apiKey": KEY, "from": "972771234567", "to": "972501234567"});
    for (k, v) in fields.as_object().expect("object") {
        body[k] = v.clone();
    }
    body
}

async fn sends(
    content: Value,
    endpoint: &str,
    fields: Value,
    answer: Value,
) -> switchboard_core::Receipt {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/whatsapp/v2/{endpoint}")))
        .and(header("content-type", "application/json"))
        .and(body_json(envelope(fields)))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(1)
        .mount(&server)
        .await;
    let mut m = content;
    m["to"] = json!(TO);
    let receipt = messenger(&server).send(&message(m)).await;
    server.verify().await;
    receipt.unwrap_or_else(|e| panic!("{endpoint}: {e}"))
}

fn ok(unique: &str, left: Value) -> Value {
    json!({"status": "OK", "unique": unique, "timestamp": 1600115719, "from": "972771234567",
           "to": "972501234567", "templateTimeLeft": left, "reason": 1})
}

#[tokio::test]
async fn text_with_number_time_left() {
    let r = sends(
        json!({"text": {"body": "hello"}, "reply_to": "Q1"}),
        "sendMessage",
        json!({"body": "hello", "replyTo": "Q1"}),
        ok("m-1", json!(1200)),
    )
    .await;
    assert_eq!(r.message_id(), Some("m-1"));
    assert_eq!(r.window_minutes_left, Some(1200));
}

#[tokio::test]
async fn file_with_string_time_left() {
    let r = sends(
        json!({"media": {"kind": "document", "link": "https://example.com/a.pdf", "caption": "A"},
               "options": {"99digital": {"local_storage": true}}}),
        "sendFile",
        json!({"body": "https://example.com/a.pdf", "caption": "A", "localStorage": 1}),
        ok("m-2", json!("400")),
    )
    .await;
    assert_eq!(r.message_id(), Some("m-2"));
    assert_eq!(r.window_minutes_left, Some(400));
}

#[tokio::test]
async fn buttons_and_cta() {
    let r = sends(
        json!({"buttons": {"body": "Confirm?", "footer": "Clinic",
               "buttons": [{"id": "y", "title": "Yes"}, {"id": "n", "title": "No"}]}}),
        "sendButtons",
        json!({"header": 1, "body": "Confirm?", "footer": "Clinic", "button1": "Yes",
               "button1_id": "y", "button2": "No", "button2_id": "n"}),
        ok("m-3", json!("400")),
    )
    .await;
    assert_eq!(r.message_id(), Some("m-3"));
    let r = sends(
        json!({"cta": {"body": "Call", "label": "Call us", "phone": "+972 3-123-4567"}}),
        "sendButtons",
        json!({"header": 1, "body": "Call", "button1": "Call us", "buttonExternal": "97231234567"}),
        ok("m-4", json!("400")),
    )
    .await;
    assert_eq!(r.message_id(), Some("m-4"));
}

#[tokio::test]
async fn location_reaction_contact_template() {
    sends(
        json!({"location": {"latitude": 32.0853, "longitude": 34.7818, "address": "Rothschild Blvd 1"}}),
        "sendLocation",
        json!({"lat": "32.0853", "lng": "34.7818", "caption": "Rothschild Blvd 1"}),
        ok("m-5", json!("400")),
    )
    .await;
    let r = sends(
        json!({"reaction": {"message_id": "X9", "emoji": "👍"}}),
        "sendReaction",
        json!({"unique": "X9", "reaction": "👍"}),
        json!({"status": "OK", "unique": "r-1", "messageUnique": "X9", "reaction": "👍", "reason": 1}),
    )
    .await;
    assert_eq!(r.message_id(), Some("r-1"));
    sends(
        json!({"contacts": [{"name": {"formatted_name": "Dana"}, "phones": [{"phone": "+972 50 111 2233"}]}]}),
        "sendContact",
        json!({"contact_name": "Dana", "contact_phone": "972501112233"}),
        ok("m-6", json!("400")),
    )
    .await;
    sends(
        json!({"template": {"name": "reminder", "language": "he", "body": ["Dana"]},
               "options": {"99digital": {"template_language": 1}}}),
        "sendTemplate",
        json!({"name": "reminder", "headerType": 1, "bodyVariable1": "Dana", "language": 1}),
        ok("m-7", json!(1440)),
    )
    .await;
}

async fn fails_with(content: Value, answer_status: u16, answer: &str) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(answer_status).set_body_string(answer))
        .mount(&server)
        .await;
    let mut m = content;
    m["to"] = json!(TO);
    messenger(&server)
        .send(&message(m))
        .await
        .expect_err("refused")
}

#[tokio::test]
async fn every_send_buttons_reason_over_http_200() {
    let buttons = json!({"buttons": {"body": "b", "buttons": [{"id": "a", "title": "A"}]}});
    for code in 2..=16 {
        let body = json!({"status": "FAIL", "reason": code}).to_string();
        let e = fails_with(buttons.clone(), 200, &body).await;
        let kind = match code {
            2 => "configuration",
            3 => "unauthorized",
            4 => "invalid_recipient",
            6 => "provider",
            7 | 8 => "window_closed",
            15 => "rate_limited",
            _ => "invalid_message",
        };
        assert_eq!(e.kind(), kind, "reason {code}: {e}");
        assert_eq!(e.is_retryable(), code == 6 || code == 15, "reason {code}");
        if code != 2 {
            assert_eq!(
                e.provider_detail().and_then(|d| d.code.clone()),
                Some(code.to_string())
            );
            assert_eq!(e.provider_detail().and_then(|d| d.http_status), Some(200));
        }
        assert!(!e.to_string().contains(KEY));
    }
}

#[tokio::test]
async fn text_reasons_over_http_200() {
    let text = json!({"text": {"body": "hi"}});
    let expected = [
        (2, "configuration"),
        (3, "unauthorized"),
        (4, "invalid_recipient"),
        (5, "invalid_message"),
        (6, "provider"),
        (7, "window_closed"),
        (8, "window_closed"),
        (15, "rate_limited"),
    ];
    for (code, kind) in expected {
        let body = json!({"status": "FAIL", "reason": code}).to_string();
        assert_eq!(
            fails_with(text.clone(), 200, &body).await.kind(),
            kind,
            "reason {code}"
        );
    }
}

#[tokio::test]
async fn html_and_empty_answers() {
    let text = json!({"text": {"body": "hi"}});
    let e = fails_with(text.clone(), 502, "<html><body>Bad Gateway</body></html>").await;
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
    let e = fails_with(text.clone(), 200, "").await;
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    let echo = format!("{{\"originalRequest\":{{\"apiKey\":\"{KEY}\"}}}}");
    let e = fails_with(text, 200, &echo).await;
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    assert!(!format!("{e} {e:?}").contains(KEY));
}

#[tokio::test]
async fn unsupported_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let m = message(
        json!({"to": TO, "list": {"body": "Pick", "button": "Options",
                           "sections": [{"rows": [{"id": "a", "title": "A"}]}]}}),
    );
    let e = messenger(&server).send(&m).await.expect_err("refused");
    assert_eq!(e.kind(), "unsupported");
    server.verify().await;
}
