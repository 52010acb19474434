//! The one HTTP transport that executes what any adapter describes.

use serde::Deserialize;
use std::time::Duration;
use switchboard_core::{Error, Method, Provider, WireBody, WireRequest, WireResponse};
use tracing::Instrument;

/// HTTP settings: the `[http]` table of the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpSettings {
    /// How long to wait for a connection, in milliseconds (default 5000).
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub connect_timeout_ms: u64,
    /// How long a whole request may take, in milliseconds (default 30000).
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub timeout_ms: u64,
    /// How many times to retry a request whose connection could not be made (nothing was
    /// sent, so this is safe). Default 2. Requests that were sent are never retried.
    #[serde(deserialize_with = "crate::config::lenient_u64")]
    pub connect_retries: u64,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            connect_timeout_ms: 5_000,
            timeout_ms: 30_000,
            connect_retries: 2,
        }
    }
}

/// Executes a described request: the seam between the pipeline ([`crate::HttpMessenger`])
/// and the network. [`HttpTransport`] is the real one; a test may supply one that records
/// requests and answers from a script, and drive the real pipeline without a server.
#[async_trait::async_trait]
pub trait Transport: Send + Sync + 'static {
    /// Executes `request` for `provider`. A failure before anything was sent is
    /// [`Error::Transport`]; one after the request may have been written is
    /// [`Error::UnknownOutcome`].
    async fn execute(
        &self,
        provider: Provider,
        request: &WireRequest,
    ) -> Result<WireResponse, Error>;

    /// Executes a media fetch (a `GET`), writing a 2xx answer's body into `sink`, at most
    /// `max_bytes` of it (more is an [`Error::InvalidMessage`] on `max_bytes`). The default
    /// buffers the answer through [`Transport::execute`]; [`HttpTransport`] streams it.
    async fn download(
        &self,
        provider: Provider,
        request: &WireRequest,
        sink: &mut crate::download::MediaSink,
        max_bytes: u64,
    ) -> Result<crate::download::Fetched, Error> {
        let response = self.execute(provider, request).await?;
        crate::download::buffered(response, sink, max_bytes).await
    }
}

#[async_trait::async_trait]
impl Transport for HttpTransport {
    async fn execute(
        &self,
        provider: Provider,
        request: &WireRequest,
    ) -> Result<WireResponse, Error> {
        HttpTransport::execute(self, provider, request).await
    }

    async fn download(
        &self,
        provider: Provider,
        request: &WireRequest,
        sink: &mut crate::download::MediaSink,
        max_bytes: u64,
    ) -> Result<crate::download::Fetched, Error> {
        crate::download::stream(&self.client, provider, request, sink, max_bytes).await
    }
}

/// Executes described requests on one shared, pooled reqwest client (rustls).
///
/// Cloning is cheap and shares the connection pool.
#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    settings: HttpSettings,
}

impl HttpTransport {
    /// A transport with `settings`.
    pub fn new(settings: HttpSettings) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_millis(settings.connect_timeout_ms))
            .timeout(Duration::from_millis(settings.timeout_ms))
            .user_agent(concat!("switchboard/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                Error::internal(format!("cannot build the HTTP client: {e}")).with_source(e)
            })?;
        Ok(HttpTransport { client, settings })
    }

    /// The settings in force.
    pub fn settings(&self) -> &HttpSettings {
        &self.settings
    }

    /// Executes `request` for `provider`. Connection failures are retried (nothing was
    /// sent); anything that fails after the request may have been written is
    /// [`Error::UnknownOutcome`].
    pub async fn execute(
        &self,
        provider: Provider,
        request: &WireRequest,
    ) -> Result<WireResponse, Error> {
        let span = tracing::info_span!("switchboard.http", provider = %provider, operation = request.operation, method = request.method.as_str());
        async {
            let mut attempt: u64 = 0;
            loop {
                match self.execute_once(provider, request).await {
                    Err(Error::Transport { message, .. }) if attempt < self.settings.connect_retries => {
                        attempt += 1;
                        tracing::warn!(attempt, %message, "connection failed, nothing sent; retrying");
                        tokio::time::sleep(Duration::from_millis(50 * (1 << attempt.min(6)))).await;
                    }
                    other => return other,
                }
            }
        }
        .instrument(span)
        .await
    }

    async fn execute_once(
        &self,
        provider: Provider,
        request: &WireRequest,
    ) -> Result<WireResponse, Error> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = with_headers(self.client.request(method, &request.url), request);
        builder = match &request.body {
            WireBody::Empty => builder,
            WireBody::Json(body) => builder.body(body.bytes()),
            WireBody::Bytes { content_type, data } => builder
                .header("Content-Type", content_type.as_str())
                .body(data.clone()),
            WireBody::Multipart(parts) => {
                let mut form = reqwest::multipart::Form::new();
                for p in parts {
                    let mut part = reqwest::multipart::Part::bytes(p.data.clone());
                    if let Some(f) = &p.filename {
                        part = part.file_name(f.clone());
                    }
                    if let Some(ct) = &p.content_type {
                        part = part.mime_str(ct).map_err(|e| {
                            Error::invalid(
                                "upload.mime_type",
                                "a valid MIME type",
                                format!("{ct:?} ({e})"),
                            )
                        })?;
                    }
                    form = form.part(p.name.clone(), part);
                }
                builder.multipart(form)
            }
        };
        let response = builder.send().await.map_err(|e| classify(provider, e))?;
        let status = response.status().as_u16();
        let headers = crate::webhook::header_pairs(response.headers());
        let body = response.bytes().await.map_err(|e| {
            let e = e.without_url();
            Error::unknown_outcome(provider, format!("the answer could not be read: {e}"))
                .with_source(e)
        })?;
        tracing::debug!(status, bytes = body.len(), "answer received");
        Ok(WireResponse {
            status,
            headers,
            body: body.to_vec(),
        })
    }
}

/// `builder` with `request`'s headers. A value known at compile time (`application/json`)
/// goes on the wire without a copy; an invalid one is left to reqwest, which refuses the
/// request (a configuration error, nothing sent).
pub(crate) fn with_headers(
    mut builder: reqwest::RequestBuilder,
    request: &WireRequest,
) -> reqwest::RequestBuilder {
    use std::borrow::Cow;
    for (name, value) in &request.headers {
        let shared = match value {
            switchboard_core::HeaderValue::Plain(Cow::Borrowed(text)) => {
                reqwest::header::HeaderValue::from_maybe_shared(bytes::Bytes::from_static(
                    text.as_bytes(),
                ))
                .ok()
            }
            _ => None,
        };
        builder = match shared {
            Some(v) => builder.header(name.as_ref(), v),
            None => builder.header(name.as_ref(), value.expose()),
        };
    }
    builder
}

fn classify(provider: Provider, e: reqwest::Error) -> Error {
    let e = e.without_url();
    let error = if e.is_builder() {
        Error::configuration(format!("invalid request for {provider}: {e}"))
    } else if e.is_connect() {
        Error::transport(format!("cannot connect to {provider}: {e}"))
    } else if e.is_timeout() {
        Error::unknown_outcome(provider, format!("no answer within the timeout: {e}"))
    } else {
        Error::unknown_outcome(
            provider,
            format!("the request failed after it may have been sent: {e}"),
        )
    };
    // reqwest's error stays the `source()`, with its own chain (hyper's, then the I/O error).
    error.with_source(e)
}
