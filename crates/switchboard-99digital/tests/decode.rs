//! Answers to receipts and typed errors: `status`/`reason` decide whatever the HTTP status.

mod common;

use common::{adapter, encode, KEY};
use serde_json::{json, Value};
use std::time::Duration;
use switchboard_core::{Adapter, Error, WireRequest, WireResponse};

const TO: &str = "+972501234567";

fn request(kind: &str) -> WireRequest {
    let content = match kind {
        "sendMessage" => json!({"text": {"body": "hi"}}),
        "sendFile" => json!({"media": {"kind": "image", "link": "https://example.com/a.jpg"}}),
        "sendButtons" => json!({"buttons": {"body": "b", "buttons": [{"id": "a", "title": "A"}]}}),
        "cta" => json!({"cta": {"body": "b", "label": "Go", "url": "https://example.com"}}),
        "sendLocation" => json!({"location": {"latitude": 1.0, "longitude": 2.0}}),
        "sendReaction" => json!({"reaction": {"message_id": "X1", "emoji": "👍"}}),
        "sendContact" => {
            json!({"contacts": [{"name": {"formatted_name": "A"}, "phones": [{"phone": "972501234567"}]}]})
        }
        "sendTemplate" => json!({"template": {"name": "t", "language": "he"}}),
        other => panic!("{other}"),
    };
    let mut m = content;
    m["to"] = json!(TO);
    encode(m).expect("encodes")
}

fn decode(kind: &str, status: u16, body: Value) -> Result<switchboard_core::Receipt, Error> {
    adapter().decode(&request(kind), &WireResponse::new(status, body.to_string()))
}

fn fail(kind: &str, reason: Value) -> Error {
    decode(kind, 200, json!({"status": "FAIL", "reason": reason})).expect_err("FAIL")
}

#[test]
fn ok_with_template_time_left_as_number() {
    let r = decode(
        "sendMessage",
        200,
        json!({"status": "OK", "unique": "65dfd4r4dref34rdfxd34r", "body": "hi",
               "timestamp": 1600115719, "from": "972771234567", "to": "972501234567",
               "templateTimeLeft": 1200, "conversationTimeLeft": 0, "reason": 1}),
    )
    .expect("receipt");
    assert_eq!(r.message_ids, vec!["65dfd4r4dref34rdfxd34r".to_string()]);
    assert_eq!(r.window_minutes_left, Some(1200));
    assert_eq!(r.recipient.as_deref(), Some("972501234567"));
    assert_eq!(r.status.as_deref(), Some("OK"));
}

#[test]
fn ok_with_template_time_left_as_string() {
    let r = decode(
        "sendFile",
        200,
        json!({"status": "OK", "unique": "65dfd4r4dref34rdfxd34r", "body": "https://example.com/a.jpg",
               "caption": "", "timestamp": 1600115719, "templateTimeLeft": "400", "reason": 1}),
    )
    .expect("receipt");
    assert_eq!(r.message_id(), Some("65dfd4r4dref34rdfxd34r"));
    assert_eq!(r.window_minutes_left, Some(400));
    let r = decode(
        "sendButtons",
        200,
        json!({"status": "OK", "unique": "u1", "reason": 1}),
    )
    .expect("receipt");
    assert_eq!(r.window_minutes_left, None);
}

#[test]
fn ok_without_unique_is_a_decode_error() {
    let e = decode("sendMessage", 200, json!({"status": "OK", "reason": 1})).expect_err("no id");
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
}

