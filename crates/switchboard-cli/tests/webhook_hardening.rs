//! `webhook serve` against slow and idle connections: a connection that sends its headers
//! slowly is closed at `header_read_timeout_s` while other requests keep being answered;
//! `max_connections` caps what is open at once.

#![cfg(all(feature = "99digital", feature = "360dialog", feature = "bird"))]

mod common;

use common::{delivery, dialog360_config, serve};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Whether the server closed `stream` (waits up to `wait` for it).
fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let deadline = Instant::now() + wait;
    let mut buf = [0u8; 1024];
    while Instant::now() < deadline {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue, // an error response before closing
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true, // reset
        }
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_header_connections_are_closed_at_the_timeout_while_others_are_answered() {
    const TIMEOUT_S: u64 = 6;
    let dir = tempfile::tempdir().unwrap();
    let config = dialog360_config(
        dir.path(),
        &format!("header_read_timeout_s = {TIMEOUT_S}\n"),
    );
    let server = serve(&config, dir.path(), true);
    let addr = server.base.trim_start_matches("http://").to_string();

    // Five connections sending one header line every 5 s.
    let slow: Vec<_> = (0..5)
        .map(|n| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut s = TcpStream::connect(&addr).unwrap();
                s.write_all(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    .unwrap();
                for line in 0..4 {
                    if closed_within(&mut s, Duration::from_secs(5)) {
                        return Some(started.elapsed());
                    }
                    if s.write_all(format!("X-Slow-{n}: {line}\r\n").as_bytes())
                        .is_err()
                    {
                        return Some(started.elapsed());
                    }
                }
                None
            })
        })
        .collect();

    // Meanwhile, ordinary deliveries are answered.
    let client = reqwest::Client::new();
    let mut answered = 0;
    let until = Instant::now() + Duration::from_secs(TIMEOUT_S + 2);
    let mut i = 0;
    while Instant::now() < until {
        assert_eq!(
            common::post(&client, &server.base, delivery(i)).await,
            Some(200)
        );
        answered += 1;
        i += 1;
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(answered >= 20);

    for (n, t) in slow.into_iter().enumerate() {
        let closed_after = t
            .join()
            .unwrap()
            .unwrap_or_else(|| panic!("slow connection {n} was still open after 20 s"));
        assert!(
            closed_after >= Duration::from_secs(TIMEOUT_S - 1)
                && closed_after <= Duration::from_secs(TIMEOUT_S + 3),
            "slow connection {n} closed after {closed_after:?}, the timeout is {TIMEOUT_S} s"
        );
    }
    assert!(server.wait_lines(Duration::from_secs(10), |l| l.len() == answered));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_connections_caps_open_connections_and_idle_ones_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dialog360_config(
        dir.path(),
        "header_read_timeout_s = 2\nmax_connections = 2\n",
    );
    let server = serve(&config, dir.path(), true);
    let addr = server.base.trim_start_matches("http://").to_string();
    // Two connections that send nothing take both places.
    let mut idle: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(&addr).unwrap()).collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let client = reqwest::Client::new();
    let started = Instant::now();
    assert_eq!(
        common::post(&client, &server.base, delivery(1)).await,
        Some(200),
        "answered once an idle connection is closed"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(1200),
        "the third connection waited for a place ({:?})",
        started.elapsed()
    );
    for s in &mut idle {
        assert!(
            closed_within(s, Duration::from_secs(5)),
            "idle connections are closed"
        );
    }
}
