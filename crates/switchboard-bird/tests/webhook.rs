//! Webhook fixtures for every inbound kind, statuses, interactions, unknown events and a
//! truncated body.

mod common;

use common::adapter;
use serde_json::{json, Value};
use switchboard_core::{
    Adapter, DeliveryStatus, Error, EventError, InboundContent, InboundEvent, InboundMedia,
    InboundMessage, ItemKind, ItemProblem, MediaKind, StatusUpdate, WebhookRequest,
};
use time::macros::datetime;

fn fixture(name: &str) -> Vec<u8> {
    let path = common::manifest_dir()
        .join("tests/webhooks")
        .join(format!("{name}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse_bytes(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let headers = Vec::new();
    adapter().parse_webhook(&WebhookRequest {
        url: "https://hooks.example.com/bird",
        headers: &headers,
        body,
    })
}

fn one(name: &str) -> InboundEvent {
    let mut events = parse_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(events.len(), 1, "{name}");
    events.remove(0)
}

fn payload(name: &str) -> Value {
    let v: Value = serde_json::from_slice(&fixture(name)).expect("fixture JSON");
    v["payload"].clone()
}

fn message(name: &str) -> InboundMessage {
    match one(name) {
        InboundEvent::Message(m) => {
            assert_eq!(m.provider, switchboard_bird::PROVIDER);
            assert_eq!(m.from, "+31612345678");
            assert_eq!(m.sender_name.as_deref(), Some("Anna"));
            assert_eq!(m.timestamp, Some(datetime!(2024-03-30 12:35:00 UTC)));
            assert_eq!(m.raw, payload(name));
            m
        }
        other => panic!("{name}: {other:?}"),
    }
}

fn media(kind: MediaKind, link: &str, mime: Option<&str>) -> InboundMedia {
    let mut m = InboundMedia::new(kind);
    m.link = Some(format!(
        "https://media.api.bird.com/workspaces/8f1d/messages/6f1c/media/{link}"
    ));
    m.mime_type = mime.map(str::to_string);
    m
}

#[test]
fn text() {
    let m = message("inbound_text");
    assert_eq!(m.id, "6f1c2a9e-0b7d-4c3e-9a21-5d8e7f6a4b3c");
    assert_eq!(m.reply_to, None);
    assert_eq!(
        m.content,
        InboundContent::Text {
            body: "Hi, is my order on its way?".into()
        }
    );
}

#[test]
fn image_with_caption() {
    let m = message("inbound_image");
    let mut want = media(MediaKind::Image, "aa11", None);
    want.caption = Some("The broken part".into());
    assert_eq!(m.content, InboundContent::Media(want));
}

#[test]
fn files_by_content_type() {
    let mut doc = media(MediaKind::Document, "bb22", Some("application/pdf"));
    doc.filename = Some("receipt.pdf".into());
    assert_eq!(
        message("inbound_document").content,
        InboundContent::Media(doc)
    );

    let mut video = media(MediaKind::Video, "cc33", Some("video/mp4"));
    video.caption = Some("See the noise".into());
    assert_eq!(
        message("inbound_video").content,
        InboundContent::Media(video)
    );
    assert_eq!(
        message("inbound_audio").content,
        InboundContent::Media(media(MediaKind::Audio, "dd44", Some("audio/ogg")))
    );
    // Stickers arrive as image/webp files, with an animation flag.
    let sticker = media(MediaKind::Sticker, "ee55", Some("image/webp"));
    assert_eq!(
        message("inbound_sticker").content,
        InboundContent::Media(sticker.clone())
    );
    let mut animated = sticker;
    animated.animated = true;
    assert_eq!(
        message("inbound_sticker_animated").content,
        InboundContent::Media(animated)
    );
}

#[test]
fn location() {
    assert_eq!(
        message("inbound_location").content,
        InboundContent::Location {
            latitude: 52.3702,
            longitude: 4.8952,
            name: Some("Pick-up point".into()),
            address: Some("Dam 1, 1012 JS Amsterdam".into()),
            url: None,
        }
    );
}

#[test]
fn button_tap_is_the_postback_payload_and_title() {
    let m = message("inbound_button_tap");
    assert_eq!(
        m.content,
        InboundContent::ButtonReply {
            id: Some("pay:card".into()),
            title: "Card".into()
        }
    );
    // The message whose button was tapped.
    assert_eq!(
        m.reply_to.as_deref(),
        Some("5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d")
    );
}

#[test]
fn list_tap_arrives_the_same_way() {
    let m = message("inbound_list_tap");
    assert_eq!(
        m.content,
        InboundContent::ButtonReply {
            id: Some("ship_exp".into()),
            title: "Express (1 day)".into()
        }
    );
    assert_eq!(
        m.reply_to.as_deref(),
        Some("5e1a0c3d-7b2f-4e8a-9c6d-000000000008")
    );
}

#[test]
fn quoted_reply() {
    let m = message("inbound_quoted_reply");
    assert_eq!(
        m.reply_to.as_deref(),
        Some("0a3f6c1e-52d4-4c39-9b4e-2f7a1d9e8c11")
    );
    assert_eq!(
        m.content,
        InboundContent::Text {
            body: "Yes, that one".into()
        }
    );
}

#[test]
fn unknown_body_type_is_an_unknown_content() {
    assert_eq!(
        message("inbound_unknown_body").content,
        InboundContent::Unknown {
            provider_type: "carousel".into()
        }
    );
}

fn status(name: &str) -> StatusUpdate {
    match one(name) {
        InboundEvent::Status(s) => {
            assert_eq!(s.provider, switchboard_bird::PROVIDER);
            assert_eq!(s.raw, payload(name));
            s
        }
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn outbound_statuses() {
    for (name, want) in [
        ("outbound_accepted", DeliveryStatus::Accepted),
        ("outbound_sent", DeliveryStatus::Sent),
        ("outbound_delivered", DeliveryStatus::Delivered),
    ] {
        let s = status(name);
        assert_eq!(s.status, want, "{name}");
        assert_eq!(s.message_id, "5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d");
        assert_eq!(s.recipient.as_deref(), Some("+31612345678"));
        assert_eq!(
            s.timestamp,
            Some(datetime!(2025-03-30 12:40:01.250 UTC)),
            "{name}"
        );
        assert_eq!(s.errors, vec![]);
    }
    // WhatsApp's own id beside Bird's.
    assert_eq!(
        status("outbound_delivered").whatsapp_id.as_deref(),
        Some("wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI1")
    );
}

#[test]
fn messages_carry_the_whatsapp_id() {
    assert_eq!(
        message("inbound_text").whatsapp_id.as_deref(),
        Some("wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUIwNkYyRTEwQUJDMDE")
    );
}

#[test]
fn failed_statuses_keep_the_reason_and_code() {
    let s = status("outbound_failed");
    assert_eq!(s.status, DeliveryStatus::Failed);
    assert_eq!(s.message_id, "5e1a0c3d-7b2f-4e8a-9c6d-00000000000f");
    assert_eq!(
        s.errors,
        vec![EventError::new(Some("15005".into()), "unknown subscriber")
            .with_details(Some("whatsapp code 131026".into()))]
    );
    let s = status("outbound_sending_failed");
    assert_eq!(s.status, DeliveryStatus::Failed);
    // No reason: the status word stands in.
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].code.as_deref(), Some("15005"));
    assert_eq!(s.errors[0].message, "sending_failed");
}

#[test]
fn read_interaction_is_a_read_status() {
    let s = status("interaction_read");
    assert_eq!(s.status, DeliveryStatus::Read);
    assert_eq!(s.message_id, "5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d");
    assert_eq!(s.recipient.as_deref(), Some("+31612345678"));
    assert_eq!(s.timestamp, Some(datetime!(2025-03-30 12:45:10 UTC)));
}

fn unknown(name: &str) -> (String, Value) {
    match one(name) {
        InboundEvent::Unknown(u) => {
            assert_eq!(u.provider, switchboard_bird::PROVIDER);
            (u.reason, u.raw.to_value())
        }
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn unknown_events_keep_the_raw_json() {
    let (reason, raw) = unknown("unknown_event");
    assert_eq!(reason, "event type whatsapp.channel.updated");
    assert_eq!(
        raw,
        serde_json::from_slice::<Value>(&fixture("unknown_event")).unwrap()
    );
}

#[test]
fn a_click_is_an_interaction_with_our_message() {
    // Not a status: the tap itself also arrives as whatsapp.inbound.
    match one("interaction_clicked") {
        InboundEvent::Interaction(i) => {
            assert_eq!(i.provider, switchboard_bird::PROVIDER);
            assert_eq!(i.message_id, "5e1a0c3d-7b2f-4e8a-9c6d-1f2e3a4b5c6d");
            assert_eq!(i.kind, "clicked");
            assert_eq!(i.payload.as_deref(), Some("pay:card"));
            assert_eq!(i.details.as_deref(), Some("item_0_clicked"));
            assert_eq!(i.timestamp, Some(datetime!(2025-03-30 12:46:00 UTC)));
            assert_eq!(i.raw, payload("interaction_clicked"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bad_timestamp_is_an_invalid_item_not_a_message() {
    match one("inbound_bad_timestamp") {
        InboundEvent::Invalid(i) => {
            assert_eq!(i.item, ItemKind::Message);
            assert_eq!(
                i.id.as_deref(),
                Some("6f1c2a9e-0b7d-4c3e-9a21-5d8e7f6a4b41")
            );
            assert_eq!(
                i.problem,
                ItemProblem::Timestamp {
                    field: "payload.meta.extraInformation.timestamp".into(),
                    value: "17 characters: \"99999999999999999\"".into()
                }
            );
            assert_eq!(i.raw, payload("inbound_bad_timestamp"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_body_without_the_envelope_is_an_error_naming_what_is_missing() {
    let err = parse_bytes(&fixture("no_envelope")).unwrap_err();
    assert_eq!(
        err.to_string(),
        Error::decode(
            "bird webhook",
            "no `service` string: expected Bird's envelope {\"service\", \"event\", \"payload\": {...}}"
        )
        .to_string()
    );
    for (body, missing) in [
        (json!({"hello": "world"}), "no `service` string"),
        (json!({"service": "channels"}), "no `event` string"),
        (
            json!({"service": "channels", "event": "whatsapp.inbound"}),
            "no `payload` object",
        ),
        (json!(42), "not a JSON object"),
        (
            json!([{"service": "channels", "event": "x", "payload": {}}, 7]),
            "[1]: not a JSON object",
        ),
    ] {
        match parse_bytes(body.to_string().as_bytes()) {
            Err(Error::Decode { what, message, .. }) => {
                assert_eq!(what, "bird webhook");
                assert!(message.starts_with(missing), "{body}: {message}");
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn unreadable_items_are_invalid_naming_the_field() {
    let env = |event: &str, payload: Value| json!({"service": "channels", "event": event, "payload": payload});
    for (body, item, problem) in [
        (
            env("whatsapp.inbound", json!({"id": "x"})),
            ItemKind::Message,
            ItemProblem::missing("payload.sender.contact.identifierValue"),
        ),
        (
            env(
                "whatsapp.inbound",
                json!({"sender": {"contact": {"identifierValue": "+316"}}}),
            ),
            ItemKind::Message,
            ItemProblem::missing("payload.id"),
        ),
        (
            env(
                "whatsapp.inbound",
                json!({"id": "x", "sender": {"contact": {"identifierValue": "bla"}}}),
            ),
            ItemKind::Message,
            ItemProblem::Sender {
                field: "payload.sender.contact.identifierValue".into(),
                value: "3 characters: \"bla\"".into(),
            },
        ),
        (
            env(
                "whatsapp.outbound",
                json!({"id": "x", "status": "sent", "lastStatusAt": "soon"}),
            ),
            ItemKind::Status,
            ItemProblem::Timestamp {
                field: "payload.lastStatusAt".into(),
                value: "4 characters: \"soon\"".into(),
            },
        ),
        (
            env("whatsapp.interaction", json!({"type": "read"})),
            ItemKind::Interaction,
            ItemProblem::missing("payload.messageId"),
        ),
    ] {
        let events = parse_bytes(body.to_string().as_bytes()).expect("JSON parses");
        match &events[..] {
            [InboundEvent::Invalid(i)] => {
                assert_eq!(i.item, item, "{body}");
                assert_eq!(i.problem, problem, "{body}");
                assert_eq!(i.raw, body["payload"]);
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    // An unknown status word is not invalid, only not modelled.
    let body = env(
        "whatsapp.outbound",
        json!({"id": "x", "status": "teleported"}),
    );
    match &parse_bytes(body.to_string().as_bytes()).unwrap()[..] {
        [InboundEvent::Unknown(u)] => {
            assert_eq!(u.reason, "whatsapp.outbound status teleported");
            assert_eq!(u.field.as_deref(), Some("whatsapp.outbound"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_entry_of_a_batch_is_read() {
    let a: Value = serde_json::from_slice(&fixture("inbound_text")).unwrap();
    let b: Value = serde_json::from_slice(&fixture("outbound_delivered")).unwrap();
    let c: Value = serde_json::from_slice(&fixture("unknown_event")).unwrap();
    let events = parse_bytes(json!([a, b, c]).to_string().as_bytes()).unwrap();
    assert!(matches!(
        &events[..],
        [
            InboundEvent::Message(_),
            InboundEvent::Status(_),
            InboundEvent::Unknown(_)
        ]
    ));
}

#[test]
fn truncated_or_non_json_bodies_are_decode_errors() {
    for body in [
        fixture("truncated"),
        b"<html>502</html>".to_vec(),
        Vec::new(),
    ] {
        match parse_bytes(&body) {
            Err(e @ Error::Decode { .. }) => {
                assert!(matches!(&e, Error::Decode { what, .. } if what == "bird webhook"));
                // serde_json's own error is the source.
                let source = std::error::Error::source(&e);
                assert!(source.is_some_and(|s| s.is::<serde_json::Error>()), "{e:?}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn never_panics_on_any_prefix_of_a_fixture() {
    let body = fixture("inbound_button_tap");
    for n in 0..body.len() {
        let _ = parse_bytes(&body[..n]);
    }
}
