//! Described HTTP requests and responses: what adapters produce and consume instead of
//! doing I/O themselves.

use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::fmt;

/// What secrets are replaced with in every printed form of a request.
pub const REDACTED: &str = "***";

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
}

impl Method {
    /// The method's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A header value, secret or not.
#[derive(Clone)]
pub enum HeaderValue {
    /// A value that may be shown (borrowed when known at compile time, such as
    /// `application/json`: no allocation per request).
    Plain(Cow<'static, str>),
    /// A credential: never shown, printed as `***`. Shared, so an adapter hands out the
    /// one it holds per request without copying it.
    Secret(std::sync::Arc<SecretString>),
}

impl HeaderValue {
    /// The value to put on the wire.
    pub fn expose(&self) -> &str {
        match self {
            HeaderValue::Plain(s) => s,
            HeaderValue::Secret(s) => s.expose_secret(),
        }
    }

    /// The value to print: itself, or `***` for a secret.
    pub fn shown(&self) -> &str {
        match self {
            HeaderValue::Plain(s) => s,
            HeaderValue::Secret(_) => REDACTED,
        }
    }
}

impl fmt::Debug for HeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.shown())
    }
}

/// One part of a multipart form body.
#[derive(Clone)]
pub struct MultipartPart {
    /// The form field name.
    pub name: String,
    /// A file name, for file parts.
    pub filename: Option<String>,
    /// The part's content type, for file parts.
    pub content_type: Option<String>,
    /// The content.
    pub data: Vec<u8>,
}

/// A JSON request body, serialized once: the exact bytes the transport posts, shared
/// without a copy (cloning is cheap). Built from a typed serde value ([`JsonBody::new`],
/// what the adapters' send bodies use: no `Value` tree) or from a [`Value`]
/// (`From<Value>`). `Debug` shows only its length: a body may hold a credential
/// (see [`WireRequest::secret_body_pointers`]).
#[derive(Clone, PartialEq, Eq)]
pub struct JsonBody(bytes::Bytes);

impl JsonBody {
    /// `value` serialized to JSON.
    pub fn new<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, crate::Error> {
        let mut out = Vec::with_capacity(256);
        serde_json::to_writer(&mut out, value)
            .map_err(|e| crate::Error::encode("request body", e.to_string()).with_source(e))?;
        Ok(JsonBody(out.into()))
    }

    /// The bytes posted.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes posted, shared (no copy).
    pub fn bytes(&self) -> bytes::Bytes {
        self.0.clone()
    }

    /// The body parsed back into a [`Value`] (for tests, dry runs and redaction; not used
    /// on the send path).
    pub fn to_value(&self) -> Value {
        // The bytes were written by serde_json from a value or a `Value`: always JSON.
        serde_json::from_slice(&self.0).unwrap_or(Value::Null)
    }
}

impl From<Value> for JsonBody {
    fn from(value: Value) -> Self {
        JsonBody(value.to_string().into_bytes().into())
    }
}

impl fmt::Debug for JsonBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JsonBody({} bytes)", self.0.len())
    }
}

/// The body of a described request.
#[derive(Clone)]
pub enum WireBody {
    /// No body.
    Empty,
    /// A JSON body, already serialized.
    Json(JsonBody),
    /// Raw bytes with their content type.
    Bytes {
        /// The `Content-Type`.
        content_type: String,
        /// The bytes.
        data: Vec<u8>,
    },
    /// A `multipart/form-data` body.
    Multipart(Vec<MultipartPart>),
}

/// An HTTP request described by an adapter, executed by the facade's transport.
///
/// Secrets in headers are [`HeaderValue::Secret`]; secrets in a JSON body are listed in
/// `secret_body_pointers` (JSON pointers such as `/apiKey`). `Debug` and
/// [`WireRequest::redacted`] show every secret as `***`.
#[derive(Clone)]
pub struct WireRequest {
    /// A short name of what the request does (`"sendButtons"`, `"messages"`, `"media"`),
    /// used by the adapter to decode the answer and in logs.
    pub operation: &'static str,
    /// The method.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// The headers, in order (names borrowed when known at compile time).
    pub headers: Vec<(Cow<'static, str>, HeaderValue)>,
    /// The body.
    pub body: WireBody,
    /// JSON pointers to body fields that hold secrets.
    pub secret_body_pointers: Vec<&'static str>,
    /// What was changed in the message so that the provider could carry it (the `degrade`
    /// fidelity policy, [`crate::portability`]); empty when it was sent as written.
    pub degraded: Vec<crate::portability::Degradation>,
}

impl WireRequest {
    /// A POST of a JSON body (a [`JsonBody`], or a [`Value`] serialized here).
    pub fn post_json(
        operation: &'static str,
        url: impl Into<String>,
        body: impl Into<JsonBody>,
    ) -> Self {
        WireRequest {
            operation,
            method: Method::Post,
            url: url.into(),
            headers: {
                // Room for the credential header a provider adds: no regrowth per request.
                let mut headers = Vec::with_capacity(2);
                headers.push((
                    "Content-Type".into(),
                    HeaderValue::Plain("application/json".into()),
                ));
                headers
            },
            body: WireBody::Json(body.into()),
            secret_body_pointers: Vec::new(),
            degraded: Vec::new(),
        }
    }

