//! `send-bulk --journal` picks the backend by what it names: a `postgres://` URL (feature
//! `postgres`) or a SQLite file; `--campaign` only with PostgreSQL; a password in the URL is
//! never printed.

use std::process::{Command, Output, Stdio};

fn send_bulk(dir: &std::path::Path, extra: &[&str]) -> Output {
    let messages = dir.join("campaign.jsonl");
    std::fs::write(
        &messages,
        "{\"to\": \"+972501234567\", \"text\": {\"body\": \"hi\"}}\n",
    )
    .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    for (k, _) in std::env::vars() {
        if k.starts_with("SWITCHBOARD_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("send-bulk")
        .arg(&messages)
        .args(extra)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn campaign_with_a_sqlite_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = send_bulk(dir.path(), &["--campaign", "spring"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error (configuration): configuration error: --campaign names a campaign in a postgres:// journal"),
        "{err}"
    );
}

#[test]
fn a_postgres_journal_that_cannot_be_used_is_an_error_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    // A closed loopback port; the password is a canary.
    let url = "postgres://app:canary-bulk-secret-3319@127.0.0.1:9/sb";
    let out = send_bulk(dir.path(), &["--journal", url]);
    assert!(!out.status.success());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("canary-bulk-secret-3319"), "{text}");
    if cfg!(feature = "postgres") {
        assert!(text.contains("error (storage)"), "{text}");
        assert!(text.contains("postgres://app:***@127.0.0.1:9/sb"), "{text}");
    } else {
        assert!(text.contains("cargo feature `postgres`"), "{text}");
    }
}
