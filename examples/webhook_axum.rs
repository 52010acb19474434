//! Receiving provider webhooks inside your own axum application, without losing any.
//!
//! `WebhookReceiver` verifies the signature (where the provider signs: Bird), parses the
//! delivery and stores its new events in the journal (`[webhook] journal`, a SQLite file by
//! default) *before* the handler answers 2xx. Your code then takes the events from the
//! journal with `switchboard::delivery::run`, at least once and in order: a crash of your
//! app before it finished with an event means that event is handed over again on restart
//! (drop repeats by `dedupe_key`).
//!
//! ```sh
//! SWITCHBOARD_CONFIG=my-bird.toml cargo run --example webhook_axum   # listens on 127.0.0.1:3000/whatsapp
//! ```

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use axum::Router;
use std::sync::Arc;
use switchboard::delivery::{self, EventSink, SinkError};
use switchboard::journal::{self, JournaledEvent};
use switchboard::{
    AnyMessenger, Config, InboundContent, InboundEvent, WebhookReceiver, WebhookSettings,
    WebhookVerdict,
};

/// Your application's reaction to each event, fed from the journal.
struct App;

#[async_trait::async_trait]
impl EventSink for App {
    fn name(&self) -> String {
        "my-app".into() // the journal keeps this sink's cursor under this name
    }

    async fn deliver(&mut self, events: &[JournaledEvent]) -> Result<(), SinkError> {
        for journaled in events {
            let Ok(event) = journaled.inbound_event() else {
                eprintln!(
                    "event {} is not readable: {}",
                    journaled.seq, journaled.event
                );
                continue;
            };
            match event {
                InboundEvent::Message(m) => match &m.content {
                    InboundContent::ButtonReply { id, title } => {
                        println!("{} tapped {title:?} (button {id:?})", m.from)
                    }
                    InboundContent::ListReply { id, title, .. } => {
                        println!("{} chose {title:?} (row {id:?})", m.from)
                    }
                    InboundContent::Text { body } => println!("{} wrote: {body}", m.from),
                    other => println!("{} sent {other:?}", m.from),
                },
                InboundEvent::Status(s) => {
                    println!("message {} is now {:?}", s.message_id, s.status)
                }
                other => println!("unmodelled event: {other:?}"),
            }
        }
        // Returning Err(SinkError::Retry(..)) would hand the same events over again later.
        Ok(())
    }
}

async fn whatsapp(
    State(receiver): State<Arc<WebhookReceiver>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    // The URL the provider called, for signatures (or set [webhook] public_url).
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let url = format!(
        "http://{host}{}",
        uri.path_and_query().map(|p| p.as_str()).unwrap_or("/")
    );
    let pairs = switchboard::header_pairs(&headers);
    // Returns once the new events are stored: 200 then; 503 if the journal failed (the
    // provider retries), 401 for a bad signature, 400 for an unreadable body.
    let result = receiver.receive(&url, &pairs, &body).await;
    if let Err(e) = &result {
        eprintln!("refused a delivery ({}): {e}", e.kind());
    }
    StatusCode::from_u16(WebhookVerdict::of(&result).status()).unwrap_or(StatusCode::BAD_REQUEST)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::load(None)?;
    let settings = WebhookSettings {
        path: Some("/whatsapp".into()),
        ..config.webhook.clone()
    };
    let journal = journal::open(&settings).await?;
    let receiver = Arc::new(WebhookReceiver::new(
        AnyMessenger::from_config(&config)?,
        &settings,
        Arc::clone(&journal),
    ));

    // Deliver from the journal to the app, forever (until the process stops).
    let wake = receiver.subscribe();
    let (_stop, stopping) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        if let Err(e) = delivery::run(&journal, &mut App, wake, stopping).await {
            eprintln!("delivery stopped: {e}");
        }
    });

    let app = Router::new()
        .route("/whatsapp", post(whatsapp))
        .with_state(receiver);
    let addr = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "receiving {} webhooks on http://{addr}/whatsapp, journal {}",
        config.provider, settings.journal
    );
    axum::serve(listener, app).await?;
    Ok(())
}
