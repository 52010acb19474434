//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use switchboard_360dialog::Dialog360Adapter;
use switchboard_360dialog::{Dialog360Settings, Hosting};
use switchboard_core::{Adapter, Error, OutboundMessage, WireRequest};

/// The canary key: must never show in any printed form.
pub const KEY: &str = "CANARY-KEY-1234";

pub fn cloud() -> Dialog360Adapter {
    Dialog360Adapter::new(Dialog360Settings::new(KEY)).expect("valid settings")
}

pub fn on_premise() -> Dialog360Adapter {
    Dialog360Adapter::new(Dialog360Settings::new(KEY).with_hosting(Hosting::OnPremise))
        .expect("valid settings")
}

/// On-Premise with a default template namespace in the settings.
pub fn on_premise_ns() -> Dialog360Adapter {
    Dialog360Adapter::new(
        Dialog360Settings::new(KEY)
            .with_hosting(Hosting::OnPremise)
            .with_template_namespace("d8bcb6bd_2ab2_439c_9d9e_947501266c77"),
    )
    .expect("valid settings")
}

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a message: `<name>` of the repository's example messages (embedded in the test
/// kit), else `tests/messages/<name>`.
pub fn message(name: &str) -> OutboundMessage {
    use switchboard_testkit::messages::{find, EXAMPLES};
    if let Some(example) = find(EXAMPLES, name.trim_end_matches(".json")) {
        return OutboundMessage::from_json(example.json)
            .unwrap_or_else(|e| panic!("example {name}: {e}"));
    }
    let path = crate_dir().join("tests/messages").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    OutboundMessage::from_json(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Encodes with `adapter`; Cloud bodies are checked against Meta's schema.
pub fn render(adapter: &Dialog360Adapter, m: &OutboundMessage) -> Result<WireRequest, Error> {
    let request = adapter.encode(m)?;
    // The bytes posted are the body as serde_json prints a `Value` (keys sorted): the
    // typed encoder writes the bytes the `Value` encoder wrote (issue 16).
    assert_eq!(
        std::str::from_utf8(request.json_bytes().expect("a JSON body")).unwrap(),
        request.json().expect("a JSON body").to_string()
    );
    if adapter.hosting() == Hosting::Cloud {
        assert_cloud_schema(&request.json().expect("a JSON body"));
    }
    Ok(request)
}

/// The specs folder (`switchboard_testkit::specs`): `None` when absent outside CI.
pub fn specs_dir() -> Option<PathBuf> {
    switchboard_testkit::specs::dir()
}

/// Whether the specs are present (schema checks run).
pub fn schema_available() -> bool {
    schema_errors(&Value::Null).is_some()
}

/// The schema errors of `body` against `#/components/schemas/Message`, or `None` when the
/// specs are absent.
pub fn schema_errors(body: &Value) -> Option<Vec<String>> {
    switchboard_testkit::specs::cloud_message_errors(body)
}

pub fn assert_cloud_schema(body: &Value) {
    if let Some(errors) = schema_errors(body) {
        assert!(
            errors.is_empty(),
            "Cloud body does not match Meta's Message schema:\n{}\n{body:#}",
            errors.join("\n")
        );
    }
}

/// The schema errors of a Cloud webhook body against `#/components/schemas/WebhookPayload`,
/// or `None` when the specs are absent.
pub fn webhook_schema_errors(body: &Value) -> Option<Vec<String>> {
    switchboard_testkit::specs::cloud_webhook_errors(body)
}
