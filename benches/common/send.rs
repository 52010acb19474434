//! What `benches/compare.rs` and `benches/send_allocs.rs` share about sends: the message,
//! the messenger, and the raw reqwest baseline posting the same bytes. The including bench
//! declares `mod stand_ins` (`examples/stand_ins/`) beside it.

use std::time::Duration;
use switchboard::adapter::WireRequest;
use switchboard::{AnyMessenger, Config, OutboundMessage};

/// The example text message (`examples/messages/text.json`).
pub fn text_message() -> OutboundMessage {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/messages/text.json");
    OutboundMessage::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The Meta messenger of the contract suite's configuration, pointed at `base`.
pub fn meta_messenger(base: &str) -> AnyMessenger {
    let config = Config::from_toml(&crate::stand_ins::META.config_toml(base, "bench-key")).unwrap();
    AnyMessenger::from_config(&config).unwrap()
}

/// The body bytes `request` posts.
pub fn body_bytes(request: &WireRequest) -> Vec<u8> {
    request.json_bytes().expect("a JSON body").to_vec()
}

/// Raw reqwest posting a rendered request's bytes with its headers, on a client built as
/// switchboard's transport builds its own (`crates/switchboard/src/transport.rs`).
pub struct RawPost {
    client: reqwest::Client,
    url: String,
    headers: Vec<(String, String)>,
    body: hyper::body::Bytes,
}

impl RawPost {
    /// The baseline of sending `request`.
    pub fn of(request: &WireRequest) -> Self {
        RawPost {
            client: reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(5))
                .timeout(Duration::from_secs(30))
                .user_agent("switchboard/0.1.0")
                .build()
                .unwrap(),
            url: request.url.clone(),
            headers: request
                .headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.expose().to_string()))
                .collect(),
            body: body_bytes(request).into(),
        }
    }

    /// Posts the bytes and reads the whole answer.
    pub async fn send(&self) {
        let mut builder = self.client.post(&self.url);
        for (n, v) in &self.headers {
            builder = builder.header(n.as_str(), v.as_str());
        }
        let response = builder.body(self.body.clone()).send().await.unwrap();
        assert!(response.status().is_success());
        std::hint::black_box(response.bytes().await.unwrap());
    }
}
