//! `switchboard send-bulk`: a file of messages, one per line, sent through the configured
//! routes with a journal, progress and a summary.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard::bulk::{load_file, BulkJournal, BulkOptions, BulkSender, Progress, SqliteJournal};
use switchboard::pg::{is_postgres_url, redact};
use switchboard::{Config, Error, RoutedMessenger};

/// Sends every line of a messages file (one message per line in the JSON form), journaling
/// each line so that a rerun after a stop or a crash sends nothing twice.
#[derive(Debug, clap::Args)]
pub struct SendBulkArgs {
    /// The configuration file (TOML); default: $SWITCHBOARD_CONFIG, else the memory provider.
    /// Its `routes`, `[rate]` and `[http]` tables apply.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The messages, one per line in switchboard's JSON form (blank lines are skipped).
    pub messages: PathBuf,
    /// The journal: a SQLite file (default: MESSAGES.journal.sqlite3 beside the messages
    /// file), or a `postgres://` URL shared by several workers (feature `postgres`,
    /// docs/scaling.md). Run again with the same journal to resume.
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// The campaign's name in a `postgres://` journal (default: the messages file's name):
    /// workers given the same name share its lines. Only for PostgreSQL journals.
    #[arg(long)]
    pub campaign: Option<String>,
    /// Seconds a worker holds the lines it claimed (and a line it is sending) before other
    /// workers may recover them (default 600). Matters with a shared `postgres://` journal,
    /// where it is how long a dead worker's lines wait.
    #[arg(long, value_name = "SECONDS")]
    pub lease: Option<u64>,
    /// Sends per second per route (overrides `per_second` of every `[rate]` table).
    #[arg(long)]
    pub rate: Option<u64>,
    /// Lines sent at once (also the bound on sends in flight of every route).
    #[arg(long, default_value_t = 64)]
    pub concurrency: u64,
    /// Writes one JSON line per message line (line, state, provider, message_id, error_kind,
    /// error) to this file at the end.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Sends lines whose outcome is unknown again. They may already have been sent: their
    /// recipients may receive them twice.
    #[arg(long)]
    pub resend_unknown: bool,
    /// Seconds between progress lines when stderr is not a terminal.
    #[arg(long, default_value_t = 5, value_name = "SECONDS")]
    pub progress_every: u64,
}

/// The default journal of `messages`: `MESSAGES.journal.sqlite3` beside it.
pub fn default_journal(messages: &Path) -> PathBuf {
    let mut name = messages.file_name().unwrap_or_default().to_os_string();
    name.push(".journal.sqlite3");
    messages.with_file_name(name)
}

/// Runs `send-bulk`; returns the summary printed on stdout.
pub async fn send_bulk(args: SendBulkArgs) -> Result<serde_json::Value, Error> {
    let mut config = Config::load(args.config.as_deref())?;
    let concurrency = args.concurrency.max(1);
    let settings = std::iter::once(&mut config.rate.default).chain(config.rate.routes.values_mut());
    for s in settings {
        s.concurrency = concurrency;
        if let Some(rate) = args.rate {
            s.per_second = Some(rate);
        }
    }
    config.rate.check()?;
    let messenger = RoutedMessenger::from_config(&config)?;
    let journal_path = args
        .journal
        .clone()
        .unwrap_or_else(|| default_journal(&args.messages));
    let journal = open_journal(&journal_path, &args).await?;
    let defaults = BulkOptions::default();
    let sender = Arc::new(BulkSender::new(
        messenger,
        journal,
        BulkOptions {
            concurrency: concurrency as usize,
            resend_unknown: args.resend_unknown,
            lease: args
                .lease
                .map_or(defaults.lease, |s| Duration::from_secs(s.max(1))),
            ..defaults
        },
    ));

    let loaded = load_file(sender.journal(), &args.messages).await?;
    {
        let mut err = std::io::stderr().lock();
        for (_, error) in &loaded.malformed {
            let _ = writeln!(err, "switchboard: malformed, not sent: {error}");
        }
        let more = loaded.malformed_count - loaded.malformed.len() as u64;
        if more > 0 {
            let _ = writeln!(
                err,
                "switchboard: ... and {more} more malformed lines (see --report)"
            );
        }
    }

    let watcher = {
        let sender = Arc::clone(&sender);
        let every = Duration::from_secs(args.progress_every.max(1));
        tokio::spawn(async move { show_progress(move || sender.progress(), every).await })
    };
    let result = sender.run().await;
    watcher.abort();
    let _ = watcher.await;
    let summary = result?;

    if !summary.unknown_lines.is_empty() {
        let lines: Vec<String> = summary.unknown_lines.iter().map(u64::to_string).collect();
        let total = summary.states.get("unknown").copied().unwrap_or(0);
        eprintln!(
            "switchboard: {total} line(s) with an unknown outcome (they may have been sent; left alone, \
             --resend-unknown sends them again): lines {}{}",
            lines.join(", "),
            if total > lines.len() as u64 { ", ... (see --report)" } else { "" }
        );
    }
    if let Some(report) = &args.report {
        write_report(sender.journal(), report).await?;
    }
    let mut value = serde_json::to_value(&summary)
        .map_err(|e| Error::encode("bulk summary", e.to_string()).with_source(e))?;
    value["journal"] = serde_json::Value::String(redact(&journal_path.to_string_lossy()));
    value["malformed_lines"] = loaded.malformed_count.into();
    Ok(value)
}

