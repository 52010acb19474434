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
    assert_refused_chain(&e);
}

/// `e`'s `source()` is reqwest's own error, and its chain goes down to the refused
/// connection's `std::io::Error`.
fn assert_refused_chain(e: &Error) {
    use std::error::Error as _;
    let reqwest = e
        .source()
        .and_then(|s| s.downcast_ref::<reqwest::Error>())
        .unwrap_or_else(|| panic!("reqwest's error as the source: {e:?}"));
    assert!(reqwest.is_connect(), "{reqwest:?}");
    let mut chain = Vec::new();
    let mut next = e.source();
    while let Some(cause) = next {
        chain.push(cause.to_string());
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            assert_eq!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused,
                "{chain:?}"
            );
            return;
        }
        next = cause.source();
    }
    panic!("no std::io::Error in the chain {chain:?}");
}

#[cfg(feature = "360dialog")]
#[tokio::test]
async fn a_refused_send_keeps_the_chain_through_the_messenger() {
    use switchboard::{AnyMessenger, Config, Messenger, OutboundMessage};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let toml = format!(
        "provider = \"360dialog\"\n[360dialog]\napi_key = \"CANARY-KEY-7\"\nbase_url = \"http://127.0.0.1:{port}\"\n[http]\nconnect_retries = 0\n"
    );
    let messenger = AnyMessenger::from_config(&Config::from_toml(&toml).unwrap()).unwrap();
    let message =
        OutboundMessage::from_json(r#"{"to": "+4915112345678", "text": {"body": "hi"}}"#).unwrap();
    let e = messenger.send(&message).await.unwrap_err();
    assert_eq!(e.kind(), "transport", "{e:?}");
    // The secrets scrub keeps the source: reqwest's error shows no key.
    assert_refused_chain(&e);
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
