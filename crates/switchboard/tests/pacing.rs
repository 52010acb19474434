//! Pacing: a rate-limited answer pauses the provider's sender until Retry-After (or the
//! default backoff) and the message is sent again; unknown outcomes are never sent again;
//! the bound on sends in flight holds. Run on tokio's paused clock, so waits are exact and
//! take no real time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard::adapter::WireRequest;
use switchboard::{
    Capabilities, Error, MediaUpload, MemoryMessenger, Messenger, OutboundMessage, Paced, Provider,
    ProviderDetail, RateSettings, Receipt,
};
use tokio::time::Instant;

/// A messenger answering from a script, recording when each send arrived. Clones share it.
#[derive(Clone, Default)]
struct Scripted(Arc<State>);

#[derive(Default)]
struct State {
    answers: Mutex<Vec<Result<Receipt, Error>>>,
    calls: Mutex<Vec<(Instant, String)>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    hold: Duration,
    memory: MemoryMessenger,
}

impl Scripted {
    fn new(mut answers: Vec<Result<Receipt, Error>>) -> Self {
        answers.reverse();
        Scripted(Arc::new(State {
            answers: Mutex::new(answers),
            ..State::default()
        }))
    }

    fn holding(hold: Duration) -> Self {
        Scripted(Arc::new(State {
            hold,
            ..State::default()
        }))
    }

    fn calls(&self) -> Vec<(Instant, String)> {
        self.0.calls.lock().unwrap().clone()
    }
}

#[async_trait::async_trait]
impl Messenger for Scripted {
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error> {
        let s = &self.0;
        let body = serde_json::to_value(message).unwrap()["text"]["body"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        s.calls.lock().unwrap().push((Instant::now(), body));
        let now = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        s.max_in_flight.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(s.hold).await;
        s.in_flight.fetch_sub(1, Ordering::SeqCst);
        s.answers
            .lock()
            .unwrap()
            .pop()
            .unwrap_or_else(|| Ok(Receipt::new(switchboard::MEMORY, "m")))
    }
    async fn upload_media(&self, _: &MediaUpload) -> Result<String, Error> {
        Ok("media".into())
    }
    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        self.0.memory.render(message)
    }
    fn capabilities(&self) -> &Capabilities {
        self.0.memory.capabilities()
    }
    fn provider(&self) -> Provider {
        switchboard::MEMORY
    }
}

fn rate_limited(retry_after: Option<Duration>) -> Result<Receipt, Error> {
    Err(Error::RateLimited {
        detail: Box::new(ProviderDetail::new(Provider::new("bird"), "slow down").with_status(429)),
        retry_after,
    })
}

fn msg(body: &str) -> OutboundMessage {
    OutboundMessage::text("+972501234567".parse().unwrap(), body).unwrap()
}

fn settings() -> RateSettings {
    RateSettings {
        backoff_ms: 100,
        max_wait_ms: 60_000,
        max_retries: 5,
        ..RateSettings::default()
    }
}

#[tokio::test(start_paused = true)]
async fn a_rate_limited_message_is_sent_again_after_retry_after() {
    let inner = Scripted::new(vec![rate_limited(Some(Duration::from_secs(7)))]);
    let paced = Paced::new(inner.clone(), settings()).unwrap();
    let receipt = paced.send(&msg("a")).await.unwrap();
    assert_eq!(receipt.message_id(), Some("m"));
    let calls = inner.calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[1].0 - calls[0].0, Duration::from_secs(7));
}

#[tokio::test(start_paused = true)]
async fn a_rate_limited_answer_pauses_every_send_of_that_provider() {
    let inner = Scripted::new(vec![rate_limited(Some(Duration::from_secs(5)))]);
    let paced = Paced::new(inner.clone(), settings()).unwrap();
    let start = Instant::now();
    let first = {
        let paced = paced.clone();
        tokio::spawn(async move { paced.send(&msg("first")).await })
    };
    // A second message, begun while the provider's pause is in force.
    tokio::time::sleep(Duration::from_secs(1)).await;
    paced.send(&msg("second")).await.unwrap();
    first.await.unwrap().unwrap();
    let calls = inner.calls();
    assert_eq!(calls.len(), 3);
    assert_eq!(calls[0], (start, "first".to_string()));
    // Both wait out the pause that the first one's answer started.
    assert!(calls[1..]
        .iter()
        .all(|(at, _)| *at == start + Duration::from_secs(5)));
}

