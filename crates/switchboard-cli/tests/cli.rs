//! The `switchboard` binary: render and send on the memory default, redaction of secrets
//! in dry-run output, typed errors on stderr with a non-zero exit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[cfg(any(feature = "99digital", feature = "360dialog", feature = "bird"))]
const CANARY: &str = "CANARY-KEY-cli-51d2";

/// The example message `name` of the repository (embedded in the test kit), as a file for
/// the command line; `example("")` is their folder. Written once per test run.
fn example(name: &str) -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("switchboard-cli-examples-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for m in switchboard_testkit::messages::EXAMPLES {
            std::fs::write(dir.join(format!("{}.json", m.name)), m.json).unwrap();
        }
        dir
    })
    .join(name)
}

fn run(args: &[&str], config: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    cmd.args(args);
    cmd.env_remove("SWITCHBOARD_CONFIG");
    for (k, _) in std::env::vars() {
        if k.starts_with("SWITCHBOARD_") {
            cmd.env_remove(k);
        }
    }
    if let Some(c) = config {
        cmd.arg("--config").arg(c);
    }
    cmd.output().expect("the binary runs")
}

fn stdout_json(o: &Output) -> serde_json::Value {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("one JSON object on stdout")
}

fn temp_config(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("config.toml");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn send_on_the_memory_default_prints_a_receipt() {
    let text = example("text.json");
    let out = run(&["send", text.to_str().unwrap()], None);
    let receipt = stdout_json(&out);
    assert_eq!(receipt["provider"], "memory");
    assert_eq!(receipt["message_ids"], serde_json::json!(["memory-1"]));
    assert_eq!(receipt["recipient"], "972501234567");
}

#[test]
fn render_on_the_memory_default_prints_the_message() {
    let p = example("buttons.json");
    let out = run(&["render", p.to_str().unwrap()], None);
    let req = stdout_json(&out);
    assert_eq!(req["method"], "POST");
    assert_eq!(req["url"], "memory://messages");
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(req["body"], original);
}

#[test]
fn every_example_renders_on_memory() {
    for entry in std::fs::read_dir(example("")).unwrap() {
        let p = entry.unwrap().path();
        let out = run(&["render", p.to_str().unwrap()], None);
        stdout_json(&out);
    }
}

#[test]
fn a_bad_message_exits_non_zero_with_the_typed_error() {
    let cfg = temp_config("bad", "provider = \"memory\"\n");
    let bad = cfg.with_file_name("bad.json");
    std::fs::write(&bad, r#"{"to": "+972501234567", "buttons": {"body": "b", "buttons": [{"id": "x", "title": "a title of more than twenty"}]}}"#).unwrap();
    let out = run(&["send", bad.to_str().unwrap()], Some(&cfg));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid_message"), "{err}");
    assert!(err.contains("buttons.buttons[0].title"), "{err}");
    assert!(err.contains("1 to 20 characters"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = run(&["send", "/nonexistent/message.json"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/message.json"));
}

#[cfg(any(feature = "99digital", feature = "360dialog", feature = "bird"))]
fn assert_redacted(out: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !text.contains(CANARY) && !err.contains(CANARY),
        "a secret leaked: {text} {err}"
    );
    stdout_json(out)
}

#[cfg(feature = "360dialog")]
#[test]
fn render_360dialog_hides_the_key() {
    let cfg = temp_config(
        "360",
        &format!("provider = \"360dialog\"\n[360dialog]\napi_key = \"{CANARY}\"\n"),
    );
    let out = run(
        &["render", example("text.json").to_str().unwrap()],
        Some(&cfg),
    );
    let req = assert_redacted(&out);
    assert_eq!(req["url"], "https://waba-v2.360dialog.io/messages");
    assert_eq!(req["headers"]["D360-API-KEY"], "***");
}

#[cfg(feature = "bird")]
#[test]
fn render_bird_hides_the_key() {
    let cfg = temp_config(
        "bird",
        &format!("provider = \"bird\"\n[bird]\naccess_key = \"{CANARY}\"\nworkspace_id = \"ws-1\"\nchannel_id = \"ch-1\"\nsigning_key = \"{CANARY}\"\n"),
    );
    let out = run(
        &["render", example("text.json").to_str().unwrap()],
        Some(&cfg),
    );
    let req = assert_redacted(&out);
    assert_eq!(
        req["url"],
        "https://api.bird.com/workspaces/ws-1/channels/ch-1/messages"
    );
    assert_eq!(req["headers"]["Authorization"], "***");
}

#[cfg(feature = "99digital")]
#[test]
fn render_99digital_hides_the_key_in_the_body() {
    let cfg = temp_config("99", &format!("provider = \"99digital\"\n[99digital]\napi_key = \"{CANARY}\"\nfrom = \"972771234567\"\n"));
    let out = run(
        &["render", example("reply.json").to_str().unwrap()],
        Some(&cfg),
    );
    let req = assert_redacted(&out);
    assert_eq!(
        req["url"],
        "https://api.99digital.co.il/whatsapp/v2/sendMessage"
    );
    assert_eq!(req["body"]["apiKey"], "***");
    assert_eq!(req["body"]["to"], "972501234567");
}

/// Under `degrade` the render prints the report beside the request; under `exact` (the
/// default, or `--fidelity exact`) it prints the request alone, and the refusal stands.
#[cfg(feature = "99digital")]
#[test]
fn render_prints_the_degradations_beside_the_request() {
    let text = format!("fidelity = \"degrade\"\nprovider = \"99digital\"\n[99digital]\napi_key = \"{CANARY}\"\nfrom = \"972771234567\"\n");
    let cfg = temp_config("99-degrade", &text);
    let out = run(
        &["render", example("buttons.json").to_str().unwrap()],
        Some(&cfg),
    );
    let req = assert_redacted(&out);
    assert_eq!(
        req["body"]["body"],
        "*Appointment*\nConfirm your appointment on Tue 10:00?"
    );
    assert_eq!(
        req["degraded"],
        serde_json::json!([{
            "feature": "buttons.header.text",
            "action": "the text header becomes the first line of the body, in bold"
        }])
    );
    let exact = run(
        &[
            "render",
            "--fidelity",
            "exact",
            example("buttons.json").to_str().unwrap(),
        ],
        Some(&cfg),
    );
    assert!(!exact.status.success());
    let stderr = String::from_utf8_lossy(&exact.stderr);
    assert!(stderr.contains("buttons.header.text"), "{stderr}");
    // Carried as written: an empty report.
    let text_out = run(
        &["render", example("reply.json").to_str().unwrap()],
        Some(&cfg),
    );
    assert_eq!(
        assert_redacted(&text_out)["degraded"],
        serde_json::json!([])
    );
}
