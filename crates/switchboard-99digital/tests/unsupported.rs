//! Content and options 99digital cannot carry are refused before any I/O with a typed error
//! naming the feature and the reason; the example messages render or are refused.

mod common;

use common::{adapter, encode, unsupported_feature};
use serde_json::json;
use switchboard_core::{Adapter, Error, OutboundMessage};

const TO: &str = "+972501234567";

fn feature_of(message: serde_json::Value) -> String {
    unsupported_feature(encode(message).expect_err("refused"))
}

#[test]
fn media_refusals() {
    let cases = [
        (json!({"kind": "image", "id": "1234567890"}), "media.id"),
        (
            json!({"kind": "sticker", "link": "https://example.com/s.webp"}),
            "media.sticker",
        ),
        (
            json!({"kind": "document", "link": "https://example.com/a.pdf", "filename": "a.pdf"}),
            "media.filename",
        ),
    ];
    for (media, feature) in cases {
        assert_eq!(feature_of(json!({"to": TO, "media": media})), feature);
    }
}

#[test]
fn text_preview_is_refused() {
    let m = json!({"to": TO, "text": {"body": "see https://example.com", "preview_url": true}});
    assert_eq!(feature_of(m), "text.preview_url");
}

#[test]
fn text_headers_are_refused() {
    let b = json!({"to": TO, "buttons": {"header": {"text": "Hi"}, "body": "b",
                   "buttons": [{"id": "a", "title": "A"}]}});
    assert_eq!(feature_of(b), "buttons.header.text");
    let c = json!({"to": TO, "cta": {"header": {"text": "Hi"}, "body": "b", "label": "Go",
                   "url": "https://example.com"}});
    assert_eq!(feature_of(c), "cta.header.text");
    let t =
        json!({"to": TO, "template": {"name": "t", "language": "he", "header": {"text": "Dana"}}});
    assert_eq!(feature_of(t), "template.header.text");
}

#[test]
fn media_header_by_id_is_refused() {
    let b = json!({"to": TO, "buttons": {"header": {"media": {"kind": "image", "id": "123"}},
                   "body": "b", "buttons": [{"id": "a", "title": "A"}]}});
    assert_eq!(feature_of(b), "media.id");
    let t = json!({"to": TO, "template": {"name": "t", "language": "he",
                   "header": {"media": {"kind": "image", "id": "123"}}}});
    assert_eq!(feature_of(t), "media.id");
}

#[test]
fn media_header_with_a_filename_is_refused() {
    let doc = json!({"kind": "document", "link": "https://example.com/terms.pdf", "filename": "terms.pdf"});
    let b = json!({"to": TO, "buttons": {"header": {"media": doc}, "body": "b",
                   "buttons": [{"id": "a", "title": "A"}]}});
    assert_eq!(feature_of(b), "media.filename");
    let c = json!({"to": TO, "cta": {"header": {"media": doc}, "body": "b", "label": "Go",
                   "url": "https://example.com"}});
    assert_eq!(feature_of(c), "media.filename");
    let t =
        json!({"to": TO, "template": {"name": "t", "language": "he", "header": {"media": doc}}});
    assert_eq!(feature_of(t), "media.filename");
}

