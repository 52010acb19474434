//! Golden wire requests: one fixture per content kind per dialect, compared as JSON
//! (method, URL, headers with the key as `***`, body). Cloud bodies are also validated
//! against Meta's `#/components/schemas/Message`.
//!
//! `SWITCHBOARD_BLESS=1 cargo test -p switchboard-360dialog --test golden` writes missing
//! fixtures (review them before committing).

mod common;

use common::*;
use serde_json::Value;
use switchboard_360dialog::Dialog360Adapter;
use switchboard_core::{Adapter, Error, ExposeSecret};

#[derive(Clone, Copy)]
enum Want {
    /// The request matches `tests/golden/<dialect>/<name>.json`.
    Golden(&'static str),
    /// Same, rendered by an On-Premise adapter with a default template namespace.
    GoldenNs(&'static str),
    /// `Error::Unsupported` naming this feature.
    Unsupported(&'static str),
    /// `Error::InvalidMessage` naming this field.
    Invalid(&'static str),
}
use Want::*;

/// (message, Cloud, On-Premise). Messages come from `examples/messages/` or
/// `tests/messages/`.
const CASES: &[(&str, Want, Want)] = &[
    ("text.json", Golden("text"), Golden("text")),
    (
        "text_plain.json",
        Golden("text_plain"),
        Golden("text_plain"),
    ),
    ("reply.json", Golden("reply"), Unsupported("reply_to")),
    (
        "reply_media.json",
        Golden("reply_media"),
        Unsupported("reply_to"),
    ),
    ("media.json", Golden("image_link"), Golden("image_link")),
    (
        "image_provider.json",
        Unsupported("media.provider"),
        Golden("image_provider"),
    ),
    (
        "document.json",
        Golden("document_link"),
        Golden("document_link"),
    ),
    (
        "document_id.json",
        Golden("document_id"),
        Golden("document_id"),
    ),
    ("audio_id.json", Golden("audio_id"), Golden("audio_id")),
    (
        "video_link.json",
        Golden("video_link"),
        Golden("video_link"),
    ),
    (
        "sticker_id.json",
        Golden("sticker_id"),
        Golden("sticker_id"),
    ),
    ("buttons.json", Golden("buttons"), Golden("buttons")),
    (
        "buttons_media_header.json",
        Golden("buttons_media_header"),
        Golden("buttons_media_header"),
    ),
    ("list.json", Golden("list"), Golden("list")),
    (
        "list_one_section.json",
        Golden("list_one_section"),
        Golden("list_one_section"),
    ),
    ("cta.json", Golden("cta"), Unsupported("cta.url")),
    (
        "cta_header.json",
        Golden("cta_header"),
        Unsupported("cta.url"),
    ),
    (
        "cta_phone.json",
        Unsupported("cta.phone"),
        Unsupported("cta.phone"),
    ),
    ("location.json", Golden("location"), Golden("location")),
    (
        "location_minimal.json",
        Golden("location_minimal"),
        Golden("location_minimal"),
    ),
    ("contacts.json", Golden("contacts"), Golden("contacts")),
    ("reaction.json", Golden("reaction"), Unsupported("reaction")),
    (
        "reaction_remove.json",
        Unsupported("reaction.remove"),
        Unsupported("reaction"),
    ),
    (
        "template.json",
        Golden("template"),
        Invalid("options.360dialog.template_namespace"),
    ),
    ("template.json", Golden("template"), GoldenNs("template")),
    (
        "template_full.json",
        Golden("template_full"),
        GoldenNs("template_full"),
    ),
    (
        "template_namespace.json",
        Unsupported("template.namespace"),
        Golden("template_namespace"),
    ),
    (
        "template_text_header.json",
        Golden("template_text_header"),
        GoldenNs("template_text_header"),
    ),
    (
        "template_bare.json",
        Golden("template_bare"),
        GoldenNs("template_bare"),
    ),
    (
        "template_named.json",
        Golden("template_named"),
        Unsupported("template.body.named"),
    ),
];

fn check(input: &str, dialect: &str, adapter: &Dialog360Adapter, want: Want) -> Result<(), String> {
    let message = message(input);
    let result = render(adapter, &message);
    let name = match (want, &result) {
        (Golden(n) | GoldenNs(n), Ok(_)) => n,
        (Unsupported(f), Err(Error::Unsupported { feature, .. })) if feature == f => return Ok(()),
        (Invalid(f), Err(Error::InvalidMessage { field, .. })) if field == f => return Ok(()),
        (_, Err(e)) => return Err(format!("{input} ({dialect}): unexpected error {e:?}")),
        (_, Ok(r)) => return Err(format!("{input} ({dialect}): expected an error, got {r:?}")),
    };
    let request = result.map_err(|e| e.to_string())?;
    if request.header_value("D360-API-KEY") != Some(KEY) {
        return Err(format!(
            "{input} ({dialect}): the key header is not the key"
        ));
    }
    let shown = request.redacted();
    let path = crate_dir().join(format!("tests/golden/{dialect}/{name}.json"));
    if !path.exists() && std::env::var_os("SWITCHBOARD_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&shown).map_err(|e| e.to_string())? + "\n";
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
        eprintln!("wrote {path:?}");
    }
    let golden: Value = read_json(&path);
    if golden != shown {
        return Err(format!(
            "{input} ({dialect}) differs from {path:?}:\n got: {shown:#}\nwant: {golden:#}"
        ));
    }
    Ok(())
}

#[test]
fn every_case_renders_its_golden_request_or_its_error() {
    let (cloud, onprem, onprem_ns) = (cloud(), on_premise(), on_premise_ns());
    let mut failures = Vec::new();
    for &(input, want_cloud, want_onprem) in CASES {
        failures.extend(check(input, "cloud", &cloud, want_cloud).err());
        let adapter = if matches!(want_onprem, GoldenNs(_)) {
            &onprem_ns
        } else {
            &onprem
        };
        failures.extend(check(input, "on_premise", adapter, want_onprem).err());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_golden_file_is_used() {
    for dialect in ["cloud", "on_premise"] {
        let dir = crate_dir().join("tests/golden").join(dialect);
        for entry in std::fs::read_dir(&dir).expect("golden dir") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .replace(".json", "");
            let used = CASES.iter().any(|(_, c, o)| {
                let w = if dialect == "cloud" { c } else { o };
                matches!(w, Golden(n) | GoldenNs(n) if *n == name)
            });
            assert!(used, "{dialect}/{name}.json is not referenced by any case");
        }
    }
}

#[test]
fn every_cloud_golden_body_matches_metas_schema() {
    if !schema_available() {
        eprintln!("note: specs folder absent; Cloud golden bodies not schema-checked");
        return;
    }
    let dir = crate_dir().join("tests/golden/cloud");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("golden dir") {
        let golden = read_json(&entry.expect("entry").path());
        assert_cloud_schema(&golden["body"]);
        count += 1;
    }
    assert!(count >= 20, "only {count} Cloud goldens");
}

#[test]
fn the_schema_check_rejects_what_it_should() {
    // Guards against a validator that accepts everything.
    let Some(errors) = schema_errors(&serde_json::json!({
        "messaging_product": "whatsapp", "to": "1", "type": "interactive",
        "interactive": {"type": "button", "body": {"text": "x"}, "action": {"buttons": [
            {"type": "reply", "reply": {"id": "a", "title": "a title far longer than twenty"}}]}}
    })) else {
        eprintln!("note: specs folder absent; schema self-check skipped");
        return;
    };
    assert!(!errors.is_empty());
    let no_product =
        schema_errors(&serde_json::json!({"to": "1", "type": "text", "text": {"body": "x"}}));
    assert!(!no_product.unwrap_or_default().is_empty());
}

#[test]
fn the_key_never_shows_in_printed_requests() {
    for input in ["text.json", "template.json", "buttons.json"] {
        for adapter in [cloud(), on_premise_ns()] {
            let r = adapter.encode(&message(input)).expect("renders");
            assert!(!format!("{r:?}").contains(KEY));
            assert!(!r.redacted().to_string().contains(KEY));
            assert!(!format!("{adapter:?}").contains(KEY));
            let key = r
                .headers
                .iter()
                .find(|(n, _)| n == "D360-API-KEY")
                .expect("key header");
            assert_eq!(key.1.expose(), KEY);
            assert_eq!(key.1.shown(), "***");
        }
    }
    let settings = switchboard_360dialog::Dialog360Settings::new(KEY);
    assert_eq!(settings.api_key.expose_secret(), KEY);
    assert!(!format!("{settings:?}").contains(KEY));
}
