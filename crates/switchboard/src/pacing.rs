//! Pacing: sends to one provider account at a configured rate, with a bound on sends in
//! flight, pausing when the provider answers "rate limited".
//!
//! [`Paced`] wraps any [`Messenger`]. Before each send it waits for a slot (at most
//! `concurrency` sends in flight), for any pause the provider asked for, and for the rate
//! limiter (`per_second`, `burst`; the `governor` crate's GCRA). A rate-limited answer
//! ([`Error::RateLimited`]) pauses every send through this `Paced` until the provider's
//! `Retry-After` (seconds or an HTTP date, read by [`switchboard_core::WireResponse::retry_after`]),
//! or a default backoff when the provider gave none, and then sends that message again: a
//! rate-limited answer means the provider did not accept the message (`docs/providers/bird.md`,
//! "Answers and errors": a 429'd request "was not processed"), so this cannot send it twice. When the wait asked for is longer than `max_wait_ms`, or the
//! message was rate-limited `max_retries` times, the rate-limited error is returned (and
//! [`crate::Failover`] may move to the next route). Every other outcome is returned as it
//! is; in particular [`Error::UnknownOutcome`] is never sent again.

use crate::Messenger;
use async_trait::async_trait;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::future::Future;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard_core::portability::Fidelity;
use switchboard_core::{
    Capabilities, DownloadedMedia, Error, MediaUpload, OutboundMessage, Provider, Receipt,
    WireRequest,
};
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// How to pace one provider account: the `[rate]` table (and `[rate.<route>]`).
///
/// ```toml
/// [rate]
/// per_second = 80        # sends per second; unset: no rate limit
/// burst = 1              # sends allowed at once above the steady rate (default 1: evenly spaced)
/// concurrency = 64       # sends in flight at most (default 64)
/// backoff_ms = 1000      # wait after a rate-limited answer without Retry-After (doubles each time)
/// max_wait_ms = 60000    # a longer requested wait returns the rate-limited error instead
/// max_retries = 5        # re-sends of one message after rate-limited answers
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateSettings {
    /// Sends per second at most; `None` sends as fast as `concurrency` allows.
    #[serde(deserialize_with = "crate::config::lenient_opt_u64")]
    pub per_second: Option<u64>,
    /// How many sends may go at once above the steady rate (default 1: evenly spaced).
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub burst: u64,
    /// How many sends may be in flight at once (default 64).
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub concurrency: u64,
    /// The pause after a rate-limited answer that names no `Retry-After`, in milliseconds
    /// (default 1000); doubled for each further rate-limited answer to the same message.
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub backoff_ms: u64,
    /// The longest pause to honour, in milliseconds (default 60000). A provider asking for
    /// longer gets its rate-limited error returned to the caller.
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub max_wait_ms: u64,
    /// How many times one message is sent again after rate-limited answers (default 5).
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub max_retries: u64,
}

impl Default for RateSettings {
    fn default() -> Self {
        RateSettings {
            per_second: None,
            burst: 1,
            concurrency: 64,
            backoff_ms: 1_000,
            max_wait_ms: 60_000,
            max_retries: 5,
        }
    }
}

impl RateSettings {
    fn check(&self, table: &str) -> Result<(), Error> {
        let positive = |key: &str, value: u64| {
            if value == 0 || value > u64::from(u32::MAX) {
                Err(Error::configuration(format!(
                    "`{table}.{key}` must be a whole number from 1 to {}, got {value}",
                    u32::MAX
                )))
            } else {
                Ok(())
            }
        };
        if let Some(n) = self.per_second {
            positive("per_second", n)?;
        }
        positive("burst", self.burst)?;
        positive("concurrency", self.concurrency)
    }
}