#[tokio::test(start_paused = true)]
async fn without_retry_after_the_backoff_doubles() {
    let inner = Scripted::new(vec![rate_limited(None), rate_limited(None)]);
    let paced = Paced::new(inner.clone(), settings()).unwrap();
    paced.send(&msg("a")).await.unwrap();
    let at: Vec<Instant> = inner.calls().into_iter().map(|(t, _)| t).collect();
    assert_eq!(at.len(), 3);
    assert_eq!(at[1] - at[0], Duration::from_millis(100));
    assert_eq!(at[2] - at[1], Duration::from_millis(200));
}

#[tokio::test(start_paused = true)]
async fn a_wait_past_the_maximum_returns_the_rate_limited_error_at_once() {
    let inner = Scripted::new(vec![rate_limited(Some(Duration::from_secs(3_600)))]);
    let paced = Paced::new(inner.clone(), settings()).unwrap();
    let start = Instant::now();
    let e = paced.send(&msg("a")).await.unwrap_err();
    assert!(
        matches!(e, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(3_600))
    );
    assert_eq!(inner.calls().len(), 1);
    assert_eq!(Instant::now(), start);
}

#[tokio::test(start_paused = true)]
async fn retries_stop_after_max_retries() {
    let answers = (0..10)
        .map(|_| rate_limited(Some(Duration::ZERO)))
        .collect();
    let inner = Scripted::new(answers);
    let paced = Paced::new(
        inner.clone(),
        RateSettings {
            max_retries: 3,
            ..settings()
        },
    )
    .unwrap();
    let e = paced.send(&msg("a")).await.unwrap_err();
    assert_eq!(e.kind(), "rate_limited");
    assert_eq!(inner.calls().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn an_unknown_outcome_is_never_sent_again() {
    let inner = Scripted::new(vec![Err(Error::unknown_outcome(
        Provider::new("bird"),
        "no answer within the timeout",
    ))]);
    let paced = Paced::new(inner.clone(), settings()).unwrap();
    let e = paced.send(&msg("a")).await.unwrap_err();
    assert_eq!(e.kind(), "unknown_outcome");
    assert_eq!(inner.calls().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_server_error_is_returned_not_resent() {
    let inner = Scripted::new(vec![Err(Error::Provider {
        detail: Box::new(
            ProviderDetail::new(Provider::new("bird"), "bad gateway").with_status(502),
        ),
        retryable: true,
    })]);
    let paced = Paced::new(inner.clone(), settings()).unwrap();
    assert_eq!(paced.send(&msg("a")).await.unwrap_err().kind(), "provider");
    assert_eq!(inner.calls().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn sends_in_flight_stay_within_concurrency() {
    let inner = Scripted::holding(Duration::from_millis(50));
    let paced = Paced::new(
        inner.clone(),
        RateSettings {
            concurrency: 3,
            ..settings()
        },
    )
    .unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..20 {
        let paced = paced.clone();
        tasks.spawn(async move { paced.send(&msg(&i.to_string())).await });
    }
    while let Some(r) = tasks.join_next().await {
        r.unwrap().unwrap();
    }
    assert_eq!(inner.calls().len(), 20);
    assert_eq!(inner.0.max_in_flight.load(Ordering::SeqCst), 3);
}

#[test]
fn zero_settings_are_configuration_errors_naming_the_setting() {
    for (s, name) in [
        (
            RateSettings {
                per_second: Some(0),
                ..RateSettings::default()
            },
            "rate.per_second",
        ),
        (
            RateSettings {
                concurrency: 0,
                ..RateSettings::default()
            },
            "rate.concurrency",
        ),
        (
            RateSettings {
                burst: 0,
                ..RateSettings::default()
            },
            "rate.burst",
        ),
    ] {
        let e = Paced::new(MemoryMessenger::new(), s).unwrap_err();
        assert_eq!(e.kind(), "configuration");
        assert!(e.to_string().contains(name), "{e}");
        assert!(e.to_string().contains("got 0"), "{e}");
    }
}