/// The journal `location` names: a `postgres://` URL (feature `postgres`) for the campaign
/// `--campaign` (default: the messages file's name), else a SQLite file.
async fn open_journal(location: &Path, args: &SendBulkArgs) -> Result<Box<dyn BulkJournal>, Error> {
    let text = location.to_string_lossy();
    if !is_postgres_url(&text) {
        if args.campaign.is_some() {
            return Err(Error::configuration(
                "--campaign names a campaign in a postgres:// journal; a SQLite journal holds one campaign (give --journal postgres://...)",
            ));
        }
        return Ok(Box::new(SqliteJournal::open(location)?));
    }
    #[cfg(feature = "postgres")]
    {
        let campaign = match &args.campaign {
            Some(name) => name.clone(),
            None => args
                .messages
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        Ok(Box::new(
            switchboard::bulk::PostgresJournal::open(&text, &campaign).await?,
        ))
    }
    #[cfg(not(feature = "postgres"))]
    {
        Err(Error::configuration(
            "--journal is a postgres:// URL, but switchboard was built without its cargo feature `postgres`; \
             build switchboard-cli with --features postgres",
        ))
    }
}

/// A bar with counts, rate and ETA on a terminal; a plain line every `every` otherwise.
async fn show_progress(progress: impl Fn() -> Progress, every: Duration) {
    let started = Instant::now();
    if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} {per_sec} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        loop {
            let p = progress();
            bar.set_length(p.to_send);
            bar.set_position(p.done());
            bar.set_message(format!(
                "sent {} failed {} unknown {}",
                p.sent, p.failed, p.unknown
            ));
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    } else {
        loop {
            tokio::time::sleep(every).await;
            let p = progress();
            let seconds = started.elapsed().as_secs_f64();
            let rate = if seconds > 0.0 {
                p.done() as f64 / seconds
            } else {
                0.0
            };
            let left = p.to_send.saturating_sub(p.done());
            let eta = if rate > 0.0 {
                format!("{:.0}s", left as f64 / rate)
            } else {
                "unknown".to_string()
            };
            eprintln!(
                "switchboard: {}/{} done (sent {}, failed {}, unknown {}), {rate:.0} messages/s, ETA {eta}",
                p.done(),
                p.to_send,
                p.sent,
                p.failed,
                p.unknown
            );
        }
    }
}

/// Writes one JSON line per journaled line, in line order.
async fn write_report<J: BulkJournal + ?Sized>(journal: &J, path: &Path) -> Result<(), Error> {
    let cannot = |e: std::io::Error| {
        Error::io(format!("writing the report {}", path.display()), &e).with_source(e)
    };
    let file = std::fs::File::create(path).map_err(cannot)?;
    let mut out = std::io::BufWriter::new(file);
    let mut after = 0;
    loop {
        let page = journal.records(after, 10_000, None).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.line;
        for record in &page {
            let line = serde_json::to_string(record)
                .map_err(|e| Error::encode("report line", e.to_string()).with_source(e))?;
            writeln!(out, "{line}").map_err(cannot)?;
        }
    }
    out.flush().map_err(cannot)
}
