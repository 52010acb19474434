//! What an application uses is in the crate root: this test names only `switchboard::X`
//! items (never `switchboard::adapter`), and runs an application's day on the memory
//! provider: build messages, ask what the provider supports, send, pace, route, receive a
//! webhook into a journal, read the events and the errors.

use std::sync::Arc;
use switchboard::journal::MemoryJournal;
use switchboard::portability::Fidelity;
use switchboard::{
    AnyMessenger, Capabilities, Config, Error, Feature, InboundContent, InboundEvent, ListRow,
    ListSection, MemoryMessenger, Messenger, OutboundMessage, Paced, Provider, RateSettings,
    Receipt, Recipient, ReplyButton, RoutedMessenger, StatusUpdate, Support, WebhookReceiver,
    WebhookRequest, WebhookVerdict, MEMORY,
};

fn to() -> Recipient {
    "+972501234567".parse().unwrap()
}

/// An application's handler: every event kind it reacts to is named from the root.
fn describe(event: &InboundEvent) -> String {
    match event {
        InboundEvent::Message(m) => match &m.content {
            InboundContent::Text { body } => format!("text {body}"),
            _ => "other message".into(),
        },
        InboundEvent::Status(StatusUpdate { status, .. }) => format!("status {status:?}"),
        _ => "other event".into(),
    }
}

#[tokio::test]
async fn an_application_sends_receives_and_reads_errors_through_the_root() {
    let config = Config::default();
    let messenger = AnyMessenger::from_config(&config).unwrap();
    assert_eq!(messenger.provider(), MEMORY);
    let caps: &Capabilities = messenger.capabilities();
    assert_eq!(caps.support(Feature::List), Support::Flag(true));

    let list = OutboundMessage::list(
        to(),
        "Pick a slot",
        "Slots",
        vec![ListSection {
            title: Some("Tuesday".into()),
            rows: vec![
                ListRow::new("tue-10", "10:00"),
                ListRow::new("tue-11", "11:00"),
            ],
        }],
    )
    .unwrap();
    let receipt: Receipt = messenger.send(&list).await.unwrap();
    assert_eq!(receipt.message_id(), Some("memory-1"));
    assert!(messenger
        .can_send_with(&list, Fidelity::Exact)
        .unwrap()
        .is_empty());

    // Limits are checked when a message is built: a typed error naming the field.
    let err = OutboundMessage::buttons(to(), "Hi", vec![ReplyButton::new("x", "t".repeat(21))])
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidMessage { field, .. } if field == "buttons.buttons[0].title"),
        "{err:?}"
    );
    assert_eq!(err.kind(), "invalid_message");

    // Pacing and routing wrap any messenger.
    let paced = Paced::new(MemoryMessenger::new(), RateSettings::default()).unwrap();
    let text = OutboundMessage::text(to(), "hello").unwrap();
    assert_eq!(
        paced.send(&text).await.unwrap().message_id(),
        Some("memory-1")
    );
    let routed = RoutedMessenger::from_config(&config).unwrap();
    assert_eq!(routed.provider(), Provider::new("memory"));

    // A webhook goes through the receiver into the journal; the memory provider posts none.
    let journal = Arc::new(MemoryJournal::new(config.webhook.dedupe_window()));
    let receiver = WebhookReceiver::new(messenger, &config.webhook, journal);
    let received = receiver.receive("http://127.0.0.1/", &[], b"{}").await;
    assert_eq!(WebhookVerdict::of(&received).status(), 200);
    assert!(received.unwrap().new.is_empty());
    let direct = AnyMessenger::from_config(&config).unwrap();
    let request = WebhookRequest {
        url: "http://127.0.0.1/",
        headers: &[],
        body: b"{}",
    };
    let events = direct.receive_webhook(&request).unwrap();
    assert_eq!(events.iter().map(describe).count(), 0);
}
