//! The contract suite: provider-neutral cases written once ([`crate::messages::CASES`]), run
//! for an adapter against a loopback stand-in (a wiremock server on 127.0.0.1), checked
//! against the adapter crate's own expectations file.
//!
//! The expectations file (JSON) holds, for one provider column:
//! - `cases`: for each case either the exact request (`{"request": {"method", "path",
//!   "headers", "body"}}`), or the refusal (`{"unsupported": "<feature>"}`,
//!   `{"refused": "<error kind>"}`);
//! - `responses`: the provider's answers (`{"status", "headers"?, "body" | "body_text"}`) with
//!   the typed outcome each must produce (`expect`: an error kind, `retryable`,
//!   `retry_after_secs`; none: a receipt with `message_id`). `success`, `unauthorized`,
//!   `rate_limited`, `rate_limited_with_hint`, `window_closed`, `server_error` and `not_json`
//!   are required;
//! - `degrade`: for each case the column refuses as written, what it sends under the
//!   `degrade` fidelity policy (the request and the `degraded` report), or the refusal that
//!   stands. A case carried as written must be sent unchanged, with an empty report.
//!
//! [`PAST_LIMIT`](crate::messages::PAST_LIMIT) messages are refused for every column before
//! anything is sent. `SWITCHBOARD_BLESS=1` records missing or differing case requests into
//! the expectations file; a recorded request must then be reviewed against the provider's
//! reference.
//!
//! An adapter crate runs the whole suite from its own tests with [`crate::contract_suite!`]:
//!
//! ```ignore
//! // tests/contract.rs of the crate switchboard-acme (see crates/switchboard-bird/tests/contract.rs)
//! use switchboard_acme::AcmeAdapter;
//! use switchboard_testkit::contract::{Column, KEY};
//!
//! fn column() -> Column<AcmeAdapter> {
//!     let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/acme.json");
//!     Column::new("acme", file, |base, key| serde_json::json!({"api_key": key, "base_url": base}))
//!         .header("authorization", format!("Bearer {KEY}"))
//! }
//!
//! switchboard_testkit::contract_suite!(column());
//! ```

mod degrade;
pub mod memory;

pub use degrade::run_degraded;

use crate::stand_in::answer;
use serde_json::{json, Map, Value};
use std::marker::PhantomData;
use std::path::PathBuf;
use std::time::Duration;
use switchboard::adapter::ConfigurableAdapter;
use switchboard::{Error, HttpMessenger, HttpSettings, HttpTransport, Messenger, OutboundMessage};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The key every column is configured with; expected headers and bodies show it verbatim.
pub const KEY: &str = "contract-test-key";

/// Builds a column's configuration table (as its `[<name>]` TOML table reads, in JSON) for a
/// stand-in at `base` (`http://127.0.0.1:<port>`, no trailing slash) with `key`.
pub type TableFn = dyn Fn(&str, &str) -> Value + Send + Sync;

/// A provider column of the contract: an adapter in one configuration (a hosting), and its
/// expectations file.
pub struct Column<A> {
    name: String,
    expectations: PathBuf,
    table: Box<TableFn>,
    headers: Map<String, Value>,
    adapter: PhantomData<fn() -> A>,
}

impl<A> std::fmt::Debug for Column<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Column")
            .field("name", &self.name)
            .field("expectations", &self.expectations)
            .finish_non_exhaustive()
    }
}

impl<A: ConfigurableAdapter> Column<A> {
    /// The column `name`, checked against the expectations file at `expectations` (an
    /// absolute path: `concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/<name>.json")`),
    /// its adapter built with `A::from_table(&table(base, key))`, as the facade builds it
    /// from configuration.
    pub fn new(
        name: impl Into<String>,
        expectations: impl Into<PathBuf>,
        table: impl Fn(&str, &str) -> Value + Send + Sync + 'static,
    ) -> Self {
        let mut headers = Map::new();
        headers.insert("content-type".into(), json!("application/json"));
        Column {
            name: name.into(),
            expectations: expectations.into(),
            table: Box::new(table),
            headers,
            adapter: PhantomData,
        }
    }