/// The whole `[rate]` table: settings for every route, and `[rate.<route>]` sub-tables whose
/// keys override them for one route.
///
/// ```toml
/// [rate]
/// per_second = 50
/// [rate.bird]            # Bird documents 500 POST requests per second per workspace
/// per_second = 500
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RatePlan {
    /// The settings of a route without its own sub-table.
    pub default: RateSettings,
    /// The settings of the routes with a `[rate.<route>]` sub-table (already merged over
    /// the default ones).
    pub routes: BTreeMap<String, RateSettings>,
}

impl RatePlan {
    /// The settings for `route` (a provider name such as `"bird"`).
    pub fn for_route(&self, route: &str) -> &RateSettings {
        self.routes.get(route).unwrap_or(&self.default)
    }

    /// Checks every value (`per_second`, `burst` and `concurrency` must be at least 1).
    pub fn check(&self) -> Result<(), Error> {
        self.default.check("rate")?;
        for (route, s) in &self.routes {
            s.check(&format!("rate.{route}"))?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for RatePlan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let table = toml::Table::deserialize(d)?;
        let (subtables, scalars): (toml::Table, toml::Table) =
            table.into_iter().partition(|(_, v)| v.is_table());
        let settings = |t: toml::Table, name: &str| -> Result<RateSettings, D::Error> {
            toml::Value::Table(t)
                .try_into()
                .map_err(|e: toml::de::Error| {
                    D::Error::custom(format!("[{name}]: {}", e.message()))
                })
        };
        let default = settings(scalars.clone(), "rate")?;
        let mut routes = BTreeMap::new();
        for (route, value) in subtables {
            let mut merged = scalars.clone();
            if let toml::Value::Table(t) = value {
                merged.extend(t);
            }
            let s = settings(merged, &format!("rate.{route}"))?;
            routes.insert(route, s);
        }
        Ok(RatePlan { default, routes })
    }
}

struct PaceState {
    settings: RateSettings,
    limiter: Option<DefaultDirectRateLimiter>,
    in_flight: Semaphore,
    paused_until: Mutex<Option<Instant>>,
}

/// A [`Messenger`] that paces another one: see the [module documentation](self).
///
/// Clones share the limiter, the bound on sends in flight and the pause.
///
/// ```
/// use switchboard::{Messenger, MemoryMessenger, OutboundMessage, Paced, RateSettings};
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let settings = RateSettings { per_second: Some(100), ..RateSettings::default() };
/// let paced = Paced::new(MemoryMessenger::new(), settings)?;
/// let msg = OutboundMessage::text("+972501234567".parse()?, "hello")?;
/// paced.send(&msg).await?;
/// # Ok::<(), switchboard::Error>(())
/// # }).unwrap();
/// ```
#[derive(Clone)]
pub struct Paced<M> {
    inner: M,
    state: Arc<PaceState>,
}

impl<M: std::fmt::Debug> std::fmt::Debug for Paced<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paced")
            .field("inner", &self.inner)
            .field("settings", &self.state.settings)
            .finish()
    }
}

fn nonzero(value: u64) -> NonZeroU32 {
    // `RateSettings::check` keeps values in 1..=u32::MAX; clamp rather than panic anyway.
    NonZeroU32::new(u32::try_from(value).unwrap_or(u32::MAX)).unwrap_or(NonZeroU32::MIN)
}

impl<M: Messenger> Paced<M> {
    /// Paces `inner` with `settings`. A zero `per_second`, `burst` or `concurrency` is a
    /// [`Error::Configuration`] naming the setting.
    pub fn new(inner: M, settings: RateSettings) -> Result<Self, Error> {
        settings.check("rate")?;
        let limiter = settings.per_second.map(|n| {
            RateLimiter::direct(Quota::per_second(nonzero(n)).allow_burst(nonzero(settings.burst)))
        });
        let permits = usize::try_from(settings.concurrency)
            .unwrap_or(Semaphore::MAX_PERMITS)
            .min(Semaphore::MAX_PERMITS);
        Ok(Paced {
            inner,
            state: Arc::new(PaceState {
                limiter,
                in_flight: Semaphore::new(permits),
                paused_until: Mutex::new(None),
                settings,
            }),
        })
    }

