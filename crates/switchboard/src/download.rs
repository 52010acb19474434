//! Fetching media bytes into a caller's sink, with a size cap: streamed chunk by chunk on
//! the real transport ([`stream`]), buffered on any other ([`buffered`]).

use switchboard_core::{Error, Method, Provider, WireRequest, WireResponse};
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Where a download is written: any tokio writer (a `tokio::fs::File`, a `Vec<u8>`, ...).
pub type MediaSink = dyn AsyncWrite + Unpin + Send + 'static;

/// The most bytes of a refused fetch's answer kept for its error.
const REFUSAL_BYTES: usize = 64 * 1024;

/// What a fetch brought.
#[derive(Debug)]
pub enum Fetched {
    /// A 2xx answer, its body written to the sink.
    Written {
        /// Bytes written.
        bytes: u64,
        /// The answer's `Content-Type`, if any.
        content_type: Option<String>,
    },
    /// A non-2xx answer (its body cut to 64 KiB), for the adapter's error.
    Refused(WireResponse),
}

fn too_large(max_bytes: u64, seen: u64) -> Error {
    Error::invalid(
        "max_bytes",
        format!("a media file of at most {max_bytes} bytes"),
        format!("{seen} bytes or more"),
    )
}

fn write_failed(e: std::io::Error) -> Error {
    Error::io("writing the media to its sink", &e).with_source(e)
}

/// Writes a buffered answer: a 2xx body (at most `max_bytes`) to `sink`, else `Refused`.
pub async fn buffered(
    mut response: WireResponse,
    sink: &mut MediaSink,
    max_bytes: u64,
) -> Result<Fetched, Error> {
    if !(200..300).contains(&response.status) {
        response.body.truncate(REFUSAL_BYTES);
        return Ok(Fetched::Refused(response));
    }
    let bytes = response.body.len() as u64;
    if bytes > max_bytes {
        return Err(too_large(max_bytes, bytes));
    }
    sink.write_all(&response.body).await.map_err(write_failed)?;
    sink.flush().await.map_err(write_failed)?;
    Ok(Fetched::Written {
        bytes,
        content_type: response.header("content-type").map(str::to_owned),
    })
}

/// Streams a `GET` answer into `sink`: a `Content-Length` over `max_bytes` is refused
/// before any byte is read, and the body is cut off as soon as it passes `max_bytes` (the
/// sink then holds a partial file: discard it on error).
pub async fn stream(
    client: &reqwest::Client,
    provider: Provider,
    request: &WireRequest,
    sink: &mut MediaSink,
    max_bytes: u64,
) -> Result<Fetched, Error> {
    if request.method != Method::Get {
        return Err(Error::internal(format!(
            "the adapter described a media fetch as a {}, not a GET",
            request.method.as_str()
        )));
    }
    let builder = crate::transport::with_headers(client.get(&request.url), request);
    let failed = |e: reqwest::Error| {
        let e = e.without_url();
        Error::transport(format!("media fetch from {provider} failed: {e}")).with_source(e)
    };
    let mut response = builder.send().await.map_err(failed)?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type");
    if !(200..300).contains(&status) {
        let headers = crate::webhook::header_pairs(response.headers());
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(failed)? {
            body.extend_from_slice(&chunk);
            if body.len() >= REFUSAL_BYTES {
                body.truncate(REFUSAL_BYTES);
                break;
            }
        }
        return Ok(Fetched::Refused(WireResponse {
            status,
            headers,
            body,
        }));
    }
    if let Some(length) = response.content_length().filter(|n| *n > max_bytes) {
        return Err(too_large(max_bytes, length));
    }
    let mut written: u64 = 0;
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        written += chunk.len() as u64;
        if written > max_bytes {
            return Err(too_large(max_bytes, written));
        }
        sink.write_all(&chunk).await.map_err(write_failed)?;
    }
    sink.flush().await.map_err(write_failed)?;
    tracing::debug!(status, bytes = written, "media fetched");
    Ok(Fetched::Written {
        bytes: written,
        content_type,
    })
}
