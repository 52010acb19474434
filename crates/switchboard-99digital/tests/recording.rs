//! End to end without a server: the facade's messenger with this adapter on the test kit's
//! recording transport. The request is the one the adapter describes (checked encode, then
//! the transport), the scripted answers decode to their typed outcomes, and nothing is
//! retried.

mod common;

use common::{adapter_at, message, FROM, KEY};
use serde_json::json;
use switchboard::adapter::WireResponse;
use switchboard::{Error, HttpMessenger, Messenger};
use switchboard_testkit::contract::block_on;
use switchboard_testkit::RecordingTransport;

#[test]
fn a_send_is_recorded_and_its_scripted_answers_decode() {
    let transport = RecordingTransport::new();
    let messenger = HttpMessenger::new(adapter_at(None), transport.clone());
    let text = message(json!({"to": "+972501234567", "text": {"body": "hello"}}));
    // 99digital's documented success, then a refusal of the key (reason 3), then nothing.
    transport
        .push(Ok(WireResponse::new(
            200,
            r#"{"status":"OK","unique":"u-1","timestamp":1600115719,"reason":1}"#,
        )))
        .push(Ok(WireResponse::new(
            200,
            r#"{"status":"FAIL","reason":3,"error":{"code":0,"message":"bad key"}}"#,
        )));

    let receipt = block_on(messenger.send(&text)).unwrap();
    assert_eq!(receipt.message_id(), Some("u-1"));
    let refused = block_on(messenger.send(&text)).unwrap_err();
    assert_eq!(refused.kind(), "unauthorized", "{refused:?}");
    // tests/golden/text.json is the same request, redacted.
    // The script ran out: a transport error (nothing was sent), never a made-up answer.
    let out = block_on(messenger.send(&text)).unwrap_err();
    assert!(matches!(out, Error::Transport { .. }), "{out:?}");

    let requests = transport.requests();
    assert_eq!(requests.len(), 3, "one request per send, never a retry");
    assert_eq!(
        requests[0].url,
        "https://api.99digital.co.il/whatsapp/v2/sendMessage"
    );
    assert_eq!(
        requests[0].json().unwrap(),
        json!({"apiKey": KEY, "from": FROM, "to": "972501234567", "body": "hello"})
    );
    assert_eq!(requests[0].redacted()["body"]["apiKey"], "***");
    assert_eq!(transport.pending(), 0);
}

#[test]
fn a_message_the_adapter_refuses_never_reaches_the_transport() {
    let transport = RecordingTransport::answering(WireResponse::new(200, "{}"));
    let messenger = HttpMessenger::new(adapter_at(None), transport.clone());
    // 99digital has no list messages (docs/providers/99digital.md).
    let list = message(
        json!({"to": "+972501234567", "list": {"body": "Pick", "button": "Menu",
        "sections": [{"rows": [{"id": "a", "title": "A"}]}]}}),
    );
    let e = block_on(messenger.send(&list)).unwrap_err();
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "list"),
        "{e:?}"
    );
    assert!(transport.requests().is_empty());
}
