//! Receipts and errors: both success shapes, the four error shapes of
//! `docs/providers/reference/360dialog.md` section 6.1, HTML and empty bodies, and every
//! mapped code of its sections 6.3 and 6.4.

mod common;

use common::*;
use std::time::Duration;
use switchboard_360dialog::{codes, Dialog360Adapter};
use switchboard_core::{Adapter, Error, WireRequest, WireResponse};

fn request(adapter: &Dialog360Adapter) -> WireRequest {
    adapter
        .encode(&message("text_plain.json"))
        .expect("renders")
}

fn decode(
    adapter: &Dialog360Adapter,
    status: u16,
    body: &str,
) -> Result<switchboard_core::Receipt, Error> {
    adapter.decode(&request(adapter), &WireResponse::new(status, body))
}

#[test]
fn cloud_success_gives_id_and_wa_id() {
    let r = decode(
        &cloud(),
        200,
        r#"{"messaging_product":"whatsapp","contacts":[{"input":"972501234567","wa_id":"972501234567"}],
            "messages":[{"id":"wamid.HBgLOTcyNTAxMjM0NTY3FQIAERgSQUI=","message_status":"accepted"}]}"#,
    )
    .expect("receipt");
    assert_eq!(r.provider, switchboard_360dialog::PROVIDER);
    assert_eq!(
        r.message_ids,
        vec!["wamid.HBgLOTcyNTAxMjM0NTY3FQIAERgSQUI=".to_string()]
    );
    assert_eq!(r.recipient.as_deref(), Some("972501234567"));
    assert_eq!(r.status.as_deref(), Some("accepted"));
}

#[test]
fn on_premise_success_gives_id() {
    for status in [200, 201] {
        let r = decode(
            &on_premise(),
            status,
            r#"{"messages":[{"id":"gBEGkYiEB1VXAglK1ZEqA1YKPrU"}],"meta":{"api_status":"stable","version":"2.35.4"}}"#,
        )
        .expect("receipt");
        assert_eq!(r.message_id(), Some("gBEGkYiEB1VXAglK1ZEqA1YKPrU"));
        assert_eq!(r.recipient, None);
        assert_eq!(r.status, None);
    }
}

#[test]
fn success_without_an_id_or_json_is_a_decode_error() {
    for body in [
        "",
        "<html>ok</html>",
        r#"{"messages":[]}"#,
        r#"{"messaging_product":"whatsapp"}"#,
        "{\"mess",
    ] {
        for adapter in [cloud(), on_premise()] {
            let e = decode(&adapter, 200, body).expect_err(body);
            assert!(matches!(e, Error::Decode { .. }), "{body}: {e:?}");
        }
    }
}

#[test]
fn meta_error_object_keeps_code_and_message() {
    let e = decode(
        &cloud(),
        400,
        r#"{"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
            "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
            "fbtrace_id":"AbCdEf"}}"#,
    )
    .expect_err("window closed");
    let Error::WindowClosed(d) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(d.code.as_deref(), Some("131047"));
    assert_eq!(d.http_status, Some(400));
    assert_eq!(
        d.message,
        "(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number."
    );
    assert!(!e.is_retryable());
}

#[test]
fn on_premise_errors_array_keeps_code_title_and_details() {
    let e = decode(
        &on_premise(),
        400,
        r#"{"errors":[{"code":1013,"title":"User is not valid","details":"The recipient is not on WhatsApp","href":"https://x"}],"meta":{"api_status":"stable"}}"#,
    )
    .expect_err("invalid recipient");
    let Error::InvalidRecipient(d) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(d.code.as_deref(), Some("1013"));
    assert_eq!(
        d.message,
        "User is not valid: The recipient is not on WhatsApp"
    );
}

