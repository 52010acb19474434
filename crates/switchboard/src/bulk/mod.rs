//! Sending at volume: a campaign file of messages, journaled line by line, resumable after
//! a kill, with progress.
//!
//! A campaign is one message per line in the JSON form (`docs/messages.md`). It is loaded
//! into a [`BulkJournal`] ([`load_file`]); a [`BulkSender`] then claims lines from the
//! journal and sends them through any [`crate::Messenger`] (typically a
//! [`crate::RoutedMessenger`], which paces each provider account and fails over between
//! routes). Each line is recorded as `sending` before its request and as `sent` (message
//! id and provider), `failed` (error kind) or `unknown` (no answer: it may have been sent)
//! after it. Run it again with the same journal after a kill or a crash: sent lines are not
//! sent again, lines that were in flight become `unknown`, and `unknown` lines are left
//! alone unless [`BulkOptions::resend_unknown`] is set.
//!
//! ```no_run
//! use switchboard::bulk::{load_file, BulkOptions, BulkSender, SqliteJournal};
//! use switchboard::{Config, RoutedMessenger};
//!
//! # async fn run() -> Result<(), switchboard::Error> {
//! let config = Config::load(None)?;
//! let journal = SqliteJournal::open("campaign.jsonl.journal.sqlite3")?;
//! let sender = BulkSender::new(RoutedMessenger::from_config(&config)?, journal, BulkOptions::default());
//! let loaded = load_file(sender.journal(), "campaign.jsonl".as_ref()).await?;
//! for (line, error) in &loaded.malformed {
//!     eprintln!("line {line}: {error}");
//! }
//! let summary = sender.run().await?;
//! println!("{}", serde_json::to_string(&summary).unwrap());
//! # Ok(()) }
//! ```
//!
//! The runnable example is `examples/send_bulk.rs`; the command is `switchboard send-bulk`.

mod input;
mod journal;
mod memory;
#[cfg(feature = "postgres")]
mod postgres;
mod sender;
mod sqlite;

pub use input::{load_file, parse_line, Loaded};
pub use journal::{
    BulkJournal, Claimed, JournalCounts, LineRecord, LineState, NewLine, Outcome, Recovered,
    INTERRUPTED,
};
pub use memory::MemoryJournal;
#[cfg(feature = "postgres")]
pub use postgres::PostgresJournal;
pub use sender::{BulkOptions, BulkSender, BulkSummary, Progress};
pub use sqlite::SqliteJournal;