#[test]
fn common_send_reasons() {
    for kind in [
        "sendMessage",
        "sendFile",
        "sendButtons",
        "cta",
        "sendLocation",
        "sendContact",
    ] {
        assert!(
            matches!(fail(kind, json!(2)), Error::Configuration { .. }),
            "{kind}"
        );
        assert!(
            matches!(fail(kind, json!(3)), Error::Unauthorized(_)),
            "{kind}"
        );
        assert!(
            matches!(fail(kind, json!(4)), Error::InvalidRecipient(_)),
            "{kind}"
        );
        let e = fail(kind, json!(6));
        assert!(
            matches!(
                e,
                Error::Provider {
                    retryable: true,
                    ..
                }
            ) && e.is_retryable(),
            "{kind}"
        );
        assert!(
            matches!(fail(kind, json!(7)), Error::WindowClosed(_)),
            "{kind}"
        );
        assert!(
            matches!(fail(kind, json!(8)), Error::WindowClosed(_)),
            "{kind}"
        );
        let e = fail(kind, json!(15));
        assert!(
            matches!(
                e,
                Error::RateLimited {
                    retry_after: None,
                    ..
                }
            ) && e.is_retryable(),
            "{kind}"
        );
    }
}

#[test]
fn reason_is_kept_raw_with_http_status() {
    let e = decode("sendMessage", 200, json!({"status": "FAIL", "reason": "7"})).expect_err("FAIL");
    let d = e.provider_detail().expect("detail");
    assert_eq!(d.code.as_deref(), Some("7"));
    assert_eq!(d.http_status, Some(200));
    assert!(d.message.contains("24 hours"), "{}", d.message);
    assert!(matches!(e, Error::WindowClosed(_)));
    // 2 keeps its code in the configuration message.
    let e = fail("sendMessage", json!(2));
    assert!(e.to_string().contains("reason 2"), "{e}");
}

fn invalid_field(e: Error) -> String {
    match e {
        Error::InvalidMessage {
            field,
            provider: Some(p),
            ..
        } => {
            assert!(p.code.is_some());
            field
        }
        other => panic!("expected a provider InvalidMessage, got {other:?}"),
    }
}

#[test]
fn invalid_message_reasons_name_the_field() {
    assert_eq!(invalid_field(fail("sendMessage", json!(5))), "text.body");
    assert_eq!(invalid_field(fail("sendFile", json!(5))), "media.link");
    let buttons = [
        (5, "buttons.body"),
        (9, "buttons.header"),
        (10, "buttons.footer"),
        (11, "buttons.buttons[0].title"),
        (12, "buttons.buttons[1..2].title"),
        (13, "buttons.header.media.link"),
        (14, "buttons"),
        (16, "buttons.buttons[].id"),
    ];
    for (code, field) in buttons {
        assert_eq!(
            invalid_field(fail("sendButtons", json!(code))),
            field,
            "{code}"
        );
    }
    let cta = [
        (5, "cta.body"),
        (9, "cta.header"),
        (10, "cta.footer"),
        (11, "cta.label"),
        (12, "cta"),
        (13, "cta.header.media.link"),
        (14, "cta"),
        (16, "cta"),
    ];
    for (code, field) in cta {
        assert_eq!(invalid_field(fail("cta", json!(code))), field, "{code}");
    }
}

#[test]
fn reaction_reasons() {
    assert!(matches!(
        fail("sendReaction", json!(2)),
        Error::Configuration { .. }
    ));
    assert!(matches!(
        fail("sendReaction", json!(3)),
        Error::Unauthorized(_)
    ));
    assert_eq!(
        invalid_field(fail("sendReaction", json!(4))),
        "reaction.message_id"
    );
    assert_eq!(
        invalid_field(fail("sendReaction", json!(5))),
        "reaction.emoji"
    );
    assert!(matches!(
        fail("sendReaction", json!(7)),
        Error::WindowClosed(_)
    ));
}

#[test]
fn template_reasons_and_unknown_codes() {
    assert!(matches!(
        fail("sendTemplate", json!(2)),
        Error::Configuration { .. }
    ));
    assert!(matches!(
        fail("sendTemplate", json!(3)),
        Error::Unauthorized(_)
    ));
    assert!(fail("sendTemplate", json!(6)).is_retryable());
    // Codes no table documents stay provider errors with their raw code.
    for (kind, code) in [
        ("sendTemplate", 4),
        ("sendTemplate", 7),
        ("sendMessage", 99),
        ("sendLocation", 5),
    ] {
        match fail(kind, json!(code)) {
            Error::Provider {
                detail,
                retryable: false,
            } => {
                assert_eq!(detail.code, Some(code.to_string()))
            }
            other => panic!("{kind} {code}: {other:?}"),
        }
    }
    match decode("sendMessage", 200, json!({"status": "FAIL"})).expect_err("FAIL") {
        Error::Provider {
            detail,
            retryable: false,
        } => assert_eq!(detail.code, None),
        other => panic!("{other:?}"),
    }
}

