//! The schema check itself: it must refuse what Bird's `CreateMessage` refuses (so the
//! golden tests' validation can fail), and accept every example message Bird can carry.

mod common;

use common::{assert_valid_create_message, create_message_validator, encode, example};
use serde_json::json;
use switchboard_core::Error;

#[test]
fn the_validator_refuses_what_bird_refuses() {
    let Some(validator) = create_message_validator() else {
        return;
    };
    let receiver =
        json!({"contacts": [{"identifierKey": "phonenumber", "identifierValue": "+31612345678"}]});
    let text = json!({"type": "text", "text": {"text": "Hi"}});
    assert!(validator.is_valid(&json!({"receiver": receiver, "body": text})));
    let eleven: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    for bad in [
        json!({"receiver": receiver, "body": text, "useFrequencyCapping": true}),
        json!({"receiver": receiver, "body": {"type": "text", "text": {"text": "Hi"}, "replyTo": {"id": "x", "type": "message"}}}),
        json!({"receiver": receiver, "body": text, "tags": eleven}),
        json!({"receiver": receiver, "body": text, "tags": ["sale!"]}),
        json!({"receiver": receiver, "body": {"type": "list", "list": {"items": []}}}),
        json!({"receiver": receiver, "body": {"type": "text", "text": {"text": "Hi", "actions": [{"type": "postback", "postback": {"payload": "p"}}]}}}),
        json!({"receiver": receiver, "body": {"type": "file", "file": {"files": [{"mediaUrl": "https://e.com/a.pdf"}]}}}),
        json!({"receiver": receiver, "body": text, "scheduledFor": "tomorrow"}),
        json!({"receiver": receiver}),
    ] {
        assert!(!validator.is_valid(&bad), "accepted: {bad}");
    }
}

#[test]
fn every_example_bird_can_carry_validates() {
    let mut rendered = 0;
    for m in switchboard_testkit::messages::EXAMPLES {
        let name = format!("{}.json", m.name);
        match encode(&example(&name)) {
            Ok(request) => {
                assert_valid_create_message(&name, &request.json().unwrap());
                rendered += 1;
            }
            Err(Error::Unsupported { .. }) => {}
            // reply.json quotes a WhatsApp wamid, which Bird cannot quote.
            Err(Error::InvalidMessage { field, .. }) if field == "reply_to" => {}
            Err(other) => panic!("{name}: {other:?}"),
        }
    }
    assert!(rendered >= 6, "only {rendered} examples rendered");
}
