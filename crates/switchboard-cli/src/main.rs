//! The `switchboard` command: render, send and receive WhatsApp messages through the
//! provider named in the configuration.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use switchboard::{AnyMessenger, Config, Error, Messenger, OutboundMessage, WebhookReceiver};

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
    /// it, as one JSON object. Every secret is printed as ***.
    Render {
        /// The configuration file (TOML); default: $SWITCHBOARD_CONFIG, else the memory provider.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The message, in switchboard's JSON form (see examples/messages/).
        message: PathBuf,
    },
    /// Receives webhooks.
    Webhook {
        #[command(subcommand)]
        command: WebhookCommand,
    },
    /// Sends the message and prints the provider's receipt as JSON.
    Send {
        /// The configuration file (TOML); default: $SWITCHBOARD_CONFIG, else the memory provider.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The message, in switchboard's JSON form (see examples/messages/).
        message: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum WebhookCommand {
    /// Receives the configured provider's webhooks by POST on `/` (or `[webhook] path`),
    /// verifies signatures where the provider signs, and prints each new event as one JSON
    /// line on stdout. Duplicate deliveries are dropped.
    Serve {
        /// The configuration file (TOML); default: $SWITCHBOARD_CONFIG, else the memory provider.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
    },
}

async fn serve(
    config: Option<&Path>,
    listen: std::net::SocketAddr,
) -> Result<serde_json::Value, Error> {
    let config = Config::load(config)?;
    let messenger = AnyMessenger::from_config(&config)?;
    let receiver = std::sync::Arc::new(WebhookReceiver::new(messenger, &config.webhook));
    let sink: switchboard_cli::server::EventSink = std::sync::Arc::new(|event| {
        use std::io::Write;
        if let Ok(line) = serde_json::to_string(event) {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    });
    let path = receiver.path().to_string();
    let app = switchboard_cli::server::router(receiver, sink);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| Error::configuration(format!("cannot listen on {listen}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::configuration(e.to_string()))?;
    eprintln!(
        "switchboard: receiving {} webhooks on http://{local}{path}",
        config.provider
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::Transport {
            message: format!("webhook server failed: {e}"),
        })?;
    Ok(serde_json::json!({"stopped": true}))
}

fn read_message(path: &Path) -> Result<OutboundMessage, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::configuration(format!("cannot read message file {}: {e}", path.display()))
    })?;
    OutboundMessage::from_json(&text)
}

fn messenger(config: Option<&Path>) -> Result<AnyMessenger, Error> {
    AnyMessenger::from_config(&Config::load(config)?)
}

async fn run(cli: Cli) -> Result<serde_json::Value, Error> {
    match cli.command {
        Command::Render { config, message } => {
            let messenger = messenger(config.as_deref())?;
            let message = read_message(&message)?;
            Ok(messenger.render(&message)?.redacted())
        }
        Command::Webhook {
            command: WebhookCommand::Serve { config, listen },
        } => serve(config.as_deref(), listen).await,
        Command::Send { config, message } => {
            let messenger = messenger(config.as_deref())?;
            let message = read_message(&message)?;
            let receipt = messenger.send(&message).await?;
            serde_json::to_value(&receipt).map_err(|e| Error::decode("receipt", e.to_string()))
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("SWITCHBOARD_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
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
    match runtime.block_on(run(cli)) {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error ({}): {e}", e.kind());
            ExitCode::from(1)
        }
    }
}
