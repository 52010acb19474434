//! The official provider schemas (`shared/specs/` beside the repository), for tests that
//! check wire bodies against them: one place that finds them.
//!
//! The folder is `$SWITCHBOARD_SPECS_DIR`, else the workspace's `../shared/specs`. When it
//! is missing, a test fails under CI (`CI` set: a schema check never silently skips there)
//! and elsewhere notes it on stderr and skips the schema check.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

/// The variable naming the specs folder.
pub const VAR: &str = "SWITCHBOARD_SPECS_DIR";

/// The specs folder, if it exists. Under CI a missing folder panics.
pub fn dir() -> Option<PathBuf> {
    let dir = std::env::var_os(VAR).map(PathBuf::from).unwrap_or_else(|| {
        // The workspace is two levels above this crate; the specs sit beside it.
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs")
    });
    if dir.is_dir() {
        return Some(dir);
    }
    missing(&dir.display().to_string());
    None
}

/// The text of the spec file `name` in [`dir`], or `None` (after a note) when the folder
/// is missing outside CI. A missing file in a present folder panics: the tests name real
/// files.
pub fn read(name: &str) -> Option<String> {
    let path = dir()?.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} missing under CI: the schema checks need the specs (set {VAR})"
    );
    eprintln!("note: {what} not found (set {VAR}); schema checks skipped");
}

/// Meta's relaxed Cloud API schemas (v23.0): the file every Cloud API host's tests check
/// its bodies against (Meta direct, 360dialog Cloud).
pub const META_RELAXED: &str = "meta-business-messaging-api_v23.0.relaxed-schemas.json";

/// The schema errors of `body` against [`META_RELAXED`]'s `#/components/schemas/Message`
/// (a Cloud API send body), or `None` when the specs are absent outside CI.
pub fn cloud_message_errors(body: &Value) -> Option<Vec<String>> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    errors(V.get_or_init(|| meta_component("Message")).as_ref()?, body)
}

/// The schema errors of `body` against [`META_RELAXED`]'s
/// `#/components/schemas/WebhookPayload` (a Cloud API webhook delivery), or `None` when the
/// specs are absent outside CI.
pub fn cloud_webhook_errors(body: &Value) -> Option<Vec<String>> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    errors(
        V.get_or_init(|| meta_component("WebhookPayload"))
            .as_ref()?,
        body,
    )
}

/// [`META_RELAXED`] compiled with its root pointing at `#/components/schemas/<component>`.
fn meta_component(component: &str) -> Option<jsonschema::Validator> {
    let text = read(META_RELAXED)?;
    let mut doc: Value = serde_json::from_str(&text).expect("the relaxed schema is JSON");
    doc["$ref"] = Value::String(format!("#/components/schemas/{component}"));
    Some(
        jsonschema::draft202012::options()
            .build(&doc)
            .expect("the relaxed schema compiles"),
    )
}

fn errors(validator: &jsonschema::Validator, body: &Value) -> Option<Vec<String>> {
    Some(
        validator
            .iter_errors(body)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect(),
    )
}
