//! Loopback provider stand-ins: a wiremock server on 127.0.0.1 that answers every request
//! with one answer (a provider's documented answer, written as in a contract expectations
//! file) and records what it received.

use serde_json::{json, Map, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The credential stand-ins are configured with. It is not a secret, but
/// [`StandIn::received`] still shows it as `***`, as every printed request does.
pub const STAND_IN_KEY: &str = "stand-in-key";

/// Turns an answer as the contract expectations files write it
/// (`{"status", "headers"?, "body" | "body_text"}`) into a response.
///
/// ```
/// let answer = serde_json::json!({"status": 429, "headers": {"Retry-After": "7"}, "body": {}});
/// let _response = switchboard_testkit::answer(&answer);
/// ```
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
    /// The server.
    pub server: MockServer,
}

impl StandIn {
    /// Starts a stand-in answering every request with `spec` (see [`answer`]), typically a
    /// provider's documented success answer.
    pub async fn start(spec: &Value) -> Self {
        Self::start_with(answer(spec)).await
    }

    /// Starts a stand-in answering every request with `response`.
    pub async fn start_with(response: ResponseTemplate) -> Self {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(response)
            .mount(&server)
            .await;
        StandIn { server }
    }

    /// The stand-in's base URL (`http://127.0.0.1:<port>`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// What the stand-in received, each request as `{"method", "path", "headers", "body"}`
    /// with [`STAND_IN_KEY`] shown as `***`. Only the headers a provider cares about are kept.
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