    /// Adds a header.
    pub fn header(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.headers
            .push((name.into(), HeaderValue::Plain(value.into())));
        self
    }

    /// Adds a secret header.
    pub fn secret_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<std::sync::Arc<SecretString>>,
    ) -> Self {
        self.headers
            .push((name.into(), HeaderValue::Secret(value.into())));
        self
    }

    /// The JSON body parsed into a [`Value`], if the body is JSON (for tests and tools;
    /// the transport posts [`JsonBody::bytes`]).
    pub fn json(&self) -> Option<Value> {
        match &self.body {
            WireBody::Json(body) => Some(body.to_value()),
            _ => None,
        }
    }

    /// The bytes of the JSON body, exactly as posted, if the body is JSON.
    pub fn json_bytes(&self) -> Option<&[u8]> {
        match &self.body {
            WireBody::Json(body) => Some(body.as_bytes()),
            _ => None,
        }
    }

    /// The value of the first header called `name` (any case), exposed.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.expose())
    }

    /// The secret values this request carries: secret header values (and, for values such
    /// as `AccessKey <key>`, the bare key too) and the string values at the secret body
    /// pointers. Used to scrub errors (only when there is an error to scrub); never print
    /// them.
    pub fn secret_values(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (_, value) in &self.headers {
            if let HeaderValue::Secret(s) = value {
                let full = s.expose_secret();
                out.push(full.to_string());
                // `AccessKey <key>`, `Bearer <token>`: the credential after the scheme, whole
                // (a key that itself holds a space is redacted whole, not only its last part).
                if let Some((_, credential)) = full.split_once(char::is_whitespace) {
                    out.push(credential.trim().to_string());
                }
            }
        }
        if let (WireBody::Json(body), false) = (&self.body, self.secret_body_pointers.is_empty()) {
            let body = body.to_value();
            for pointer in &self.secret_body_pointers {
                if let Some(Value::String(s)) = body.pointer(pointer) {
                    out.push(s.clone());
                }
            }
        }
        out.retain(|s| !s.is_empty());
        // Longest first, so a secret is replaced whole before any shorter secret inside it.
        out.sort_by_key(|s| std::cmp::Reverse(s.len()));
        out.dedup();
        out
    }

    /// The request as one JSON object, every secret printed as `***`:
    /// `{"method": ..., "url": ..., "headers": {...}, "body": ...}`. This is the dry-run
    /// output of `switchboard render`.
    pub fn redacted(&self) -> Value {
        let mut headers = Map::new();
        for (name, value) in &self.headers {
            headers.insert(name.to_string(), Value::String(value.shown().to_string()));
        }
        let body = match &self.body {
            WireBody::Empty => Value::Null,
            WireBody::Json(body) => {
                let mut v = body.to_value();
                for pointer in &self.secret_body_pointers {
                    if let Some(slot) = v.pointer_mut(pointer) {
                        *slot = Value::String(REDACTED.into());
                    }
                }
                v
            }
            WireBody::Bytes { content_type, data } => {
                json!({"content_type": content_type, "bytes": data.len()})
            }
            WireBody::Multipart(parts) => Value::Array(
                parts
                    .iter()
                    .map(|p| match (&p.filename, std::str::from_utf8(&p.data)) {
                        (None, Ok(text)) => json!({"name": p.name, "value": text}),
                        _ => json!({"name": p.name, "filename": p.filename, "content_type": p.content_type, "bytes": p.data.len()}),
                    })
                    .collect(),
            ),
        };
        json!({"method": self.method.as_str(), "url": self.url, "headers": headers, "body": body})
    }
}

impl fmt::Debug for WireRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WireRequest({})", self.redacted())
    }
}

