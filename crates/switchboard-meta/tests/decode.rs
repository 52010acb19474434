//! Reading Meta's answers (`docs/providers/meta.md`, "Success responses" and "Errors"): the
//! receipt, and each Graph error code of `docs/providers/reference/meta-cloud.md` section 3.2
//! as its typed error.

mod common;

use common::*;
use std::time::Duration;
use switchboard_core::{Adapter, Error, WireRequest, WireResponse};

fn request() -> WireRequest {
    adapter().encode(&example("text")).unwrap()
}

fn decode(status: u16, body: &str) -> Result<switchboard_core::Receipt, Error> {
    adapter().decode(&request(), &WireResponse::new(status, body))
}

fn graph_error(status: u16, code: i64) -> Error {
    let body = format!(
        r#"{{"error":{{"message":"(#{code}) title","type":"OAuthException","code":{code},
        "error_data":{{"messaging_product":"whatsapp","details":"details of {code}"}},
        "fbtrace_id":"A4O5a8RAgePwbcGSu"}}}}"#
    );
    decode(status, &body).unwrap_err()
}

#[test]
fn the_receipt_carries_the_message_id_status_and_wa_id() {
    let receipt = decode(
        200,
        r#"{"messaging_product":"whatsapp","contacts":[{"input":"+49 151 12345678","wa_id":"4915112345678"}],
           "messages":[{"id":"wamid.HBgLNDkxNTExMjM0NTY3OBUCABEYEjA5RjM0","message_status":"accepted"}]}"#,
    )
    .unwrap();
    assert_eq!(receipt.provider.as_str(), "meta");
    assert_eq!(
        receipt.message_ids,
        ["wamid.HBgLNDkxNTExMjM0NTY3OBUCABEYEjA5RjM0"]
    );
    assert_eq!(receipt.status.as_deref(), Some("accepted"));
    assert_eq!(receipt.recipient.as_deref(), Some("4915112345678"));
}

