//! `switchboard webhook ...`: receive webhooks into the journal and deliver them (`serve`),
//! list journaled events (`events`), deliver them again (`replay`).

pub mod listen;
pub mod stdout;

use crate::server::router;
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use switchboard::delivery::{self, EventSink};
use switchboard::forward::HttpForwarder;
use switchboard::journal::{self, WebhookJournal};
use switchboard::{AnyMessenger, Config, Error, WebhookReceiver, WebhookSettings};
use time::OffsetDateTime;
use tokio::sync::{oneshot, watch};

/// The `webhook` subcommands.
#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Receives the configured provider's webhooks by POST on `/` (or `[webhook] path`),
    /// verifies signatures where the provider signs, stores each new event in the journal
    /// (`[webhook] journal`) before answering 200, and delivers journaled events at least
    /// once: as JSON lines on stdout, or by POST to `[webhook] forward_url`. Redeliveries
    /// are answered 200 and dropped.
    Serve {
        /// The configuration file (TOML); default: $SWITCHBOARD_CONFIG, else the memory provider.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
    },
    /// Lists journaled events as JSON lines, oldest first.
    Events {
        /// The configuration file (TOML) naming the journal.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Only events received at or after TIME: RFC 3339 (`2026-11-24T10:00:00Z`) or an
        /// age (`90s`, `15m`, `2h`, `3d`).
        #[arg(long, value_parser = parse_since)]
        since: Option<OffsetDateTime>,
        /// At most N events.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Delivers journaled events received at or after TIME again, to the configured sink
    /// (stdout, or `[webhook] forward_url`), without moving `serve`'s cursor.
    Replay {
        /// The configuration file (TOML) naming the journal and the sink.
        #[arg(long)]
        config: Option<PathBuf>,
        /// RFC 3339 (`2026-11-24T10:00:00Z`) or an age (`90s`, `15m`, `2h`, `3d`).
        #[arg(long, value_parser = parse_since)]
        since: OffsetDateTime,
    },
}

/// Runs one `webhook` subcommand. What it prints goes to stdout itself; the value returned
/// is `null` (nothing more to print).
pub async fn run(command: WebhookCommand) -> Result<serde_json::Value, Error> {
    match command {
        WebhookCommand::Serve { config, listen } => serve(config.as_deref(), listen).await,
        WebhookCommand::Events {
            config,
            since,
            limit,
        } => events(config.as_deref(), since, limit).await,
        WebhookCommand::Replay { config, since } => replay(config.as_deref(), since).await,
    }
}

/// Parses `--since`: RFC 3339, or an age in seconds, minutes, hours or days before now.
pub fn parse_since(text: &str) -> Result<OffsetDateTime, String> {
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        return Ok(t);
    }
    let unit = text.chars().last().unwrap_or(' ');
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => 0,
    };
    let amount = text[..text.len() - unit.len_utf8().min(text.len())]
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0 && seconds > 0);
    match amount.and_then(|n| n.checked_mul(seconds)) {
        Some(s) => Ok(OffsetDateTime::now_utc() - time::Duration::seconds(s)),
        None => Err(format!(
            "expected RFC 3339 (2026-11-24T10:00:00Z) or an age such as 90s, 15m, 2h, 3d; got {:?}",
            text.chars().take(40).collect::<String>()
        )),
    }
}

/// The configured journal; `":memory:"` has nothing to read from another process.
async fn stored_journal(settings: &WebhookSettings) -> Result<Arc<dyn WebhookJournal>, Error> {
    if settings.journal_in_memory() {
        return Err(Error::configuration(
            "[webhook] journal = \":memory:\" keeps events inside `webhook serve` only; name a file to list or replay them",
        ));
    }
    if !switchboard::pg::is_postgres_url(&settings.journal)
        && !Path::new(&settings.journal).exists()
    {
        return Err(Error::configuration(format!(
            "[webhook] journal {:?} does not exist (relative paths are from the working directory)",
            settings.journal
        )));
    }
    journal::open(settings).await
}

/// The sink `[webhook]` names: the forwarder when `forward_url` is set, else stdout.
fn sink(settings: &WebhookSettings) -> Result<Box<dyn EventSink>, Error> {
    Ok(match &settings.forward_url {
        Some(url) => Box::new(HttpForwarder::new(url, Duration::from_secs(30))?),
        None => Box::new(stdout::StdoutSink),
    })
}

