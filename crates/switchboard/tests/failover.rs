//! Failover between routes against loopback stand-ins: it moves on only on errors that
//! prove nothing was accepted, never after an unknown outcome; the receipt names the
//! provider that accepted. Also the `routes` and `[rate]` configuration.
#![cfg(all(feature = "360dialog", feature = "bird"))]

use serde_json::Value;
use switchboard::{Config, Error, Messenger, OutboundMessage, Provider, RoutedMessenger};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn contract(name: &str) -> Value {
    let text = match name {
        "bird" => include_str!("../../../tests/contract/providers/bird.json"),
        _ => include_str!("../../../tests/contract/providers/360dialog-cloud.json"),
    };
    serde_json::from_str(text).unwrap()
}

/// The documented answer `case` of provider `name`, from the contract files.
fn answer(name: &str, case: &str) -> ResponseTemplate {
    let spec = &contract(name)["responses"][case];
    let mut t = ResponseTemplate::new(spec["status"].as_u64().unwrap() as u16);
    if let Some(headers) = spec.get("headers").and_then(Value::as_object) {
        for (k, v) in headers {
            t = t.insert_header(k.as_str(), v.as_str().unwrap());
        }
    }
    match (spec.get("body"), spec.get("body_text")) {
        (Some(body), _) => t.set_body_raw(body.to_string(), "application/json"),
        (None, Some(text)) => t.set_body_raw(text.as_str().unwrap().to_string(), "text/html"),
        (None, None) => t,
    }
}

async fn stand_in(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// An address on loopback where nothing listens: connections are refused.
fn refusing() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

fn two_routes(first: &str, dialog_base: &str, bird_base: &str, extra: &str) -> Config {
    let second = if first == "bird" { "360dialog" } else { "bird" };
    Config::from_toml(&format!(
        r#"routes = ["{first}", "{second}"]

[360dialog]
api_key = "k-360"
base_url = "{dialog_base}"

[bird]
access_key = "k-bird"
workspace_id = "ws-1"
channel_id = "ch-1"
base_url = "{bird_base}"

[http]
connect_timeout_ms = 500
timeout_ms = 400
connect_retries = 0
{extra}"#
    ))
    .unwrap()
}

fn text(i: usize) -> OutboundMessage {
    OutboundMessage::text("+972501234567".parse().unwrap(), format!("message {i}")).unwrap()
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_primary_refusing_connections_sends_everything_through_the_secondary() {
    let bird = stand_in(answer("bird", "success")).await;
    let config = two_routes("360dialog", &refusing(), &bird.uri(), "");
    let routed = RoutedMessenger::from_config(&config).unwrap();
    for i in 0..20 {
        let receipt = routed.send(&text(i)).await.unwrap();
        assert_eq!(receipt.provider, Provider::new("bird"));
        assert_eq!(
            receipt.message_id(),
            Some("0f2c5e8a-3b1d-4c7e-9a26-5d8e1f3a4b6c")
        );
    }
    let requests = bird.received_requests().await.unwrap();
    assert_eq!(requests.len(), 20);
    let body: Value = serde_json::from_slice(&requests[7].body).unwrap();
    assert_eq!(body["body"]["text"]["text"], "message 7");
    assert_eq!(
        requests[7].url.path(),
        "/workspaces/ws-1/channels/ch-1/messages"
    );
}

#[tokio::test]
async fn a_primary_that_times_out_yields_unknown_outcomes_not_failover() {
    let slow =
        stand_in(answer("360dialog", "success").set_delay(std::time::Duration::from_millis(2_000)))
            .await;
    let bird = stand_in(answer("bird", "success")).await;
    let config = two_routes("360dialog", &slow.uri(), &bird.uri(), "");
    let routed = RoutedMessenger::from_config(&config).unwrap();
    for i in 0..3 {
        let e = routed.send(&text(i)).await.unwrap_err();
        assert!(
            matches!(
                e,
                Error::UnknownOutcome { provider, .. } if provider == Provider::new("360dialog")
            ),
            "{e:?}"
        );
    }
    assert_eq!(received(&slow).await, 3);
    assert_eq!(received(&bird).await, 0);
}

#[tokio::test]
async fn errors_that_prove_nothing_was_accepted_fail_over() {
    // 360dialog: gateway 401 (reference 6.2), 502 "stack not running" (retry), and a 429 asking
    // for a wait past max_wait_ms.
    for case in [
        "unauthorized",
        "stack_not_running",
        "rate_limited_with_hint",
    ] {
        let primary = stand_in(answer("360dialog", case)).await;
        let bird = stand_in(answer("bird", "success")).await;
        let config = two_routes(
            "360dialog",
            &primary.uri(),
            &bird.uri(),
            "[rate]\nmax_wait_ms = 0\n",
        );
        let routed = RoutedMessenger::from_config(&config).unwrap();
        let receipt = routed.send(&text(1)).await.unwrap();
        assert_eq!(receipt.provider, Provider::new("bird"), "{case}");
        assert_eq!(received(&primary).await, 1, "{case}");
        assert_eq!(received(&bird).await, 1, "{case}");
    }
}

#[tokio::test]
async fn a_refusal_about_the_message_is_returned_without_failover() {
    let primary = stand_in(answer("360dialog", "window_closed")).await;
    let bird = stand_in(answer("bird", "success")).await;
    let config = two_routes("360dialog", &primary.uri(), &bird.uri(), "");
    let routed = RoutedMessenger::from_config(&config).unwrap();
    let e = routed.send(&text(1)).await.unwrap_err();
    assert_eq!(e.kind(), "window_closed");
    assert_eq!(received(&bird).await, 0);
}

#[tokio::test]
async fn a_message_goes_to_the_first_route_that_can_carry_it() {
    let dialog = stand_in(answer("360dialog", "success")).await;
    let bird = stand_in(answer("bird", "success")).await;
    let config = two_routes("bird", &dialog.uri(), &bird.uri(), "");
    let routed = RoutedMessenger::from_config(&config).unwrap();
    // Bird carries no button footer (docs/providers.md, `buttons.footer`); 360dialog does.
    let with_footer = OutboundMessage::from_json(
        r#"{"to": "+972501234567", "buttons": {"body": "Confirm?", "footer": "Reply to confirm",
            "buttons": [{"id": "yes", "title": "Yes"}]}}"#,
    )
    .unwrap();
    let receipt = routed.send(&with_footer).await.unwrap();
    assert_eq!(receipt.provider, Provider::new("360dialog"));
    let rendered = routed.render(&with_footer).unwrap();
    assert_eq!(rendered.url, format!("{}/messages", dialog.uri()));
    // Plain text goes to the first route.
    assert_eq!(
        routed.send(&text(2)).await.unwrap().provider,
        Provider::new("bird")
    );
    assert_eq!(received(&bird).await, 1);
    assert_eq!(received(&dialog).await, 1);
}

