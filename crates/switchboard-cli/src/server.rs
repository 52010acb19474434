//! `switchboard webhook serve`'s router: receives the configured provider's webhooks,
//! verifies, parses and journals them, and answers only once they are stored.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use switchboard::{WebhookReceiver, WebhookVerdict};

/// The largest body read (bytes); larger deliveries are answered 413.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone)]
struct AppState {
    receiver: Arc<WebhookReceiver>,
    body_timeout: Duration,
}

/// The router: `POST <path>` receives webhooks. Answers 200 `{"accepted": new, "duplicates":
/// n}` once the new events are journaled, 401 for a missing or bad signature (or a signed
/// timestamp out of the window), 400 for a body that cannot be parsed, 408 for a body not
/// received within `body_timeout`, 413 for one over [`MAX_BODY_BYTES`], 503 when the
/// journal cannot store the events (the provider retries). `GET <path>` answers the
/// provider's subscription handshake (Meta's `hub.challenge`, as plain text) with 200, or 403
/// when it is refused, 405 for a provider without one.
pub fn router(receiver: Arc<WebhookReceiver>, body_timeout: Duration) -> Router {
    let path = receiver.path().to_string();
    Router::new()
        .route(&path, post(receive).get(handshake))
        .with_state(AppState {
            receiver,
            body_timeout,
        })
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

async fn handshake(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> (
    StatusCode,
    [(axum::http::HeaderName, &'static str); 1],
    String,
) {
    let url = request_url(&headers, &uri);
    let result = state.receiver.handshake(&url);
    let status = StatusCode::from_u16(WebhookReceiver::handshake_status(&result))
        .unwrap_or(StatusCode::BAD_REQUEST);
    let body = match result {
        Ok(challenge) => challenge,
        Err(e) => {
            tracing::warn!(error_kind = e.kind(), error = %e, "subscription handshake refused");
            e.kind().to_string()
        }
    };
    (
        status,
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        body,
    )
}

async fn receive(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> (StatusCode, Json<serde_json::Value>) {
    let body = match tokio::time::timeout(
        state.body_timeout,
        axum::body::to_bytes(body, MAX_BODY_BYTES),
    )
    .await
    {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "webhook body not read");
            let too_large = e.into_inner().is::<http_body_util::LengthLimitError>();
            return if too_large {
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    Json(json!({"error": "body_too_large"})),
                )
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    Json(json!({"error": "body_unreadable"})),
                )
            };
        }
        Err(_) => {
            tracing::warn!(
                timeout_s = state.body_timeout.as_secs(),
                "webhook body not received in time"
            );
            return (
                StatusCode::REQUEST_TIMEOUT,
                Json(json!({"error": "body_timeout"})),
            );
        }
    };
    let url = request_url(&headers, &uri);
    let result = state
        .receiver
        .receive(&url, &switchboard::header_pairs(&headers), &body)
        .await;
    let verdict = WebhookVerdict::of(&result);
    let status = StatusCode::from_u16(verdict.status()).unwrap_or(StatusCode::BAD_REQUEST);
    match result {
        Ok(received) => (
            status,
            Json(json!({"accepted": received.new.len(), "duplicates": received.duplicates})),
        ),
        Err(e) => {
            tracing::warn!(error_kind = e.kind(), error = %e, bytes = body.len(), "webhook refused");
            (status, Json(json!({"error": e.kind()})))
        }
    }
}
