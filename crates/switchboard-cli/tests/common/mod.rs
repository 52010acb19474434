//! Shared by the CLI's webhook tests: `switchboard webhook serve` as a child process on an
//! ephemeral loopback port, its stdout lines collected, and deliveries to post to it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The switchboard binary, with no `SWITCHBOARD_*` variable of the caller's environment.
pub fn switchboard() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    for (name, _) in std::env::vars() {
        if name.starts_with("SWITCHBOARD_") {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// Writes a 360dialog (unsigned) configuration journaling into `dir`, with `extra` lines
/// in `[webhook]`.
pub fn dialog360_config(dir: &Path, extra: &str) -> PathBuf {
    let path = dir.join("switchboard.toml");
    let text = format!(
        "provider = \"360dialog\"\n[360dialog]\napi_key = \"k\"\n[webhook]\njournal = {:?}\n{extra}",
        dir.join("journal.sqlite3").display().to_string()
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// A 360dialog Cloud delivery of one text message with id `wamid.T<n>` (the shape of
/// `switchboard-360dialog/tests/webhooks/cloud/text.json`).
pub fn delivery(n: usize) -> Vec<u8> {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"97231234567","phone_number_id":"106540352242922"}},"contacts":[{{"profile":{{"name":"Anna"}},"wa_id":"972501234567"}}],"messages":[{{"from":"972501234567","id":"wamid.T{n}","timestamp":"1700000000","type":"text","text":{{"body":"message {n}"}}}}]}}}}]}}]}}"#
    )
    .into_bytes()
}

/// The message id inside a journaled event's JSON line, e.g. `wamid.T17`.
pub fn message_id(line: &serde_json::Value) -> String {
    line["event"]["message"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A running `webhook serve`.
pub struct Serve {
    pub child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// Complete stdout lines so far.
    pub lines: Arc<Mutex<Vec<String>>>,
    /// A last line cut short (no newline) when the process died mid-write.
    pub torn: Arc<Mutex<Option<String>>>,
    /// Everything on stderr so far.
    pub stderr: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

/// Starts `switchboard webhook serve --config <config> --listen 127.0.0.1:0` in `dir` and
/// waits (at most 20 s) until it says where it listens. With `read_stdout` false, stdout is
/// left to the caller (`child.stdout`).
pub fn serve(config: &Path, dir: &Path, read_stdout: bool) -> Serve {
    let mut child = switchboard()
        .args(["webhook", "serve", "--listen", "127.0.0.1:0", "--config"])
        .arg(config)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let torn = Arc::new(Mutex::new(None));
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut readers = Vec::new();
    if read_stdout {
        let out = child.stdout.take().unwrap();
        let (lines, torn) = (Arc::clone(&lines), Arc::clone(&torn));
        readers.push(std::thread::spawn(move || {
            let mut out = BufReader::new(out);
            loop {
                let mut buf = Vec::new();
                match out.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if buf.ends_with(b"\n") => {
                        buf.pop();
                        lines
                            .lock()
                            .unwrap()
                            .push(String::from_utf8_lossy(&buf).into_owned());
                    }
                    Ok(_) => {
                        *torn.lock().unwrap() = Some(String::from_utf8_lossy(&buf).into_owned());
                        break;
                    }
                }
            }
        }));
    }
    let (found, port) = mpsc::channel();
    let err = child.stderr.take().unwrap();
    let collected = Arc::clone(&stderr);
    readers.push(std::thread::spawn(move || {
        let mut err = BufReader::new(err);
        let mut line = String::new();
        while err.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(rest) = line.split("on http://").nth(1) {
                let addr: String = rest.chars().take_while(|c| *c != '/').collect();
                let _ = found.send(addr);
            }
            collected.lock().unwrap().push_str(&line);
            line.clear();
        }
        let mut rest = String::new();
        let _ = err.read_to_string(&mut rest);
        collected.lock().unwrap().push_str(&rest);
    }));
    let addr = port
        .recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("serve did not start: {}", stderr.lock().unwrap()));
    Serve {
        child,
        base: format!("http://{addr}"),
        lines,
        torn,
        stderr,
        readers,
    }
}

impl Serve {
    /// Waits (at most `within`) for the process to exit; its exit code, None if killed by
    /// a signal. Panics if it does not exit in time.
    pub fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                for r in self.readers.drain(..) {
                    let _ = r.join();
                }
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "serve did not exit within {within:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL, then collect what it printed.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        self.wait_exit(Duration::from_secs(10));
    }

    /// SIGTERM (graceful stop), then collect what it printed; the exit code.
    pub fn terminate(&mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.wait_exit(Duration::from_secs(20))
    }

    /// Waits (at most `within`) until `done` holds for the stdout lines so far.
    pub fn wait_lines(&self, within: Duration, done: impl Fn(&[String]) -> bool) -> bool {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if done(&self.lines.lock().unwrap()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        done(&self.lines.lock().unwrap())
    }

    /// The stdout lines, parsed.
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `switchboard webhook events --config <config>`: the journal, parsed.
pub fn journal_events(config: &Path, dir: &Path) -> Vec<serde_json::Value> {
    let out = switchboard()
        .args(["webhook", "events", "--config"])
        .arg(config)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Posts `body` to `base`; the status, or None when the server could not be reached.
pub async fn post(client: &reqwest::Client, base: &str, body: Vec<u8>) -> Option<u16> {
    match client
        .post(format!("{base}/"))
        .header("content-type", "application/json")
        .body(body)
        .timeout(Duration::from_secs(10))
        .send()
        .await
    {
        Ok(r) => Some(r.status().as_u16()),
        Err(_) => None,
    }
}
