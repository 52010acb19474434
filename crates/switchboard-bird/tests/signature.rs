//! Webhook signatures (`docs/providers/reference/bird.md` section 13.7), checked against a vector computed here by
//! hand with the `hmac` and `sha2` crates.

mod common;

use base64::Engine as _;
use common::{adapter, settings, CANARY_SIGNING_KEY};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use switchboard_bird::{request_timestamp, verify_signature, BirdAdapter};
use switchboard_core::{Adapter, Error, WebhookRequest};
use time::macros::datetime;

const URL: &str = "https://hooks.example.com/bird/whatsapp?tenant=7";
const TIMESTAMP: &str = "1711802100";
const BODY: &[u8] = br#"{"service":"channels","event":"whatsapp.inbound","payload":{"id":"6f1c"}}"#;

/// The signature, built independently: bytes of `timestamp`, `\n`, `url`, `\n`, then the
/// 32 raw bytes of SHA-256(body), HMAC-SHA256 keyed with the key's UTF-8 bytes, base64.
fn expected_signature(key: &str, timestamp: &str, url: &str, body: &[u8]) -> String {
    let mut message: Vec<u8> = Vec::new();
    message.extend_from_slice(timestamp.as_bytes());
    message.push(b'\n');
    message.extend_from_slice(url.as_bytes());
    message.push(b'\n');
    let digest = Sha256::digest(body);
    assert_eq!(digest.len(), 32);
    message.extend_from_slice(&digest);
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(&message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn headers(signature: &str, timestamp: &str) -> Vec<(String, String)> {
    vec![
        ("Content-Type".into(), "application/json".into()),
        ("MessageBird-Signature".into(), signature.into()),
        ("messagebird-request-timestamp".into(), timestamp.into()),
    ]
}

fn is_invalid_signature(r: Result<(), Error>) -> bool {
    matches!(r, Err(Error::InvalidSignature { .. }))
}

#[test]
fn a_correct_signature_is_accepted() {
    let sig = expected_signature(CANARY_SIGNING_KEY, TIMESTAMP, URL, BODY);
    verify_signature(CANARY_SIGNING_KEY, TIMESTAMP, URL, BODY, &sig).expect("valid");

    let h = headers(&sig, TIMESTAMP);
    let hook = WebhookRequest {
        url: URL,
        headers: &h,
        body: BODY,
    };
    adapter().verify_webhook(&hook).expect("valid");
    // The signed timestamp is exposed, not judged: Bird's retries keep the original one.
    assert_eq!(
        adapter().verify_webhook_timestamp(&hook).unwrap(),
        datetime!(2024-03-30 12:35:00 UTC)
    );
    assert_eq!(
        request_timestamp(&hook).unwrap(),
        datetime!(2024-03-30 12:35:00 UTC)
    );
}

#[test]
fn a_known_vector() {
    // Fixed inputs give a fixed signature (computed once with Python's hmac/hashlib over
    // b"1700000000\nhttps://a.example/h\n" + sha256(b"{}").digest()).
    let sig = "6zbfRiHLeni0H7Fp1Zpv468HUBq0GxpDffeulPLJY3U=";
    assert_eq!(
        expected_signature("secret", "1700000000", "https://a.example/h", b"{}"),
        sig
    );
    verify_signature("secret", "1700000000", "https://a.example/h", b"{}", sig).unwrap();
    // The key is used as its UTF-8 bytes, not base64-decoded.
    let b64_key = "c2VjcmV0";
    assert!(is_invalid_signature(verify_signature(
        b64_key,
        "1700000000",
        "https://a.example/h",
        b"{}",
        sig
    )));
}

#[test]
fn a_body_changed_by_one_byte_is_rejected() {
    let sig = expected_signature(CANARY_SIGNING_KEY, TIMESTAMP, URL, BODY);
    let mut body = BODY.to_vec();
    let last = body.len() - 2;
    body[last] ^= 0x01;
    assert!(is_invalid_signature(verify_signature(
        CANARY_SIGNING_KEY,
        TIMESTAMP,
        URL,
        &body,
        &sig
    )));
}

#[test]
fn a_wrong_url_timestamp_or_key_is_rejected() {
    let sig = expected_signature(CANARY_SIGNING_KEY, TIMESTAMP, URL, BODY);
    for (key, ts, url) in [
        (
            CANARY_SIGNING_KEY,
            TIMESTAMP,
            "https://hooks.example.com/bird/whatsapp",
        ),
        (
            CANARY_SIGNING_KEY,
            TIMESTAMP,
            "http://hooks.example.com/bird/whatsapp?tenant=7",
        ),
        (CANARY_SIGNING_KEY, "1711802101", URL),
        ("another-key", TIMESTAMP, URL),
    ] {
        assert!(
            is_invalid_signature(verify_signature(key, ts, url, BODY, &sig)),
            "{key} {ts} {url}"
        );
    }
}

#[test]
fn a_bad_base64_header_is_rejected() {
    for bad in ["not base64!!", "", "AAAA", "%%%%"] {
        match verify_signature(CANARY_SIGNING_KEY, TIMESTAMP, URL, BODY, bad) {
            Err(Error::InvalidSignature { reason }) => {
                assert!(!reason.contains(CANARY_SIGNING_KEY))
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
}

#[test]
fn missing_or_malformed_headers_are_rejected() {
    let sig = expected_signature(CANARY_SIGNING_KEY, TIMESTAMP, URL, BODY);
    let a = adapter();
    let check = |h: Vec<(String, String)>| {
        a.verify_webhook(&WebhookRequest {
            url: URL,
            headers: &h,
            body: BODY,
        })
    };
    let no_sig = vec![(
        "messagebird-request-timestamp".to_string(),
        TIMESTAMP.to_string(),
    )];
    let no_ts = vec![("messagebird-signature".to_string(), sig.clone())];
    assert!(is_invalid_signature(check(no_sig)));
    assert!(is_invalid_signature(check(no_ts)));
    assert!(is_invalid_signature(check(Vec::new())));
    // A timestamp that is not unix seconds, even correctly signed, is refused.
    let odd_ts = "2024-03-30T12:35:00Z";
    let odd_sig = expected_signature(CANARY_SIGNING_KEY, odd_ts, URL, BODY);
    assert!(is_invalid_signature(check(headers(&odd_sig, odd_ts))));
}

#[test]
fn without_a_signing_key_webhooks_are_accepted_unchecked() {
    let mut s = settings();
    s.signing_key = None;
    let a = BirdAdapter::new(s).unwrap();
    let hook = WebhookRequest {
        url: URL,
        headers: &[],
        body: BODY,
    };
    a.verify_webhook(&hook).expect("no key: not checked");
    assert!(matches!(
        a.verify_webhook_timestamp(&hook),
        Err(Error::Configuration { .. })
    ));
}
