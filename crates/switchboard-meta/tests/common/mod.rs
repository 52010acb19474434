//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;
use switchboard_core::{Adapter, Error, OutboundMessage, WireRequest};
use switchboard_meta::{MetaAdapter, MetaSettings};

/// The canary token: must never show in any printed form.
pub const TOKEN: &str = "CANARY-TOKEN-EAAG1234";
/// The canary App Secret.
pub const APP_SECRET: &str = "CANARY-APP-SECRET-5678";
/// The canary verify token.
pub const VERIFY_TOKEN: &str = "CANARY-VERIFY-9012";
/// The phone number id of the examples of `docs/providers/reference/meta-cloud.md`.
pub const PNID: &str = "106540352242922";

pub fn settings() -> MetaSettings {
    MetaSettings::new(TOKEN, PNID)
}

pub fn adapter() -> MetaAdapter {
    MetaAdapter::new(settings()).expect("valid settings")
}

/// An adapter that checks signatures and answers the handshake.
pub fn signing() -> MetaAdapter {
    MetaAdapter::new(
        settings()
            .with_app_secret(APP_SECRET)
            .with_verify_token(VERIFY_TOKEN),
    )
    .expect("valid settings")
}

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's example messages (`examples/messages/`), by name, embedded in the
/// test kit.
pub fn examples() -> Vec<(String, OutboundMessage)> {
    switchboard_testkit::messages::EXAMPLES
        .iter()
        .map(|m| {
            let message = m.parse().unwrap_or_else(|e| panic!("{}: {e}", m.name));
            (m.name.to_string(), message)
        })
        .collect()
}

pub fn example(name: &str) -> OutboundMessage {
    examples()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no example {name}"))
        .1
}

/// The schema errors of `body` against Meta's relaxed v23.0 `#/components/schemas/Message`,
/// `None` when the specs are absent (outside CI).
pub fn schema_errors(body: &Value) -> Option<Vec<String>> {
    switchboard_testkit::specs::cloud_message_errors(body)
}

/// Encodes with `adapter` and checks the body against Meta's schema.
pub fn render(adapter: &MetaAdapter, m: &OutboundMessage) -> Result<WireRequest, Error> {
    let request = adapter.encode(m)?;
    // The bytes posted are the body as serde_json prints a `Value` (keys sorted): the
    // typed encoder writes the bytes the `Value` encoder wrote (issue 16).
    assert_eq!(
        std::str::from_utf8(request.json_bytes().expect("a JSON body")).unwrap(),
        request.json().expect("a JSON body").to_string()
    );
    let body = request.json().expect("a JSON body");
    if let Some(errors) = schema_errors(&body) {
        assert!(
            errors.is_empty(),
            "not a Meta Message:\n{}\n{body:#}",
            errors.join("\n")
        );
    }
    Ok(request)
}
