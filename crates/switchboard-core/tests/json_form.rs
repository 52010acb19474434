//! The documented JSON form: every example message round-trips, and bad forms are typed errors.

use switchboard_core::{Content, Error, OutboundMessage};

/// The repository's example messages (`examples/messages/`), embedded in the test kit.
fn examples() -> Vec<(String, String)> {
    switchboard_testkit::messages::EXAMPLES
        .iter()
        .map(|m| (format!("{}.json", m.name), m.json.to_string()))
        .collect()
}

#[test]
fn every_example_round_trips() {
    let all = examples();
    assert!(all.len() >= 9, "one example per content kind");
    let mut kinds = std::collections::BTreeSet::new();
    for (name, text) in all {
        let msg = OutboundMessage::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        kinds.insert(msg.content.kind());
        let json = msg.to_json();
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json, original, "{name}: the JSON form is stable");
        let again: OutboundMessage = serde_json::from_value(json).unwrap();
        assert_eq!(again, msg, "{name}");
    }
    let expected = [
        "buttons", "contacts", "cta", "list", "location", "media", "reaction", "template", "text",
    ];
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), expected);
}

#[test]
fn smallest_message() {
    let m = OutboundMessage::from_json(r#"{"to": "+972501234567", "text": {"body": "Hello"}}"#)
        .unwrap();
    match &m.content {
        Content::Text(t) => {
            assert_eq!(t.body, "Hello");
            assert!(!t.preview_url);
        }
        other => panic!("{other:?}"),
    }
}

fn content_error(json: &str) -> (String, String, String) {
    match OutboundMessage::from_json(json).unwrap_err() {
        Error::InvalidMessage {
            field,
            limit,
            value,
            ..
        } => (field, limit, value),
        other => panic!("{other:?}"),
    }
}

#[test]
fn exactly_one_content_key() {
    let (field, _, value) = content_error(r#"{"to": "+972501234567"}"#);
    assert_eq!((field.as_str(), value.as_str()), ("content", "none"));
    let (field, _, value) = content_error(
        r#"{"to": "+972501234567", "text": {"body": "a"}, "location": {"latitude": 1, "longitude": 2}}"#,
    );
    assert_eq!(
        (field.as_str(), value.as_str()),
        ("content", "text, location")
    );
}

#[test]
fn unknown_keys_and_bad_json_are_decode_errors() {
    for bad in [
        r#"{"to": "+972501234567", "txt": {"body": "a"}}"#,
        r#"{"to": "+972501234567", "text": {"body": "a", "bold": true}}"#,
        r#"{"to": "+972501234567", "text": {"body": "a"}"#,
        r#"{"to": "+972501234567", "media": {"kind": "image", "link": "https://e.com/a.jpg", "id": "1"}}"#,
        r#"{"to": "+972501234567", "options": {"twilio": 5}, "text": {"body": "a"}}"#,
        "",
    ] {
        assert!(
            matches!(OutboundMessage::from_json(bad), Err(Error::Decode { .. })),
            "{bad}"
        );
    }
}

#[test]
fn bad_recipient_is_an_invalid_message_naming_to_and_the_number() {
    let e = OutboundMessage::from_json(r#"{"to": "call me", "text": {"body": "a"}}"#).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "to"),
        "{e:?}"
    );
    assert!(e.to_string().contains("call me"), "{e}");
}

#[test]
fn cta_targets() {
    for (target, key) in [
        (r#""phone": "+972 3 123 4567""#, "phone"),
        (r#""email": "a@example.com""#, "email"),
    ] {
        let json = format!(
            r#"{{"to": "+972501234567", "cta": {{"body": "b", "label": "Call", {target}}}}}"#
        );
        let m = OutboundMessage::from_json(&json).unwrap();
        assert!(m.to_json()["cta"].get(key).is_some());
    }
    let (field, ..) = content_error(
        r#"{"to": "+972501234567", "cta": {"body": "b", "label": "Mail", "email": "nope"}}"#,
    );
    assert_eq!(field, "cta.email");
}

#[test]
fn options_round_trip() {
    let json = r#"{"to": "+972501234567", "options": {"bird": {"tags": ["vip"]}, "99digital": {"local_storage": true}}, "text": {"body": "a"}}"#;
    let m = OutboundMessage::from_json(json).unwrap();
    let bird = switchboard_core::Provider::new("bird");
    assert_eq!(
        m.options.get(bird).unwrap()["tags"],
        serde_json::json!(["vip"])
    );
    assert_eq!(m.to_json()["options"]["99digital"]["local_storage"], true);
    assert_eq!(m.to_json()["options"]["bird"]["tags"][0], "vip");
    // Options for a provider no adapter here knows are carried, not refused: each adapter
    // reads only its own.
    let other = r#"{"to": "+972501234567", "options": {"acme": {"x": 1}}, "text": {"body": "a"}}"#;
    let m = OutboundMessage::from_json(other).unwrap();
    assert_eq!(m.to_json()["options"]["acme"]["x"], 1);
}

#[test]
fn a_malformed_to_is_an_invalid_message_naming_to() {
    for to in ["\"+97250abc\"", "\"\"", "\"IL.\"", "\"12\""] {
        let (field, limit, _) =
            content_error(&format!(r#"{{"to": {to}, "text": {{"body": "a"}}}}"#));
        assert_eq!(field, "to", "{to}");
        assert!(!limit.is_empty(), "{to}");
    }
    // Not even a string: the JSON does not have a message's shape.
    let e =
        OutboundMessage::from_json(r#"{"to": 972501234567, "text": {"body": "a"}}"#).unwrap_err();
    assert_eq!(e.kind(), "decode", "{e:?}");
    // A 10 MB `to` is echoed cut.
    let huge = "9".repeat(10_000_000);
    let e = OutboundMessage::from_json(&format!(r#"{{"to": "{huge}", "text": {{"body": "a"}}}}"#))
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "to"),
        "{}",
        &e.to_string()[..200]
    );
    assert!(e.to_string().len() < 600, "{}", e.to_string().len());
}
