//! The memory provider, and application code tested with MockMessenger.

use switchboard::{
    Error, MediaUpload, MemoryMessenger, Messenger, OutboundMessage, Provider, Receipt, ReplyButton,
};

fn to() -> switchboard::Recipient {
    "+972501234567".parse().unwrap()
}

#[tokio::test]
async fn memory_records_and_numbers_receipts() {
    let memory = MemoryMessenger::new();
    let a = OutboundMessage::text(to(), "one").unwrap();
    let b = OutboundMessage::buttons(to(), "two", vec![ReplyButton::new("y", "Yes")]).unwrap();
    let ra = memory.send(&a).await.unwrap();
    let rb = memory.clone().send(&b).await.unwrap();
    assert_eq!(ra.message_ids, vec!["memory-1"]);
    assert_eq!(rb.message_ids, vec!["memory-2"]);
    assert_eq!(ra.provider, switchboard::MEMORY);
    assert_eq!(ra.recipient.as_deref(), Some("972501234567"));
    assert_eq!(memory.sent(), vec![a.clone(), b], "clones share the record");
    let rendered = memory.render(&a).unwrap().redacted();
    assert_eq!(rendered["url"], "memory://messages");
    assert_eq!(rendered["body"], a.to_json());
    let id = memory
        .upload_media(&MediaUpload {
            mime_type: "image/png".into(),
            filename: "a.png".into(),
            data: vec![1, 2],
        })
        .await
        .unwrap();
    assert_eq!(id, "memory-media-1");
}

#[tokio::test]
async fn memory_rechecks_limits_of_a_mutated_message() {
    let memory = MemoryMessenger::new();
    let mut m = OutboundMessage::text(to(), "ok").unwrap();
    if let switchboard::Content::Text(t) = &mut m.content {
        t.body = "x".repeat(4097);
    }
    match memory.send(&m).await.unwrap_err() {
        Error::InvalidMessage {
            field,
            limit,
            value,
            ..
        } => {
            assert_eq!(field, "text.body");
            assert_eq!(limit, "1 to 4096 characters");
            assert!(value.starts_with("4097 characters"));
        }
        other => panic!("{other:?}"),
    }
    assert!(memory.sent().is_empty());
}

/// Application code: generic over the trait, never names a provider.
async fn confirm_appointment(
    m: &impl Messenger,
    to: switchboard::Recipient,
) -> Result<String, Error> {
    let msg = OutboundMessage::buttons(
        to,
        "Confirm?",
        vec![ReplyButton::new("yes", "Yes"), ReplyButton::new("no", "No")],
    )?;
    let receipt = m.send(&msg).await?;
    Ok(receipt.message_id().unwrap_or_default().to_string())
}

#[tokio::test]
async fn app_code_with_mock_messenger() {
    let mut mock = switchboard::MockMessenger::new();
    mock.expect_send()
        .withf(|m| matches!(&m.content, switchboard::Content::Buttons(b) if b.buttons.len() == 2))
        .times(1)
        .returning(|_| Ok(Receipt::new(Provider::new("bird"), "mocked-1")));
    assert_eq!(confirm_appointment(&mock, to()).await.unwrap(), "mocked-1");

    let mut failing = switchboard::MockMessenger::new();
    failing.expect_send().returning(|_| {
        Err(Error::WindowClosed(Box::new(
            switchboard::ProviderDetail::new(Provider::new("360dialog"), "re-engage"),
        )))
    });
    assert!(matches!(
        confirm_appointment(&failing, to()).await,
        Err(Error::WindowClosed(_))
    ));
}

/// A send that panics inside a bulk run is an internal error, not a storage one.
#[tokio::test]
async fn a_panicking_send_in_a_bulk_run_is_an_internal_error() {
    use switchboard::bulk::{BulkJournal, BulkOptions, BulkSender, MemoryJournal, NewLine};
    let mut mock = switchboard::MockMessenger::new();
    mock.expect_send()
        .returning(|_| panic!("a messenger that panics"));
    let journal = MemoryJournal::new();
    journal
        .load(vec![NewLine {
            line: 1,
            body: r#"{"to": "+972501234567", "text": {"body": "one"}}"#.into(),
            malformed: None,
        }])
        .await
        .unwrap();
    let sender = BulkSender::new(mock, journal, BulkOptions::default());
    let e = sender.run().await.unwrap_err();
    assert!(matches!(&e, Error::Internal { .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("internal error: the task sending a line failed: "),
        "{e}"
    );
    assert!(std::error::Error::source(&e).is_some());
}
