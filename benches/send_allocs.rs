//! Allocations per send: switchboard's send of a text message to Meta beside raw reqwest
//! posting the same bytes with the same headers (`benches/compare.rs`, `send/64/*`), counted
//! by a counting global allocator (`stats_alloc`) over 64 concurrent tasks.
//!
//! `cargo bench --bench send_allocs` prints both counts and their ratio. The loopback server
//! (`switchboard_testkit::loopback`) runs in a child process (this binary again), so only the client's
//! allocations are counted. Kept apart from `compare` so the counting allocator
//! does not slow the timed benchmarks.

#![allow(missing_docs)]

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::sync::Arc;
use switchboard::Messenger;

#[path = "common/send.rs"]
mod send;
#[path = "../examples/stand_ins/mod.rs"]
mod stand_ins;
use send::{meta_messenger, text_message, RawPost};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const TASKS: u64 = 64;
const SENDS: u64 = 64 * 100;

/// Runs `n` sends over [`TASKS`] tasks; returns (allocations, bytes allocated) per send.
fn count<F, Fut>(rt: &tokio::runtime::Runtime, n: u64, send: F) -> (f64, f64)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    // Warm the connection pool first: connections are set up once, not per send.
    let run = |n: u64| {
        rt.block_on(async {
            let tasks: Vec<_> = (0..TASKS)
                .map(|_| {
                    let send = send.clone();
                    tokio::spawn(async move {
                        for _ in 0..n / TASKS {
                            send().await;
                        }
                    })
                })
                .collect();
            for t in tasks {
                t.await.unwrap();
            }
        })
    };
    run(TASKS * 4);
    let region = Region::new(GLOBAL);
    run(n);
    let stats = region.change();
    (
        stats.allocations as f64 / n as f64,
        stats.bytes_allocated as f64 / n as f64,
    )
}

fn main() {
    if switchboard_testkit::loopback::serve_if_asked() {
        return;
    }
    let server = switchboard_testkit::loopback::ServerProcess::start().unwrap();
    let base = format!("http://{}", server.addr);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let messenger = Arc::new(meta_messenger(&base));
    let message = Arc::new(text_message());
    let request = messenger.render(&message).unwrap();

    let ours = {
        let (messenger, message) = (Arc::clone(&messenger), Arc::clone(&message));
        count(&rt, SENDS, move || {
            let (messenger, message) = (Arc::clone(&messenger), Arc::clone(&message));
            async move {
                messenger.send(&message).await.unwrap();
            }
        })
    };
    let raw = Arc::new(RawPost::of(&request));
    let theirs = count(&rt, SENDS, move || {
        let raw = Arc::clone(&raw);
        async move { raw.send().await }
    });
    drop(server);
    println!(
        "allocations per send, {SENDS} sends over {TASKS} concurrent tasks (client side only):"
    );
    println!(
        "  send/64/switchboard  {:>7.1} allocations  {:>9.0} bytes",
        ours.0, ours.1
    );
    println!(
        "  send/64/raw_reqwest  {:>7.1} allocations  {:>9.0} bytes",
        theirs.0, theirs.1
    );
    println!(
        "  ratio                {:>7.2}              {:>9.2}",
        ours.0 / theirs.0,
        ours.1 / theirs.1
    );
}
