//! The `[meta]` table: defaults, checks with errors naming the key, and secrets that never
//! show (Debug, errors, rendered requests) — the canary-key test of this column.

mod common;

use common::*;
use serde_json::json;
use switchboard_core::{Adapter, ConfigurableAdapter, Error, WireResponse};
use switchboard_meta::{MetaAdapter, MetaSettings};

fn from_table(table: serde_json::Value) -> Result<MetaAdapter, Error> {
    MetaAdapter::from_table(&table)
}

fn config_message(table: serde_json::Value) -> String {
    match from_table(table) {
        Err(Error::Configuration { message, .. }) => message,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_table_with_the_two_required_keys_uses_the_defaults() {
    let a = from_table(json!({"access_token": TOKEN, "phone_number_id": PNID})).unwrap();
    assert_eq!(
        a.messages_url(),
        "https://graph.facebook.com/v23.0/106540352242922/messages"
    );
    assert_eq!(
        a.media_url(),
        "https://graph.facebook.com/v23.0/106540352242922/media"
    );
    assert!(!a.verifies_signatures());
}

#[test]
fn every_key_is_read() {
    let a = from_table(json!({
        "access_token": TOKEN, "phone_number_id": PNID, "api_version": "v24.0",
        "base_url": "http://127.0.0.1:9000", "app_secret": APP_SECRET, "verify_token": VERIFY_TOKEN,
    }))
    .unwrap();
    assert_eq!(
        a.messages_url(),
        "http://127.0.0.1:9000/v24.0/106540352242922/messages"
    );
    assert!(a.verifies_signatures());
    let url = format!("/?hub.mode=subscribe&hub.challenge=7&hub.verify_token={VERIFY_TOKEN}");
    assert_eq!(a.answer_handshake(&url).unwrap(), "7");
}

#[test]
fn bad_settings_name_the_key_and_never_a_secret() {
    let base = || json!({"access_token": TOKEN, "phone_number_id": PNID});
    let with = |key: &str, value: serde_json::Value| {
        let mut t = base();
        t[key] = value;
        t
    };
    let cases = [
        (json!({"phone_number_id": PNID}), "access_token"),
        (json!({"access_token": TOKEN}), "phone_number_id"),
        (with("acces_token", json!("x")), "acces_token"),
        (with("access_token", json!("  ")), "access_token"),
        (
            with("access_token", json!("EAAG with space")),
            "access_token",
        ),
        (with("access_token", json!(12345678)), "access_token"),
        (with("app_secret", json!("")), "app_secret"),
        (with("verify_token", json!("a\nb")), "verify_token"),
        (
            with("phone_number_id", json!("1065/4035")),
            "phone_number_id",
        ),
        (with("phone_number_id", json!("")), "phone_number_id"),
        (with("api_version", json!("23.0")), "api_version"),
        (with("api_version", json!("v23")), "api_version"),
        (with("base_url", json!("graph.facebook.com")), "base_url"),
        (
            with("base_url", json!("ftp://graph.facebook.com")),
            "base_url",
        ),
        (
            with("base_url", json!("https://graph.facebook.com/v23.0")),
            "base_url",
        ),
        (
            with("base_url", json!("https://graph.facebook.com/?x=1")),
            "base_url",
        ),
    ];
    for (table, key) in cases {
        let message = config_message(table.clone());
        assert!(message.contains(key), "{table}: {message}");
        assert!(!message.contains(TOKEN), "{message}");
        assert!(!message.contains("12345678"), "{message}");
        assert!(!message.contains("EAAG with"), "{message}");
    }
}

#[test]
fn the_canary_token_never_shows() {
    let settings = MetaSettings::new(TOKEN, PNID)
        .with_app_secret(APP_SECRET)
        .with_verify_token(VERIFY_TOKEN);
    let adapter = MetaAdapter::new(settings.clone()).unwrap();
    let request = adapter.encode(&example("text")).unwrap();
    // An error answer that echoes the token back.
    let echo = WireResponse::new(
        401,
        format!(
            r#"{{"error":{{"message":"Invalid OAuth access token - Cannot parse access token {TOKEN}","code":190}}}}"#
        ),
    );
    let error = adapter
        .decode(&request, &echo)
        .unwrap_err()
        .redact(&request.secret_values());
    let printed = [
        format!("{settings:?}"),
        format!("{adapter:?}"),
        format!("{:?}", request.redacted()),
        request.redacted().to_string(),
        format!("{error:?}"),
        error.to_string(),
    ];
    for shown in printed {
        for secret in [TOKEN, APP_SECRET, VERIFY_TOKEN] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
    assert_eq!(request.redacted()["headers"]["Authorization"], "***");
}