    /// A header recorded (besides `content-type`) when a new case is blessed, typically the
    /// credentials header with [`KEY`]. Cases already in the file are compared with the
    /// headers they list.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers
            .insert(name.to_ascii_lowercase(), Value::String(value.into()));
        self
    }

    /// The column's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The expectations file's path.
    pub fn expectations_path(&self) -> &std::path::Path {
        &self.expectations
    }

    /// The expectations file, read.
    pub fn expectations(&self) -> Value {
        let path = &self.expectations;
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// A messenger for this column pointed at `base`, through the real HTTP transport with a
    /// `timeout_ms` timeout, a 1 s connect timeout and one connect retry.
    pub fn messenger(&self, base: &str, timeout_ms: u64) -> HttpMessenger<A> {
        let adapter = A::from_table(&(self.table)(base, KEY))
            .unwrap_or_else(|e| panic!("{}: the column's table: {e}", self.name));
        let transport = HttpTransport::new(HttpSettings {
            connect_timeout_ms: 1_000,
            timeout_ms,
            connect_retries: 1,
        })
        .expect("an HTTP client");
        HttpMessenger::new(adapter, transport)
    }

    /// The headers recorded when blessing a new case.
    pub(crate) fn default_headers(&self) -> Map<String, Value> {
        self.headers.clone()
    }
}

/// Runs `future` to completion on a current-thread runtime (the suite's tests are plain
/// `#[test]`s, so an adapter crate needs no async runtime of its own).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// The cases, parsed, in name order.
pub(crate) fn cases() -> Vec<(&'static str, OutboundMessage)> {
    crate::messages::CASES
        .iter()
        .map(|m| {
            let message = m.parse().unwrap_or_else(|e| panic!("case {}: {e}", m.name));
            (m.name, message)
        })
        .collect()
}

/// The case `name`, parsed.
pub(crate) fn case(name: &str) -> OutboundMessage {
    crate::messages::find(crate::messages::CASES, name)
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| panic!("no case {name}"))
}

pub(crate) async fn stand_in(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    server
}

/// The request as the expectations files write it.
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

pub(crate) fn blessing() -> bool {
    std::env::var_os("SWITCHBOARD_BLESS").is_some()
}

/// Every case sends the request its expectation lists (exactly one, with the success
/// answer giving its receipt), or is refused before anything is sent.
pub async fn run_cases<A: ConfigurableAdapter>(column: &Column<A>) {
    let bless = blessing();
    let mut file = column.expectations();
    let success = file["responses"]["success"].clone();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 30, "the cases are there");
    for (name, message) in &cases {
        let server = stand_in(answer(&success)).await;
        let messenger = column.messenger(&server.uri(), 5_000);
        let result = messenger.send(message).await;
        let received = server.received_requests().await.unwrap_or_default();
        let expected = file["cases"].get(*name).cloned();
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
                    .unwrap_or_else(|| column.default_headers());
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
        let path = column.expectations_path();
        expect(&mut file, "cases", name, got, bless, path, &mut failures);
    }
    finish(
        column.name(),
        column.expectations_path(),
        &file,
        bless,
        &failures,
        "contract",
    );
}

/// Compares `got` with `file[section][name]`: a difference or a missing entry is a
/// failure, unless blessing, which records `got` there.
pub(crate) fn expect(
    file: &mut Value,
    section: &str,
    name: &str,
    got: Value,
    bless: bool,
    path: &std::path::Path,
    failures: &mut Vec<String>,
) {
    match file[section].get(name) {
        Some(want) if *want == got => {}
        Some(want) if !bless => failures.push(format!(
            "{name} ({section}):\n  expected {}\n  got      {}",
            serde_json::to_string(want).unwrap(),
            serde_json::to_string(&got).unwrap()
        )),
        None if !bless => failures.push(format!(
            "{name}: no `{section}` expectation in {}",
            path.display()
        )),
        _ => {
            if !file[section].is_object() {
                file[section] = Value::Object(Default::default());
            }
            file[section][name] = got;
        }
    }
}