#[test]
fn routes_without_provider_take_the_first_route() {
    let config = two_routes("bird", "http://127.0.0.1:1", "http://127.0.0.1:2", "");
    assert_eq!(config.provider, Provider::new("bird"));
    assert_eq!(
        config.routes,
        vec![Provider::new("bird"), Provider::new("360dialog")]
    );
}

#[test]
fn a_route_without_its_table_is_a_configuration_error() {
    let e = Config::from_toml("routes = [\"360dialog\", \"bird\"]\n[360dialog]\napi_key = \"k\"\n")
        .unwrap_err();
    assert_eq!(e.kind(), "configuration");
    assert!(e.to_string().contains("no [bird] table"), "{e}");
}

#[test]
fn rate_tables_merge_per_route_and_read_the_environment() {
    let text = "provider = \"memory\"\n[rate]\nper_second = 50\nconcurrency = 8\n[rate.bird]\nper_second = 500\n";
    let config = Config::from_toml_with_env(
        text,
        [("SWITCHBOARD_RATE_BURST".to_string(), "5".to_string())],
    )
    .unwrap();
    let default = config.rate.for_route("360dialog");
    assert_eq!(
        (default.per_second, default.burst, default.concurrency),
        (Some(50), 5, 8)
    );
    let bird = config.rate.for_route("bird");
    assert_eq!(
        (bird.per_second, bird.burst, bird.concurrency),
        (Some(500), 5, 8)
    );
    assert_eq!(bird.max_wait_ms, 60_000);
}

#[test]
fn bad_rate_settings_name_the_setting() {
    for (text, needle) in [
        (
            "[rate]\nper_second = 0\n",
            "`rate.per_second` must be a whole number from 1",
        ),
        ("[rate.bird]\nconcurrency = 0\n", "`rate.bird.concurrency`"),
        (
            "[rate.birds]\nper_second = 3\n",
            "[rate.birds] names no provider",
        ),
        ("[rate]\nper_secnd = 3\n", "per_secnd"),
        (
            "[rate]\nper_second = \"fast\"\n",
            "expected a whole number, got \"fast\"",
        ),
    ] {
        let e = Config::from_toml(&format!("provider = \"memory\"\n{text}")).unwrap_err();
        assert_eq!(e.kind(), "configuration");
        assert!(e.to_string().contains(needle), "{e} lacks {needle}");
    }
}
