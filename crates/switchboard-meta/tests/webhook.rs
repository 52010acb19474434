//! Webhooks (`docs/providers/meta.md`, "Webhooks"): the `X-Hub-Signature-256` check over the
//! raw body (signatures computed here independently, with the `hmac` crate), the `GET`
//! subscription handshake, and the Cloud envelope attributed to `meta`.

mod common;

use common::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use switchboard_core::{Adapter, Error, InboundEvent, WebhookRequest};

const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"419561257915477","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"4930123456","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Anna"},"wa_id":"4915112345678"}],"messages":[{"from":"4915112345678","id":"wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBRjQ","timestamp":"1767225600","type":"text","text":{"body":"Caf\u00e9 \/ 50\u0025 @ <b>"}}]}}]}]}"#;

/// `sha256=` and the lower-case hex HMAC-SHA256 of `body` keyed with `key`.
fn signed(key: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

fn deliver(
    adapter: &switchboard_meta::MetaAdapter,
    headers: &[(&str, String)],
    body: &[u8],
) -> Result<Vec<InboundEvent>, Error> {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect();
    let webhook = WebhookRequest {
        url: "https://example.com/webhooks/meta",
        headers: &headers,
        body,
    };
    adapter.verify_webhook(&webhook)?;
    adapter.parse_webhook(&webhook)
}

#[test]
fn a_correctly_signed_delivery_is_accepted_and_parsed() {
    let signature = signed(APP_SECRET, BODY.as_bytes());
    for name in ["X-Hub-Signature-256", "x-hub-signature-256"] {
        let events =
            deliver(&signing(), &[(name, signature.clone())], BODY.as_bytes()).expect("accepted");
        assert_eq!(events.len(), 1);
        let InboundEvent::Message(m) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(m.provider.as_str(), "meta");
        assert_eq!(m.id, "wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBRjQ");
    }
    // Upper-case hex digits are the same digest.
    let upper = format!("sha256={}", signature[7..].to_ascii_uppercase());
    deliver(
        &signing(),
        &[("X-Hub-Signature-256", upper)],
        BODY.as_bytes(),
    )
    .expect("accepted");
}

#[test]
fn missing_malformed_and_wrong_signatures_are_refused() {
    let good = signed(APP_SECRET, BODY.as_bytes());
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, &'a [u8]);
    let cases: Vec<Case> = vec![
        ("missing", vec![], BODY.as_bytes()),
        (
            "no prefix",
            vec![("X-Hub-Signature-256", good[7..].to_string())],
            BODY.as_bytes(),
        ),
        (
            "sha1",
            vec![("X-Hub-Signature-256", good.replace("sha256=", "sha1="))],
            BODY.as_bytes(),
        ),
        (
            "short",
            vec![("X-Hub-Signature-256", good[..70].to_string())],
            BODY.as_bytes(),
        ),
        (
            "not hex",
            vec![("X-Hub-Signature-256", format!("sha256={}", "zz".repeat(32)))],
            BODY.as_bytes(),
        ),
        (
            "wrong key",
            vec![(
                "X-Hub-Signature-256",
                signed("another-secret", BODY.as_bytes()),
            )],
            BODY.as_bytes(),
        ),
        (
            "verify token as key",
            vec![("X-Hub-Signature-256", signed(VERIFY_TOKEN, BODY.as_bytes()))],
            BODY.as_bytes(),
        ),
        // The body re-serialised (unicode unescaped) is not what Meta signed.
        (
            "re-encoded body",
            vec![("X-Hub-Signature-256", good.clone())],
            br#"{"object":"whatsapp_business_account","entry":[]}"#,
        ),
    ];
    for (what, headers, body) in cases {
        let e = deliver(&signing(), &headers, body).unwrap_err();
        assert!(matches!(e, Error::InvalidSignature { .. }), "{what}: {e:?}");
        assert!(!format!("{e:?}").contains(APP_SECRET), "{what}");
    }
}

#[test]
fn without_an_app_secret_deliveries_are_not_checked() {
    let events = deliver(&adapter(), &[], BODY.as_bytes()).expect("accepted");
    assert_eq!(events.len(), 1);
    assert!(!adapter().verifies_signatures());
    assert!(signing().verifies_signatures());
}

#[test]
fn the_reference_signature_vectors_hold() {
    // docs/providers/meta.md, "Webhooks": key `app-secret`.
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"0","changes":[]}]}"#;
    assert_eq!(
        signed("app-secret", body),
        "sha256=37d689f5e7d7e40e6831544d785ea37a5143d392d74f7f59429fb54e771f2edb"
    );
    switchboard_meta::signature::verify_signature(
        "app-secret",
        body,
        "sha256=37d689f5e7d7e40e6831544d785ea37a5143d392d74f7f59429fb54e771f2edb",
    )
    .unwrap();
}

#[test]
fn the_handshake_echoes_the_challenge_only_for_the_verify_token() {
    let a = signing();
    let url = |mode: &str, token: &str, challenge: &str| {
        format!(
            "https://example.com/webhooks/meta?hub.mode={mode}&hub.challenge={challenge}&hub.verify_token={token}"
        )
    };
    assert_eq!(
        a.answer_handshake(&url("subscribe", VERIFY_TOKEN, "1158201444"))
            .unwrap(),
        "1158201444"
    );
    // Verbatim, percent-decoded, not a number.
    assert_eq!(
        a.answer_handshake(&url("subscribe", VERIFY_TOKEN, "abc%2Fdef"))
            .unwrap(),
        "abc/def"
    );
    for (what, u) in [
        ("wrong token", url("subscribe", "guess", "1")),
        ("token prefix", url("subscribe", &VERIFY_TOKEN[..5], "1")),
        ("wrong mode", url("unsubscribe", VERIFY_TOKEN, "1")),
        (
            "no challenge",
            format!("https://example.com/?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}"),
        ),
        (
            "no token",
            "https://example.com/?hub.mode=subscribe&hub.challenge=1".to_string(),
        ),
        ("no query", "https://example.com/webhooks/meta".to_string()),
    ] {
        let e = a.answer_handshake(&u).unwrap_err();
        assert!(matches!(e, Error::InvalidSignature { .. }), "{what}: {e:?}");
        assert!(!e.to_string().contains(VERIFY_TOKEN), "{what}: {e}");
    }
    // Without a verify_token, every handshake is refused.
    let e = adapter()
        .answer_handshake(&url("subscribe", VERIFY_TOKEN, "1"))
        .unwrap_err();
    assert!(e.to_string().contains("verify_token"), "{e}");
}

#[test]
fn bodies_that_are_not_json_are_decode_errors_and_other_shapes_unknown() {
    let e = deliver(&adapter(), &[], b"{\"object\":").unwrap_err();
    assert_eq!(e.kind(), "decode");
    let events = deliver(&adapter(), &[], br#"{"hello":"world"}"#).unwrap();
    assert!(
        matches!(events[..], [InboundEvent::Unknown(_)]),
        "{events:?}"
    );
}
