//! The JSON form: exact for a few events, and a serde round trip for every kind.

use super::*;
use crate::model::{Contact, ContactName, MediaKind};
use serde_json::json;
use time::macros::datetime;

fn round_trip(e: &InboundEvent) {
    let json = serde_json::to_value(e).unwrap();
    let back: InboundEvent = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(&back, e, "{json}");
    // Through text too, as a journal stores it.
    let text = serde_json::to_string(e).unwrap();
    assert_eq!(&serde_json::from_str::<InboundEvent>(&text).unwrap(), e);
}

fn message(content: InboundContent) -> InboundMessage {
    let mut m = InboundMessage::new(Provider::new("acme"), "wamid.1", "972987654321", content);
    m.raw = json!({"id": "wamid.1"}).into();
    m
}

#[test]
fn a_text_message_has_a_stable_json_form() {
    let mut m = message(InboundContent::Text { body: "Hi".into() });
    m.sender_name = Some("Anna".into());
    m.timestamp = Some(datetime!(2023-10-11 16:53:43 UTC));
    m.forwarded = true;
    assert_eq!(
        serde_json::to_value(InboundEvent::Message(m)).unwrap(),
        json!({"message": {
            "provider": "acme", "id": "wamid.1", "from": "972987654321",
            "sender_name": "Anna", "timestamp": "2023-10-11T16:53:43Z", "forwarded": true,
            "content": {"type": "text", "body": "Hi"}, "raw": {"id": "wamid.1"}
        }})
    );
}

#[test]
fn every_content_kind_round_trips() {
    let mut media = InboundMedia::new(MediaKind::Audio);
    media.id = Some("123".into());
    media.voice = true;
    let mut item = OrderItem::new("SODA");
    item.quantity = Some(2);
    item.item_price = Some(10.5);
    item.currency = Some("ILS".into());
    let contents = vec![
        InboundContent::Text { body: "x".into() },
        InboundContent::Media(media),
        InboundContent::Media(InboundMedia::new(MediaKind::Image)),
        InboundContent::ButtonReply {
            id: None,
            title: "Yes".into(),
        },
        InboundContent::ButtonReply {
            id: Some("yes".into()),
            title: "Yes".into(),
        },
        InboundContent::ListReply {
            id: Some("r".into()),
            title: "Row".into(),
            description: None,
        },
        InboundContent::FlowReply {
            name: Some("flow".into()),
            body: Some("Sent".into()),
            response: json!({"flow_token": "t"}),
        },
        InboundContent::Location {
            latitude: 37.4611978,
            longitude: -122.2164385,
            name: None,
            address: None,
            url: Some("https://maps.google.com/?cid=1".into()),
        },
        InboundContent::Contacts {
            contacts: vec![Contact {
                name: ContactName {
                    formatted_name: "A".into(),
                    ..ContactName::default()
                },
                ..Contact::default()
            }],
        },
        InboundContent::Reaction {
            message_id: Some("wamid.2".into()),
            emoji: String::new(),
        },
        InboundContent::Order {
            catalog_id: Some("1".into()),
            text: None,
            items: vec![item],
        },
        InboundContent::System {
            kind: "user_changed_number".into(),
            body: Some("changed".into()),
            new_wa_id: Some("972912345678".into()),
            new_user_id: None,
            previous_user_id: None,
        },
        InboundContent::Unsupported {
            original_type: Some("poll".into()),
        },
        InboundContent::Edit {
            original_message_id: "wamid.0".into(),
            content: Box::new(InboundContent::Text {
                body: "edited".into(),
            }),
        },
        InboundContent::Revoke {
            original_message_id: "wamid.0".into(),
        },
        InboundContent::Ephemeral,
        InboundContent::RequestWelcome,
        InboundContent::Unknown {
            provider_type: "poll".into(),
        },
    ];
    for c in contents {
        let mut m = message(c);
        m.user_id = Some("US.1234".into());
        m.group_id = Some("g1".into());
        m.referral = Some(Referral {
            click_id: Some("c".into()),
            ..Referral::default()
        });
        m.errors = vec![
            EventError::new(Some("131051".into()), "Message type unknown")
                .with_details(Some("not supported".into())),
        ];
        round_trip(&InboundEvent::Message(m));
    }
}

#[test]
fn every_event_kind_round_trips() {
    let mut s = StatusUpdate::new(Provider::new("acme"), "wamid.1", DeliveryStatus::Played);
    s.timestamp = Some(datetime!(2026-01-01 00:01:40 UTC));
    s.pricing = Some(Pricing {
        billable: Some(true),
        kind: Some("regular".into()),
        ..Pricing::default()
    });
    s.conversation = Some(Conversation {
        id: Some("c".into()),
        origin: Some("service".into()),
        expires_at: Some(datetime!(2023-10-26 17:05:00 UTC)),
    });
    s.errors = vec![
        EventError::new(None, "a"),
        EventError::new(Some("2".into()), "b"),
    ];
    s.callback_data = Some("order-1234".into());
    let events = vec![
        InboundEvent::Status(s),
        InboundEvent::Interaction(Interaction {
            provider: Provider::new("acme"),
            message_id: "m".into(),
            kind: "clicked".into(),
            payload: Some("pay:card".into()),
            details: Some("item_0_clicked".into()),
            timestamp: None,
            raw: json!({}).into(),
        }),
        InboundEvent::Account(AccountEvent {
            provider: Provider::new("acme"),
            account_id: Some("1".into()),
            timestamp: None,
            change: AccountChange::PhoneNumberQualityUpdate {
                event: "FLAGGED".into(),
                phone_number: Some("1".into()),
                current_limit: Some("TIER_10K".into()),
            },
            raw: json!({}).into(),
        }),
        InboundEvent::ProviderErrors(ErrorReport {
            provider: Provider::new("acme"),
            errors: vec![EventError::new(
                Some("0".into()),
                "We were unable to authenticate",
            )],
            raw: json!({}).into(),
        }),
        InboundEvent::Invalid(InvalidItem {
            provider: Provider::new("acme"),
            item: ItemKind::Message,
            id: Some("x".into()),
            problem: ItemProblem::timestamp("messages[0].timestamp", &json!("asdf")),
            raw: json!({}).into(),
        }),
        InboundEvent::Unknown(
            UnknownEvent::new(Provider::new("acme"), "not modelled", json!({})).with_field("calls"),
        ),
    ];
    for e in &events {
        round_trip(e);
    }
    assert_eq!(
        serde_json::to_value(&events[2]).unwrap()["account"]["change"],
        json!({"field": "phone_number_quality_update", "event": "FLAGGED",
               "phone_number": "1", "current_limit": "TIER_10K"})
    );
    assert_eq!(
        serde_json::to_value(&events[4]).unwrap()["invalid"]["problem"],
        json!({"kind": "timestamp", "field": "messages[0].timestamp",
               "value": "4 characters: \"asdf\""})
    );
}

#[test]
fn senders_are_numbers_or_user_ids() {
    assert!(ItemProblem::check_sender("from", "972987654321").is_ok());
    assert!(ItemProblem::check_sender("from", "+31612345678").is_ok());
    assert!(ItemProblem::check_sender("from", "US.1234").is_ok());
    assert_eq!(
        ItemProblem::check_sender("messages[0].from", "bla"),
        Err(ItemProblem::Sender {
            field: "messages[0].from".into(),
            value: "3 characters: \"bla\"".into()
        })
    );
    let m = message(InboundContent::RequestWelcome);
    assert_eq!(m.phone(), Some("972987654321"));
    let mut m = m;
    m.from = "US.1234".into();
    assert_eq!(m.phone(), None);
}