/// Writes the expectations file back when blessing, then fails with every failure listed.
pub(crate) fn finish(
    name: &str,
    path: &std::path::Path,
    file: &Value,
    bless: bool,
    failures: &[String],
    what: &str,
) {
    if bless {
        std::fs::write(path, serde_json::to_string_pretty(file).unwrap() + "\n").unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} {what} failure(s) for {name}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every answer of `responses` maps to its typed outcome, after exactly one request, and no
/// error shows the key.
pub async fn run_responses<A: ConfigurableAdapter>(column: &Column<A>) {
    let file = column.expectations();
    let message = case("text");
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
        let server = stand_in(answer(spec)).await;
        let messenger = column.messenger(&server.uri(), 5_000);
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

/// Every past-limit message is refused when it is read, naming the field and the limit, and
/// nothing reaches the provider.
pub async fn run_past_limits<A: ConfigurableAdapter>(column: &Column<A>) {
    let server = stand_in(ResponseTemplate::new(500)).await;
    let _messenger = column.messenger(&server.uri(), 5_000);
    check_past_limits();
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Every past-limit message is an [`Error::InvalidMessage`] naming its field and limit.
pub(crate) fn check_past_limits() {
    let mut count = 0;
    for m in crate::messages::PAST_LIMIT {
        match m.parse() {
            Err(Error::InvalidMessage { field, limit, .. }) => {
                assert!(!field.is_empty() && !limit.is_empty(), "{}", m.name);
            }
            other => panic!("{}: expected an invalid message, got {other:?}", m.name),
        }
        count += 1;
    }
    assert_eq!(count, 10);
}

/// A refused connection is a retryable [`Error::Transport`].
pub async fn run_connection_refused<A: ConfigurableAdapter>(column: &Column<A>) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let messenger = column.messenger(&format!("http://127.0.0.1:{port}"), 2_000);
    let mut message = case("reply_buttons");
    message.reply_to = None;
    let e = messenger.send(&message).await.unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert!(e.is_retryable());
}

/// An answer later than the timeout is an [`Error::UnknownOutcome`], not retryable, and
/// the request was sent once.
pub async fn run_slow_response<A: ConfigurableAdapter>(column: &Column<A>) {
    let file = column.expectations();
    let slow = answer(&file["responses"]["success"]).set_delay(Duration::from_millis(1_500));
    let server = stand_in(slow).await;
    let messenger = column.messenger(&server.uri(), 300);
    let e = messenger.send(&case("text")).await.unwrap_err();
    assert!(matches!(e, Error::UnknownOutcome { .. }), "{e:?}");
    assert!(!e.is_retryable());
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "no second request"
    );
}

/// The whole contract suite for a column, as `#[test]` functions: put it in an adapter
/// crate's `tests/contract.rs` with the column (a [`Column`] expression).
///
/// ```ignore
/// switchboard_testkit::contract_suite!(Column::<BirdAdapter>::new("bird", path, table));
/// ```
#[macro_export]
macro_rules! contract_suite {
    ($column:expr) => {
        #[test]
        fn every_case_sends_the_expected_request_or_is_refused() {
            $crate::contract::block_on($crate::contract::run_cases(&$column));
        }

        #[test]
        fn under_degrade_each_case_sends_its_closest_form_and_reports_it() {
            $crate::contract::block_on($crate::contract::run_degraded(&$column));
        }

        #[test]
        fn every_answer_maps_to_its_typed_outcome() {
            $crate::contract::block_on($crate::contract::run_responses(&$column));
        }

        #[test]
        fn past_limit_messages_never_reach_the_provider() {
            $crate::contract::block_on($crate::contract::run_past_limits(&$column));
        }

        #[test]
        fn a_refused_connection_is_a_retryable_transport_error() {
            $crate::contract::block_on($crate::contract::run_connection_refused(&$column));
        }

        #[test]
        fn a_timeout_after_sending_is_an_unknown_outcome_sent_once() {
            $crate::contract::block_on($crate::contract::run_slow_response(&$column));
        }
    };
}
