//! End to end on loopback: the facade's `HttpMessenger` executes what the adapter
//! describes against a wiremock server; the server checks method, path, the key header and
//! the exact body (the golden one).

mod common;

use common::*;
use serde_json::{json, Value};
use switchboard::{HttpMessenger, HttpSettings, HttpTransport, Messenger};
use switchboard_360dialog::Dialog360Adapter;
use switchboard_360dialog::{Dialog360Settings, Hosting};
use switchboard_core::{Error, MediaUpload};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn messenger(server: &MockServer, hosting: Hosting) -> HttpMessenger<Dialog360Adapter> {
    let settings = Dialog360Settings::new(KEY)
        .with_hosting(hosting)
        .with_base_url(server.uri())
        .with_template_namespace("d8bcb6bd_2ab2_439c_9d9e_947501266c77");
    let adapter = Dialog360Adapter::new(settings).expect("settings");
    let transport = HttpTransport::new(HttpSettings::default()).expect("transport");
    HttpMessenger::new(adapter, transport)
}

fn golden_body(dialect: &str, name: &str) -> Value {
    read_json(&crate_dir().join(format!("tests/golden/{dialect}/{name}.json")))["body"].clone()
}

const CLOUD_SENDS: &[(&str, &str)] = &[
    ("text.json", "text"),
    ("reply.json", "reply"),
    ("media.json", "image_link"),
    ("audio_id.json", "audio_id"),
    ("document.json", "document_link"),
    ("sticker_id.json", "sticker_id"),
    ("buttons.json", "buttons"),
    ("buttons_media_header.json", "buttons_media_header"),
    ("list.json", "list"),
    ("cta.json", "cta"),
    ("location.json", "location"),
    ("contacts.json", "contacts"),
    ("reaction.json", "reaction"),
    ("template.json", "template"),
];

const ON_PREMISE_SENDS: &[(&str, &str)] = &[
    ("text.json", "text"),
    ("image_provider.json", "image_provider"),
    ("document_id.json", "document_id"),
    ("sticker_id.json", "sticker_id"),
    ("buttons.json", "buttons"),
    ("list.json", "list"),
    ("location.json", "location"),
    ("contacts.json", "contacts"),
    ("template.json", "template"),
    ("template_namespace.json", "template_namespace"),
];

#[tokio::test]
async fn cloud_sends_every_kind_with_the_exact_body() {
    let server = MockServer::start().await;
    let m = messenger(&server, Hosting::Cloud);
    for (input, golden) in CLOUD_SENDS {
        let _guard = Mock::given(method("POST"))
            .and(path("/messages"))
            .and(header("D360-API-KEY", KEY))
            .and(header("Content-Type", "application/json"))
            .and(body_json(golden_body("cloud", golden)))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "messaging_product": "whatsapp",
                "contacts": [{"input": "972501234567", "wa_id": "972501234567"}],
                "messages": [{"id": format!("wamid.{golden}")}]
            })))
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let receipt = m
            .send(&message(input))
            .await
            .unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            receipt.message_id(),
            Some(format!("wamid.{golden}").as_str()),
            "{input}"
        );
        assert_eq!(receipt.recipient.as_deref(), Some("972501234567"));
    }
}

#[tokio::test]
async fn on_premise_sends_every_kind_with_the_exact_body() {
    let server = MockServer::start().await;
    let m = messenger(&server, Hosting::OnPremise);
    for (input, golden) in ON_PREMISE_SENDS {
        let _guard = Mock::given(method("POST"))
            .and(path("/v1/messages"))
            .and(header("D360-API-KEY", KEY))
            .and(body_json(golden_body("on_premise", golden)))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "messages": [{"id": format!("gBEG{golden}")}],
                "meta": {"api_status": "stable", "version": "2.35.4"}
            })))
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let receipt = m
            .send(&message(input))
            .await
            .unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            receipt.message_id(),
            Some(format!("gBEG{golden}").as_str()),
            "{input}"
        );
    }
}

#[tokio::test]
async fn refusals_come_back_typed_and_unsupported_content_never_leaves() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/messages"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "(#131047) Re-engagement message", "type": "OAuthException", "code": 131047,
            "error_data": {"messaging_product": "whatsapp", "details": "24 hours passed"}, "fbtrace_id": "x"}})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .respond_with(ResponseTemplate::new(503).set_body_raw(
            "<html><body>503 Service Unavailable</body></html>",
            "text/html",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let cloud = messenger(&server, Hosting::Cloud);
    let e = cloud
        .send(&message("text.json"))
        .await
        .expect_err("refused");
    assert!(
        matches!(&e, Error::WindowClosed(d) if d.code.as_deref() == Some("131047")),
        "{e:?}"
    );
    let onprem = messenger(&server, Hosting::OnPremise);
    let e = onprem.send(&message("text.json")).await.expect_err("503");
    assert!(
        matches!(&e, Error::Provider { retryable: true, detail } if detail.http_status == Some(503)),
        "{e:?}"
    );
    // Refused before any I/O: the mocks above expect exactly one call each.
    let e = onprem
        .send(&message("reaction.json"))
        .await
        .expect_err("unsupported");
    assert!(matches!(e, Error::Unsupported { .. }), "{e:?}");
    let e = onprem
        .send(&message("template_named.json"))
        .await
        .expect_err("unsupported");
    assert!(matches!(e, Error::Unsupported { .. }), "{e:?}");
}

fn jpeg() -> MediaUpload {
    MediaUpload {
        mime_type: "image/jpeg".into(),
        filename: "photo.jpg".into(),
        data: b"\xff\xd8\xff\xe0 not really a jpeg".to_vec(),
    }
}

#[tokio::test]
async fn cloud_upload_is_multipart_with_messaging_product() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/media"))
        .and(header("D360-API-KEY", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1037543291543636"})))
        .expect(1)
        .mount(&server)
        .await;
    let id = messenger(&server, Hosting::Cloud)
        .upload_media(&jpeg())
        .await
        .expect("uploaded");
    assert_eq!(id, "1037543291543636");
    let requests = server.received_requests().await.expect("recorded");
    let request = &requests[0];
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8_lossy(&request.body);
    assert!(
        body.contains("name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"),
        "{body}"
    );
    assert!(
        body.contains("name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"),
        "{body}"
    );
    assert!(request
        .body
        .windows(jpeg().data.len())
        .any(|w| w == jpeg().data.as_slice()));
}

#[tokio::test]
async fn on_premise_upload_is_the_raw_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/media"))
        .and(header("D360-API-KEY", KEY))
        .and(header("Content-Type", "image/jpeg"))
        .and(wiremock::matchers::body_bytes(jpeg().data))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"media": [{"id": "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let id = messenger(&server, Hosting::OnPremise)
        .upload_media(&jpeg())
        .await
        .expect("uploaded");
    assert_eq!(id, "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68");
}

#[tokio::test]
async fn upload_errors_are_typed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/media"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"meta": {"httpCode": 401, "developerMessage": "Invalid api_key", "success": false}})))
        .mount(&server)
        .await;
    let e = messenger(&server, Hosting::Cloud)
        .upload_media(&jpeg())
        .await
        .expect_err("401");
    assert!(matches!(e, Error::Unauthorized(_)), "{e:?}");
    assert!(!e.to_string().contains(KEY));
}
