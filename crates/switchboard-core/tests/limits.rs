//! Each WhatsApp-wide limit: a value exactly at the limit is accepted, one past it is
//! rejected with an error naming the field, the limit and the value.

use serde_json::{json, Value};
use switchboard_core::{Error, OutboundMessage};

fn build(content: Value) -> Result<OutboundMessage, Error> {
    let mut m = json!({"to": "+972501234567"});
    let (k, v) = content.as_object().unwrap().iter().next().unwrap();
    m[k] = v.clone();
    OutboundMessage::from_json(&m.to_string())
}

#[track_caller]
fn rejected(content: Value, field: &str, limit: &str, value_starts: &str) {
    match build(content) {
        Err(Error::InvalidMessage {
            field: f,
            limit: l,
            value: v,
            provider: None,
        }) => {
            assert_eq!(f, field);
            assert_eq!(l, limit);
            assert!(
                v.starts_with(value_starts),
                "value {v:?} should start with {value_starts:?}"
            );
        }
        other => panic!("expected InvalidMessage for {field}, got {other:?}"),
    }
}

fn s(n: usize) -> String {
    "a".repeat(n)
}

fn buttons(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"id": format!("b{i}"), "title": format!("T{i}")}))
            .collect(),
    )
}

#[test]
fn text_body() {
    assert!(build(json!({"text": {"body": s(4096)}})).is_ok());
    rejected(
        json!({"text": {"body": s(4097)}}),
        "text.body",
        "1 to 4096 characters",
        "4097 characters",
    );
    rejected(
        json!({"text": {"body": ""}}),
        "text.body",
        "1 to 4096 characters",
        "0 characters",
    );
}

#[test]
fn characters_not_bytes_are_counted() {
    assert!(build(
        json!({"buttons": {"body": "b", "buttons": [{"id": "x", "title": "ש".repeat(20)}]}})
    )
    .is_ok());
}

#[test]
fn reply_buttons() {
    assert!(build(json!({"buttons": {"body": "b", "buttons": buttons(3)}})).is_ok());
    rejected(
        json!({"buttons": {"body": "b", "buttons": buttons(4)}}),
        "buttons.buttons",
        "1 to 3 buttons",
        "4 buttons",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": []}}),
        "buttons.buttons",
        "1 to 3 buttons",
        "0 buttons",
    );
    assert!(
        build(json!({"buttons": {"body": "b", "buttons": [{"id": "x", "title": s(20)}]}})).is_ok()
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": [{"id": "x", "title": s(21)}]}}),
        "buttons.buttons[0].title",
        "1 to 20 characters",
        "21 characters",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": [{"id": s(257), "title": "t"}]}}),
        "buttons.buttons[0].id",
        "1 to 256 characters",
        "257 characters",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": [{"id": "x", "title": "A"}, {"id": "x", "title": "B"}]}}),
        "buttons.buttons[1].id",
        "unique among the buttons",
        "\"x\" (repeated)",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": [{"id": "x", "title": "A"}, {"id": "y", "title": "A"}]}}),
        "buttons.buttons[1].title",
        "unique among the buttons",
        "\"A\" (repeated)",
    );
}

#[test]
fn interactive_body_header_footer() {
    let b = buttons(1);
    assert!(build(json!({"buttons": {"body": s(1024), "buttons": b, "header": {"text": s(60)}, "footer": s(60)}})).is_ok());
    rejected(
        json!({"buttons": {"body": s(1025), "buttons": b}}),
        "buttons.body",
        "1 to 1024 characters",
        "1025 characters",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": b, "header": {"text": s(61)}}}),
        "buttons.header.text",
        "1 to 60 characters",
        "61 characters",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": b, "footer": s(61)}}),
        "buttons.footer",
        "1 to 60 characters",
        "61 characters",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": b, "header": {"media": {"kind": "audio", "link": "https://e.com/a.mp3"}}}}),
        "buttons.header.media.kind",
        "image, video or document",
        "audio",
    );
    rejected(
        json!({"buttons": {"body": "b", "buttons": b, "header": {"media": {"kind": "image", "link": "https://e.com/a.jpg", "caption": "c"}}}}),
        "buttons.header.media.caption",
        "absent (a header has no caption)",
        "1 characters",
    );
}

fn rows(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"id": format!("r{i}"), "title": format!("Row {i}")}))
            .collect(),
    )
}

