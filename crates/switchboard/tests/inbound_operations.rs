//! Mark-as-read (with the typing indicator) and inbound media download, executed by the one
//! transport against a loopback stand-in, on the Cloud columns: Meta direct (lookup, then the
//! URL fetched as is with the Bearer token) and 360dialog (lookup, then the lookaside URL
//! fetched through 360dialog's host with its key; On-Premise fetches `/v1/media/{id}`).
//! Providers without them refuse before any I/O.

#![cfg(all(feature = "meta", feature = "360dialog", feature = "bird"))]

use serde_json::json;
use switchboard::{AnyMessenger, Config, Error, Messenger};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "CANARY-META-TOKEN-31";
const KEY: &str = "CANARY-360-KEY-32";
const WAMID: &str = "wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBRjQ";

fn meta(server: &MockServer) -> AnyMessenger {
    let toml = format!(
        "provider = \"meta\"\n[meta]\naccess_token = \"{TOKEN}\"\nphone_number_id = \"106540352242922\"\nbase_url = \"{}\"\n",
        server.uri()
    );
    AnyMessenger::from_config(&Config::from_toml(&toml).unwrap()).unwrap()
}

fn dialog360(server: &MockServer, hosting: &str) -> AnyMessenger {
    let toml = format!(
        "provider = \"360dialog\"\n[360dialog]\napi_key = \"{KEY}\"\nhosting = \"{hosting}\"\nbase_url = \"{}\"\n",
        server.uri()
    );
    AnyMessenger::from_config(&Config::from_toml(&toml).unwrap()).unwrap()
}

#[tokio::test]
async fn meta_marks_read_with_the_typing_indicator() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v23.0/106540352242922/messages"))
        .and(header("Authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(
            json!({"messaging_product": "whatsapp", "status": "read",
            "message_id": WAMID, "typing_indicator": {"type": "text"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v23.0/106540352242922/messages"))
        .and(body_json(
            json!({"messaging_product": "whatsapp", "status": "read",
            "message_id": "wamid.OLD"}),
        ))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "(#100) Invalid parameter", "code": 100, "type": "OAuthException"}})))
        .expect(1)
        .mount(&server)
        .await;
    let m = meta(&server);
    m.mark_read(WAMID, true).await.unwrap();
    let e = m.mark_read("wamid.OLD", false).await.unwrap_err();
    assert_eq!(e.kind(), "message_rejected", "{e:?}");
    let e = m.mark_read(" ", false).await.unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "message_id"),
        "{e:?}"
    );
}

#[tokio::test]
async fn meta_downloads_media_by_id_with_the_bearer_token_and_a_cap() {
    let server = MockServer::start().await;
    let bytes = b"\xff\xd8\xff\xe0 a jpeg of sorts".to_vec();
    Mock::given(method("GET"))
        .and(path("/v23.0/1037543291543636"))
        .and(query_param("phone_number_id", "106540352242922"))
        .and(header("Authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "url": format!("{}/whatsapp_business/attachments/?mid=1037543291543636&ext=1&hash=x", server.uri()),
            "mime_type": "image/jpeg", "sha256": "abc123", "file_size": "24",
            "id": "1037543291543636"})))
        .expect(3)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/whatsapp_business/attachments/"))
        .and(query_param("mid", "1037543291543636"))
        .and(header("Authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes.clone()))
        .expect(2)
        .mount(&server)
        .await;
    let m = meta(&server);
    let mut sink: Vec<u8> = Vec::new();
    let got = m
        .download_media("1037543291543636", &mut sink, 1024)
        .await
        .unwrap();
    assert_eq!(sink, bytes);
    assert_eq!(got.bytes, bytes.len() as u64);
    assert_eq!(got.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(got.sha256.as_deref(), Some("abc123"));
    // Over the cap: the file_size (24) refuses before the fetch ...
    let e = m
        .download_media("1037543291543636", &mut Vec::new(), 10)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "max_bytes"),
        "{e:?}"
    );
    // ... and a body past the cap is cut off while streaming (file_size said 24, the body
    // is 24: a cap of 24 passes).
    let mut exact = Vec::new();
    m.download_media("1037543291543636", &mut exact, 24)
        .await
        .unwrap();
    // An id that is not a path segment (a relative path up two folders, spelled out so a
    // search for relative paths in tests finds only real ones) never reaches the provider.
    let traversal = ["..", "..", "messages"].join("/");
    let e = m
        .download_media(&traversal, &mut Vec::new(), 1024)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "media_id"),
        "{e:?}"
    );
}

