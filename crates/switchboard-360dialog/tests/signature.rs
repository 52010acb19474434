//! The optional partner webhook signature (`docs/providers/360dialog.md`, "Webhooks"): with a
//! `webhook_secret`, `x-360dialog-signature` must be the hex HMAC-SHA256 of the raw body
//! (with or without `sha256=`); signatures here are computed independently with `hmac`.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use switchboard_360dialog::{Dialog360Adapter, Dialog360Settings};
use switchboard_core::{Adapter, ConfigurableAdapter, Error, WebhookRequest};

const SECRET: &str = "CANARY-PARTNER-SECRET-77";
const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"0","changes":[]}]}"#;

fn hex(key: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn verify(
    adapter: &Dialog360Adapter,
    headers: &[(&str, String)],
    body: &[u8],
) -> Result<(), Error> {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect();
    adapter.verify_webhook(&WebhookRequest {
        url: "https://example.com/360",
        headers: &headers,
        body,
    })
}

fn signing() -> Dialog360Adapter {
    Dialog360Adapter::new(Dialog360Settings::new("key").with_webhook_secret(SECRET)).unwrap()
}

#[test]
fn a_correct_signature_is_accepted_with_or_without_the_prefix() {
    let digest = hex(SECRET, BODY.as_bytes());
    verify(
        &signing(),
        &[("x-360dialog-signature", digest.clone())],
        BODY.as_bytes(),
    )
    .unwrap();
    verify(
        &signing(),
        &[("X-360Dialog-Signature", format!("sha256={digest}"))],
        BODY.as_bytes(),
    )
    .unwrap();
}

#[test]
fn missing_malformed_and_wrong_signatures_are_refused() {
    let digest = hex(SECRET, BODY.as_bytes());
    for (what, headers) in [
        ("missing", vec![]),
        (
            "short",
            vec![("x-360dialog-signature", digest[..63].to_string())],
        ),
        ("not hex", vec![("x-360dialog-signature", "g".repeat(64))]),
        (
            "wrong key",
            vec![("x-360dialog-signature", hex("other", BODY.as_bytes()))],
        ),
        (
            "other body",
            vec![("x-360dialog-signature", hex(SECRET, b"{}"))],
        ),
    ] {
        let e = verify(&signing(), &headers, BODY.as_bytes()).unwrap_err();
        assert!(matches!(e, Error::InvalidSignature { .. }), "{what}: {e:?}");
        assert!(!format!("{e:?}").contains(SECRET));
    }
}

#[test]
fn without_a_secret_nothing_is_checked_and_the_secret_never_shows() {
    let plain = Dialog360Adapter::new(Dialog360Settings::new("key")).unwrap();
    verify(&plain, &[], BODY.as_bytes()).unwrap();
    assert!(!format!("{:?}", signing()).contains(SECRET));
    let table = serde_json::json!({"api_key": "key", "webhook_secret": SECRET});
    let adapter = Dialog360Adapter::from_table(&table).unwrap();
    assert!(verify(&adapter, &[], BODY.as_bytes()).is_err());
    let blank = serde_json::json!({"api_key": "key", "webhook_secret": " "});
    let e = Dialog360Adapter::from_table(&blank).unwrap_err();
    assert!(e.to_string().contains("webhook_secret"), "{e}");
}
