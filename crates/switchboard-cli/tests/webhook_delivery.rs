//! Delivery from the journal, through the `switchboard` binary: the HTTP forwarder with a
//! sink that is down and then up, `webhook serve | head -n 1`, and `webhook events` /
//! `webhook replay`.

#![cfg(all(feature = "99digital", feature = "360dialog", feature = "bird"))]

mod common;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::{delivery, dialog360_config, journal_events, message_id, serve, switchboard};
use std::collections::HashSet;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A free loopback port (bound, then released for the sink to take later).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What the application's endpoint received: (Idempotency-Key header, body).
type Received = Arc<Mutex<Vec<(String, serde_json::Value)>>>;

/// The application: records each POST; answers 500 to the first `fail_first`, then 200.
async fn start_sink(port: u16, fail_first: usize) -> Received {
    let received: Received = Arc::default();
    let state = (Arc::clone(&received), Arc::new(Mutex::new(fail_first)));
    let app = axum::Router::new()
        .route(
            "/events",
            post(
                |State((received, failing)): State<(Received, Arc<Mutex<usize>>)>,
                 headers: HeaderMap,
                 body: axum::body::Bytes| async move {
                    let key = headers
                        .get("idempotency-key")
                        .map(|v| v.to_str().unwrap().to_string())
                        .unwrap_or_default();
                    let mut failing = failing.lock().unwrap();
                    if *failing > 0 {
                        *failing -= 1;
                        return StatusCode::INTERNAL_SERVER_ERROR;
                    }
                    received
                        .lock()
                        .unwrap()
                        .push((key, serde_json::from_slice(&body).unwrap()));
                    StatusCode::OK
                },
            ),
        )
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    received
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forwarder_delivers_every_event_once_the_application_is_up() {
    const N: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = dialog360_config(
        dir.path(),
        &format!("forward_url = \"http://127.0.0.1:{port}/events\"\n"),
    );
    let mut server = serve(&config, dir.path(), true);
    let client = reqwest::Client::new();
    for i in 0..N {
        assert_eq!(
            common::post(&client, &server.base, delivery(i)).await,
            Some(200),
            "acknowledged while the application is down"
        );
    }
    // The application is down for a while (the forwarder retries with backoff)...
    tokio::time::sleep(Duration::from_millis(1000)).await;
    // ...then up, failing its first request.
    let received = start_sink(port, 1).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while received.lock().unwrap().len() < N {
        assert!(
            Instant::now() < deadline,
            "only {} of {N} events arrived",
            received.lock().unwrap().len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(server.terminate(), Some(0));
    assert!(server.lines.lock().unwrap().is_empty(), "nothing on stdout");

    let journal = journal_events(&config, dir.path());
    assert_eq!(journal.len(), N);
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), N, "each event taken once");
    for ((key, body), journaled) in received.iter().zip(&journal) {
        assert_eq!(body, journaled, "in journal order, as journaled");
        assert_eq!(
            key,
            journaled["dedupe_key"].as_str().unwrap(),
            "Idempotency-Key"
        );
    }
    let ids: HashSet<String> = received.iter().map(|(_, b)| message_id(b)).collect();
    assert_eq!(ids, (0..N).map(|i| format!("wamid.T{i}")).collect());
    assert!(
        server
            .stderr
            .lock()
            .unwrap()
            .contains("delivery failed, will retry"),
        "the retries are logged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_piped_into_head_stops_cleanly_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let config = dialog360_config(dir.path(), "");
    // `bash -o pipefail`: PIPESTATUS gives serve's own exit status.
    let mut child = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#""$0" webhook serve --listen 127.0.0.1:0 --config "$1" | head -n 1; echo "serve exited ${PIPESTATUS[0]}" >&2"#)
        .arg(env!("CARGO_BIN_EXE_switchboard"))
        .arg(&config)
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    {
        let stderr = Arc::clone(&stderr);
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("on http://").nth(1) {
                    let _ = port_tx.send(rest.split('/').next().unwrap().to_string());
                }
                stderr.lock().unwrap().push_str(&line);
                stderr.lock().unwrap().push('\n');
            }
        });
    }
    let base = format!(
        "http://{}",
        port_rx.recv_timeout(Duration::from_secs(20)).unwrap()
    );
    let client = reqwest::Client::new();
    let mut acked = Vec::new();
    // Keep delivering until serve notices that stdout is gone and stops (bounded).
    for i in 0..200 {
        match common::post(&client, &base, delivery(i)).await {
            Some(200) => acked.push(format!("wamid.T{i}")),
            Some(other) => panic!("delivery {i} answered {other}"),
            None => break, // stopped listening
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "serve did not stop after head exited"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "the pipeline (head) succeeded");
    let mut head_out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut head_out).unwrap();
    let first: serde_json::Value = serde_json::from_str(head_out.trim()).unwrap();
    assert_eq!(message_id(&first), "wamid.T0");
    std::thread::sleep(Duration::from_millis(100));
    let err = stderr.lock().unwrap().clone();
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("stdout was closed (Broken pipe"), "{err}");
    assert!(err.contains("serve exited 1"), "a non-zero exit: {err}");
    assert!(
        acked.len() >= 2,
        "deliveries after the first were acknowledged: {acked:?}"
    );

    // Every acknowledged delivery is journaled, and the next start delivers what head did
    // not read.
    let journal: Vec<String> = journal_events(&config, dir.path())
        .iter()
        .map(message_id)
        .collect();
    assert_eq!(
        journal, acked,
        "every acknowledged delivery is journaled, in order"
    );
    let mut next = serve(&config, dir.path(), true);
    assert!(next.wait_lines(Duration::from_secs(20), |l| l.len() + 1 >= acked.len()));
    assert_eq!(next.terminate(), Some(0));
    let mut delivered: Vec<String> = vec![message_id(&first)];
    delivered.extend(next.events().iter().map(message_id));
    // The first line was written before the pipe closed; a kill-free stop repeats nothing
    // unless head closed between write and cursor: tolerate exactly that one repeat.
    if delivered.get(1) == delivered.first() {
        delivered.remove(1);
    }
    assert_eq!(delivered, acked);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_lists_the_journal_and_replay_delivers_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let config = dialog360_config(dir.path(), "");
    let mut server = serve(&config, dir.path(), true);
    let client = reqwest::Client::new();
    for i in 0..5 {
        assert_eq!(
            common::post(&client, &server.base, delivery(i)).await,
            Some(200)
        );
    }
    assert!(server.wait_lines(Duration::from_secs(20), |l| l.len() == 5));
    assert_eq!(server.terminate(), Some(0));
    let printed = server.events();

    let run = |args: &[&str]| {
        let out = switchboard()
            .args(args)
            .arg("--config")
            .arg(&config)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let lines = |text: &str| -> Vec<serde_json::Value> {
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (code, out, _) = run(&["webhook", "events"]);
    assert_eq!(code, Some(0));
    assert_eq!(lines(&out), printed, "events lists what serve printed");
    let (_, out, _) = run(&["webhook", "events", "--limit", "2"]);
    assert_eq!(lines(&out), printed[..2]);
    let (_, out, _) = run(&["webhook", "events", "--since", "1h"]);
    assert_eq!(lines(&out).len(), 5);
    let (_, out, _) = run(&["webhook", "events", "--since", "2099-01-01T00:00:00Z"]);
    assert!(out.is_empty());

    let (code, out, err) = run(&["webhook", "replay", "--since", "1h"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        lines(&out),
        printed,
        "replay delivers the same events again"
    );
    assert!(err.contains("replayed 5 events to stdout"), "{err}");

    let (code, _, err) = run(&["webhook", "replay", "--since", "yesterday"]);
    assert_eq!(code, Some(2), "a usage error");
    assert!(err.contains("expected RFC 3339"), "{err}");

    // Replay does not move serve's cursor: a restart prints nothing again.
    let mut again = serve(&config, dir.path(), true);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(again.terminate(), Some(0));
    assert!(again.lines.lock().unwrap().is_empty());
}
