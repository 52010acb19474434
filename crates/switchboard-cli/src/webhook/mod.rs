//! `switchboard webhook ...`: the webhook subcommands.

use clap::Subcommand;
use std::path::{Path, PathBuf};
use switchboard::{AnyMessenger, Config, Error, WebhookReceiver};

/// The `webhook` subcommands.
#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
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
    let sink: crate::server::EventSink = std::sync::Arc::new(|event| {
        use std::io::Write;
        if let Ok(line) = serde_json::to_string(event) {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    });
    let path = receiver.path().to_string();
    let app = crate::server::router(receiver, sink);
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

/// Runs one `webhook` subcommand.
pub async fn run(command: WebhookCommand) -> Result<serde_json::Value, Error> {
    match command {
        WebhookCommand::Serve { config, listen } => serve(config.as_deref(), listen).await,
    }
}