    /// The messenger being paced.
    pub fn inner(&self) -> &M {
        &self.inner
    }

    /// The settings in force.
    pub fn settings(&self) -> &RateSettings {
        &self.state.settings
    }

    fn paused_until(&self) -> Option<Instant> {
        *self
            .state
            .paused_until
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    fn pause_until(&self, until: Instant) {
        let mut guard = self
            .state
            .paused_until
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if !matches!(*guard, Some(current) if current >= until) {
            *guard = Some(until);
        }
    }

    async fn wait_for_pause(&self) {
        // A pause may be extended while we sleep: look again after waking.
        for _ in 0..64 {
            match self.paused_until() {
                Some(until) if until > Instant::now() => tokio::time::sleep_until(until).await,
                _ => return,
            }
        }
    }

    /// Runs `attempt` under the pacing rules, sending again after each rate-limited answer.
    async fn paced<T, F, Fut>(&self, mut attempt: F) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let settings = &self.state.settings;
        let mut retries: u64 = 0;
        loop {
            let permit =
                self.state.in_flight.acquire().await.map_err(|e| {
                    Error::internal("the pacing semaphore was closed").with_source(e)
                })?;
            self.wait_for_pause().await;
            if let Some(limiter) = &self.state.limiter {
                limiter.until_ready().await;
                // Another send may have been rate-limited while this one waited its turn.
                self.wait_for_pause().await;
            }
            let result = attempt().await;
            drop(permit);
            let Err(Error::RateLimited { retry_after, .. }) = &result else {
                return result;
            };
            let backoff = Duration::from_millis(settings.backoff_ms)
                .saturating_mul(1u32 << retries.min(16) as u32);
            let wait = retry_after.unwrap_or(backoff);
            let max_wait = Duration::from_millis(settings.max_wait_ms);
            if retries >= settings.max_retries || wait > max_wait {
                tracing::warn!(
                    provider = %self.inner.provider(),
                    retries,
                    wait_ms = wait.as_millis() as u64,
                    "rate limited past the configured maximum; giving up on this message"
                );
                return result;
            }
            tracing::info!(provider = %self.inner.provider(), wait_ms = wait.as_millis() as u64, "rate limited: pausing, then sending again");
            self.pause_until(Instant::now() + wait);
            retries += 1;
        }
    }
}

#[async_trait]
impl<M: Messenger> Messenger for Paced<M> {
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error> {
        // Content this provider cannot carry is refused before it takes a slot or a token.
        self.inner.render(message)?;
        self.paced(|| self.inner.send(message)).await
    }

    async fn upload_media(&self, upload: &MediaUpload) -> Result<String, Error> {
        self.paced(|| self.inner.upload_media(upload)).await
    }

    /// Paced like a send (a mark-read is a request to the same messages endpoint).
    async fn mark_read(&self, message_id: &str, typing_indicator: bool) -> Result<(), Error> {
        self.paced(|| self.inner.mark_read(message_id, typing_indicator))
            .await
    }

    /// Not paced: a download is not a message, and its sink cannot be replayed.
    async fn download_media(
        &self,
        media_id: &str,
        sink: &mut crate::download::MediaSink,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, Error> {
        self.inner.download_media(media_id, sink, max_bytes).await
    }

    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        self.inner.render(message)
    }

    async fn send_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<Receipt, Error> {
        self.inner.render_with(message, fidelity)?;
        self.paced(|| self.inner.send_with(message, fidelity)).await
    }

    fn render_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<WireRequest, Error> {
        self.inner.render_with(message, fidelity)
    }

    fn fidelity(&self) -> Fidelity {
        self.inner.fidelity()
    }

    fn capabilities(&self) -> &Capabilities {
        self.inner.capabilities()
    }

    fn provider(&self) -> Provider {
        self.inner.provider()
    }
}