#[test]
fn gateway_meta_bodies_key_on_the_http_status() {
    // The documented sample pairs HTTP 401 with httpCode 404 (gotcha G19).
    let e = decode(
        &cloud(),
        401,
        r#"{"meta":{"httpCode":404,"developerMessage":"Invalid api_key or token expired","success":false}}"#,
    )
    .expect_err("401");
    let Error::Unauthorized(d) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(d.http_status, Some(401));
    assert_eq!(d.code.as_deref(), Some("404"));
    assert_eq!(d.message, "Invalid api_key or token expired");

    let e = decode(
        &on_premise(),
        500,
        r#"{"meta":{"success":false,"http_code":555,"developer_message":"Internal server error"}}"#,
    )
    .expect_err("500");
    assert!(
        matches!(&e, Error::Provider { retryable: true, detail } if detail.code.as_deref() == Some("555") && detail.message == "Internal server error"),
        "{e:?}"
    );

    let e = decode(
        &cloud(),
        400,
        r#"{"meta":{"success":false,"httpCode":400,"developerMessage":"You have exceeded the endpoint rate limit"}}"#,
    )
    .expect_err("rate");
    assert!(matches!(e, Error::RateLimited { .. }), "{e:?}");
    assert!(e.is_retryable());

    let e = decode(&cloud(), 400, r#"{"meta":{"success":false,"httpCode":400,"developerMessage":"WhatsApp Business API is disabled for this number"}}"#)
        .expect_err("disabled");
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

    let e = decode(
        &cloud(),
        403,
        r#"{"meta":{"success":false,"developerMessage":"Path blocked"}}"#,
    )
    .expect_err("403");
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

    let e = decode(
        &cloud(),
        502,
        r#"{"meta":{"success":false,"developerMessage":"stack down"}}"#,
    )
    .expect_err("502");
    assert!(
        matches!(
            e,
            Error::Provider {
                retryable: true,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn string_error_bodies_are_gateway_errors() {
    let e = decode(&cloud(), 401, r#"{"error":"invalid api key"}"#).expect_err("401");
    let Error::Unauthorized(d) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(d.message, "invalid api key");
    assert_eq!(d.code, None);
    let e = decode(&cloud(), 404, r#"{"error":"not found"}"#).expect_err("404");
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
fn html_empty_and_garbage_bodies_are_typed_by_status() {
    let html = "<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>";
    let e = decode(&cloud(), 503, html).expect_err("503");
    let Error::Provider {
        detail,
        retryable: true,
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(detail.http_status, Some(503));
    assert!(
        detail.message.starts_with("body is not JSON: <html>"),
        "{}",
        detail.message
    );

    let e = decode(&on_premise(), 502, "").expect_err("502");
    assert!(
        matches!(&e, Error::Provider { retryable: true, detail } if detail.message == "empty body"),
        "{e:?}"
    );

    let e = decode(&cloud(), 401, "Unauthorized").expect_err("401");
    assert!(matches!(e, Error::Unauthorized(_)), "{e:?}");

    let e = decode(&cloud(), 400, "[1,2]").expect_err("400");
    assert!(
        matches!(&e, Error::Provider { retryable: false, detail } if detail.message.starts_with("unrecognised error body")),
        "{e:?}"
    );
}

#[test]
fn retry_after_is_kept_and_errors_in_2xx_bodies_are_errors() {
    let mut response = WireResponse::new(
        429,
        r#"{"error":{"message":"(#130429) Rate limit hit","code":130429}}"#,
    );
    response.headers.push(("Retry-After".into(), "7".into()));
    let e = cloud()
        .decode(&request(&cloud()), &response)
        .expect_err("429");
    assert!(
        matches!(e, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(7)),
        "{e:?}"
    );

    let e = decode(
        &on_premise(),
        200,
        r#"{"errors":[{"code":470,"title":"Re-engagement"}]}"#,
    )
    .expect_err("470");
    assert!(matches!(e, Error::WindowClosed(_)), "{e:?}");
}

#[test]
fn unknown_codes_fall_back_on_status_and_is_transient() {
    let e = decode(
        &cloud(),
        400,
        r#"{"error":{"message":"new thing","code":999999}}"#,
    )
    .expect_err("x");
    assert!(
        matches!(&e, Error::Provider { retryable: false, detail } if detail.code.as_deref() == Some("999999")),
        "{e:?}"
    );
    let e = decode(
        &cloud(),
        400,
        r#"{"error":{"message":"new thing","code":999999,"is_transient":true}}"#,
    )
    .expect_err("x");
    assert!(
        matches!(
            e,
            Error::Provider {
                retryable: true,
                ..
            }
        ),
        "{e:?}"
    );
    let e = decode(
        &cloud(),
        500,
        r#"{"error":{"message":"boom","code":999998}}"#,
    )
    .expect_err("x");
    assert!(
        matches!(
            e,
            Error::Provider {
                retryable: true,
                ..
            }
        ),
        "{e:?}"
    );
    // A 132xxx code outside the table is still a template error.
    let e = decode(
        &cloud(),
        400,
        r#"{"error":{"message":"(#132999) new template error","code":132999}}"#,
    )
    .expect_err("x");
    assert!(matches!(e, Error::TemplateRejected(_)), "{e:?}");
    // Cloud codes mean nothing on On-Premise, and the reverse.
    let e = decode(
        &on_premise(),
        400,
        r#"{"errors":[{"code":131047,"title":"?"}]}"#,
    )
    .expect_err("x");
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
    let e = decode(&cloud(), 400, r#"{"error":{"code":470,"message":"?"}}"#).expect_err("x");
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

/// (code, kind, retryable) as the issue and reference sections 6.3/6.4 require, written out
/// independently of the tables in `codes.rs`.
const CLOUD_EXPECTED: &[(i64, &str, bool)] = &[
    (0, "unauthorized", false),
    (190, "unauthorized", false),
    (1, "provider", true),
    (2, "provider", true),
    (4, "rate_limited", true),
    (80007, "rate_limited", true),
    (100, "message_rejected", false),
    (368, "provider", false),
    (130429, "rate_limited", true),
    (130472, "provider", false),
    (131000, "provider", true),
    (131005, "unauthorized", false),
    (131008, "message_rejected", false),
    (131009, "message_rejected", false),
    (131016, "provider", true),
    (131021, "invalid_recipient", false),
    (131026, "invalid_recipient", false),
    (131031, "provider", false),
    (131042, "provider", false),
    (131047, "window_closed", false),
    (131048, "provider", false),
    (131049, "provider", false),
    (131050, "provider", false),
    (131051, "message_rejected", false),
    (131052, "media_rejected", false),
    (131053, "media_rejected", false),
    (131056, "rate_limited", true),
    (132000, "template_rejected", false),
    (132001, "template_rejected", false),
    (132005, "template_rejected", false),
    (132007, "template_rejected", false),
    (132012, "template_rejected", false),
    (132015, "template_rejected", false),
    (132016, "template_rejected", false),
    (133010, "provider", false),
];

const ON_PREMISE_EXPECTED: &[(i64, &str, bool)] = &[
    (400, "media_rejected", false),
    (402, "provider", false),
    (408, "provider", true),
    (410, "provider", false),
    (429, "rate_limited", true),
    (430, "provider", false),
    (432, "provider", false),
    (433, "provider", false),
    (470, "window_closed", false),
    (471, "provider", false),
    (472, "provider", false),
    (500, "provider", true),
    (1000, "provider", true),
    (1001, "message_rejected", false),
    (1002, "message_rejected", false),
    (1004, "provider", false),
    (1005, "unauthorized", false),
    (1006, "provider", false),
    (1007, "invalid_recipient", false),
    (1008, "message_rejected", false),
    (1009, "message_rejected", false),
    (1010, "message_rejected", false),
    (1011, "provider", true),
    (1013, "invalid_recipient", false),
    (1014, "provider", true),
    (1015, "rate_limited", true),
    (1016, "provider", true),
    (1017, "provider", true),
    (1018, "provider", true),
    (1021, "invalid_recipient", false),
    (1026, "invalid_recipient", false),
    (2000, "template_rejected", false),
    (2001, "template_rejected", false),
    (2002, "template_rejected", false),
    (2003, "template_rejected", false),
];

#[test]
fn every_cloud_code_maps_to_its_kind_and_keeps_code_and_message() {
    assert_eq!(
        CLOUD_EXPECTED.len(),
        codes::CLOUD_CODES.len(),
        "a table row is not tested"
    );
    for &(code, kind, retryable) in CLOUD_EXPECTED {
        let body = format!(
            r#"{{"error":{{"message":"(#{code}) title {code}","type":"OAuthException","code":{code},"error_data":{{"details":"details {code}"}},"fbtrace_id":"x"}}}}"#
        );
        let e = decode(&cloud(), 400, &body).expect_err("error");
        assert_eq!(
            (e.kind(), e.is_retryable()),
            (kind, retryable),
            "code {code}: {e:?}"
        );
        let d = e.provider_detail().expect("detail");
        assert_eq!(d.code, Some(code.to_string()));
        assert_eq!(d.message, format!("(#{code}) title {code}: details {code}"));
        assert_eq!(d.provider, switchboard_360dialog::PROVIDER);
    }
}

#[test]
fn every_on_premise_code_maps_to_its_kind_and_keeps_code_and_message() {
    assert_eq!(
        ON_PREMISE_EXPECTED.len(),
        codes::ON_PREMISE_CODES.len(),
        "a table row is not tested"
    );
    for &(code, kind, retryable) in ON_PREMISE_EXPECTED {
        let body = format!(r#"{{"errors":[{{"code":{code},"title":"title {code}"}}]}}"#);
        let e = decode(&on_premise(), 400, &body).expect_err("error");
        assert_eq!(
            (e.kind(), e.is_retryable()),
            (kind, retryable),
            "code {code}: {e:?}"
        );
        let d = e.provider_detail().expect("detail");
        assert_eq!(d.code, Some(code.to_string()));
        assert_eq!(d.message, format!("title {code}"));
    }
}

#[test]
fn error_for_code_maps_webhook_codes() {
    let d = switchboard_core::ProviderDetail::new(
        switchboard_360dialog::PROVIDER,
        "Re-engagement message",
    );
    let e = cloud().error_for_code(131047, d.clone()).expect("known");
    assert!(matches!(&e, Error::WindowClosed(x) if x.code.as_deref() == Some("131047")));
    assert!(on_premise()
        .error_for_code(470, d.clone())
        .is_some_and(|e| e.kind() == "window_closed"));
    assert!(cloud().error_for_code(424242, d).is_none());
}

#[test]
fn error_display_never_shows_the_key() {
    let bodies = [
        (
            401,
            r#"{"meta":{"httpCode":401,"developerMessage":"Invalid api_key","success":false}}"#,
        ),
        (400, r#"{"error":{"message":"bad","code":100}}"#),
        (503, "<html>down</html>"),
    ];
    for (status, body) in bodies {
        let e = decode(&cloud(), status, body).expect_err("error");
        assert!(!e.to_string().contains(KEY));
        assert!(!format!("{e:?}").contains(KEY));
    }
}
