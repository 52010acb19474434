//! Failover: an ordered list of routes (provider accounts); a message goes to the first
//! that can carry it and accepts it.
//!
//! [`Failover`] tries its routes in order. It moves to the next route only on an error that
//! proves the route accepted nothing ([`proves_not_accepted`]): the content cannot be
//! carried there (checked before any I/O), the connection could not be made, the
//! credentials or the account are refused or misconfigured, the provider was still
//! rate-limiting after the pacing layer's maximum wait, or the provider answered with a
//! temporary server error its reference says to send again (the adapters mark those
//! [`Error::Provider`] `retryable`, from their code tables in `docs/providers/*.md` and
//! `docs/providers/reference/`: Bird 5xx
//! "safe to retry with a delay", 360dialog gateway 500/502, 99digital reason 6 "retry"). It never moves on after
//! [`Error::UnknownOutcome`]: the first provider may have sent the message, and a second
//! copy through another provider would reach the customer twice. Any other refusal (closed
//! window, invalid recipient, rejected template) is returned as it is.
//!
//! The [`Receipt`] names the provider that accepted the message (`receipt.provider`).
//!
//! ```toml
//! routes = ["360dialog", "bird"]   # in order; `provider` may be left out
//!
//! [360dialog]
//! api_key = "..."
//!
//! [bird]
//! access_key = "..."
//! workspace_id = "..."
//! channel_id = "..."
//! ```

use crate::{AnyMessenger, Config, Messenger, Paced};
use async_trait::async_trait;
use switchboard_core::portability::Fidelity;
use switchboard_core::{
    Capabilities, DownloadedMedia, Error, MediaUpload, OutboundMessage, Provider, Receipt,
    WireRequest,
};

/// Whether `error` proves that the provider accepted nothing, so the same message may go to
/// another provider without risk of a second copy: see the [module documentation](self).
///
/// ```
/// use switchboard::{failover::proves_not_accepted, Error, Provider};
/// assert!(proves_not_accepted(&Error::transport("connection refused")));
/// assert!(!proves_not_accepted(&Error::unknown_outcome(
///     Provider::new("bird"),
///     "timeout"
/// )));
/// ```
pub fn proves_not_accepted(error: &Error) -> bool {
    match error {
        Error::Transport { .. }
        | Error::Unauthorized(..)
        | Error::Configuration { .. }
        | Error::Unsupported { .. }
        | Error::RateLimited { .. } => true,
        // Refused by this route's own checks, before any I/O.
        Error::InvalidMessage { provider, .. } => provider.is_none(),
        // `is_retryable` on a provider error: the adapter's table says "send again".
        Error::Provider { retryable, .. } => *retryable,
        _ => false,
    }
}

fn no_route() -> Error {
    Error::configuration("`routes` must name at least one provider")
}

/// Routes in order, failing over on errors that prove nothing was accepted: see the
/// [module documentation](self).
///
/// `capabilities()` and `provider()` are the first route's.
#[derive(Debug, Clone)]
pub struct Failover<M> {
    routes: Vec<M>,
}

/// What a configuration describes: every route of `routes` (or the one `provider`), each
/// paced by its `[rate]` settings, failing over in order.
pub type RoutedMessenger = Failover<Paced<AnyMessenger>>;

impl<M: Messenger> Failover<M> {
    /// Routes in the order given. No route at all is a [`Error::Configuration`].
    pub fn new(routes: Vec<M>) -> Result<Self, Error> {
        if routes.is_empty() {
            return Err(no_route());
        }
        Ok(Failover { routes })
    }

    /// The routes, in order.
    pub fn routes(&self) -> &[M] {
        &self.routes
    }
}

impl Failover<Paced<AnyMessenger>> {
    /// Builds every route of `config.routes` (or `config.provider` alone when `routes` is
    /// empty) from its provider table, paced by `[rate]` / `[rate.<route>]`.
    pub fn from_config(config: &Config) -> Result<Self, Error> {
        let names = if config.routes.is_empty() {
            vec![config.provider]
        } else {
            config.routes.clone()
        };
        let routes = names
            .iter()
            .map(|route| {
                let messenger = AnyMessenger::from_config(&config.for_route(*route))?;
                Paced::new(messenger, config.rate.for_route(route.as_str()).clone())
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Failover::new(routes)
    }
}

#[async_trait]
impl<M: Messenger> Messenger for Failover<M> {
    async fn send(&self, message: &OutboundMessage) -> Result<Receipt, Error> {
        self.send_with(message, self.fidelity()).await
    }

    async fn send_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<Receipt, Error> {
        let last = self.routes.len().saturating_sub(1);
        for (i, route) in self.routes.iter().enumerate() {
            match route.send_with(message, fidelity).await {
                Err(e) if i < last && proves_not_accepted(&e) => {
                    tracing::warn!(
                        from = %route.provider(),
                        to = %self.routes[i + 1].provider(),
                        error_kind = e.kind(),
                        "nothing was accepted: failing over to the next route"
                    );
                }
                result => return result,
            }
        }
        Err(no_route())
    }

    async fn upload_media(&self, upload: &MediaUpload) -> Result<String, Error> {
        // A media id belongs to the provider that stored it: uploads go to the first route.
        match self.routes.first() {
            Some(route) => route.upload_media(upload).await,
            None => Err(no_route()),
        }
    }

    /// An inbound message belongs to the provider that received it: the first route.
    async fn mark_read(&self, message_id: &str, typing_indicator: bool) -> Result<(), Error> {
        match self.routes.first() {
            Some(route) => route.mark_read(message_id, typing_indicator).await,
            None => Err(no_route()),
        }
    }

    /// Inbound media belongs to the provider that received it: the first route.
    async fn download_media(
        &self,
        media_id: &str,
        sink: &mut crate::download::MediaSink,
        max_bytes: u64,
    ) -> Result<DownloadedMedia, Error> {
        match self.routes.first() {
            Some(route) => route.download_media(media_id, sink, max_bytes).await,
            None => Err(no_route()),
        }
    }

    fn render(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        self.render_with(message, self.fidelity())
    }

    fn fidelity(&self) -> Fidelity {
        self.routes[0].fidelity()
    }

    fn render_with(
        &self,
        message: &OutboundMessage,
        fidelity: Fidelity,
    ) -> Result<WireRequest, Error> {
        let last = self.routes.len().saturating_sub(1);
        for (i, route) in self.routes.iter().enumerate() {
            match route.render_with(message, fidelity) {
                Err(e) if i < last && proves_not_accepted(&e) => {}
                result => return result,
            }
        }
        Err(no_route())
    }

    fn capabilities(&self) -> &Capabilities {
        self.routes[0].capabilities()
    }

    fn provider(&self) -> Provider {
        self.routes[0].provider()
    }
}
