//! Encode-time refusals and checks specific to 360dialog, settings, uploads and the
//! capability declarations.

mod common;

use common::*;
use serde_json::json;
use switchboard_360dialog::{Dialog360Adapter, CLOUD, ON_PREMISE};
use switchboard_360dialog::{Dialog360Settings, Hosting};
use switchboard_core::{
    Adapter, Contact, ContactName, Content, Error, MediaUpload, OutboundMessage, Support,
};

fn from_json(v: serde_json::Value) -> OutboundMessage {
    OutboundMessage::from_json(&v.to_string()).expect("valid message")
}

fn invalid_field(r: Result<switchboard_core::WireRequest, Error>) -> String {
    match r {
        Err(Error::InvalidMessage {
            field,
            provider: None,
            ..
        }) => field,
        other => panic!("expected a local InvalidMessage, got {other:?}"),
    }
}

#[test]
fn filename_only_on_documents() {
    let m = from_json(
        json!({"to": "+972501234567", "media": {"kind": "image", "link": "https://example.com/a.jpg", "filename": "a.jpg"}}),
    );
    assert_eq!(invalid_field(render(&cloud(), &m)), "media.filename");
    assert_eq!(invalid_field(render(&on_premise(), &m)), "media.filename");
    let m = from_json(
        json!({"to": "+972501234567", "buttons": {"body": "b", "buttons": [{"id": "a", "title": "A"}],
        "header": {"media": {"kind": "video", "link": "https://example.com/a.mp4", "filename": "a.mp4"}}}}),
    );
    assert_eq!(
        invalid_field(render(&cloud(), &m)),
        "buttons.header.media.filename"
    );
}

#[test]
fn on_premise_options_only_where_they_mean_something() {
    let m = from_json(
        json!({"to": "+972501234567", "options": {"360dialog": {"media_provider": "cdn"}}, "text": {"body": "hi"}}),
    );
    assert_eq!(
        invalid_field(render(&on_premise(), &m)),
        "options.360dialog.media_provider"
    );
    let m = from_json(
        json!({"to": "+972501234567", "options": {"360dialog": {"media_provider": "cdn"}},
        "media": {"kind": "image", "id": "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68"}}),
    );
    assert_eq!(
        invalid_field(render(&on_premise(), &m)),
        "options.360dialog.media_provider"
    );
    let m = from_json(
        json!({"to": "+972501234567", "options": {"360dialog": {"template_namespace": "ns"}}, "text": {"body": "hi"}}),
    );
    assert_eq!(
        invalid_field(render(&on_premise(), &m)),
        "options.360dialog.template_namespace"
    );
    // On Cloud both options are refused as features the dialect lacks.
    let e = render(&cloud(), &m).expect_err("cloud");
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "template.namespace"),
        "{e:?}"
    );
}

#[test]
fn message_namespace_wins_over_the_settings_namespace() {
    let r = render(&on_premise_ns(), &message("template_namespace.json")).expect("renders");
    assert_eq!(
        r.json().expect("json")["template"]["namespace"],
        "d8bcb6bd_2ab2_439c_9d9e_947501266c77"
    );
    let mut m = message("template_namespace.json");
    let with_namespace = |ns: &str| switchboard_360dialog::Dialog360Options {
        template_namespace: Some(ns.into()),
        ..Default::default()
    };
    m.options
        .set(switchboard_360dialog::PROVIDER, &with_namespace("other_ns"))
        .expect("options");
    let r = render(&on_premise_ns(), &m).expect("renders");
    assert_eq!(r.json().expect("json")["template"]["namespace"], "other_ns");
    m.options
        .set(switchboard_360dialog::PROVIDER, &with_namespace("  "))
        .expect("options");
    assert_eq!(
        invalid_field(render(&on_premise_ns(), &m)),
        "options.360dialog.template_namespace"
    );
    m.options.remove(switchboard_360dialog::PROVIDER);
    let r = render(&on_premise_ns(), &m).expect("the settings namespace");
    assert_eq!(
        r.json().expect("json")["template"]["namespace"],
        "d8bcb6bd_2ab2_439c_9d9e_947501266c77"
    );
    assert_eq!(
        invalid_field(render(&on_premise(), &m)),
        "options.360dialog.template_namespace"
    );
}

#[test]
fn a_reaction_cannot_be_a_reply() {
    let mut m = message("reaction.json");
    m.reply_to = Some("wamid.other".into());
    assert_eq!(invalid_field(render(&cloud(), &m)), "reply_to");
}

