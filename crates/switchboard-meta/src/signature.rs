//! Webhook authenticity (`docs/providers/meta.md`, "Webhooks"): Meta signs every delivery
//! with `X-Hub-Signature-256: sha256=<64 hex digits>`, the HMAC-SHA256 of the raw request
//! body keyed with the app's App Secret. The body is hashed exactly as received: Meta
//! escapes non-ASCII characters (and `/`, `<`, `%`, `@`) before signing, so a re-serialised
//! body does not match.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use switchboard_core::{Error, WebhookRequest};

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

/// The prefix of the header's value.
const PREFIX: &str = "sha256=";

fn rejected(reason: &str) -> Error {
    Error::InvalidSignature {
        reason: reason.to_string(),
    }
}

fn mac(app_secret: &str, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(app_secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(body);
    mac
}

/// The header value Meta sends for `body` signed with `app_secret`:
/// `sha256=` and 64 lower-case hex digits.
pub fn sign(app_secret: &str, body: &[u8]) -> String {
    let digest = mac(app_secret, body).finalize().into_bytes();
    let mut out = String::with_capacity(PREFIX.len() + 64);
    out.push_str(PREFIX);
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Checks `header` (the value of `X-Hub-Signature-256`) against `body` signed with
/// `app_secret`. The value must be `sha256=` followed by exactly 64 hex digits (71
/// characters); the digest is compared in constant time. Malformed or wrong:
/// [`Error::InvalidSignature`].
pub fn verify_signature(app_secret: &str, body: &[u8], header: &str) -> Result<(), Error> {
    let hex = header
        .trim()
        .strip_prefix(PREFIX)
        .ok_or_else(|| rejected("the X-Hub-Signature-256 header does not start with sha256="))?;
    if hex.len() != 64 {
        return Err(rejected(
            "the X-Hub-Signature-256 header is not sha256= and 64 hex digits",
        ));
    }
    let mut given = [0u8; 32];
    for (i, pair) in hex.as_bytes().chunks_exact(2).enumerate() {
        let (hi, lo) = hex_value(pair[0])
            .zip(hex_value(pair[1]))
            .ok_or_else(|| rejected("the X-Hub-Signature-256 header is not hexadecimal"))?;
        given[i] = hi << 4 | lo;
    }
    mac(app_secret, body)
        .verify_slice(&given)
        .map_err(|_| rejected("the X-Hub-Signature-256 signature does not match the body"))
}

/// Checks a delivery's `X-Hub-Signature-256` header (any case) with `app_secret`. A missing
/// header is [`Error::InvalidSignature`], as is a malformed or wrong one.
pub fn verify_request(app_secret: &str, webhook: &WebhookRequest<'_>) -> Result<(), Error> {
    let header = webhook
        .header(SIGNATURE_HEADER)
        .ok_or_else(|| rejected("the X-Hub-Signature-256 header is missing"))?;
    verify_signature(app_secret, webhook.body, header)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Test vectors of docs/providers/meta.md ("Webhooks", computed with Python's hmac).
    #[test]
    fn reference_vectors() {
        assert_eq!(
            sign("secret", b"test"),
            "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"
        );
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"0","changes":[]}]}"#;
        assert_eq!(
            sign("app-secret", body),
            "sha256=37d689f5e7d7e40e6831544d785ea37a5143d392d74f7f59429fb54e771f2edb"
        );
        let escaped = br#"{"text":{"body":"\u00e4"}}"#;
        assert_eq!(
            sign("app-secret", escaped),
            "sha256=ab334ab31877759198f1a0571263b0b1fd7ceb9cfd52bf3bdb0d05a0cfa4e4f2"
        );
        // The same JSON with a raw UTF-8 `ä` is another body: its signature differs.
        assert!(verify_signature(
            "app-secret",
            "{\"text\":{\"body\":\"ä\"}}".as_bytes(),
            &sign("app-secret", escaped)
        )
        .is_err());
    }
}
