//! A minimal provider stand-in on loopback for throughput benchmarks: a plain hyper
//! HTTP/1.1 server that reads each request's body and answers every request with one fixed
//! JSON answer (Meta's documented success answer by default). Unlike the wiremock stand-ins
//! of this crate it records nothing, so it costs as little as a server can, and a client's
//! own cost shows (`benches/compare.rs`, `benches/send_allocs.rs`,
//! `examples/loopback_meta.rs` for the Python and Node clients of docs/performance.md).

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use std::convert::Infallible;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Meta's documented success answer to a send (`docs/providers/meta.md`, Success
/// responses), as the Meta column's contract file gives it
/// (`crates/switchboard-meta/tests/contract/meta.json`, `responses.success.body`).
pub const META_SUCCESS_BODY: &str = r#"{"contacts":[{"input":"972501234567","wa_id":"972501234567"}],"messages":[{"id":"wamid.HBgMOTcyNTAxMjM0NTY3FQIAERgSTUVUQUNPTlRSQUNUMDEA"}],"messaging_product":"whatsapp"}"#;

/// [`META_SUCCESS_BODY`] as bytes.
pub fn meta_success_body() -> Bytes {
    Bytes::from_static(META_SUCCESS_BODY.as_bytes())
}

/// Binds 127.0.0.1 on an ephemeral port (or `port`) and serves `answer` to every request
/// on the current tokio runtime, until the runtime stops. Returns the bound address.
pub async fn serve(port: u16, answer: Bytes) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let answer = answer.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                    let answer = answer.clone();
                    async move {
                        // Read the whole request, as a provider does before answering.
                        let _ = request.into_body().collect().await;
                        let mut response = Response::new(Full::new(answer));
                        response.headers_mut().insert(
                            hyper::header::CONTENT_TYPE,
                            hyper::header::HeaderValue::from_static("application/json"),
                        );
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(addr)
}

/// The environment variable that makes a bench binary act as [`serve`] alone
/// ([`serve_if_asked`], [`ServerProcess::start`]).
pub const SERVE_ENV: &str = "SWITCHBOARD_LOOPBACK_SERVE";

/// When [`SERVE_ENV`] is set: serves [`meta_success_body`] on an ephemeral port, prints the
/// address on stdout, and returns `true` once stdin is closed (the parent went away).
/// Otherwise returns `false` at once. A bench's `main` calls it first.
pub fn serve_if_asked() -> bool {
    if std::env::var_os(SERVE_ENV).is_none() {
        return false;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    rt.block_on(async {
        let addr = serve(0, meta_success_body()).await.expect("bind 127.0.0.1");
        println!("{addr}");
        let _ = tokio::task::spawn_blocking(|| std::io::stdin().lines().count()).await;
    });
    true
}

/// [`serve`] in a child process (this executable again, with [`SERVE_ENV`] set), so that
/// what the parent measures (allocations, instructions) is the client's alone. Dropping it
/// ends the child.
pub struct ServerProcess {
    child: std::process::Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl ServerProcess {
    /// Starts the child and waits for its address.
    pub fn start() -> std::io::Result<Self> {
        use std::io::BufRead;
        let mut child = std::process::Command::new(std::env::current_exe()?)
            .env(SERVE_ENV, "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()?;
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        std::io::BufReader::new(stdout).read_line(&mut line)?;
        let addr = line
            .trim()
            .parse()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        Ok(ServerProcess { child, addr })
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
