//! The accept loop of `webhook serve`, hardened: a connection must send its request
//! headers within `header_read_timeout_s` (else it is closed), at most `max_connections`
//! are open at once (more wait in the listen backlog), and shutdown is graceful.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use switchboard::WebhookSettings;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long open requests may take to finish once shutdown begins.
const DRAIN: Duration = Duration::from_secs(10);

/// The connection limits of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A connection must send a request's headers within this, else it is closed (this also
    /// bounds how long an idle keep-alive connection is kept).
    pub header_read_timeout: Duration,
    /// A request must send its body within this (answered 408 otherwise).
    pub body_read_timeout: Duration,
    /// The most connections open at once.
    pub max_connections: usize,
}

impl Limits {
    /// The limits `[webhook]` sets.
    pub fn from_settings(s: &WebhookSettings) -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(s.header_read_timeout_s),
            body_read_timeout: Duration::from_secs(s.body_read_timeout_s),
            max_connections: usize::try_from(s.max_connections).unwrap_or(usize::MAX),
        }
    }
}

/// Serves `app` (HTTP/1.1) on `listener` with `limits` until `shutdown` completes, then
/// stops accepting and lets open requests finish (up to 10 s).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&permits).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let conn =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("open requests did not finish within 10 s of shutdown");
    }
}