/// A watch that turns true on Ctrl-C or SIGTERM.
fn stop_on_signal() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    let signals = Signals::install();
    tokio::spawn(async move {
        signals.recv().await;
        let _ = tx.send(true);
    });
    rx
}

/// Ctrl-C and SIGTERM, listened for from the moment this is built (a signal that arrives
/// before the first wait is not lost to the default action).
struct Signals {
    #[cfg(unix)]
    unix: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl Signals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Signals {
                unix: signal(SignalKind::interrupt())
                    .and_then(|int| Ok((int, signal(SignalKind::terminate())?)))
                    .ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Signals {}
        }
    }

    async fn recv(self) {
        #[cfg(unix)]
        if let Some((mut int, mut term)) = self.unix {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn serve(
    config: Option<&Path>,
    listen: std::net::SocketAddr,
) -> Result<serde_json::Value, Error> {
    let config = Config::load(config)?;
    let settings = &config.webhook;
    let messenger = AnyMessenger::from_config(&config)?;
    let journal = journal::open(settings).await?;
    let receiver = Arc::new(WebhookReceiver::new(
        messenger,
        settings,
        Arc::clone(&journal),
    ));
    let limits = listen::Limits::from_settings(settings);
    let app = router(Arc::clone(&receiver), limits.body_read_timeout);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| Error::io(format!("listening on {listen}"), &e).with_source(e))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io("reading the listener's address", &e).with_source(e))?;
    let mut sink = sink(settings)?;
    let signals = Signals::install();
    eprintln!(
        "switchboard: receiving {} webhooks on http://{local}{}, journal {}, delivering to {}",
        config.provider,
        receiver.path(),
        switchboard::pg::redact(&settings.journal),
        settings.forward_url.as_deref().unwrap_or("stdout"),
    );

    let (stop, stopping) = watch::channel(false);
    let (ended, delivery_ended) = oneshot::channel::<()>();
    let wake = receiver.subscribe();
    let deliverer = tokio::spawn(async move {
        let result = delivery::run(&journal, sink.as_mut(), wake, stopping).await;
        let _ = ended.send(());
        result
    });
    // Stop receiving on Ctrl-C or SIGTERM, or when delivery ends (stdout closed).
    listen::serve(listener, app, limits, async {
        tokio::select! {
            _ = signals.recv() => {}
            _ = delivery_ended => {}
        }
    })
    .await;
    let _ = stop.send(true);
    let result = match tokio::time::timeout(Duration::from_secs(10), deliverer).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => Err(Error::internal(format!("the delivery task failed: {e}")).with_source(e)),
        Err(_) => {
            eprintln!("switchboard: delivery did not finish within 10 s; the rest is delivered on the next start");
            return Ok(serde_json::Value::Null);
        }
    };
    let report = result?;
    eprintln!(
        "switchboard: stopped; delivered {} events this run (cursor at {})",
        report.delivered, report.last_seq
    );
    Ok(serde_json::Value::Null)
}

async fn events(
    config: Option<&Path>,
    since: Option<OffsetDateTime>,
    limit: Option<usize>,
) -> Result<serde_json::Value, Error> {
    let config = Config::load(config)?;
    let journal = stored_journal(&config.webhook).await?;
    let mut left = limit.unwrap_or(usize::MAX);
    let mut after = 0;
    while left > 0 {
        let page = journal.read(after, since, left.min(500)).await?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        left -= page.len();
        if let Err(e) = stdout::write_stdout(stdout::lines(&page)?).await {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                break; // `| head`: the reader has what it wanted.
            }
            return Err(Error::io("writing events to stdout", &e).with_source(e));
        }
    }
    Ok(serde_json::Value::Null)
}

async fn replay(config: Option<&Path>, since: OffsetDateTime) -> Result<serde_json::Value, Error> {
    let config = Config::load(config)?;
    let journal = stored_journal(&config.webhook).await?;
    let mut sink = sink(&config.webhook)?;
    let report = delivery::replay(&journal, sink.as_mut(), since, stop_on_signal()).await?;
    eprintln!(
        "switchboard: replayed {} events to {}",
        report.delivered,
        config.webhook.forward_url.as_deref().unwrap_or("stdout")
    );
    Ok(serde_json::Value::Null)
}
