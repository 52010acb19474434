//! Shared helpers of the 99digital tests.
#![allow(dead_code)]

use serde_json::Value;
use switchboard_99digital::NinetyNineDigitalAdapter;
use switchboard_99digital::NinetyNineDigitalSettings;
use switchboard_core::{Adapter, Error, OutboundMessage, SecretString, WireRequest};

/// The canary API key: it must never show in Debug, errors or `redacted()`.
pub const KEY: &str = "CANARY-KEY-1234";
/// The account number.
pub const FROM: &str = "972771234567";

pub fn adapter_at(base_url: Option<String>) -> NinetyNineDigitalAdapter {
    NinetyNineDigitalAdapter::new(NinetyNineDigitalSettings {
        api_key: SecretString::from(KEY),
        from: FROM.parse().expect("valid number"),
        base_url,
    })
    .expect("valid settings")
}

pub fn adapter() -> NinetyNineDigitalAdapter {
    adapter_at(None)
}

/// A message from its JSON form.
pub fn message(json: Value) -> OutboundMessage {
    serde_json::from_value(json).expect("valid message")
}

pub fn encode(json: Value) -> Result<WireRequest, Error> {
    adapter().encode(&message(json))
}

/// The `Unsupported` feature of an error, or a panic naming the error.
pub fn unsupported_feature(err: Error) -> String {
    match err {
        Error::Unsupported {
            feature, reason, ..
        } => {
            assert!(!reason.is_empty());
            feature
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
}