#[test]
fn lists() {
    let ok = json!({"list": {"body": "b", "button": s(20), "sections": [{"title": s(24), "rows": rows(10)}]}});
    assert!(build(ok).is_ok());
    rejected(
        json!({"list": {"body": "b", "button": "Go", "sections": [{"title": "A", "rows": rows(6)}, {"title": "B", "rows": [{"id": "x1", "title": "x"}, {"id": "x2", "title": "y"}, {"id": "x3", "title": "z"}, {"id": "x4", "title": "w"}, {"id": "x5", "title": "v"}]}]}}),
        "list.sections",
        "at most 10 rows in all sections together",
        "11 rows",
    );
    rejected(
        json!({"list": {"body": "b", "button": s(21), "sections": [{"rows": rows(1)}]}}),
        "list.button",
        "1 to 20 characters",
        "21 characters",
    );
    rejected(
        json!({"list": {"body": "b", "button": "Go", "sections": [{"title": s(25), "rows": rows(1)}]}}),
        "list.sections[0].title",
        "1 to 24 characters",
        "25 characters",
    );
    rejected(
        json!({"list": {"body": "b", "button": "Go", "sections": [{"rows": [{"id": "r", "title": s(25)}]}]}}),
        "list.sections[0].rows[0].title",
        "1 to 24 characters",
        "25 characters",
    );
    assert!(build(json!({"list": {"body": "b", "button": "Go", "sections": [{"rows": [{"id": "r", "title": "t", "description": s(72)}]}]}})).is_ok());
    rejected(
        json!({"list": {"body": "b", "button": "Go", "sections": [{"rows": [{"id": "r", "title": "t", "description": s(73)}]}]}}),
        "list.sections[0].rows[0].description",
        "1 to 72 characters",
        "73 characters",
    );
    rejected(
        json!({"list": {"body": "b", "button": "Go", "sections": [{"title": "A", "rows": rows(1)}, {"rows": [{"id": "z", "title": "z"}]}]}}),
        "list.sections[1].title",
        "present when the list has more than one section",
        "absent",
    );
    rejected(
        json!({"list": {"body": "b", "button": "Go", "sections": [{"title": "A", "rows": rows(1)}, {"title": "B", "rows": rows(1)}]}}),
        "list.sections[1].rows[0].id",
        "unique in the list",
        "\"r0\" (repeated)",
    );
    rejected(
        json!({"list": {"body": "b", "button": "Go", "sections": []}}),
        "list.sections",
        "1 to 10 sections",
        "0 sections",
    );
    rejected(
        json!({"list": {"body": s(1025), "button": "Go", "sections": [{"rows": rows(1)}]}}),
        "list.body",
        "1 to 1024 characters",
        "1025",
    );
    rejected(
        json!({"list": {"body": "b", "button": "Go", "header": s(61), "sections": [{"rows": rows(1)}]}}),
        "list.header",
        "1 to 60 characters",
        "61",
    );
}

#[test]
fn media() {
    assert!(build(
        json!({"media": {"kind": "image", "link": "https://e.com/a.jpg", "caption": s(1024)}})
    )
    .is_ok());
    rejected(
        json!({"media": {"kind": "image", "link": "https://e.com/a.jpg", "caption": s(1025)}}),
        "media.caption",
        "1 to 1024 characters",
        "1025 characters",
    );
    rejected(
        json!({"media": {"kind": "audio", "link": "https://e.com/a.mp3", "caption": "c"}}),
        "media.caption",
        "absent for audio and sticker (only image, video and document take a caption)",
        "a caption on audio",
    );
    rejected(
        json!({"media": {"kind": "image", "link": "ftp://e.com/a.jpg"}}),
        "media.link",
        "an http:// or https:// URL",
        "\"ftp://",
    );
    rejected(
        json!({"media": {"kind": "image", "id": " "}}),
        "media.id",
        "not empty",
        "\" \"",
    );
}

#[test]
fn cta_location_template_reaction_contacts() {
    rejected(
        json!({"cta": {"body": "b", "label": s(21), "url": "https://e.com"}}),
        "cta.label",
        "1 to 20 characters",
        "21 characters",
    );
    rejected(
        json!({"cta": {"body": "b", "label": "Go", "url": "e.com"}}),
        "cta.url",
        "an http:// or https:// URL",
        "\"e.com\"",
    );
    rejected(
        json!({"location": {"latitude": 91.0, "longitude": 0.0}}),
        "location.latitude",
        "between -90 and 90",
        "91",
    );
    rejected(
        json!({"location": {"latitude": 0.0, "longitude": -180.5}}),
        "location.longitude",
        "between -180 and 180",
        "-180.5",
    );
    rejected(
        json!({"template": {"name": "", "language": "en"}}),
        "template.name",
        "not empty",
        "\"\"",
    );
    rejected(
        json!({"template": {"name": "t", "language": "en", "body": {"First Name": "x"}}}),
        "template.body",
        "parameter names of lower-case letters, digits and _",
        "\"First Name\"",
    );
    rejected(
        json!({"template": {"name": "t", "language": "en", "buttons": [{"index": 0, "type": "url", "text": "a"}, {"index": 0, "type": "url", "text": "b"}]}}),
        "template.buttons[1].index",
        "unique among the button parameters",
        "0 (repeated)",
    );
    rejected(
        json!({"reaction": {"message_id": "", "emoji": "x"}}),
        "reaction.message_id",
        "not empty",
        "\"\"",
    );
    assert!(
        build(json!({"reaction": {"message_id": "m", "emoji": ""}})).is_ok(),
        "an empty emoji removes a reaction"
    );
    rejected(
        json!({"contacts": []}),
        "contacts",
        "at least 1 contact",
        "0 contacts",
    );
}

#[test]
fn reply_to_must_not_be_blank() {
    let m = OutboundMessage::text("+972501234567".parse().unwrap(), "hi").unwrap();
    match m.reply_to("  ") {
        Err(Error::InvalidMessage { field, .. }) => assert_eq!(field, "reply_to"),
        other => panic!("{other:?}"),
    }
}
