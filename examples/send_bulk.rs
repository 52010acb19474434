//! Sending a campaign: a file of messages, paced, journaled, resumable.
//!
//! Starts a loopback stand-in for 360dialog that rate-limits one message in a hundred (with a
//! `Retry-After`), writes a campaign of 300 messages (and one malformed line), sends it at
//! 500 messages per second through `RoutedMessenger` with an SQLite journal, printing
//! progress, then runs it again on the same journal: nothing is sent twice.
//!
//! ```sh
//! cargo run --example send_bulk
//! ```

use std::sync::Arc;
use std::time::Duration;
use switchboard::bulk::{load_file, BulkOptions, BulkSender, SqliteJournal};
use switchboard::{Config, RoutedMessenger};
use switchboard_testkit::chaos::{Answer, ChaosStandIn, RetryAfter};

#[tokio::main]
async fn main() -> Result<(), switchboard::Error> {
    let stand_in = ChaosStandIn::start(
        Arc::new(|key: &str, attempt: u32| {
            let n: u64 = key.trim_start_matches("order ").parse().unwrap_or(0);
            if attempt == 1 && n.is_multiple_of(100) {
                Answer::RateLimited(Some(RetryAfter::Seconds(1)))
            } else {
                Answer::Accept
            }
        }),
        Duration::from_millis(2),
    )
    .await;

    let dir = std::env::temp_dir().join(format!(
        "switchboard-send-bulk-example-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let campaign = dir.join("campaign.jsonl");
    let mut lines: Vec<String> = (1..=300)
        .map(|n| format!(r#"{{"to": "+972501234567", "text": {{"body": "order {n}"}}}}"#))
        .collect();
    lines.insert(150, r#"{"to": "+972501234567", "text": {}}"#.to_string());
    std::fs::write(&campaign, lines.join("\n")).expect("the campaign file");

    // The configuration a deployment would keep in a file: the route and its pace.
    let config = Config::from_toml(
        &stand_in.config_toml("[rate]\nper_second = 500\nburst = 10\nconcurrency = 32\n"),
    )?;
    let journal_path = dir.join("campaign.jsonl.journal.sqlite3");

    for run in 1..=2 {
        let sender = Arc::new(BulkSender::new(
            RoutedMessenger::from_config(&config)?,
            SqliteJournal::open(&journal_path)?,
            BulkOptions {
                concurrency: 32,
                ..BulkOptions::default()
            },
        ));
        let loaded = load_file(sender.journal(), &campaign).await?;
        for (_, error) in &loaded.malformed {
            println!("run {run}: not sent: {error}");
        }
        let watcher = {
            let sender = Arc::clone(&sender);
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    let p = sender.progress();
                    println!("run {run}: {}/{} sent", p.sent, p.to_send);
                }
            })
        };
        let summary = sender.run().await;
        watcher.abort();
        let summary = summary?;
        println!(
            "run {run}: sent {} this run; journal: {} sent, {} failed, {} unknown; {:.0} messages/s",
            summary.this_run.sent,
            summary.states["sent"],
            summary.states["failed"],
            summary.states["unknown"],
            summary.messages_per_second
        );
    }
    println!(
        "the stand-in accepted {} messages, none twice: {}",
        stand_in.accepted().len(),
        stand_in.accepted().values().all(|n| *n == 1)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
