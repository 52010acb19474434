//! Receiving provider webhooks inside your own axum application.
//!
//! `WebhookReceiver` verifies the signature (where the provider signs: Bird), parses the
//! delivery into `InboundEvent`s and drops redeliveries; your handler decides what to do
//! with each event. Answer 2xx quickly: providers retry otherwise.
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
use switchboard::{
    AnyMessenger, Config, InboundContent, InboundEvent, WebhookReceiver, WebhookSettings,
    WebhookVerdict,
};

/// Your application's reaction to one event.
fn handle(event: &InboundEvent) {
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
        InboundEvent::Status(s) => println!("message {} is now {:?}", s.message_id, s.status),
        other => println!("unmodelled event: {other:?}"),
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
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let result = receiver.receive(&url, &pairs, &body);
    match &result {
        Ok(events) => events.iter().for_each(handle),
        Err(e) => eprintln!("refused a delivery ({}): {e}", e.kind()),
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
    let receiver = Arc::new(WebhookReceiver::new(
        AnyMessenger::from_config(&config)?,
        &settings,
    ));
    let app = Router::new()
        .route("/whatsapp", post(whatsapp))
        .with_state(receiver);
    let addr = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "receiving {} webhooks on http://{addr}/whatsapp",
        config.provider
    );
    axum::serve(listener, app).await?;
    Ok(())
}
