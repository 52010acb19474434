//! The transport's outcomes against a loopback server: what was sent, timeouts as unknown
//! outcomes without a second request, refused connections as retryable transport errors.

use serde_json::json;
use std::time::Duration;
use switchboard::adapter::{SecretString, WireRequest};
use switchboard::{Error, HttpSettings, HttpTransport, Provider};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn settings(timeout_ms: u64) -> HttpSettings {
    HttpSettings {
        connect_timeout_ms: 500,
        timeout_ms,
        connect_retries: 1,
    }
}

#[tokio::test]
async fn sends_method_path_headers_and_json_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/messages"))
        .and(header("D360-API-KEY", "CANARY-KEY"))
        .and(header("Content-Type", "application/json"))
        .and(body_json(json!({"a": 1})))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_string("{\"ok\":true}")
                .insert_header("Retry-After", "7"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let t = HttpTransport::new(settings(2_000)).unwrap();
    let req = WireRequest::post_json(
        "messages",
        format!("{}/messages", server.uri()),
        json!({"a": 1}),
    )
    .secret_header("D360-API-KEY", SecretString::from("CANARY-KEY"));
    let resp = t.execute(Provider::new("360dialog"), &req).await.unwrap();
    assert_eq!(resp.status, 201);
    assert_eq!(resp.body, b"{\"ok\":true}");
    assert_eq!(resp.retry_after(), Some(Duration::from_secs(7)));
}

#[tokio::test]
async fn a_timeout_after_sending_is_an_unknown_outcome_and_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(1_500)))
        .expect(1)
        .mount(&server)
        .await;
    let t = HttpTransport::new(settings(300)).unwrap();
    let req = WireRequest::post_json("messages", server.uri(), json!({}));
    let e = t.execute(Provider::new("bird"), &req).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::UnknownOutcome { provider, .. } if provider == Provider::new("bird")
        ),
        "{e:?}"
    );
    assert!(!e.is_retryable());
    // `expect(1)` is verified when the server drops: exactly one request arrived.
}

#[tokio::test]
async fn a_refused_connection_is_a_retryable_transport_error() {
    // Bind then drop a listener: the port is closed on loopback.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let t = HttpTransport::new(settings(1_000)).unwrap();
    let req = WireRequest::post_json("messages", format!("http://127.0.0.1:{port}/x"), json!({}));
    let e = t
        .execute(Provider::new("99digital"), &req)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert!(e.is_retryable());
}

#[tokio::test]
async fn a_bad_url_is_a_configuration_error() {
    let t = HttpTransport::new(settings(1_000)).unwrap();
    let req = WireRequest::post_json("messages", "not a url", json!({}));
    assert!(matches!(
        t.execute(Provider::new("bird"), &req).await,
        Err(Error::Configuration { .. })
    ));
}