#[test]
fn body_decides_whatever_the_http_status() {
    let e = decode("sendMessage", 500, json!({"status": "FAIL", "reason": 3})).expect_err("FAIL");
    assert!(matches!(e, Error::Unauthorized(_)), "{e:?}");
    let r = decode("sendMessage", 202, json!({"status": "OK", "unique": "u"})).expect("OK");
    assert_eq!(r.message_id(), Some("u"));
}

#[test]
fn a_rate_limit_reason_takes_a_retry_after_header_as_its_hint() {
    let body = json!({"status": "FAIL", "reason": 15}).to_string();
    for status in [200, 429] {
        let mut response = WireResponse::new(status, body.clone());
        response.headers.push(("Retry-After".into(), "30".into()));
        match adapter().decode(&request("sendMessage"), &response) {
            Err(Error::RateLimited { retry_after, .. }) => {
                assert_eq!(retry_after, Some(Duration::from_secs(30)), "{status}")
            }
            other => panic!("{status}: {other:?}"),
        }
    }
    // Only rate limiting takes the hint: a closed window stays a closed window.
    let mut response = WireResponse::new(429, json!({"status": "FAIL", "reason": 7}).to_string());
    response.headers.push(("Retry-After".into(), "30".into()));
    let e = adapter()
        .decode(&request("sendMessage"), &response)
        .expect_err("FAIL");
    assert!(matches!(e, Error::WindowClosed(_)), "{e:?}");
}

fn raw(status: u16, body: &str) -> Error {
    let mut response = WireResponse::new(status, body);
    response.headers.push(("Retry-After".into(), "30".into()));
    adapter()
        .decode(&request("sendMessage"), &response)
        .expect_err("not OK")
}

#[test]
fn non_json_answers_are_typed() {
    assert!(matches!(raw(200, ""), Error::Decode { .. }));
    assert!(matches!(
        raw(200, "<html>oops</html>"),
        Error::Decode { .. }
    ));
    assert!(matches!(
        raw(200, "{\"status\": \"OK\""),
        Error::Decode { .. }
    ));
    assert!(matches!(raw(200, "[1, 2]"), Error::Decode { .. }));
    assert!(matches!(
        raw(200, "{\"status\": \"MAYBE\"}"),
        Error::Decode { .. }
    ));
    let e = raw(502, "<html><body>Bad Gateway</body></html>");
    match &e {
        Error::Provider {
            detail,
            retryable: true,
        } => {
            assert_eq!(detail.http_status, Some(502));
            assert!(detail.message.contains("Bad Gateway"), "{}", detail.message);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(raw(401, "denied"), Error::Unauthorized(_)));
    match raw(429, "slow down") {
        Error::RateLimited { retry_after, .. } => {
            assert_eq!(retry_after, Some(Duration::from_secs(30)))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        raw(404, "not found"),
        Error::Provider {
            retryable: false,
            ..
        }
    ));
}

#[test]
fn echoed_key_never_reaches_an_error() {
    // An answer that echoes the key (showRequest) in a shape the adapter cannot read.
    let body = format!("{{\"originalRequest\": {{\"apiKey\": \"{KEY}\"}}, \"oops\": true}}");
    for status in [200, 500] {
        let e = raw(status, &body);
        assert!(!e.to_string().contains(KEY), "{e}");
        assert!(!format!("{e:?}").contains(KEY), "{e:?}");
        assert!(e.to_string().contains("***"), "{e}");
    }
    let html = format!("<html>{KEY}</html>");
    let e = raw(503, &html);
    assert!(!format!("{e:?} {e}").contains(KEY));
}