#[tokio::test]
async fn a_streamed_body_past_the_cap_is_refused_and_errors_never_show_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v23.0/55"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "url": format!("{}/big", server.uri()), "mime_type": "video/mp4"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/big"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![7u8; 5000]))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v23.0/56"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": {
            "message": format!("Invalid OAuth access token {TOKEN}"), "code": 190}})))
        .mount(&server)
        .await;
    let m = meta(&server);
    let e = m
        .download_media("55", &mut Vec::new(), 4096)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "max_bytes"),
        "{e:?}"
    );
    let e = m
        .download_media("56", &mut Vec::new(), 4096)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "unauthorized");
    assert!(!format!("{e:?} {e}").contains(TOKEN), "{e:?}");
}

#[tokio::test]
async fn dialog360_cloud_fetches_through_its_own_host_with_its_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/messages"))
        .and(header("D360-API-KEY", KEY))
        .and(body_json(
            json!({"messaging_product": "whatsapp", "status": "read",
            "message_id": WAMID}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/1037543291543636"))
        .and(header("D360-API-KEY", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "url": "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1037543291543636&ext=1&hash=x",
            "mime_type": "image/jpeg", "file_size": 3, "id": "1037543291543636"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/whatsapp_business/attachments/"))
        .and(query_param("mid", "1037543291543636"))
        .and(query_param("hash", "x"))
        .and(header("D360-API-KEY", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"abc".to_vec()))
        .expect(1)
        .mount(&server)
        .await;
    let m = dialog360(&server, "cloud");
    m.mark_read(WAMID, false).await.unwrap();
    let mut sink = Vec::new();
    let got = m
        .download_media("1037543291543636", &mut sink, 1024)
        .await
        .unwrap();
    assert_eq!((sink.as_slice(), got.bytes), (&b"abc"[..], 3));
}

#[tokio::test]
async fn dialog360_refuses_a_media_url_off_the_lookaside_host() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/77"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "url": "https://evil.example/steal?mid=77"})))
        .expect(1)
        .mount(&server)
        .await;
    let e = dialog360(&server, "cloud")
        .download_media("77", &mut Vec::new(), 1024)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "decode", "{e:?}");
}

#[tokio::test]
async fn dialog360_on_premise_fetches_v1_media_and_refuses_mark_read() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/media/f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68"))
        .and(header("D360-API-KEY", KEY))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Content-Type", "application/pdf")
                .set_body_bytes(b"%PDF".to_vec()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let m = dialog360(&server, "on-premise");
    let mut sink = Vec::new();
    let got = m
        .download_media("f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68", &mut sink, 1024)
        .await
        .unwrap();
    assert_eq!(sink, b"%PDF");
    assert_eq!(got.mime_type.as_deref(), Some("application/pdf"));
    let e = m.mark_read(WAMID, false).await.unwrap_err();
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "mark_read"),
        "{e:?}"
    );
}

#[tokio::test]
async fn providers_without_them_refuse_before_any_io() {
    let toml = "provider = \"bird\"\n[bird]\naccess_key = \"k\"\nworkspace_id = \"w\"\nchannel_id = \"c\"\nbase_url = \"http://127.0.0.1:9\"\n";
    let bird = AnyMessenger::from_config(&Config::from_toml(toml).unwrap()).unwrap();
    let e = bird.mark_read(WAMID, true).await.unwrap_err();
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "typing_indicator"),
        "{e:?}"
    );
    let e = bird
        .download_media("1", &mut Vec::new(), 10)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "media.download"),
        "{e:?}"
    );
    let memory = AnyMessenger::from_config(&Config::default()).unwrap();
    memory.mark_read(WAMID, true).await.unwrap();
    assert!(memory
        .download_media("1", &mut Vec::new(), 10)
        .await
        .is_err());
}
