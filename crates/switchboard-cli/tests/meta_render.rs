//! `switchboard render --config meta.toml MESSAGE` (issue 10's "done when"): for every example
//! message, a `POST https://graph.facebook.com/v23.0/<phone_number_id>/messages` with
//! `Authorization: Bearer ***`, a Cloud body, and the access token nowhere in the output.

#![cfg(feature = "meta")]

use std::path::PathBuf;
use std::process::Command;

const TOKEN: &str = "CANARY-EAAG-cli-meta-7f3a";
const PNID: &str = "106540352242922";

fn config() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-cli-meta-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("meta.toml");
    std::fs::write(
        &p,
        format!("provider = \"meta\"\n[meta]\naccess_token = \"{TOKEN}\"\nphone_number_id = \"{PNID}\"\n"),
    )
    .unwrap();
    p
}

/// The repository's example messages (embedded in the test kit), written as files for the
/// command line.
fn examples() -> Vec<PathBuf> {
    let dir = std::env::temp_dir().join(format!("switchboard-meta-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    switchboard_testkit::messages::EXAMPLES
        .iter()
        .map(|m| {
            let path = dir.join(format!("{}.json", m.name));
            std::fs::write(&path, m.json).unwrap();
            path
        })
        .collect()
}

#[test]
fn every_example_renders_as_a_bearer_post_to_the_phone_number_s_messages() {
    let config = config();
    let examples = examples();
    assert!(examples.len() >= 12, "{examples:?}");
    for message in examples {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard"));
        for (k, _) in std::env::vars() {
            if k.starts_with("SWITCHBOARD_") {
                cmd.env_remove(k);
            }
        }
        let out = cmd
            .arg("render")
            .arg("--config")
            .arg(&config)
            .arg(&message)
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{message:?}: {stderr}");
        assert!(
            !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
            "{stdout}"
        );
        let shown: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(shown["method"], "POST", "{message:?}");
        assert_eq!(
            shown["url"],
            format!("https://graph.facebook.com/v23.0/{PNID}/messages"),
            "{message:?}"
        );
        assert_eq!(shown["headers"]["Authorization"], "***", "{message:?}");
        assert_eq!(
            shown["body"]["messaging_product"], "whatsapp",
            "{message:?}"
        );
        assert_eq!(shown["body"]["to"], "972501234567", "{message:?}");
        let kind = shown["body"]["type"].as_str().expect("a type");
        assert!(!shown["body"][kind].is_null(), "{message:?}: {shown}");
    }
}
