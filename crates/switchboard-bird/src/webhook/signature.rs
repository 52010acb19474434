//! Bird's webhook signature (`docs/providers/reference/bird.md` section 13.7).
//!
//! `messagebird-signature` is the base64 of
//! `HMAC-SHA256(key = signing key as UTF-8 bytes, msg = timestamp + "\n" + URL + "\n" + SHA-256(body))`,
//! where the SHA-256 is the 32 raw bytes and the timestamp the `messagebird-request-timestamp`
//! header (unix seconds) as received.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use switchboard_core::{Error, WebhookRequest};
use time::OffsetDateTime;

/// The header holding the base64 signature.
pub const SIGNATURE_HEADER: &str = "messagebird-signature";
/// The header holding the signed unix timestamp (seconds, as text).
pub const TIMESTAMP_HEADER: &str = "messagebird-request-timestamp";

fn rejected(reason: impl Into<String>) -> Error {
    Error::InvalidSignature {
        reason: reason.into(),
    }
}

/// Checks a Bird webhook signature: `signature_b64` (the `messagebird-signature` header)
/// must be the base64 HMAC-SHA256, keyed with `signing_key`'s UTF-8 bytes (not
/// base64-decoded), of `timestamp \n url \n SHA-256(body)`. `url` is the full URL Bird
/// called, query string included; `body` the raw bytes as received.
///
/// Compares in constant time. A malformed (not base64) or wrong signature is
/// [`Error::InvalidSignature`]. The timestamp's age is not checked: Bird's retries keep the
/// original timestamp; see [`request_timestamp`] to apply a window of your own.
pub fn verify_signature(
    signing_key: &str,
    timestamp: &str,
    url: &str,
    body: &[u8],
    signature_b64: &str,
) -> Result<(), Error> {
    let given = base64::engine::general_purpose::STANDARD
        .decode(signature_b64.trim())
        .map_err(|_| rejected("the messagebird-signature header is not valid base64"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(signing_key.as_bytes())
        .map_err(|_| rejected("the signing key cannot key an HMAC"))?;
    mac.update(timestamp.as_bytes());
    mac.update(b"\n");
    mac.update(url.as_bytes());
    mac.update(b"\n");
    mac.update(&Sha256::digest(body));
    mac.verify_slice(&given)
        .map_err(|_| rejected("the signature does not match the body, URL and timestamp"))
}

/// Parses a `messagebird-request-timestamp` value (unix seconds).
pub fn parse_timestamp(value: &str) -> Result<OffsetDateTime, Error> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(rejected(
            "the messagebird-request-timestamp header is not unix seconds",
        ));
    }
    value
        .parse::<i64>()
        .ok()
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
        .ok_or_else(|| rejected("the messagebird-request-timestamp header is out of range"))
}

/// The `messagebird-request-timestamp` of a delivery, parsed. Missing or malformed is
/// [`Error::InvalidSignature`]. Retries keep the original timestamp, so a short window
/// drops legitimate retries (Bird retries for up to 8 hours).
pub fn request_timestamp(webhook: &WebhookRequest<'_>) -> Result<OffsetDateTime, Error> {
    let value = webhook
        .header(TIMESTAMP_HEADER)
        .ok_or_else(|| rejected("the messagebird-request-timestamp header is missing"))?;
    parse_timestamp(value)
}

/// Verifies a delivery's signature with `signing_key` and returns its signed timestamp.
pub fn verify_request(
    signing_key: &str,
    webhook: &WebhookRequest<'_>,
) -> Result<OffsetDateTime, Error> {
    let signature = webhook
        .header(SIGNATURE_HEADER)
        .ok_or_else(|| rejected("the messagebird-signature header is missing"))?;
    let timestamp = webhook
        .header(TIMESTAMP_HEADER)
        .ok_or_else(|| rejected("the messagebird-request-timestamp header is missing"))?;
    verify_signature(signing_key, timestamp, webhook.url, webhook.body, signature)?;
    parse_timestamp(timestamp)
}
