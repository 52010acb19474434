//! A chaos stand-in: a 360dialog Cloud API stand-in on loopback (a raw HTTP/1.1 server on a
//! `TcpListener`) that answers each message as a plan says (accepted, rate-limited with
//! `Retry-After` in seconds or as an HTTP date, server error, connection reset, no answer)
//! and counts, per message, what it answered. The bulk sender's tests and benchmarks use it.
//!
//! A message is identified by its text body (`text.body` of the Cloud API request,
//! `docs/providers/reference/360dialog.md` section 2). The bodies of the answers are the documented
//! ones of `crates/switchboard-360dialog/tests/contract/360dialog-cloud.json`: `success` (with the message id
//! `wamid.<text body>`), `rate_limited_with_hint` (HTTP 429, Meta's code 4) and
//! `server_error` (HTTP 500, "retry with backoff").

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// When a rate-limited answer asks to come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: <seconds>`.
    Seconds(u64),
    /// `Retry-After: <HTTP date>`, this many seconds from now (negative: in the past).
    DateIn(i64),
}

/// How the stand-in answers one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// HTTP 200 with the documented success body: the message is accepted.
    Accept,
    /// HTTP 429, with a `Retry-After` header when given: not accepted.
    RateLimited(Option<RetryAfter>),
    /// HTTP 500, the gateway's "internal server error": not accepted.
    ServerError,
    /// The request is read, then the connection is reset (TCP RST) without an answer.
    Reset,
    /// The request is read, then nothing is answered until the client gives up.
    Timeout,
}

/// Decides the answer to the `attempt`-th request (from 1) for the message `key`.
pub type Plan = Arc<dyn Fn(&str, u32) -> Answer + Send + Sync>;

struct State {
    plan: Plan,
    latency: Duration,
    answers: Mutex<HashMap<String, Vec<Answer>>>,
}

/// The running stand-in; stops when dropped.
pub struct ChaosStandIn {
    addr: SocketAddr,
    state: Arc<State>,
    task: JoinHandle<()>,
}

impl Drop for ChaosStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ChaosStandIn {
    /// Starts a stand-in on 127.0.0.1 that answers as `plan` says, after `latency`.
    pub async fn start(plan: Plan, latency: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(State {
            plan,
            latency,
            answers: Mutex::new(HashMap::new()),
        });
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&shared);
                tokio::spawn(async move {
                    let _ = serve(stream, &state).await;
                });
            }
        });
        ChaosStandIn { addr, state, task }
    }

    /// A stand-in that accepts everything at once.
    pub async fn accepting() -> Self {
        Self::start(Arc::new(|_: &str, _: u32| Answer::Accept), Duration::ZERO).await
    }

    /// Its base URL.
    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A configuration sending through 360dialog (Cloud) to this stand-in, with `extra`
    /// TOML appended (`[http]`, `[rate]` tables).
    pub fn config_toml(&self, extra: &str) -> String {
        format!(
            "provider = \"360dialog\"\n\n[360dialog]\napi_key = \"{}\"\nhosting = \"cloud\"\nbase_url = \"{}\"\n\n{extra}",
            crate::stand_in::STAND_IN_KEY,
            self.uri()
        )
    }

    /// Every answer given, per message, in order.
    pub fn answers(&self) -> HashMap<String, Vec<Answer>> {
        self.state
            .answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// How many times each message was accepted (answered [`Answer::Accept`]).
    pub fn accepted(&self) -> HashMap<String, usize> {
        self.answers()
            .into_iter()
            .map(|(k, a)| (k, a.iter().filter(|a| **a == Answer::Accept).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// How many requests were answered (or dropped) in all.
    pub fn requests(&self) -> usize {
        self.answers().values().map(Vec::len).sum()
    }
}

/// Serves one connection: requests one after another (keep-alive) until it closes.
async fn serve(stream: TcpStream, state: &State) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    loop {
        let Some(body) = read_request(&mut reader).await? else {
            return Ok(());
        };
        let key = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| {
                v.pointer("/text/body")
                    .and_then(|b| b.as_str().map(String::from))
            })
            .unwrap_or_default();
        let answer = {
            let mut answers = state.answers.lock().unwrap_or_else(|p| p.into_inner());
            let given = answers.entry(key.clone()).or_default();
            let answer = (state.plan)(&key, given.len() as u32 + 1);
            given.push(answer);
            answer
        };
        if !state.latency.is_zero() {
            tokio::time::sleep(state.latency).await;
        }
        let stream = reader.get_mut();
        match answer {
            Answer::Accept => {
                let body = format!(
                    r#"{{"messaging_product":"whatsapp","contacts":[{{"input":"972501234567","wa_id":"972501234567"}}],"messages":[{{"id":"wamid.{key}"}}]}}"#
                );
                respond(stream, "200 OK", "", &body).await?;
            }
            Answer::RateLimited(after) => {
                let header = match after {
                    None => String::new(),
                    Some(RetryAfter::Seconds(s)) => format!("Retry-After: {s}\r\n"),
                    Some(RetryAfter::DateIn(offset)) => {
                        let now = SystemTime::now();
                        let at = if offset >= 0 {
                            now + Duration::from_secs(offset as u64)
                        } else {
                            now - Duration::from_secs(offset.unsigned_abs())
                        };
                        format!("Retry-After: {}\r\n", httpdate::fmt_http_date(at))
                    }
                };
                let body = r#"{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4,"error_subcode":2446079,"fbtrace_id":"AchaosTrace"}}"#;
                respond(stream, "429 Too Many Requests", &header, body).await?;
            }
            Answer::ServerError => {
                let body = r#"{"meta":{"developer_message":"Internal server error","http_code":555,"success":false}}"#;
                respond(stream, "500 Internal Server Error", "", body).await?;
            }
            Answer::Reset => {
                // A zero linger resets the connection on close, at once (it does not block).
                #[allow(deprecated)]
                stream.set_linger(Some(Duration::ZERO))?;
                return Ok(());
            }
            Answer::Timeout => {
                tokio::time::sleep(Duration::from_secs(30)).await;
                return Ok(());
            }
        }
    }
}

async fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &str,
    body: &str,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.flush().await
}

/// Reads one request's body (by `Content-Length`); `None` when the connection closed.
async fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Vec<u8>>> {
    let mut length = 0usize;
    let mut line = String::new();
    let mut first = true;
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        if line == "\r\n" || line == "\n" {
            if first {
                continue;
            }
            break;
        }
        first = false;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    Ok(Some(body))
}