#[test]
fn a_success_without_an_id_is_a_decode_error() {
    let e = decode(200, r#"{"messaging_product":"whatsapp","messages":[]}"#).unwrap_err();
    assert_eq!(e.kind(), "decode", "{e:?}");
}

/// (HTTP status, code, kind, retryable) from `docs/providers/meta.md` section "Errors".
const TABLE: &[(u16, i64, &str, bool)] = &[
    (401, 0, "unauthorized", false),
    (401, 104, "unauthorized", false),
    (401, 190, "unauthorized", false),
    (500, 3, "provider", false),
    (403, 10, "unauthorized", false),
    (403, 200, "unauthorized", false),
    (403, 299, "unauthorized", false),
    (400, 1, "provider", true),
    (503, 2, "provider", true),
    (400, 4, "rate_limited", true),
    (429, 4, "rate_limited", true),
    (400, 80007, "rate_limited", true),
    (429, 613, "rate_limited", true),
    (400, 130429, "rate_limited", true),
    (403, 130429, "rate_limited", true),
    (400, 131056, "rate_limited", true),
    (400, 133016, "rate_limited", true),
    (403, 368, "provider", false),
    (403, 131031, "provider", false),
    (403, 130497, "provider", false),
    (400, 100, "message_rejected", false),
    (500, 131000, "provider", true),
    (403, 131005, "unauthorized", false),
    (400, 131008, "message_rejected", false),
    (400, 131009, "message_rejected", false),
    (500, 131016, "provider", true),
    (400, 131026, "invalid_recipient", false),
    (400, 131037, "provider", false),
    (400, 131042, "provider", false),
    (500, 131045, "provider", false),
    (400, 131047, "window_closed", false),
    (400, 131048, "provider", false),
    (400, 131049, "provider", false),
    (400, 131050, "provider", false),
    (400, 131051, "message_rejected", false),
    (400, 131053, "media_rejected", false),
    (500, 131057, "provider", true),
    (400, 131062, "invalid_recipient", false),
    (400, 131063, "provider", false),
    (400, 132000, "template_rejected", false),
    (404, 132001, "template_rejected", false),
    (400, 132005, "template_rejected", false),
    (400, 132007, "template_rejected", false),
    (400, 132012, "template_rejected", false),
    (400, 132015, "template_rejected", false),
    (400, 132016, "template_rejected", false),
    (400, 132068, "template_rejected", false),
    (400, 132069, "rate_limited", true),
    (400, 132999, "template_rejected", false),
    (400, 133010, "provider", false),
    (400, 135000, "provider", false),
    (400, 137000, "invalid_recipient", false),
];

#[test]
fn every_code_of_the_reference_maps_to_its_kind() {
    for &(status, code, kind, retryable) in TABLE {
        let e = graph_error(status, code);
        assert_eq!(
            (e.kind(), e.is_retryable()),
            (kind, retryable),
            "HTTP {status} code {code}: {e:?}"
        );
        let detail = e.provider_detail().expect("provider detail");
        assert_eq!(detail.provider.as_str(), "meta");
        assert_eq!(detail.code.as_deref(), Some(code.to_string().as_str()));
        assert_eq!(detail.http_status, Some(status));
        assert!(
            detail.message.contains(&format!("details of {code}")),
            "{}",
            detail.message
        );
    }
}

#[test]
fn an_http_429_is_a_rate_limit_whatever_the_code() {
    let mut response = WireResponse::new(
        429,
        r#"{"error":{"message":"(#80008) odd","code":100,"type":"OAuthException"}}"#,
    );
    response.headers.push(("Retry-After".into(), "7".into()));
    let e = adapter().decode(&request(), &response).unwrap_err();
    match &e {
        Error::RateLimited {
            retry_after,
            detail,
        } => {
            assert_eq!(*retry_after, Some(Duration::from_secs(7)));
            assert_eq!(detail.code.as_deref(), Some("100"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_codes_fall_back_on_the_status_and_is_transient() {
    let e = graph_error(400, 999_999);
    assert_eq!((e.kind(), e.is_retryable()), ("provider", false));
    let e = graph_error(503, 999_999);
    assert_eq!((e.kind(), e.is_retryable()), ("provider", true));
    let transient = decode(
        400,
        r#"{"error":{"message":"try again","code":999999,"is_transient":true}}"#,
    )
    .unwrap_err();
    assert_eq!(
        (transient.kind(), transient.is_retryable()),
        ("provider", true)
    );
}

#[test]
fn non_json_answers_are_read_by_status() {
    let e = decode(502, "<html>Bad Gateway</html>").unwrap_err();
    assert_eq!((e.kind(), e.is_retryable()), ("provider", true));
    let e = decode(401, "").unwrap_err();
    assert_eq!(e.kind(), "unauthorized");
    let e = decode(200, "not json").unwrap_err();
    assert_eq!(e.kind(), "decode");
}

#[test]
fn an_upload_answer_is_the_media_id() {
    let a = adapter();
    assert_eq!(
        a.decode_upload(&WireResponse::new(200, r#"{"id":"1037543291543636"}"#))
            .unwrap(),
        "1037543291543636"
    );
    let e = a
        .decode_upload(&WireResponse::new(
            400,
            r#"{"error":{"message":"(#131053) Media upload error","code":131053}}"#,
        ))
        .unwrap_err();
    assert_eq!(e.kind(), "media_rejected");
}

#[test]
fn a_status_code_maps_through_error_for_code() {
    let detail = switchboard_core::ProviderDetail::new(switchboard_meta::PROVIDER, "late");
    let e = adapter().error_for_code(131047, detail).unwrap();
    assert_eq!(e.kind(), "window_closed");
    let detail = switchboard_core::ProviderDetail::new(switchboard_meta::PROVIDER, "x");
    assert!(adapter().error_for_code(42, detail).is_none());
}
