//! A transport that records every request and answers from a script, so an adapter can be
//! driven end to end through the real pipeline ([`switchboard::HttpMessenger`]: the checked
//! encode, the transport seam, the adapter's decode) without a server, like lettre's
//! `StubTransport`.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use switchboard::adapter::{Transport, WireRequest, WireResponse};
use switchboard::{Error, Provider};

#[derive(Debug, Default)]
struct State {
    requests: Vec<(Provider, WireRequest)>,
    script: VecDeque<Result<WireResponse, Error>>,
    otherwise: Option<WireResponse>,
}

/// Records each request it is given and answers with the next scripted answer, else the
/// standing answer, else an [`Error::Transport`] saying the script ran out (as if nothing
/// was sent). Clones share the record and the script.
///
/// ```ignore
/// // crates/switchboard-99digital/tests/recording.rs
/// use switchboard::adapter::WireResponse;
/// use switchboard::{HttpMessenger, Messenger, OutboundMessage};
/// use switchboard_testkit::RecordingTransport;
///
/// let transport = RecordingTransport::new();
/// transport.push(Ok(WireResponse::new(200, r#"{"id": "m-1"}"#)));
/// let messenger = HttpMessenger::new(adapter, transport.clone()); // any adapter
/// let message = OutboundMessage::text("+972501234567".parse()?, "Hello")?;
/// messenger.send(&message).await?;
/// let sent = transport.requests();
/// assert_eq!(sent.len(), 1);
/// assert_eq!(sent[0].json().unwrap()["text"]["body"], "Hello");
/// ```
#[derive(Debug, Clone, Default)]
pub struct RecordingTransport {
    state: Arc<Mutex<State>>,
}

impl RecordingTransport {
    /// A transport with an empty script: every request is recorded, then refused with
    /// [`Error::Transport`] until answers are pushed.
    pub fn new() -> Self {
        Self::default()
    }

    /// A transport answering every request with `response` once the script is empty.
    pub fn answering(response: WireResponse) -> Self {
        let transport = Self::new();
        transport.lock().otherwise = Some(response);
        transport
    }

    /// Queues the answer to the next unanswered request: a response, or the error the
    /// transport reports (an [`Error::UnknownOutcome`] for a timeout after sending, an
    /// [`Error::Transport`] for a refused connection).
    pub fn push(&self, answer: Result<WireResponse, Error>) -> &Self {
        self.lock().script.push_back(answer);
        self
    }

    /// Every request executed so far, in order.
    pub fn requests(&self) -> Vec<WireRequest> {
        self.lock()
            .requests
            .iter()
            .map(|(_, r)| r.clone())
            .collect()
    }

    /// Every request executed so far with the provider it was executed for.
    pub fn requests_with_provider(&self) -> Vec<(Provider, WireRequest)> {
        self.lock().requests.clone()
    }

    /// How many scripted answers are left.
    pub fn pending(&self) -> usize {
        self.lock().script.len()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock left a consistent record behind.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[async_trait::async_trait]
impl Transport for RecordingTransport {
    async fn execute(
        &self,
        provider: Provider,
        request: &WireRequest,
    ) -> Result<WireResponse, Error> {
        let mut state = self.lock();
        state.requests.push((provider, request.clone()));
        match state.script.pop_front() {
            Some(answer) => answer,
            None => state.otherwise.clone().ok_or_else(|| {
                Error::transport(format!(
                    "RecordingTransport: no scripted answer for request {} ({} {})",
                    state.requests.len(),
                    request.method.as_str(),
                    request.operation
                ))
            }),
        }
    }
}
