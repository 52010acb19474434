//! Helpers shared by the Bird adapter's integration tests.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;
use switchboard_bird::BirdAdapter;
use switchboard_bird::BirdSettings;
use switchboard_core::{OutboundMessage, SecretString, WireRequest};
use time::macros::datetime;
use time::OffsetDateTime;

/// The access key used by the tests: it must never show in any printed form.
pub const CANARY_KEY: &str = "CANARY-KEY-1234";
/// The signing key used by the tests.
pub const CANARY_SIGNING_KEY: &str = "CANARY-SIGNING-5678";
pub const WORKSPACE: &str = "8f1d2c3b-4a5e-4f60-9a7b-1c2d3e4f5a6b";
pub const CHANNEL: &str = "2d4f6a8c-1e3b-4d5f-8a7c-9e0b1c2d3e4f";

/// The fixed "now" of every encode in the tests.
pub const NOW: OffsetDateTime = datetime!(2025-03-30 12:00:00 UTC);

pub fn settings() -> BirdSettings {
    let mut s = BirdSettings::new(CANARY_KEY, WORKSPACE, CHANNEL);
    s.signing_key = Some(SecretString::from(CANARY_SIGNING_KEY));
    s
}

pub fn adapter() -> BirdAdapter {
    BirdAdapter::new(settings()).expect("valid settings")
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A message from its JSON form.
pub fn message(json: &str) -> OutboundMessage {
    OutboundMessage::from_json(json).expect("valid message JSON")
}

/// An example message of the repository's `examples/messages/` (`name` with or without
/// `.json`), embedded in the test kit.
pub fn example(name: &str) -> OutboundMessage {
    let name = name.trim_end_matches(".json");
    let example =
        switchboard_testkit::messages::find(switchboard_testkit::messages::EXAMPLES, name)
            .unwrap_or_else(|| panic!("no example message {name}"));
    message(example.json)
}

/// Encodes `m` at [`NOW`].
pub fn encode(m: &OutboundMessage) -> Result<WireRequest, switchboard_core::Error> {
    adapter().encode_at(m, NOW)
}

/// Compares the redacted request with `tests/golden/<name>.json` and validates the body
/// against Bird's `CreateMessage` schema. `UPDATE_GOLDEN=1` rewrites the file.
pub fn assert_golden(name: &str, request: &WireRequest) {
    let path = manifest_dir()
        .join("tests/golden")
        .join(format!("{name}.json"));
    let got = request.redacted();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&got).expect("json") + "\n";
        std::fs::write(&path, text).expect("write golden");
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("golden file {}: {e}", path.display()));
    let want: Value = serde_json::from_str(&text).expect("golden JSON");
    assert_eq!(
        got,
        want,
        "{name}: got\n{}",
        serde_json::to_string_pretty(&got).expect("json")
    );
    assert_valid_create_message(name, &request.json().expect("JSON body"));
}

/// A validator for `CreateMessage` of Bird's send-message OpenAPI, or `None` (with a note
/// on stderr) when the specs folder is absent outside CI (`switchboard_testkit::specs`).
pub fn create_message_validator() -> Option<jsonschema::Validator> {
    let text = switchboard_testkit::specs::read("bird-channels-send-message.openapi.json")?;
    // Bird's `ActionLink.url` pattern `{{[^{}]+}}` uses literal braces unescaped, which
    // ECMA-262 accepts but the Rust regex engines refuse: escape them (same meaning).
    let text = text.replace(r#""{{[^{}]+}}""#, r#""\\{\\{[^{}]+\\}\\}""#);
    let spec: Value = serde_json::from_str(&text).expect("spec JSON");
    let schema = serde_json::json!({
        "$ref": "#/components/schemas/CreateMessage",
        "components": spec["components"],
    });
    Some(
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("CreateMessage schema compiles"),
    )
}

/// Asserts `body` validates against `CreateMessage` (when the spec is present).
pub fn assert_valid_create_message(name: &str, body: &Value) {
    let Some(validator) = create_message_validator() else {
        return;
    };
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{name}: body does not validate against CreateMessage: {errors:#?}\n{body:#}"
    );
}
