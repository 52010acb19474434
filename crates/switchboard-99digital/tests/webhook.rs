//! Webhook bodies to events: every documented inbound type, unknown types and shapes, a
//! batch, and bodies that are not JSON.

mod common;

use common::adapter;
use switchboard_core::{
    Adapter, Error, InboundContent, InboundEvent, InboundMedia, InboundMessage, ItemKind,
    ItemProblem, MediaKind, WebhookRequest,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/webhooks/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse_bytes(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    let hook = WebhookRequest {
        url: "https://hooks.example.com/99digital?token=abc",
        headers: &headers,
        body,
    };
    adapter().verify_webhook(&hook)?;
    adapter().parse_webhook(&hook)
}

fn parse(name: &str) -> Vec<InboundEvent> {
    parse_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn message(name: &str) -> InboundMessage {
    match parse(name).as_slice() {
        [InboundEvent::Message(m)] => m.clone(),
        other => panic!("{name}: expected one message, got {other:?}"),
    }
}

#[test]
fn text_message() {
    let m = message("text");
    assert_eq!(m.provider, switchboard_99digital::PROVIDER);
    assert_eq!(m.id, "92E004B950CCEA3C386FCFA2AAF8558A");
    assert_eq!(m.from, "972507654321");
    assert_eq!(m.sender_name.as_deref(), Some("Ronen"));
    assert_eq!(m.timestamp.map(|t| t.unix_timestamp()), Some(1_600_517_209));
    assert_eq!(m.reply_to, None, "quoteUnique false is no quote");
    assert_eq!(m.window_minutes_left, Some(600));
    assert_eq!(
        m.content,
        InboundContent::Text {
            body: "hello".into()
        }
    );
    assert_eq!(m.user_id.as_deref(), Some("IL.1605856887361213"));
    assert!(!m.forwarded);
    assert_eq!(
        m.raw,
        serde_json::from_slice::<serde_json::Value>(&fixture("text")).unwrap()
    );
}

#[test]
fn forwarded_flag() {
    assert!(message("forwarded").forwarded);
}

#[test]
fn media_messages_carry_their_link() {
    let cases = [
        ("image", MediaKind::Image, Some("my receipt"), "receipt.jpg"),
        ("video", MediaKind::Video, None, "clip.mp4"),
        ("audio", MediaKind::Audio, None, "song.mp3"),
        ("ptt", MediaKind::Audio, None, "voice.ogg"),
        (
            "document",
            MediaKind::Document,
            Some("signed"),
            "contract.pdf",
        ),
    ];
    for (name, kind, caption, file) in cases {
        let mut expected = InboundMedia::new(kind);
        expected.link = Some(format!(
            "https://api.99digital.co.il/whatsapp/myfile/972771234567/{file}"
        ));
        expected.caption = caption.map(String::from);
        // `ptt` is a voice note.
        expected.voice = name == "ptt";
        assert_eq!(
            message(name).content,
            InboundContent::Media(expected),
            "{name}"
        );
    }
}

#[test]
fn location_from_lat_lng_body() {
    let m = message("location");
    assert_eq!(
        m.content,
        InboundContent::Location {
            latitude: 32.0853,
            longitude: 34.7818,
            name: None,
            address: None,
            url: None,
        }
    );
}

#[test]
fn button_tap_with_text_and_quote() {
    let m = message("button");
    assert_eq!(
        m.content,
        InboundContent::ButtonReply {
            id: None,
            title: "Confirm".into()
        }
    );
    assert_eq!(m.reply_to.as_deref(), Some("65dfd4r4dref34rdfxd34r"));
}

#[test]
fn list_selection_with_text() {
    assert_eq!(
        message("list").content,
        InboundContent::ListReply {
            id: None,
            title: "Opening hours".into(),
            description: None
        }
    );
}

#[test]
fn contact_card_with_its_phone() {
    match message("contacts").content {
        InboundContent::Contacts { contacts } => {
            assert_eq!(contacts.len(), 1);
            assert_eq!(contacts[0].phones[0].phone, "972541112233");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn quoted_reply() {
    let m = message("reply");
    assert_eq!(m.reply_to.as_deref(), Some("65dfd4r4dref34rdfxd34r"));
    assert_eq!(
        m.content,
        InboundContent::Text {
            body: "yes, that one".into()
        }
    );
}

#[test]
fn hidden_number_and_old_payloads() {
    // The user hides their number: the user id is the sender, and no phone is made up.
    let m = message("hidden_number");
    assert_eq!(m.from, "IL.1605856887361213");
    assert_eq!(m.user_id.as_deref(), Some("IL.1605856887361213"));
    assert_eq!(m.phone(), None);
    assert_eq!(m.sender_name, None);
    assert_eq!(m.window_minutes_left, None);
    let m = message("old_account");
    assert_eq!(m.from, "972507654321");
    assert_eq!(m.phone(), Some("972507654321"));
    assert_eq!(m.user_id, None);
    assert_eq!(m.window_minutes_left, Some(0));
}

fn invalid(name: &str) -> switchboard_core::InvalidItem {
    match parse(name).as_slice() {
        [InboundEvent::Invalid(i)] => {
            assert_eq!(i.provider, switchboard_99digital::PROVIDER);
            assert_eq!(i.item, ItemKind::Message);
            assert_eq!(
                i.raw,
                serde_json::from_slice::<serde_json::Value>(&fixture(name)).unwrap()
            );
            i.clone()
        }
        other => panic!("{name}: expected Invalid, got {other:?}"),
    }
}

#[test]
fn unreadable_messages_are_reported_as_invalid_not_accepted() {
    let i = invalid("invalid_sender");
    assert_eq!(i.id.as_deref(), Some("X1"));
    assert_eq!(
        i.problem,
        ItemProblem::Sender {
            field: "from".into(),
            value: "3 characters: \"bla\"".into()
        }
    );
    let i = invalid("bad_timestamp");
    assert_eq!(
        i.problem,
        ItemProblem::Timestamp {
            field: "timestamp".into(),
            value: "4 characters: \"asdf\"".into()
        }
    );
    let i = invalid("bad_location");
    assert_eq!(
        i.problem,
        ItemProblem::Malformed {
            field: "body".into(),
            expected: "\"latitude,longitude\"".into(),
            value: "9 characters: \"somewhere\"".into()
        }
    );
}

#[test]
fn reaction_keeps_its_emoji_without_a_made_up_target() {
    // The emoji is documented (`body`); which message it reacts to is not.
    assert_eq!(
        message("reaction").content,
        InboundContent::Reaction {
            message_id: None,
            emoji: "👍".into()
        }
    );
}

#[test]
fn unknown_types_keep_the_message() {
    // An `order` body is not documented beyond "an array".
    let m = message("unknown_type");
    assert_eq!(
        m.content,
        InboundContent::Unknown {
            provider_type: "order".into()
        }
    );
    assert_eq!(m.raw.to_value()["type"], "order");
}

fn unknown(name: &str) -> switchboard_core::UnknownEvent {
    match parse(name).as_slice() {
        [InboundEvent::Unknown(u)] => u.clone(),
        other => panic!("{name}: expected Unknown, got {other:?}"),
    }
}

#[test]
fn undocumented_shapes_are_unknown_with_raw_json() {
    // Status callbacks exist but their shape is not documented: this body is illustrative.
    let u = unknown("status");
    assert_eq!(u.raw.to_value()["hook"], "ack");
    assert!(u.reason.contains("ack"), "{}", u.reason);
    assert_eq!(u.field.as_deref(), Some("ack"));
    let u = unknown("no_hook");
    assert_eq!(
        u.raw.to_value()["system"],
        "the account's quality rating changed"
    );
}

#[test]
fn batch_reads_every_entry() {
    let events = parse("batch");
    assert_eq!(events.len(), 3);
    assert!(
        matches!(&events[0], InboundEvent::Message(m) if m.id == "92E004B950CCEA3C386FCFA2AAF8558A")
    );
    assert!(matches!(&events[1], InboundEvent::Unknown(_)));
    assert!(
        matches!(&events[2], InboundEvent::Message(m) if matches!(m.content, InboundContent::Location { .. }))
    );
}

#[test]
fn not_json_is_a_decode_error() {
    for body in [
        fixture("truncated"),
        Vec::new(),
        b"<html>".to_vec(),
        vec![0xff, 0xfe],
    ] {
        match parse_bytes(&body) {
            Err(Error::Decode { what, .. }) => assert_eq!(what, "99digital webhook"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn odd_json_never_fails() {
    for body in [
        "null", "42", "\"new\"", "[]", "{}", "[1, {\"hook\": \"new\"}]",
        "{\"hook\": \"new\", \"unique\": 5, \"from\": 972507654321, \"type\": 7, \"body\": {}}",
        "{\"hook\": \"new\", \"unique\": \"u\", \"from\": \"f\", \"timestamp\": \"soon\", \"conversationTimeLeft\": \"-3\"}",
    ] {
        let events = parse_bytes(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        if body == "[]" {
            assert!(events.is_empty());
        }
    }
}
