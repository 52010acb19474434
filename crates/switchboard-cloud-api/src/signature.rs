//! Webhook signatures of Cloud API hosts: the lower-case hex HMAC-SHA256 of the raw request
//! body, keyed with a secret the host shares with you. Meta sends it as
//! `X-Hub-Signature-256: sha256=<hex>` (`docs/providers/meta.md`, "Webhooks"); 360dialog's
//! partner webhooks as `x-360dialog-signature: <hex>` (`docs/providers/360dialog.md`,
//! "Webhooks"). The body is hashed exactly as received; the digest is compared in constant
//! time.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use switchboard_core::{Error, WebhookRequest};

/// How a host writes its signature header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// The header's name (matched in any case).
    pub header: &'static str,
    /// Whether the `sha256=` prefix is required (Meta) or optional (360dialog).
    pub prefix_required: bool,
}

const PREFIX: &str = "sha256=";
const HEX: &[u8; 16] = b"0123456789abcdef";

fn rejected(scheme: &Scheme, what: &str) -> Error {
    Error::InvalidSignature {
        reason: format!("the {} header {what}", scheme.header),
    }
}

fn mac(key: &str, body: &[u8]) -> Hmac<Sha256> {
    // HMAC is defined for keys of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(body);
    mac
}

/// The lower-case hex HMAC-SHA256 of `body` keyed with `key` (64 digits, no prefix).
pub fn hex_digest(key: &str, body: &[u8]) -> String {
    let digest = mac(key, body).finalize().into_bytes();
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Checks `value` (the header's value) against `body` signed with `key`: optionally or
/// necessarily prefixed with `sha256=` (per `scheme`), then exactly 64 hex digits. Missing
/// prefix where required, a wrong length, a non-hex digit or a wrong digest:
/// [`Error::InvalidSignature`] naming the header (never the key).
pub fn verify(scheme: &Scheme, key: &str, body: &[u8], value: &str) -> Result<(), Error> {
    let value = value.trim();
    let hex = match value.strip_prefix(PREFIX) {
        Some(hex) => hex,
        None if scheme.prefix_required => {
            return Err(rejected(scheme, "does not start with sha256="))
        }
        None => value,
    };
    if hex.len() != 64 {
        return Err(rejected(scheme, "is not 64 hex digits"));
    }
    let mut given = [0u8; 32];
    for (i, pair) in hex.as_bytes().chunks_exact(2).enumerate() {
        let (hi, lo) = hex_value(pair[0])
            .zip(hex_value(pair[1]))
            .ok_or_else(|| rejected(scheme, "is not hexadecimal"))?;
        given[i] = hi << 4 | lo;
    }
    mac(key, body)
        .verify_slice(&given)
        .map_err(|_| rejected(scheme, "does not match the body"))
}

/// Checks a delivery's signature header (per `scheme`) with `key`. A missing header is
/// [`Error::InvalidSignature`], as is a malformed or wrong one.
pub fn verify_request(
    scheme: &Scheme,
    key: &str,
    webhook: &WebhookRequest<'_>,
) -> Result<(), Error> {
    let value = webhook
        .header(scheme.header)
        .ok_or_else(|| rejected(scheme, "is missing"))?;
    verify(scheme, key, webhook.body, value)
}
