//! The contract suite's machinery: one loopback provider stand-in per case, the expected
//! requests and answers read from `providers/<column>.json`.

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;
use switchboard::{AnyMessenger, Config, Error, Messenger, OutboundMessage};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The key every column is configured with; expected headers/bodies show it verbatim.
pub const KEY: &str = "contract-test-key";

pub use switchboard_workspace::Column;

/// The configuration pointing `column` at `base` (the stand-in's URL).
pub(crate) fn config(column: Column, base: &str, timeout_ms: u64) -> Config {
    let text = format!(
        "{}[http]\ntimeout_ms = {timeout_ms}\nconnect_timeout_ms = 1000\nconnect_retries = 1\n",
        column.config_toml(base, KEY)
    );
    Config::from_toml(&text).expect("contract config")
}

pub(crate) fn contract_path(column: Column) -> PathBuf {
    dir()
        .join("providers")
        .join(format!("{}.json", column.name()))
}

pub(crate) fn expectations(column: Column) -> Value {
    let path = contract_path(column);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contract")
}

pub(crate) fn messages(sub: &str) -> Vec<(String, OutboundMessage)> {
    let mut out: Vec<_> = std::fs::read_dir(dir().join(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            (name, text)
        })
        .filter_map(|(name, text)| OutboundMessage::from_json(&text).ok().map(|m| (name, m)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

pub(crate) fn response(spec: &Value) -> ResponseTemplate {
    switchboard_workspace::answer(spec)
}

pub(crate) async fn stand_in(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    server
}

/// The request as the contract files write it.
pub(crate) fn observed(req: &Request, expected_headers: Option<&Map<String, Value>>) -> Value {
    let mut headers = Map::new();
    if let Some(expected) = expected_headers {
        for name in expected.keys() {
            if let Some(v) = req.headers.get(name.as_str()) {
                headers.insert(
                    name.clone(),
                    Value::String(v.to_str().unwrap_or_default().to_string()),
                );
            }
        }
    }
    let body: Value = serde_json::from_slice(&req.body)
        .unwrap_or(Value::String(String::from_utf8_lossy(&req.body).into()));
    if body.is_object() {
        // The bytes on the wire are the body as serde_json prints a `Value` (keys sorted,
        // no spaces): the typed encoders write the bytes the `Value` encoders wrote
        // (issue 16), not only the same JSON.
        assert_eq!(
            String::from_utf8_lossy(&req.body),
            body.to_string(),
            "the wire bytes are the canonical form of the body"
        );
    }
    json!({"method": req.method.as_str(), "path": req.url.path(), "headers": headers, "body": body})
}

pub(crate) fn default_headers(column: Column) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("content-type".into(), json!("application/json"));
    match column {
        Column::Dialog360Cloud | Column::Dialog360OnPremise => {
            m.insert("d360-api-key".into(), json!(KEY));
        }
        Column::Bird => {
            m.insert("authorization".into(), json!(format!("AccessKey {KEY}")));
        }
        Column::Meta => {
            m.insert("authorization".into(), json!(format!("Bearer {KEY}")));
        }
        Column::NinetyNineDigital => {}
    }
    m
}

pub async fn run_cases(column: Column) {
    let bless = std::env::var_os("SWITCHBOARD_BLESS").is_some();
    let mut file = expectations(column);
    let success = file["responses"]["success"].clone();
    let mut failures = Vec::new();
    let cases = messages("cases");
    assert!(cases.len() >= 30, "the case files are there");
    for (name, message) in &cases {
        let server = stand_in(response(&success)).await;
        let messenger = AnyMessenger::from_config(&config(column, &server.uri(), 5_000)).unwrap();
        let result = messenger.send(message).await;
        let received = server.received_requests().await.unwrap_or_default();
        let expected = file["cases"].get(name.as_str()).cloned();
        let got = match &result {
            Err(Error::Unsupported { feature, .. }) => {
                if !received.is_empty() {
                    failures.push(format!(
                        "{name}: refused as unsupported but {} request(s) reached the provider",
                        received.len()
                    ));
                }
                json!({"unsupported": feature})
            }
            Err(e) if received.is_empty() => json!({"refused": e.kind()}),
            _ => {
                if received.len() != 1 {
                    failures.push(format!(
                        "{name}: {} requests reached the provider, expected 1",
                        received.len()
                    ));
                    continue;
                }
                let headers = expected
                    .as_ref()
                    .and_then(|e| e["request"]["headers"].as_object().cloned())
                    .unwrap_or_else(|| default_headers(column));
                let req = observed(&received[0], Some(&headers));
                match &result {
                    Ok(receipt) => {
                        let want = success["message_id"].as_str().unwrap_or_default();
                        if receipt.message_id() != Some(want) {
                            failures.push(format!(
                                "{name}: receipt id {:?}, expected {want:?}",
                                receipt.message_id()
                            ));
                        }
                    }
                    Err(e) => failures.push(format!("{name}: the success answer gave {e}")),
                }
                json!({"request": req})
            }
        };
        match expected {
            Some(want) if want == got => {}
            Some(want) if !bless => failures.push(format!(
                "{name}:\n  expected {}\n  got      {}",
                serde_json::to_string(&want).unwrap(),
                serde_json::to_string(&got).unwrap()
            )),
            None if !bless => failures.push(format!(
                "{name}: no expectation in {}",
                contract_path(column).display()
            )),
            _ => {
                file["cases"][name.as_str()] = got;
            }
        }
    }
    finish(column, &file, bless, &failures, "contract");
}

/// Writes the provider file back when blessing, then fails with every failure listed.
pub(crate) fn finish(column: Column, file: &Value, bless: bool, failures: &[String], what: &str) {
    if bless {
        std::fs::write(
            contract_path(column),
            serde_json::to_string_pretty(file).unwrap() + "\n",
        )
        .unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} {what} failure(s) for {}:\n{}",
        failures.len(),
        column.name(),
        failures.join("\n")
    );
}

pub async fn run_responses(column: Column) {
    let file = expectations(column);
    let message = OutboundMessage::from_json(
        &std::fs::read_to_string(dir().join("cases/text.json")).unwrap(),
    )
    .unwrap();
    let mut failures = Vec::new();
    let answers = file["responses"].as_object().expect("responses");
    for required in [
        "success",
        "unauthorized",
        "rate_limited",
        "rate_limited_with_hint",
        "window_closed",
        "server_error",
        "not_json",
    ] {
        assert!(
            answers.contains_key(required),
            "{}: no `{required}` answer",
            column.name()
        );
    }
    for (name, spec) in answers {
        let server = stand_in(response(spec)).await;
        let messenger = AnyMessenger::from_config(&config(column, &server.uri(), 5_000)).unwrap();
        let result = messenger.send(&message).await;
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            1,
            "{name}: exactly one request, never a retry"
        );
        match (spec.get("expect").and_then(Value::as_str), result) {
            (None, Ok(receipt)) => {
                if receipt.message_id() != spec["message_id"].as_str() {
                    failures.push(format!("{name}: receipt {receipt:?}"));
                }
            }
            (Some(kind), Err(e)) => {
                if e.kind() != kind {
                    failures.push(format!("{name}: expected {kind}, got {} ({e})", e.kind()));
                }
                if let Some(r) = spec.get("retryable").and_then(Value::as_bool) {
                    if e.is_retryable() != r {
                        failures.push(format!("{name}: retryable should be {r}: {e}"));
                    }
                }
                if let Some(secs) = spec.get("retry_after_secs") {
                    let got = match &e {
                        Error::RateLimited { retry_after, .. } => retry_after.map(|d| d.as_secs()),
                        _ => None,
                    };
                    if got != secs.as_u64() {
                        failures.push(format!("{name}: retry_after {got:?}, expected {secs}"));
                    }
                }
                if e.to_string().contains(KEY) || format!("{e:?}").contains(KEY) {
                    failures.push(format!("{name}: the key shows in the error"));
                }
            }
            (want, got) => failures.push(format!("{name}: expected {want:?}, got {got:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{}:\n{}",
        column.name(),
        failures.join("\n")
    );
}

pub async fn run_past_limits(column: Column) {
    let server = stand_in(ResponseTemplate::new(500)).await;
    let _messenger = AnyMessenger::from_config(&config(column, &server.uri(), 5_000)).unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(dir().join("past_limit")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        match OutboundMessage::from_json(&text) {
            Err(Error::InvalidMessage { field, limit, .. }) => {
                assert!(!field.is_empty() && !limit.is_empty(), "{}", path.display());
            }
            other => panic!(
                "{}: expected an invalid message, got {other:?}",
                path.display()
            ),
        }
        count += 1;
    }
    assert_eq!(count, 10);
    assert!(server.received_requests().await.unwrap().is_empty());
}

pub async fn run_connection_refused(column: Column) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let messenger =
        AnyMessenger::from_config(&config(column, &format!("http://127.0.0.1:{port}"), 2_000))
            .unwrap();
    let message = OutboundMessage::from_json(
        &std::fs::read_to_string(dir().join("cases/reply_buttons.json")).unwrap(),
    )
    .unwrap()
    .reply_to_cleared();
    let e = messenger.send(&message).await.unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert!(e.is_retryable());
}

pub async fn run_slow_response(column: Column) {
    let file = expectations(column);
    let slow = response(&file["responses"]["success"]).set_delay(Duration::from_millis(1_500));
    let server = stand_in(slow).await;
    let messenger = AnyMessenger::from_config(&config(column, &server.uri(), 300)).unwrap();
    let message = OutboundMessage::from_json(
        &std::fs::read_to_string(dir().join("cases/text.json")).unwrap(),
    )
    .unwrap();
    let e = messenger.send(&message).await.unwrap_err();
    assert!(matches!(e, Error::UnknownOutcome { .. }), "{e:?}");
    assert!(!e.is_retryable());
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "no second request"
    );
}

trait ClearReply {
    fn reply_to_cleared(self) -> Self;
}

impl ClearReply for OutboundMessage {
    fn reply_to_cleared(mut self) -> Self {
        self.reply_to = None;
        self
    }
}