#[test]
fn cloud_takes_at_most_five_contacts() {
    let card = Contact {
        name: ContactName {
            formatted_name: "A".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let m = OutboundMessage::new(
        "+972501234567".parse().expect("number"),
        Content::Contacts(vec![card; 6]),
    )
    .expect("valid");
    assert_eq!(invalid_field(render(&cloud(), &m)), "contacts");
    // On-Premise documents no such limit.
    let r = render(&on_premise(), &m).expect("renders");
    assert_eq!(
        r.json().expect("json")["contacts"].as_array().map(Vec::len),
        Some(6)
    );
}

#[test]
fn list_and_button_limits_are_enforced_before_sending() {
    let rows: Vec<_> = (0..11)
        .map(|i| json!({"id": format!("r{i}"), "title": format!("Row {i}")}))
        .collect();
    let too_many = json!({"to": "+972501234567", "list": {"body": "b", "button": "Open",
        "sections": [{"title": "A", "rows": rows[..6]}, {"title": "B", "rows": rows[6..]}]}});
    assert!(OutboundMessage::from_json(&too_many.to_string()).is_err());
    // Built valid, then changed: encode checks again.
    let mut m = message("list.json");
    if let Content::List(l) = &mut m.content {
        l.sections[1].title = None;
    }
    assert_eq!(
        invalid_field(render(&cloud(), &m)),
        "list.sections[1].title"
    );
    let mut m = message("buttons.json");
    if let Content::Buttons(b) = &mut m.content {
        b.buttons[2].title = "Yes".into();
    }
    assert_eq!(
        invalid_field(render(&on_premise(), &m)),
        "buttons.buttons[2].title"
    );
    let mut m = message("list.json");
    if let Content::List(l) = &mut m.content {
        let extra: Vec<_> = (0..8)
            .map(|i| switchboard_core::ListRow::new(format!("x{i}"), "x"))
            .collect();
        l.sections[0].rows.extend(extra);
    }
    assert!(render(&cloud(), &m).is_err());
}

#[test]
fn unsupported_errors_name_the_feature_and_the_reason() {
    let e = render(&on_premise(), &message("cta.json")).expect_err("cta");
    let Error::Unsupported {
        provider,
        feature,
        reason,
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(
        (*provider, feature.as_str()),
        (switchboard_360dialog::PROVIDER, "cta.url")
    );
    assert!(reason.contains("Cloud API only"), "{reason}");
    let e = render(&on_premise(), &message("template_named.json")).expect_err("named");
    assert!(
        e.to_string().contains("sunset before named template"),
        "{e}"
    );
}

#[test]
fn settings_are_checked() {
    let bad = |s: Dialog360Settings| match Dialog360Adapter::new(s) {
        Err(Error::Configuration { message }) => {
            assert!(!message.contains(KEY), "{message}");
            message
        }
        other => panic!("expected a configuration error, got {other:?}"),
    };
    bad(Dialog360Settings::new("  "));
    bad(Dialog360Settings::new("has space"));
    bad(Dialog360Settings::new(KEY).with_base_url("waba.360dialog.io"));
    bad(Dialog360Settings::new(KEY).with_base_url("ftp://waba.360dialog.io"));
    bad(Dialog360Settings::new(KEY).with_base_url("https://waba.360dialog.io/?x=1"));
    let m = bad(Dialog360Settings::new(KEY)
        .with_hosting(Hosting::OnPremise)
        .with_base_url("https://waba.360dialog.io/v1/"));
    assert!(m.contains("/v1"), "{m}");

    let a = Dialog360Adapter::new(
        Dialog360Settings::new(KEY).with_base_url("http://127.0.0.1:8080/proxy/"),
    )
    .expect("ok");
    assert_eq!(a.messages_url(), "http://127.0.0.1:8080/proxy/messages");
    assert_eq!(a.media_url(), "http://127.0.0.1:8080/proxy/media");
    assert_eq!(
        on_premise().media_url(),
        "https://waba.360dialog.io/v1/media"
    );

    let toml_like: Dialog360Settings =
        serde_json::from_value(json!({"api_key": KEY, "hosting": "on-premise"})).expect("settings");
    assert_eq!(toml_like.hosting, Hosting::OnPremise);
    assert_eq!(toml_like.effective_base_url(), "https://waba.360dialog.io");
    assert!(serde_json::from_value::<Dialog360Settings>(
        json!({"api_key": "k", "hosting": "onprem"})
    )
    .is_err());
}

#[test]
fn upload_requests_per_dialect() {
    let upload = MediaUpload {
        mime_type: "application/pdf".into(),
        filename: "a.pdf".into(),
        data: b"%PDF-1.4".to_vec(),
    };
    let r = cloud().encode_upload(&upload).expect("cloud");
    assert_eq!(
        r.redacted(),
        json!({
            "method": "POST", "url": "https://waba-v2.360dialog.io/media",
            "headers": {"D360-API-KEY": "***"},
            "body": [{"name": "messaging_product", "value": "whatsapp"},
                     {"name": "file", "filename": "a.pdf", "content_type": "application/pdf", "bytes": 8}]
        })
    );
    let r = on_premise().encode_upload(&upload).expect("on-premise");
    assert_eq!(
        r.redacted(),
        json!({
            "method": "POST", "url": "https://waba.360dialog.io/v1/media",
            "headers": {"D360-API-KEY": "***"},
            "body": {"content_type": "application/pdf", "bytes": 8}
        })
    );
    assert_eq!(r.header_value("D360-API-KEY"), Some(KEY));
    for (mime, data, field) in [
        ("pdf", &b"x"[..], "upload.mime_type"),
        ("image/png", &b""[..], "upload.data"),
    ] {
        let u = MediaUpload {
            mime_type: mime.into(),
            filename: "a".into(),
            data: data.to_vec(),
        };
        assert!(
            matches!(cloud().encode_upload(&u), Err(Error::InvalidMessage { field: f, .. }) if f == field)
        );
    }
    let decoded = cloud().decode_upload(&switchboard_core::WireResponse::new(
        200,
        r#"{"id":"1037543291543636"}"#,
    ));
    assert_eq!(decoded.expect("id"), "1037543291543636");
    let decoded = on_premise().decode_upload(&switchboard_core::WireResponse::new(
        201,
        r#"{"media":[{"id":"f043afd0"}]}"#,
    ));
    assert_eq!(decoded.expect("id"), "f043afd0");
    assert!(matches!(
        cloud().decode_upload(&switchboard_core::WireResponse::new(200, "{}")),
        Err(Error::Decode { .. })
    ));
}

#[test]
fn capabilities_differ_exactly_where_the_dialects_do() {
    assert_eq!(
        (CLOUD.name, ON_PREMISE.name),
        ("360dialog cloud", "360dialog on-premise")
    );
    assert_eq!(
        (CLOUD.provider, ON_PREMISE.provider),
        (
            switchboard_360dialog::PROVIDER,
            switchboard_360dialog::PROVIDER
        )
    );
    assert_eq!(cloud().capabilities(), &CLOUD);
    assert_eq!(on_premise().capabilities(), &ON_PREMISE);
    let differ: Vec<&str> = CLOUD
        .features()
        .into_iter()
        .zip(ON_PREMISE.features())
        .filter(|(c, o)| c.1 != o.1)
        .map(|(c, _)| c.0.name())
        .collect();
    assert_eq!(
        differ,
        [
            "cta.url",
            "template.body.named",
            "reaction",
            "reply_to",
            "mark_read",
            "typing_indicator"
        ]
    );
    let off: Vec<&str> = CLOUD
        .features()
        .into_iter()
        .filter(|f| f.1 == Support::Flag(false))
        .map(|f| f.0.name())
        .collect();
    assert_eq!(off, ["cta.phone", "cta.email", "to.user_id"]);
    for caps in [&CLOUD, &ON_PREMISE] {
        for (feature, value) in caps.features() {
            if value == Support::Flag(false) {
                assert!(
                    caps.reasons.iter().any(|(f, _)| *f == feature),
                    "{}: no reason for {feature}",
                    caps.name
                );
            }
        }
    }
}

/// Section 9.3's limits, which Meta's schema cannot express, are refused by `encode` even
/// on a message changed after it was built (its fields are public), in both hostings.
#[test]
fn section_9_3_limits_are_refused_at_encode() {
    let list = || {
        from_json(
            json!({"to": "+972501234567", "list": {"body": "b", "button": "Open", "sections": [
            {"title": "A", "rows": [{"id": "a0", "title": "t"}]},
            {"title": "B", "rows": [{"id": "b0", "title": "t"}]}]}}),
        )
    };
    let buttons = || {
        from_json(
            json!({"to": "+972501234567", "buttons": {"body": "b", "buttons": [
            {"id": "a", "title": "A"}, {"id": "b", "title": "B"}]}}),
        )
    };
    let cases: Vec<(OutboundMessage, &str)> = vec![
        {
            let mut m = list();
            if let Content::List(l) = &mut m.content {
                l.sections[0].rows = (0..6)
                    .map(|i| switchboard_core::ListRow::new(format!("a{i}"), "t"))
                    .collect();
                l.sections[1].rows = (0..5)
                    .map(|i| switchboard_core::ListRow::new(format!("b{i}"), "t"))
                    .collect();
            }
            (m, "list.sections")
        },
        {
            let mut m = list();
            if let Content::List(l) = &mut m.content {
                l.sections[1].title = None;
            }
            (m, "list.sections[1].title")
        },
        {
            let mut m = list();
            if let Content::List(l) = &mut m.content {
                l.sections[1].rows[0].id = "a0".into();
            }
            (m, "list.sections[1].rows[0].id")
        },
        {
            let mut m = buttons();
            if let Content::Buttons(b) = &mut m.content {
                b.buttons[1].id = "a".into();
            }
            (m, "buttons.buttons[1].id")
        },
        {
            let mut m = buttons();
            if let Content::Buttons(b) = &mut m.content {
                b.buttons[1].title = "A".into();
            }
            (m, "buttons.buttons[1].title")
        },
    ];
    for (m, field) in cases {
        assert_eq!(invalid_field(render(&cloud(), &m)), field);
        assert_eq!(invalid_field(render(&on_premise(), &m)), field);
    }
}

#[test]
fn user_id_recipients_are_refused_in_both_hostings() {
    let m = from_json(json!({"to": "US.13491208655302741918", "text": {"body": "hi"}}));
    for adapter in [cloud(), on_premise()] {
        match render(&adapter, &m) {
            Err(Error::Unsupported {
                feature, reason, ..
            }) => {
                assert_eq!(feature, "to.user_id");
                assert!(reason.contains("`recipient`"), "{reason}");
            }
            other => panic!("expected Unsupported, got {other:?}"),
        }
    }
}
