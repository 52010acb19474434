//! Each failure of the command is reported with the kind that means it: a message file that
//! cannot be read is `io`, one that is not UTF-8 is a `decode` error about the message file,
//! a malformed `to` is `invalid_message` naming `to`, a listening socket that cannot be bound
//! is `io` (none of them `configuration`).

use std::process::{Command, Output, Stdio};

fn switchboard(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    for (name, _) in std::env::vars() {
        if name.starts_with("SWITCHBOARD_") {
            cmd.env_remove(name);
        }
    }
    cmd.args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// The `error (<kind>): ...` line on stderr of a failed run.
fn error_line(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure");
    assert!(out.stdout.is_empty());
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find(|l| l.starts_with("error ("))
        .unwrap_or_else(|| panic!("no error line: {}", String::from_utf8_lossy(&out.stderr)))
        .to_string()
}

#[test]
fn a_message_file_that_cannot_be_read_is_an_io_error() {
    let err = error_line(&switchboard(&["send", "/nonexistent/message.json"]));
    assert!(
        err.starts_with(
            "error (io): I/O error while reading the message file /nonexistent/message.json: "
        ),
        "{err}"
    );
}

#[test]
fn a_message_file_that_is_not_utf8_is_a_decode_error_about_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.json");
    std::fs::write(
        &path,
        b"{\"to\": \"+972501234567\", \"text\": {\"body\": \"caf\xe9\"}}",
    )
    .unwrap();
    let err = error_line(&switchboard(&["render", path.to_str().unwrap()]));
    assert!(
        err.starts_with(&format!(
            "error (decode): could not decode message file {}: not UTF-8 text: invalid utf-8 sequence of 1 bytes from index 45",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn a_malformed_to_is_an_invalid_message_naming_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("to.json");
    std::fs::write(&path, r#"{"to": "call me", "text": {"body": "hi"}}"#).unwrap();
    let err = error_line(&switchboard(&["send", path.to_str().unwrap()]));
    assert!(
        err.starts_with("error (invalid_message): invalid message: `to` must be "),
        "{err}"
    );
    assert!(err.contains("call me"), "{err}");
}

#[test]
fn a_listen_address_in_use_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("switchboard.toml");
    std::fs::write(
        &config,
        "provider = \"memory\"\n[webhook]\njournal = \":memory:\"\n",
    )
    .unwrap();
    // Held for the whole run: the command cannot bind it.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let err = error_line(&switchboard(&[
        "webhook",
        "serve",
        "--listen",
        &addr,
        "--config",
        config.to_str().unwrap(),
    ]));
    assert!(
        err.starts_with(&format!(
            "error (io): I/O error while listening on {addr}: "
        )),
        "{err}"
    );
}
