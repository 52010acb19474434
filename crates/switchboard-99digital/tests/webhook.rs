//! Webhook bodies to events: every documented inbound type, unknown types and shapes, a
//! batch, and bodies that are not JSON.

mod common;

use common::adapter;
use switchboard_core::{
    Adapter, Error, InboundContent, InboundEvent, InboundMessage, MediaKind, Provider,
    WebhookRequest,
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
    assert_eq!(m.provider, Provider::NinetyNineDigital);
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
    assert_eq!(m.raw["from_id"], "IL.1605856887361213");
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
        let expected = InboundContent::Media {
            kind,
            id: None,
            link: Some(format!(
                "https://api.99digital.co.il/whatsapp/myfile/972771234567/{file}"
            )),
            mime_type: None,
            caption: caption.map(String::from),
            filename: None,
        };
        assert_eq!(message(name).content, expected, "{name}");
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
            address: None
        }
    );
}

#[test]
fn button_tap_with_text_and_quote() {
    let m = message("button");
    assert_eq!(
        m.content,
        InboundContent::ButtonReply {
            id: String::new(),
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
            id: String::new(),
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
    let m = message("hidden_number");
    assert_eq!(m.from, "IL.1605856887361213");
    assert_eq!(m.sender_name, None);
    assert_eq!(m.window_minutes_left, None);
    let m = message("old_account");
    assert_eq!(m.from, "972507654321");
    assert_eq!(m.window_minutes_left, Some(0));
}

#[test]
fn reaction_and_unknown_types_keep_the_message() {
    // A reaction's target is not documented, so it is not turned into a Reaction.
    for (name, kind) in [("reaction", "reaction"), ("unknown_type", "order")] {
        let m = message(name);
        assert_eq!(
            m.content,
            InboundContent::Unknown {
                provider_type: kind.into()
            },
            "{name}"
        );
        assert_eq!(m.raw["type"], kind);
    }
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
    assert_eq!(u.raw["hook"], "ack");
    assert!(u.reason.contains("ack"), "{}", u.reason);
    let u = unknown("no_hook");
    assert_eq!(u.raw["system"], "the account's quality rating changed");
    let u = unknown("bad_location");
    assert_eq!(u.raw["body"], "somewhere");
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
