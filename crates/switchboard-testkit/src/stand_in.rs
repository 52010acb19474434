//! Support code shared by switchboard's runnable examples and cross-provider tests: loopback
//! stand-ins for the providers. Not published; users depend on the `switchboard` crate.
//!
//! A stand-in is a wiremock server on 127.0.0.1 that answers every request with its
//! provider's documented success answer (taken from `tests/contract/providers/`, the same
//! files the contract suite checks), and records what it received.

pub mod chaos;
pub mod loopback;

use serde_json::{json, Map, Value};
use switchboard::Config;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The README's Rust examples, compiled as doc tests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The template catalog of the example configuration (`examples/templates.toml`).
pub const EXAMPLE_TEMPLATES: &str = include_str!("../examples/templates.toml");

/// The credential stand-ins are configured with. It is not a secret, but printed requests
/// still show it as `***`, as every printed request does.
pub const STAND_IN_KEY: &str = "stand-in-key";

/// A column of the capability matrix: a provider in one hosting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 99digital.
    NinetyNineDigital,
    /// 360dialog, Cloud API.
    Dialog360Cloud,
    /// 360dialog, On-Premise API.
    Dialog360OnPremise,
    /// Bird Channels API.
    Bird,
    /// Meta's Cloud API, direct.
    Meta,
}

impl Column {
    /// Every column.
    pub const ALL: [Column; 5] = [
        Column::NinetyNineDigital,
        Column::Dialog360Cloud,
        Column::Dialog360OnPremise,
        Column::Bird,
        Column::Meta,
    ];

    /// The column's name (and its contract file's name).
    pub fn name(self) -> &'static str {
        match self {
            Column::NinetyNineDigital => "99digital",
            Column::Dialog360Cloud => "360dialog-cloud",
            Column::Dialog360OnPremise => "360dialog-on-premise",
            Column::Bird => "bird",
            Column::Meta => "meta",
        }
    }

    /// The contract file: expected requests and the provider's answers.
    pub fn contract(self) -> Value {
        let text = match self {
            Column::NinetyNineDigital => include_str!("../tests/contract/providers/99digital.json"),
            Column::Dialog360Cloud => {
                include_str!("../tests/contract/providers/360dialog-cloud.json")
            }
            Column::Dialog360OnPremise => {
                include_str!("../tests/contract/providers/360dialog-on-premise.json")
            }
            Column::Bird => include_str!("../tests/contract/providers/bird.json"),
            Column::Meta => include_str!("../tests/contract/providers/meta.json"),
        };
        serde_json::from_str(text).expect("the contract files are JSON")
    }

    /// The configuration (TOML) that points this column at `base`, with `key` as its
    /// credential and `extra` appended (for example an `[http]` table).
    pub fn config_toml(self, base: &str, key: &str) -> String {
        match self {
            Column::NinetyNineDigital => {
                format!("provider = \"99digital\"\n\n[99digital]\napi_key = \"{key}\"\nfrom = \"972771234567\"\nbase_url = \"{base}/\"\n")
            }
            Column::Dialog360Cloud => {
                format!("provider = \"360dialog\"\n\n[360dialog]\napi_key = \"{key}\"\nhosting = \"cloud\"\nbase_url = \"{base}\"\n")
            }
            // The namespace is the reference's example (section 3.9): On-Premise templates need one.
            Column::Dialog360OnPremise => format!(
                "provider = \"360dialog\"\n\n[360dialog]\napi_key = \"{key}\"\nhosting = \"on-premise\"\nbase_url = \"{base}\"\ntemplate_namespace = \"d8bcb6bd_2ab2_439c_9d9e_947501266c77\"\n"
            ),
            Column::Bird => format!(
                "provider = \"bird\"\n\n[bird]\naccess_key = \"{key}\"\nworkspace_id = \"ws-demo\"\nchannel_id = \"ch-demo\"\nbase_url = \"{base}\"\n"
            ),
            Column::Meta => format!(
                "provider = \"meta\"\n\n[meta]\naccess_token = \"{key}\"\nphone_number_id = \"106540352242922\"\nbase_url = \"{base}\"\n"
            ),
        }
    }
}

/// Turns a contract answer (`{"status", "headers"?, "body" | "body_text"}`) into a response.
pub fn answer(spec: &Value) -> ResponseTemplate {
    let status = spec["status"].as_u64().unwrap_or(200) as u16;
    let mut t = ResponseTemplate::new(status);
    if let Some(headers) = spec.get("headers").and_then(Value::as_object) {
        for (k, v) in headers {
            t = t.insert_header(k.as_str(), v.as_str().unwrap_or_default());
        }
    }
    match (spec.get("body"), spec.get("body_text")) {
        (Some(body), _) => t.set_body_raw(body.to_string(), "application/json"),
        (None, Some(text)) => {
            t.set_body_raw(text.as_str().unwrap_or_default().to_string(), "text/html")
        }
        (None, None) => t,
    }
}

/// A provider stand-in on loopback.
pub struct StandIn {
    /// Which provider it plays.
    pub column: Column,
    /// The server.
    pub server: MockServer,
}

impl StandIn {
    /// Starts a stand-in answering every request with the column's success answer.
    pub async fn start(column: Column) -> Self {
        Self::start_with(column, answer(&column.contract()["responses"]["success"])).await
    }

    /// Starts a stand-in answering every request with `response`.
    pub async fn start_with(column: Column, response: ResponseTemplate) -> Self {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(response)
            .mount(&server)
            .await;
        StandIn { column, server }
    }

    /// The configuration pointing at this stand-in.
    pub fn config_toml(&self) -> String {
        self.column.config_toml(&self.server.uri(), STAND_IN_KEY)
    }

    /// The example configuration pointing at this stand-in: `fidelity` (`"exact"` or
    /// `"degrade"`) and the example template catalog ([`EXAMPLE_TEMPLATES`]).
    pub fn example_config_toml(&self, fidelity: &str) -> String {
        format!(
            "fidelity = \"{fidelity}\"\n{}\n{EXAMPLE_TEMPLATES}",
            self.config_toml()
        )
    }

    /// The configuration pointing at this stand-in, parsed.
    pub fn config(&self) -> Config {
        Config::from_toml(&self.config_toml()).expect("stand-in config")
    }

    /// What the stand-in received, each request as `{"method", "path", "headers", "body"}`
    /// with the credential shown as `***`. Only the headers a provider cares about are kept.
    pub async fn received(&self) -> Vec<Value> {
        let requests = self.server.received_requests().await.unwrap_or_default();
        requests
            .iter()
            .map(|r| {
                let mut headers = Map::new();
                for name in ["content-type", "authorization", "d360-api-key"] {
                    if let Some(v) = r.headers.get(name).and_then(|v| v.to_str().ok()) {
                        headers.insert(name.into(), Value::String(v.replace(STAND_IN_KEY, "***")));
                    }
                }
                let mut body: Value = serde_json::from_slice(&r.body)
                    .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&r.body).into_owned()));
                if let Some(k) = body.get_mut("apiKey") {
                    *k = Value::String("***".into());
                }
                json!({"method": r.method.as_str(), "path": r.url.path(), "headers": headers, "body": body})
            })
            .collect()
    }
}
