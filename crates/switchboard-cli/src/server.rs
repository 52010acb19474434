//! `switchboard webhook serve`: an axum server that receives the configured provider's
//! webhooks, verifies and parses them, and hands each new event to a sink.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;
use switchboard::{InboundEvent, WebhookReceiver, WebhookVerdict};

/// Where accepted events go (the command prints each as one JSON line on stdout).
pub type EventSink = Arc<dyn Fn(&InboundEvent) + Send + Sync>;

#[derive(Clone)]
struct AppState {
    receiver: Arc<WebhookReceiver>,
    sink: EventSink,
}

/// The router: `POST <path>` receives webhooks. Answers 200 with the number of new events,
/// 401 for a missing or bad signature, 400 for a body that cannot be parsed.
pub fn router(receiver: Arc<WebhookReceiver>, sink: EventSink) -> Router {
    let path = receiver.path().to_string();
    Router::new()
        .route(&path, post(receive))
        .with_state(AppState { receiver, sink })
}

/// The URL of the request as the provider addressed it: scheme from `X-Forwarded-Proto`
/// (default `http`), host from `Host`, then path and query.
pub fn request_url(headers: &HeaderMap, uri: &Uri) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let scheme = header("x-forwarded-proto").unwrap_or("http");
    let host = header("host").unwrap_or("localhost");
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    format!("{scheme}://{host}{path}")
}

async fn receive(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<serde_json::Value>) {
    let url = request_url(&headers, &uri);
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let result = state.receiver.receive(&url, &pairs, &body);
    let verdict = WebhookVerdict::of(&result);
    let status = StatusCode::from_u16(verdict.status()).unwrap_or(StatusCode::BAD_REQUEST);
    match result {
        Ok(events) => {
            for event in &events {
                (state.sink)(event);
            }
            (status, Json(json!({"accepted": events.len()})))
        }
        Err(e) => {
            tracing::warn!(error_kind = e.kind(), error = %e, bytes = body.len(), "webhook refused");
            (status, Json(json!({"error": e.kind()})))
        }
    }
}
