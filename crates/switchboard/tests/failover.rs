//! Failover between routes against loopback stand-ins: it moves on only on errors that
//! prove nothing was accepted, never after an unknown outcome; the receipt names the
//! provider that accepted. Also the `routes` and `[rate]` configuration.
#![cfg(all(feature = "360dialog", feature = "bird"))]

use serde_json::Value;
use switchboard::{Config, Error, Messenger, OutboundMessage, Provider, RoutedMessenger};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The documented answer `case` of provider `name`: copies of the `responses` of the
/// adapters' contract expectations files
/// (`crates/switchboard-360dialog/tests/contract/360dialog-cloud.json`,
/// `crates/switchboard-bird/tests/contract/bird.json`), without their notes.
fn answer(name: &str, case: &str) -> ResponseTemplate {
    let spec = match (name, case) {
        ("360dialog", "success") => {
            r#"{"body":{"contacts":[{"input":"972501234567","wa_id":"972501234567"}],"messages":[{"id":"wamid.HBgMOTcyNTAxMjM0NTY3FQIAERgSQzM2MENPTlRSQUNUVEVTVDAxAA=="}],"messaging_product":"whatsapp"},"status":200}"#
        }
        ("360dialog", "unauthorized") => {
            r#"{"body":{"meta":{"developerMessage":"Invalid api_key or token expired","httpCode":404,"success":false}},"status":401}"#
        }
        ("360dialog", "stack_not_running") => {
            r#"{"body":{"meta":{"developer_message":"WhatsApp Business API stack is not running","http_code":502,"success":false}},"status":502}"#
        }
        ("360dialog", "rate_limited_with_hint") => {
            r#"{"body":{"error":{"code":4,"error_subcode":2446079,"error_user_msg":"Too many requests have been made. Please wait and try again later.","error_user_title":"Rate Limit Exceeded","fbtrace_id":"AQxcontract360trace","is_transient":true,"message":"Application request limit reached","type":"OAuthException"}},"headers":{"Retry-After":"30"},"status":429}"#
        }
        ("360dialog", "window_closed") => {
            r#"{"body":{"error":{"code":131047,"error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number.","messaging_product":"whatsapp"},"fbtrace_id":"AQxcontract360trace","message":"(#131047) Re-engagement message","type":"OAuthException"}},"status":400}"#
        }
        ("bird", "success") => {
            r#"{"body":{"body":{"text":{"text":"Hello from switchboard"},"type":"text"},"channelId":"8e0b2c4d-6f1a-4b3c-9d5e-7f0a1b2c3d4e","createdAt":"2025-03-30T12:35:00.300Z","direction":"outgoing","id":"0f2c5e8a-3b1d-4c7e-9a26-5d8e1f3a4b6c","lastStatusAt":"2025-03-30T12:35:00.512Z","receiver":{"contacts":[{"id":"c0ffee00-1111-4222-8333-944455556666","identifierKey":"phonenumber","identifierValue":"+972501234567"}]},"reference":"","sender":{"connector":{"id":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d","identifierValue":"+31201234567"}},"status":"accepted","updatedAt":"2025-03-30T12:35:00.512Z"},"status":202}"#
        }
        other => panic!("no answer {other:?}"),
    };
    switchboard_testkit::answer(&serde_json::from_str::<Value>(spec).unwrap())
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
    // 360dialog: gateway 401 (`docs/providers/reference/360dialog.md` section 6.2), 502 "stack not running" (retry), and a 429 asking
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