/// An HTTP response, as handed to an adapter to decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireResponse {
    /// The status code.
    pub status: u16,
    /// The headers (names as received).
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl WireResponse {
    /// A response with a status and a body, no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        WireResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text, lossily, cut to 500 characters: for error messages.
    pub fn body_excerpt(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let mut out: String = text.chars().take(500).collect();
        if text.chars().count() > 500 {
            out.push_str("...");
        }
        out
    }

    /// How long the `Retry-After` header asks to wait, counted from now: either form of
    /// RFC 9110 section 10.2.3, delay-seconds (`120`) or an HTTP date
    /// (`Wed, 21 Oct 2026 07:28:00 GMT`). A date in the past is a wait of zero; a value in
    /// neither form is `None`.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.retry_after_at(std::time::SystemTime::now())
    }

    /// [`WireResponse::retry_after`], counted from `now` (an HTTP date is an instant, so the
    /// wait depends on the clock).
    pub fn retry_after_at(&self, now: std::time::SystemTime) -> Option<std::time::Duration> {
        let value = self.header("retry-after")?.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(std::time::Duration::from_secs(seconds));
        }
        let at = httpdate::parse_http_date(value).ok()?;
        Some(at.duration_since(now).unwrap_or_default())
    }
}

/// A webhook delivery: what the provider posted, as the receiving server saw it.
#[derive(Debug, Clone, Copy)]
pub struct WebhookRequest<'a> {
    /// The full public URL the provider posted to (Bird signs it).
    pub url: &'a str,
    /// The headers (names as received).
    pub headers: &'a [(String, String)],
    /// The raw body, exactly as received.
    pub body: &'a [u8],
}

impl<'a> WebhookRequest<'a> {
    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Media to upload to a provider, to send later by id.
#[derive(Debug, Clone)]
pub struct MediaUpload {
    /// The MIME type (`image/jpeg`).
    pub mime_type: String,
    /// The file name.
    pub filename: String,
    /// The bytes.
    pub data: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_hides_secret_headers_and_body_fields() {
        let mut r = WireRequest::post_json(
            "sendMessage",
            "https://example.com/x",
            json!({"apiKey": "CANARY-123", "to": "972501234567"}),
        )
        .secret_header("D360-API-KEY", SecretString::from("CANARY-123"));
        r.secret_body_pointers.push("/apiKey");
        let shown = r.redacted().to_string();
        assert!(!shown.contains("CANARY-123"), "{shown}");
        assert_eq!(r.redacted()["headers"]["D360-API-KEY"], "***");
        assert_eq!(r.redacted()["body"]["apiKey"], "***");
        assert!(!format!("{r:?}").contains("CANARY-123"));
        assert_eq!(r.header_value("d360-api-key"), Some("CANARY-123"));
        assert_eq!(r.secret_values(), vec!["CANARY-123"]);
        let bird = WireRequest::post_json("messages", "https://x", json!({}))
            .secret_header("Authorization", SecretString::from("AccessKey K3Y"));
        assert_eq!(bird.secret_values(), vec!["AccessKey K3Y", "K3Y"]);
        // A key holding a space is redacted whole when a provider echoes it.
        let spaced = WireRequest::post_json("messages", "https://x", json!({})).secret_header(
            "Authorization",
            SecretString::from("AccessKey CANARY PART2"),
        );
        assert_eq!(
            spaced.secret_values(),
            vec!["AccessKey CANARY PART2", "CANARY PART2"]
        );
        let echoed = crate::Error::decode("bird response", "bad key CANARY PART2")
            .redact(&spaced.secret_values());
        assert_eq!(
            echoed.to_string(),
            "could not decode bird response: bad key ***"
        );
    }

    fn with_retry_after(value: &str) -> WireResponse {
        let mut r = WireResponse::new(429, "");
        r.headers.push(("Retry-After".into(), value.into()));
        r
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        use std::time::{Duration, SystemTime, UNIX_EPOCH};
        // 2026-11-24 10:00:00 UTC.
        let now = UNIX_EPOCH + Duration::from_secs(1_795_514_400);
        assert_eq!(
            with_retry_after(" 7 ").retry_after_at(now),
            Some(Duration::from_secs(7))
        );
        // IMF-fixdate, 90 s after `now`.
        assert_eq!(
            with_retry_after("Tue, 24 Nov 2026 10:01:30 GMT").retry_after_at(now),
            Some(Duration::from_secs(90))
        );
        // The obsolete RFC 850 and asctime forms that RFC 9110 section 5.6.7 says to accept.
        assert_eq!(
            with_retry_after("Tuesday, 24-Nov-26 10:00:05 GMT").retry_after_at(now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            with_retry_after("Tue Nov 24 10:00:02 2026").retry_after_at(now),
            Some(Duration::from_secs(2))
        );
        // A date already past: no wait.
        assert_eq!(
            with_retry_after("Tue, 24 Nov 2026 09:00:00 GMT").retry_after_at(now),
            Some(Duration::ZERO)
        );
        assert_eq!(with_retry_after("soon").retry_after_at(now), None);
        assert_eq!(with_retry_after("-3").retry_after_at(now), None);
        assert_eq!(WireResponse::new(429, "").retry_after_at(now), None);
        assert!(with_retry_after("1")
            .retry_after_at(SystemTime::now())
            .is_some());
    }
}
