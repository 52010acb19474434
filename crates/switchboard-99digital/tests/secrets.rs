//! The canary key never shows in Debug, error messages or the dry-run output, and bad
//! settings are configuration errors.

mod common;

use common::{adapter, adapter_at, encode, KEY};
use serde_json::json;
use switchboard_99digital::NinetyNineDigitalAdapter;
use switchboard_99digital::NinetyNineDigitalSettings;
use switchboard_core::{Adapter, Error, SecretString, WireResponse};

#[test]
fn key_is_in_the_body_and_nowhere_printed() {
    let request = encode(json!({"to": "+972501234567", "text": {"body": "hi"}})).expect("encodes");
    assert_eq!(request.json().expect("JSON")["apiKey"], KEY);
    assert!(!request.redacted().to_string().contains(KEY));
    assert_eq!(request.redacted()["body"]["apiKey"], "***");
    assert!(!format!("{request:?}").contains(KEY));
    let a = adapter();
    let shown = format!("{a:?} {a:#?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(
        shown.contains("***") && shown.contains("972771234567"),
        "{shown}"
    );
}

#[test]
fn no_error_shows_the_key() {
    let request = encode(json!({"to": "+972501234567", "text": {"body": "hi"}})).expect("encodes");
    let answers = [
        (
            200,
            format!(
                "{{\"status\":\"FAIL\",\"reason\":3,\"originalRequest\":{{\"apiKey\":\"{KEY}\"}}}}"
            ),
        ),
        (
            200,
            format!("{{\"status\":\"FAIL\",\"reason\":2,\"echo\":\"{KEY}\"}}"),
        ),
        (200, format!("not json {KEY}")),
        (500, format!("<html>{KEY}</html>")),
        (200, format!("{{\"status\":\"OK\",\"echo\":\"{KEY}\"}}")),
    ];
    for (status, body) in answers {
        let e = adapter()
            .decode(&request, &WireResponse::new(status, body.clone()))
            .expect_err("error");
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains(KEY), "{body} -> {shown}");
    }
    let refusal = encode(json!({"to": "+972501234567", "media": {"kind": "sticker", "link": "https://example.com/s.webp"}}))
        .expect_err("refused");
    assert!(!format!("{refusal} {refusal:?}").contains(KEY));
}

fn settings(key: &str, base_url: Option<&str>) -> NinetyNineDigitalSettings {
    NinetyNineDigitalSettings {
        api_key: SecretString::from(key),
        from: "972771234567".parse().expect("number"),
        base_url: base_url.map(String::from),
    }
}

#[test]
fn settings_are_checked() {
    for bad in [
        "ftp://x",
        "api.99digital.co.il",
        "https://",
        "https:///x",
        "https://a b/",
    ] {
        match NinetyNineDigitalAdapter::new(settings(KEY, Some(bad))) {
            Err(Error::Configuration { message }) => {
                assert!(message.contains("base_url"), "{message}");
                assert!(!message.contains(KEY));
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert!(matches!(
        NinetyNineDigitalAdapter::new(settings("  ", None)),
        Err(Error::Configuration { .. })
    ));
    let a = adapter_at(Some("http://127.0.0.1:9999/whatsapp/v2".into()));
    assert_eq!(a.base_url(), "http://127.0.0.1:9999/whatsapp/v2/");
    let request = a
        .encode(&common::message(
            json!({"to": "+972501234567", "text": {"body": "hi"}}),
        ))
        .expect("encodes");
    assert_eq!(request.url, "http://127.0.0.1:9999/whatsapp/v2/sendMessage");
    assert_eq!(
        adapter().base_url(),
        NinetyNineDigitalSettings::DEFAULT_BASE_URL
    );
    assert_eq!(adapter().provider(), switchboard_99digital::PROVIDER);
    assert_eq!(adapter().capabilities().name, "99digital");
}
