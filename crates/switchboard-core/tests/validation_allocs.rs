//! Limit validation allocates nothing when the message is valid (issue 16): field paths
//! are built only to report an error. Counted with a counting global allocator; this file
//! is its own test binary with one test, so nothing else allocates meanwhile.

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use switchboard_core::OutboundMessage;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn message(json: &str) -> OutboundMessage {
    OutboundMessage::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn a_valid_message_is_validated_without_allocating() {
    let rows = |from: usize| {
        (from..from + 5)
            .map(|i| format!(r#"{{"id": "r{i}", "title": "Row {i}", "description": "About {i}"}}"#))
            .collect::<Vec<_>>()
            .join(",")
    };
    let messages = [
        message(r#"{"to": "+972501234567", "text": {"body": "Hello", "preview_url": true}}"#),
        message(
            r#"{"to": "+972501234567", "reply_to": "wamid.1", "buttons": {"header": {"text": "H"},
            "body": "Pick", "footer": "F", "buttons": [{"id": "a", "title": "A"},
            {"id": "b", "title": "B"}, {"id": "c", "title": "C"}]}}"#,
        ),
        message(&format!(
            r#"{{"to": "+972501234567", "list": {{"header": "H", "body": "B", "footer": "F",
            "button": "Open", "sections": [{{"title": "One", "rows": [{}]}},
            {{"title": "Two", "rows": [{}]}}]}}}}"#,
            rows(0),
            rows(5)
        )),
        message(
            r#"{"to": "+972501234567", "media": {"kind": "document", "link": "https://example.com/a.pdf",
            "caption": "The invoice", "filename": "a.pdf", "mime_type": "application/pdf"}}"#,
        ),
        message(
            r#"{"to": "+972501234567", "cta": {"header": {"media": {"kind": "image", "id": "123"}},
            "body": "Track it", "label": "Track", "url": "https://example.com/t"}}"#,
        ),
        message(
            r#"{"to": "+972501234567", "location": {"latitude": 32.08, "longitude": 34.78,
            "name": "Office", "address": "Rothschild 1"}}"#,
        ),
        message(
            r#"{"to": "+972501234567", "template": {"name": "order_update", "language": "en",
            "header": {"text": "Order"}, "body": ["Anna", "42"], "buttons": [
            {"index": 0, "type": "quick_reply", "payload": "yes"},
            {"index": 1, "type": "quick_reply", "payload": "no"}]}}"#,
        ),
        message(r#"{"to": "+972501234567", "reaction": {"message_id": "wamid.1", "emoji": "👍"}}"#),
    ];
    for m in &messages {
        let region = Region::new(GLOBAL);
        let result = m.validate();
        let allocations = region.change().allocations;
        assert!(result.is_ok(), "{:?}", m.content.kind());
        assert_eq!(
            allocations,
            0,
            "validating a valid {} message allocated",
            m.content.kind()
        );
    }
    // An invalid one still names its field (built on the error path).
    let mut bad = messages[2].clone();
    if let switchboard_core::Content::List(l) = &mut bad.content {
        l.sections[1].rows[2].id = "r1".into();
    }
    assert_eq!(
        bad.validate().unwrap_err().to_string(),
        switchboard_core::Error::invalid(
            "list.sections[1].rows[2].id",
            "unique in the list",
            "\"r1\" (repeated)"
        )
        .to_string()
    );
}
