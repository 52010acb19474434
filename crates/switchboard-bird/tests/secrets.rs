//! The access key and signing key never show in Debug, error messages or the dry-run form.

mod common;

use common::{adapter, encode, example, settings, CANARY_KEY, CANARY_SIGNING_KEY};
use switchboard_bird::BirdAdapter;
use switchboard_core::{Adapter, WireResponse};

fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.contains(CANARY_KEY),
        "{what} shows the access key: {text}"
    );
    assert!(
        !text.contains(CANARY_SIGNING_KEY),
        "{what} shows the signing key: {text}"
    );
}

#[test]
fn adapter_and_settings_debug_hide_keys() {
    assert_clean("adapter Debug", &format!("{:?}", adapter()));
    assert_clean("settings Debug", &format!("{:?}", settings()));
}

#[test]
fn rendered_requests_hide_the_key() {
    for name in [
        "text.json",
        "media.json",
        "document.json",
        "cta.json",
        "location.json",
    ] {
        let r = encode(&example(name)).unwrap();
        assert_eq!(r.redacted()["headers"]["Authorization"], "***");
        assert_clean("redacted()", &r.redacted().to_string());
        assert_clean("request Debug", &format!("{r:?}"));
        // ...while the wire value carries it.
        assert_eq!(
            r.header_value("Authorization"),
            Some(format!("AccessKey {CANARY_KEY}").as_str())
        );
    }
}

#[test]
fn errors_hide_keys() {
    let a = adapter();
    let r = encode(&example("text.json")).unwrap();
    for status in [400, 401, 403, 404, 422, 429, 500] {
        let e = a
            .decode(
                &r,
                &WireResponse::new(status, r#"{"code":"x","message":"m"}"#),
            )
            .unwrap_err();
        assert_clean("error Display", &e.to_string());
        assert_clean("error Debug", &format!("{e:?}"));
    }
    for name in ["reaction.json", "contacts.json", "template.json"] {
        let e = encode(&example(name)).unwrap_err();
        assert_clean("error Display", &e.to_string());
    }
    let hook = switchboard_core::WebhookRequest {
        url: "https://h.example/x",
        headers: &[],
        body: b"{}",
    };
    let e = a.verify_webhook(&hook).unwrap_err();
    assert_clean("signature error", &format!("{e} {e:?}"));
}

#[test]
fn configuration_errors() {
    let bad = |f: &dyn Fn(&mut switchboard_bird::BirdSettings)| {
        let mut s = settings();
        f(&mut s);
        match BirdAdapter::new(s) {
            Err(e @ switchboard_core::Error::Configuration { .. }) => {
                assert_clean("configuration error", &e.to_string());
                e.to_string()
            }
            other => panic!("{other:?}"),
        }
    };
    assert!(bad(&|s| s.base_url = Some("ftp://api.bird.com".into())).contains("[bird] base_url"));
    assert!(bad(&|s| s.base_url = Some("https://".into())).contains("[bird] base_url"));
    assert!(bad(&|s| s.workspace_id = String::new()).contains("bird.workspace_id"));
    assert!(bad(&|s| s.channel_id = "a/b".into()).contains("bird.channel_id"));
    assert!(bad(&|s| s.access_key = " ".to_string().into()).contains("bird.access_key"));
    assert!(bad(&|s| s.signing_key = Some(String::new().into())).contains("bird.signing_key"));

    let mut s = settings();
    s.base_url = Some("http://127.0.0.1:8080/".into());
    let a = BirdAdapter::new(s).unwrap();
    assert_eq!(
        a.messages_url(),
        format!(
            "http://127.0.0.1:8080/workspaces/{}/channels/{}/messages",
            common::WORKSPACE,
            common::CHANNEL
        )
    );
}