#[test]
fn list_is_refused_as_unconfirmed() {
    let m = json!({"to": TO, "list": {"body": "Pick", "button": "Options",
                   "sections": [{"rows": [{"id": "a", "title": "A"}]}]}});
    match encode(m).expect_err("refused") {
        Error::Unsupported {
            feature, reason, ..
        } => {
            assert_eq!(feature, "list");
            assert!(reason.contains("wire format is unconfirmed"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn template_refusals() {
    let named = json!({"to": TO, "template": {"name": "t", "language": "en",
                       "body": {"first_name": "Anna"}}});
    assert_eq!(feature_of(named), "template.body.named");
    let eleven: Vec<String> = (1..=11).map(|i| i.to_string()).collect();
    let many = json!({"to": TO, "template": {"name": "t", "language": "en", "body": eleven}});
    assert_eq!(feature_of(many), "template.body.max");
    let buttons = json!({"to": TO, "template": {"name": "t", "language": "en",
                         "buttons": [{"index": 0, "type": "url", "text": "1234"}]}});
    assert_eq!(feature_of(buttons), "template.buttons");
    let empty_var =
        json!({"to": TO, "template": {"name": "t", "language": "en", "body": ["a", ""]}});
    match encode(empty_var).expect_err("refused") {
        Error::InvalidMessage { field, .. } => assert_eq!(field, "template.body[1]"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn contact_refusals() {
    let phone = json!({"phone": "972501234567"});
    let cases = [
        (
            json!([{"name": {"formatted_name": "A"}, "phones": [phone]},
                   {"name": {"formatted_name": "B"}, "phones": [phone]}]),
            "contacts.multiple",
        ),
        (
            json!([{"name": {"formatted_name": "A"}, "phones": [phone, {"phone": "972501234568"}]}]),
            "contacts.phones",
        ),
        (
            json!([{"name": {"formatted_name": "A"}, "phones": [phone],
                    "emails": [{"email": "a@b.co"}, {"email": "c@d.co"}]}]),
            "contacts.emails",
        ),
        (
            json!([{"name": {"formatted_name": "A"}, "phones": [phone], "urls": [{"url": "https://a.co"}]}]),
            "contacts.urls",
        ),
        (
            json!([{"name": {"formatted_name": "A"}, "phones": [phone], "org": {"company": "X"}}]),
            "contacts.org",
        ),
        (
            json!([{"name": {"formatted_name": "A"}, "phones": [phone],
                    "addresses": [{"street": "S 1", "city": "Tel Aviv"}]}]),
            "contacts.addresses",
        ),
    ];
    for (contacts, feature) in cases {
        assert_eq!(feature_of(json!({"to": TO, "contacts": contacts})), feature);
    }
    let no_phone = json!({"to": TO, "contacts": [{"name": {"formatted_name": "A"}}]});
    match encode(no_phone).expect_err("refused") {
        Error::InvalidMessage { field, .. } => assert_eq!(field, "contacts[0].phones"),
        other => panic!("{other:?}"),
    }
    let bad_birthday = json!({"to": TO, "contacts": [{"name": {"formatted_name": "A"},
                              "phones": [phone], "birthday": "12/05/1990"}]});
    match encode(bad_birthday).expect_err("refused") {
        Error::InvalidMessage { field, .. } => assert_eq!(field, "contacts[0].birthday"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn reply_to_only_where_documented() {
    let r = "92E004B950CCEA3C386FCFA2AAF8558A";
    for content in [
        json!({"reaction": {"message_id": r, "emoji": "👍"}}),
        json!({"contacts": [{"name": {"formatted_name": "A"}, "phones": [{"phone": "972501234567"}]}]}),
        json!({"template": {"name": "t", "language": "he"}}),
    ] {
        let mut m = content;
        m["to"] = json!(TO);
        m["reply_to"] = json!(r);
        assert_eq!(feature_of(m), "reply_to");
    }
}

#[test]
fn options_only_where_they_apply() {
    let local = json!({"99digital": {"local_storage": true}});
    for content in [
        json!({"text": {"body": "hi"}}),
        json!({"buttons": {"body": "b", "buttons": [{"id": "a", "title": "A"}]}}),
        json!({"cta": {"body": "b", "label": "Go", "url": "https://example.com",
                       "header": {"media": {"kind": "image", "link": "https://example.com/a.jpg"}}}}),
        json!({"template": {"name": "t", "language": "he"}}),
    ] {
        let mut m = content;
        m["to"] = json!(TO);
        m["options"] = local.clone();
        assert_eq!(feature_of(m), "options.99digital.local_storage");
    }
    for content in [
        json!({"template": {"name": "t", "language": "he"}}),
        json!({"contacts": [{"name": {"formatted_name": "A"}, "phones": [{"phone": "972501234567"}]}]}),
    ] {
        let mut m = content;
        m["to"] = json!(TO);
        m["options"] = json!({"99digital": {"show_request": true}});
        assert_eq!(feature_of(m), "options.99digital.show_request");
    }
    let m = json!({"to": TO, "text": {"body": "hi"}, "options": {"99digital": {"template_language": 1}}});
    assert_eq!(feature_of(m), "options.99digital.template");
}

#[test]
fn cta_label_without_emoji() {
    let m = json!({"to": TO, "cta": {"body": "b", "label": "Call 📞", "phone": "+972501234567"}});
    match encode(m).expect_err("refused") {
        Error::InvalidMessage { field, value, .. } => {
            assert_eq!(field, "cta.label");
            assert!(value.contains('📞'), "{value}");
        }
        other => panic!("{other:?}"),
    }
    // Reply buttons may carry emoji.
    let ok =
        json!({"to": TO, "buttons": {"body": "b", "buttons": [{"id": "a", "title": "Yes 👍"}]}});
    assert!(encode(ok).is_ok());
}

#[test]
fn limits_are_checked_before_anything_else() {
    let m = OutboundMessage::text("+972501234567".parse().expect("number"), "ok").expect("valid");
    let mut broken = m.clone();
    if let switchboard_core::Content::Text(t) = &mut broken.content {
        t.body = String::new();
    }
    match adapter().encode(&broken).expect_err("refused") {
        Error::InvalidMessage { field, .. } => assert_eq!(field, "text.body"),
        other => panic!("{other:?}"),
    }
}

/// Every example message either renders or is refused with the expected feature.
#[test]
fn example_messages() {
    let expected_refusals = [
        ("buttons.json", "buttons.header.text"),
        ("document.json", "media.filename"),
        ("list.json", "list"),
        ("template.json", "template.buttons"),
        ("template_named.json", "template.body.named"),
        ("text.json", "text.preview_url"),
    ];
    let mut seen = 0;
    // The repository's example messages (`examples/messages/`), embedded in the test kit.
    for example in switchboard_testkit::messages::EXAMPLES {
        let name = format!("{}.json", example.name);
        let json = example.json;
        let message = OutboundMessage::from_json(json).expect("example is valid");
        let result = adapter().encode(&message);
        match expected_refusals.iter().find(|(n, _)| *n == name) {
            Some((_, feature)) => {
                assert_eq!(
                    unsupported_feature(result.expect_err(&name)),
                    *feature,
                    "{name}"
                )
            }
            None => {
                let request = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(request.redacted()["body"]["apiKey"], "***");
            }
        }
        seen += 1;
    }
    assert!(seen >= 12, "found {seen} examples");
}

/// 99digital documents its webhook's `from_id` as usable in `to` (docs/providers/99digital.md,
/// webhooks): a user-id recipient is sent as it is.
#[test]
fn a_user_id_recipient_goes_in_to() {
    let request = encode(serde_json::json!({"to": "IL.1605856887361213", "text": {"body": "hi"}}))
        .expect("99digital takes a user id");
    let body = request.json().expect("a JSON body");
    assert_eq!(body["to"], "IL.1605856887361213");
}
