//! The `switchboard` command: render, send and receive WhatsApp messages through the
//! provider named in the configuration.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use switchboard::portability::Fidelity;
use switchboard::{AnyMessenger, Config, Error, Messenger, OutboundMessage};

/// Send WhatsApp messages through 99digital, 360dialog or Bird, chosen by configuration.
///
/// With no --config and no SWITCHBOARD_CONFIG, the memory provider is used: nothing leaves
/// the machine.
#[derive(Debug, Parser)]
#[command(name = "switchboard", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Prints the exact HTTP request the configured provider would receive, without sending
    /// it, as one JSON object. Every secret is printed as ***. Under the `degrade` fidelity
    /// policy the object also has `"degraded": [{"feature", "action"}, ...]`: what was changed
    /// so that the provider could carry the message.
    Render {
        /// The configuration file (TOML); default: $SWITCHBOARD_CONFIG, else the memory provider.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The fidelity policy for this message (`exact` or `degrade`); default: the
        /// configuration's `fidelity`.
        #[arg(long)]
        fidelity: Option<Fidelity>,
        /// The message, in switchboard's JSON form (see examples/messages/).
        message: PathBuf,
    },
    /// Receives webhooks.
    Webhook {
        #[command(subcommand)]
        command: switchboard_cli::webhook::WebhookCommand,
    },
    /// Sends the message and prints the provider's receipt as JSON (with `"degraded"` when
    /// the message was changed under the `degrade` fidelity policy).
    Send {
        /// The configuration file (TOML); default: $SWITCHBOARD_CONFIG, else the memory provider.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The fidelity policy for this message (`exact` or `degrade`); default: the
        /// configuration's `fidelity`.
        #[arg(long)]
        fidelity: Option<Fidelity>,
        /// The message, in switchboard's JSON form (see examples/messages/).
        message: PathBuf,
    },
    /// Sends a file of messages (one per line), paced per route, failing over between
    /// routes, with a journal so that a rerun sends nothing twice; prints a JSON summary.
    SendBulk(switchboard_cli::bulk::SendBulkArgs),
}

/// The message in the file at `path`: a file that cannot be read is an [`Error::Io`], one
/// that is not UTF-8 (so not JSON) an [`Error::Decode`] of the message file.
fn read_message(path: &Path) -> Result<OutboundMessage, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::io(format!("reading the message file {}", path.display()), &e).with_source(e)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let why = format!("not UTF-8 text: {}", e.utf8_error());
        Error::decode(format!("message file {}", path.display()), why).with_source(e)
    })?;
    OutboundMessage::from_json(&text)
}

fn messenger(config: Option<&Path>) -> Result<AnyMessenger, Error> {
    AnyMessenger::from_config(&Config::load(config)?)
}

/// `switchboard render`: pure translation, run without an async runtime.
fn render(
    config: Option<&Path>,
    fidelity: Option<Fidelity>,
    message: &Path,
) -> Result<serde_json::Value, Error> {
    let messenger = messenger(config)?;
    let message = read_message(message)?;
    let fidelity = fidelity.unwrap_or(messenger.fidelity());
    let request = messenger.render_with(&message, fidelity)?;
    let mut shown = request.redacted();
    // Under exact nothing is ever changed: the output stays the request alone.
    if fidelity == Fidelity::Degrade {
        shown["degraded"] = serde_json::to_value(&request.degraded)
            .map_err(|e| Error::encode("degradations", e.to_string()).with_source(e))?;
    }
    Ok(shown)
}

async fn run(command: Command) -> Result<serde_json::Value, Error> {
    match command {
        Command::Render {
            config,
            fidelity,
            message,
        } => render(config.as_deref(), fidelity, &message),
        Command::Webhook { command } => switchboard_cli::webhook::run(command).await,
        Command::Send {
            config,
            fidelity,
            message,
        } => {
            let messenger = messenger(config.as_deref())?;
            let message = read_message(&message)?;
            let fidelity = fidelity.unwrap_or(messenger.fidelity());
            let receipt = messenger.send_with(&message, fidelity).await?;
            serde_json::to_value(&receipt)
                .map_err(|e| Error::encode("receipt", e.to_string()).with_source(e))
        }
        Command::SendBulk(args) => switchboard_cli::bulk::send_bulk(args).await,
    }
}

/// Logs to stderr: warnings (a refused webhook, a delivery being retried) unless
/// SWITCHBOARD_LOG says otherwise.
fn init_logging() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SWITCHBOARD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        // A one-shot translation: no runtime, no threads, and no logger unless asked for
        // (translation logs no warnings; its `info` lines show with SWITCHBOARD_LOG).
        Command::Render {
            config,
            fidelity,
            message,
        } => {
            if std::env::var_os("SWITCHBOARD_LOG").is_some() {
                init_logging();
            }
            render(config.as_deref(), fidelity, &message)
        }
        command => {
            init_logging();
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: cannot start the async runtime: {e}");
                    return ExitCode::from(1);
                }
            };
            runtime.block_on(run(command))
        }
    };
    match result {
        // `null`: the command printed what it had to (webhook commands stream JSON lines).
        Ok(serde_json::Value::Null) => ExitCode::SUCCESS,
        Ok(value) => {
            use std::io::Write;
            // Never panic on a closed stdout (`| head`): report it.
            match writeln!(std::io::stdout(), "{value}") {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error (io): cannot write to stdout: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            eprintln!("error ({}): {e}", e.kind());
            ExitCode::from(1)
        }
    }
}
