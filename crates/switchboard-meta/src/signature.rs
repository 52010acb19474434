//! Webhook authenticity (`docs/providers/meta.md`, "Webhooks"): Meta signs every delivery
//! with `X-Hub-Signature-256: sha256=<64 hex digits>`, the HMAC-SHA256 of the raw request
//! body keyed with the app's App Secret. The body is hashed exactly as received: Meta
//! escapes non-ASCII characters (and `/`, `<`, `%`, `@`) before signing, so a re-serialised
//! body does not match. The check itself is the Cloud hosts' shared one
//! (`switchboard_cloud_api::signature`).

use switchboard_cloud_api::signature::{self as hmac_hex, Scheme};
use switchboard_core::{Error, WebhookRequest};

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

/// Meta's scheme: [`SIGNATURE_HEADER`], `sha256=` required (71 characters in all).
pub const SCHEME: Scheme = Scheme {
    header: SIGNATURE_HEADER,
    prefix_required: true,
};

/// The header value Meta sends for `body` signed with `app_secret`:
/// `sha256=` and 64 lower-case hex digits.
pub fn sign(app_secret: &str, body: &[u8]) -> String {
    format!("sha256={}", hmac_hex::hex_digest(app_secret, body))
}

/// Checks `header` (the value of `X-Hub-Signature-256`) against `body` signed with
/// `app_secret`: `sha256=` followed by exactly 64 hex digits, compared in constant time.
/// Malformed or wrong: [`Error::InvalidSignature`].
pub fn verify_signature(app_secret: &str, body: &[u8], header: &str) -> Result<(), Error> {
    hmac_hex::verify(&SCHEME, app_secret, body, header)
}

/// Checks a delivery's `X-Hub-Signature-256` header (any case) with `app_secret`. A missing
/// header is [`Error::InvalidSignature`], as is a malformed or wrong one.
pub fn verify_request(app_secret: &str, webhook: &WebhookRequest<'_>) -> Result<(), Error> {
    hmac_hex::verify_request(&SCHEME, app_secret, webhook)
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
