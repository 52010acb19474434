//! Bird's answers: the 202 `Message` into a `Receipt`, every error status into its kind.

mod common;

use common::{adapter, encode, example};
use std::time::Duration;
use switchboard_bird::codes::{kind_for, STATUS_TABLE};
use switchboard_core::codes::{FATAL, RETRY};
use switchboard_core::{Adapter, Error, Receipt, WireResponse};

fn decode(response: WireResponse) -> Result<Receipt, Error> {
    let request = encode(&example("text.json")).unwrap();
    adapter().decode(&request, &response)
}

const ACCEPTED: &str = r#"{
  "id": "5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d",
  "channelId": "2d4f6a8c-1e3b-4d5f-8a7c-9e0b1c2d3e4f",
  "sender": {"connector": {"id": "7a8b", "identifierValue": "+31201234567"}},
  "receiver": {"contacts": [{"id": "c0ff", "identifierKey": "phonenumber", "identifierValue": "+972501234567"}]},
  "body": {"type": "text", "text": {"text": "Hi"}},
  "status": "accepted",
  "lastStatusAt": "2025-03-30T12:00:00Z", "createdAt": "2025-03-30T12:00:00Z", "updatedAt": "2025-03-30T12:00:00Z"
}"#;

#[test]
fn accepted_message_is_a_receipt() {
    let r = decode(WireResponse::new(202, ACCEPTED)).unwrap();
    assert_eq!(
        r,
        Receipt {
            provider: switchboard_bird::PROVIDER,
            message_ids: vec!["5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d".into()],
            status: Some("accepted".into()),
            recipient: Some("+972501234567".into()),
            window_minutes_left: None,
            degraded: Vec::new(),
        }
    );
}

#[test]
fn success_without_id_or_json_is_a_decode_error() {
    for body in [
        "",
        "<html>ok</html>",
        r#"{"status": "accepted"}"#,
        r#"{"id": ""}"#,
        "[1]",
    ] {
        match decode(WireResponse::new(202, body)) {
            Err(Error::Decode { what, .. }) => assert_eq!(what, "bird response"),
            other => panic!("{body:?}: {other:?}"),
        }
    }
}

fn detail(e: &Error) -> (Option<u16>, Option<String>, String) {
    let d = e.provider_detail().expect("provider detail");
    assert_eq!(d.provider, switchboard_bird::PROVIDER);
    (d.http_status, d.code.clone(), d.message.clone())
}

#[test]
fn validation_error_is_a_rejection_keeping_birds_fields() {
    let body = r#"{"code": "InvalidPayload", "message": "Invalid payload",
        "details": {"receiver.contacts": ["must have at least 1 item"], "body.text.text": ["is required", "too short"]}}"#;
    let e = decode(WireResponse::new(422, body)).unwrap_err();
    // Bird's details name its own wire fields, not fields of the message: no invented field.
    assert!(matches!(&e, Error::MessageRejected(_)), "{e:?}");
    assert_eq!(e.kind(), "message_rejected");
    let (status, code, message) = detail(&e);
    assert_eq!(status, Some(422));
    assert_eq!(code.as_deref(), Some("InvalidPayload"));
    assert_eq!(
        message,
        "Invalid payload (details: body.text.text: is required, too short; receiver.contacts: must have at least 1 item)"
    );
    assert!(!e.is_retryable());
}

#[test]
fn request_error_400_is_a_rejection() {
    let e = decode(WireResponse::new(
        400,
        r#"{"code": "BadRequest", "message": "unknown field capFreq"}"#,
    ))
    .unwrap_err();
    assert!(matches!(&e, Error::MessageRejected(_)), "{e:?}");
    assert_eq!(detail(&e).1.as_deref(), Some("BadRequest"));
    assert_eq!(detail(&e).2, "unknown field capFreq");
}

#[test]
fn auth_failures_are_unauthorized() {
    for status in [401, 403] {
        let e = decode(WireResponse::new(
            status,
            r#"{"code": "Unauthorized", "message": "invalid access key"}"#,
        ))
        .unwrap_err();
        assert!(matches!(e, Error::Unauthorized(_)), "{status}: {e:?}");
        assert_eq!(detail(&e).0, Some(status));
        assert_eq!(detail(&e).2, "invalid access key");
    }
    // An empty 401 body is still typed.
    let e = decode(WireResponse::new(401, "")).unwrap_err();
    assert!(matches!(e, Error::Unauthorized(_)));
    assert_eq!(detail(&e).2, "empty body");
}

#[test]
fn not_found_and_conflict_are_non_retryable_provider_errors() {
    let e = decode(WireResponse::new(
        404,
        r#"{"code": "NotFound", "message": "The requested resource does not exist: channel not found"}"#,
    ))
    .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Provider {
                retryable: false,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        detail(&e).2,
        "The requested resource does not exist: channel not found"
    );
    let e = decode(WireResponse::new(
        409,
        r#"{"code": "Conflict", "message": "conflict"}"#,
    ))
    .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Provider {
                retryable: false,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn rate_limited_is_retryable_with_retry_after() {
    let mut response = WireResponse::new(429, "");
    response.headers.push(("Retry-After".into(), "7".into()));
    let e = decode(response).unwrap_err();
    match &e {
        Error::RateLimited { retry_after, .. } => {
            assert_eq!(*retry_after, Some(Duration::from_secs(7)))
        }
        other => panic!("{other:?}"),
    }
    assert!(e.is_retryable());
    let e = decode(WireResponse::new(
        429,
        r#"{"code":"TooManyRequests","message":"slow down"}"#,
    ))
    .unwrap_err();
    assert!(matches!(
        e,
        Error::RateLimited {
            retry_after: None,
            ..
        }
    ));
}

#[test]
fn server_errors_are_retryable_even_with_html_bodies() {
    for status in [500, 502, 503, 504, 599] {
        let e = decode(WireResponse::new(
            status,
            "<html><body>Bad Gateway</body></html>",
        ))
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Provider {
                    retryable: true,
                    ..
                }
            ),
            "{status}: {e:?}"
        );
        let (s, code, message) = detail(&e);
        assert_eq!(s, Some(status));
        assert_eq!(code, None);
        assert_eq!(
            message,
            "non-JSON body: <html><body>Bad Gateway</body></html>"
        );
    }
}

#[test]
fn other_statuses_are_refusals() {
    let e = decode(WireResponse::new(418, "{}")).unwrap_err();
    assert!(matches!(
        e,
        Error::Provider {
            retryable: false,
            ..
        }
    ));
    let e = decode(WireResponse::new(413, "")).unwrap_err();
    assert!(matches!(e, Error::MessageRejected(_)), "{e:?}");
}

#[test]
fn table_has_one_row_per_status_and_matches_kind_for() {
    let mut seen = std::collections::HashSet::new();
    for row in STATUS_TABLE {
        assert!(seen.insert(row.code), "status {} twice", row.code);
        assert_eq!(kind_for(row.code as u16), row.kind);
    }
    assert_eq!(kind_for(507), RETRY);
    assert_eq!(kind_for(402), FATAL);
}
