//! Golden wire requests: every example message (`examples/messages/`) rendered for Meta,
//! compared as JSON (method, URL, headers with the token as `***`, body) with
//! `tests/golden/<name>.json`, and every body validated against Meta's
//! `#/components/schemas/Message`.
//!
//! `SWITCHBOARD_BLESS=1 cargo test -p switchboard-meta --test golden` writes missing
//! fixtures (review them before committing).

mod common;

use common::*;
use serde_json::{json, Value};
use switchboard_core::{Adapter, Error, MediaUpload, MultipartPart, WireBody};

#[test]
fn every_example_message_is_a_post_to_the_phone_number_s_messages() {
    let bless = std::env::var_os("SWITCHBOARD_BLESS").is_some();
    let adapter = adapter();
    let examples = examples();
    assert!(examples.len() >= 12, "{} examples", examples.len());
    for (name, message) in examples {
        let request = render(&adapter, &message).unwrap_or_else(|e| panic!("{name}: {e}"));
        let shown = request.redacted();
        assert_eq!(shown["method"], "POST", "{name}");
        assert_eq!(
            shown["url"], "https://graph.facebook.com/v23.0/106540352242922/messages",
            "{name}"
        );
        assert_eq!(
            shown["headers"],
            json!({"Authorization": "***", "Content-Type": "application/json"}),
            "{name}"
        );
        assert_eq!(
            request.header_value("Authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        let path = crate_dir()
            .join("tests/golden")
            .join(format!("{name}.json"));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let want: Value = serde_json::from_str(&text).expect("golden is JSON");
                assert_eq!(shown, want, "{name}: differs from {path:?}");
            }
            Err(_) if bless => {
                std::fs::write(&path, serde_json::to_string_pretty(&shown).unwrap() + "\n")
                    .expect("write golden");
            }
            Err(e) => panic!("{path:?}: {e} (SWITCHBOARD_BLESS=1 writes it)"),
        }
    }
}

#[test]
fn named_template_parameters_carry_parameter_name() {
    let request = render(&adapter(), &example("template_named")).unwrap();
    assert_eq!(
        request.json().unwrap()["template"]["components"],
        json!([{"type": "body", "parameters": [
            {"type": "text", "parameter_name": "first_name", "text": "Anna"},
            {"type": "text", "parameter_name": "order_id", "text": "1234"}
        ]}])
    );
}

#[test]
fn a_user_id_recipient_goes_in_recipient_not_to() {
    // docs/providers/meta.md, "Recipients": BSUIDs travel in `recipient`. Meta's v23.0
    // schema predates the field (`docs/providers/reference/meta-cloud.md`, gotcha M7) and requires `to`: the body is
    // checked as the schema-valid phone-number body with only the addressing swapped.
    let m = switchboard_core::OutboundMessage::from_json(
        r#"{"to":"DE.8812345678901234","text":{"body":"Thanks for your message"}}"#,
    )
    .unwrap();
    let request = adapter().encode(&m).unwrap();
    let body = request.json().unwrap();
    assert_eq!(
        body,
        json!({"messaging_product": "whatsapp", "recipient_type": "individual",
            "recipient": "DE.8812345678901234", "type": "text",
            "text": {"body": "Thanks for your message"}})
    );
    let mut by_phone = body.clone();
    let object = by_phone.as_object_mut().unwrap();
    object.remove("recipient");
    object.insert("to".into(), json!("4915112345678"));
    if let Some(errors) = schema_errors(&by_phone) {
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[test]
fn the_version_and_host_are_configurable() {
    let adapter = switchboard_meta::MetaAdapter::new(
        settings()
            .with_api_version("v24.0")
            .with_base_url("http://127.0.0.1:8089/"),
    )
    .unwrap();
    let request = adapter.encode(&example("text")).unwrap();
    assert_eq!(
        request.url,
        "http://127.0.0.1:8089/v24.0/106540352242922/messages"
    );
}

#[test]
fn phone_and_email_call_to_action_and_reaction_removal_are_unsupported() {
    for (target, feature) in [
        (r#""phone":"+4930123456""#, "cta.phone"),
        (r#""email":"help@example.com""#, "cta.email"),
    ] {
        let cta = format!(
            r#"{{"to":"+4915112345678","cta":{{"body":"Reach us","label":"Contact",{target}}}}}"#
        );
        let message = switchboard_core::OutboundMessage::from_json(&cta).unwrap();
        let e = adapter().encode(&message).unwrap_err();
        assert!(
            matches!(&e, Error::Unsupported { feature: f, .. } if f == feature),
            "{e:?}"
        );
    }
    let removal = switchboard_core::OutboundMessage::from_json(
        r#"{"to":"+4915112345678","reaction":{"message_id":"wamid.X","emoji":""}}"#,
    )
    .unwrap();
    let e = adapter().encode(&removal).unwrap_err();
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "reaction.remove"),
        "{e:?}"
    );
}

#[test]
fn options_for_meta_are_refused() {
    let m = switchboard_core::OutboundMessage::from_json(
        r#"{"to":"+4915112345678","text":{"body":"Hi"},"options":{"meta":{"priority":1}}}"#,
    )
    .unwrap();
    let e = adapter().encode(&m).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "options.meta"),
        "{e:?}"
    );
}

#[test]
fn an_upload_is_multipart_with_the_mime_type_field() {
    let upload = MediaUpload {
        mime_type: "image/jpeg".into(),
        filename: "photo.jpg".into(),
        data: b"\xff\xd8\xff\xe0 jpeg".to_vec(),
    };
    let request = adapter().encode_upload(&upload).unwrap();
    assert_eq!(
        request.url,
        "https://graph.facebook.com/v23.0/106540352242922/media"
    );
    assert_eq!(
        request.header_value("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let WireBody::Multipart(parts) = &request.body else {
        panic!("not multipart")
    };
    let parts: Vec<_> = parts
        .iter()
        .map(|p: &MultipartPart| {
            (
                p.name.clone(),
                p.filename.clone(),
                p.content_type.clone(),
                p.data.clone(),
            )
        })
        .collect();
    let part = |name: &str, filename: Option<&str>, content_type: Option<&str>, data: &[u8]| {
        (
            name.to_string(),
            filename.map(String::from),
            content_type.map(String::from),
            data.to_vec(),
        )
    };
    assert_eq!(
        parts,
        vec![
            part("messaging_product", None, None, b"whatsapp"),
            part("type", None, None, b"image/jpeg"),
            part(
                "file",
                Some("photo.jpg"),
                Some("image/jpeg"),
                b"\xff\xd8\xff\xe0 jpeg"
            ),
        ]
    );
    let bad = MediaUpload {
        mime_type: "jpeg".into(),
        ..upload
    };
    let e = adapter().encode_upload(&bad).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "upload.mime_type"),
        "{e:?}"
    );
}
