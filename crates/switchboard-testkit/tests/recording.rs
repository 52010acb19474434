//! The recording transport behind the facade's messenger: requests recorded in order with
//! their provider, scripted answers (responses and errors) in order, then the standing
//! answer, else a transport error.

use switchboard::adapter::{Adapter, WireRequest, WireResponse};
use switchboard::{
    Capabilities, Error, HttpMessenger, InboundEvent, Messenger, OutboundMessage, Provider,
    Receipt, WebhookRequest,
};
use switchboard_testkit::contract::block_on;
use switchboard_testkit::RecordingTransport;

/// A test adapter: posts the message's JSON form, reads `{"id"}`.
struct Echo(Capabilities);

impl Echo {
    fn new() -> Self {
        let mut caps = Capabilities::none(Provider::new("echo"), "echo");
        caps.text = true;
        Echo(caps)
    }
}

impl Adapter for Echo {
    fn provider(&self) -> Provider {
        Provider::new("echo")
    }
    fn capabilities(&self) -> &Capabilities {
        &self.0
    }
    fn translate(&self, message: &OutboundMessage) -> Result<WireRequest, Error> {
        Ok(WireRequest::post_json(
            "send",
            "https://echo.invalid/send",
            message.to_json(),
        ))
    }
    fn decode(&self, _: &WireRequest, response: &WireResponse) -> Result<Receipt, Error> {
        let v: serde_json::Value = serde_json::from_slice(&response.body)
            .map_err(|e| Error::decode("answer", e.to_string()))?;
        let id = v["id"]
            .as_str()
            .ok_or_else(|| Error::decode("answer", "no id"))?;
        Ok(Receipt::new(self.provider(), id))
    }
    fn parse_webhook(&self, _: &WebhookRequest<'_>) -> Result<Vec<InboundEvent>, Error> {
        Ok(Vec::new())
    }
}

fn text(body: &str) -> OutboundMessage {
    OutboundMessage::text("+972501234567".parse().unwrap(), body).unwrap()
}

#[test]
fn scripted_answers_then_the_standing_answer_in_order() {
    let transport = RecordingTransport::answering(WireResponse::new(200, r#"{"id": "standing"}"#));
    transport
        .push(Ok(WireResponse::new(200, r#"{"id": "first"}"#)))
        .push(Err(Error::unknown_outcome(
            Provider::new("echo"),
            "no answer within the timeout",
        )));
    let messenger = HttpMessenger::new(Echo::new(), transport.clone());

    let first = block_on(messenger.send(&text("one"))).unwrap();
    assert_eq!(first.message_id(), Some("first"));
    let second = block_on(messenger.send(&text("two"))).unwrap_err();
    assert!(matches!(second, Error::UnknownOutcome { .. }), "{second:?}");
    let third = block_on(messenger.send(&text("three"))).unwrap();
    assert_eq!(third.message_id(), Some("standing"));

    let recorded = transport.requests_with_provider();
    let bodies: Vec<_> = recorded
        .iter()
        .map(|(p, r)| (p.as_str(), r.json().unwrap()["text"]["body"].clone()))
        .collect();
    assert_eq!(
        bodies,
        [
            ("echo", "one".into()),
            ("echo", "two".into()),
            ("echo", "three".into())
        ]
    );
    assert_eq!(transport.pending(), 0);
}

#[test]
fn without_an_answer_a_request_is_a_transport_error_and_still_recorded() {
    let transport = RecordingTransport::new();
    let messenger = HttpMessenger::new(Echo::new(), transport.clone());
    let e = block_on(messenger.send(&text("hello"))).unwrap_err();
    assert!(
        matches!(&e, Error::Transport { message, .. } if message.contains("no scripted answer")),
        "{e:?}"
    );
    assert_eq!(transport.requests().len(), 1);
}

#[test]
fn a_refused_message_never_reaches_the_transport() {
    let transport = RecordingTransport::answering(WireResponse::new(200, r#"{"id": "x"}"#));
    let messenger = HttpMessenger::new(Echo::new(), transport.clone());
    let location = OutboundMessage::location("+972501234567".parse().unwrap(), 32.0, 34.8).unwrap();
    let e = block_on(messenger.send(&location)).unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }), "{e:?}");
    assert!(transport.requests().is_empty());
}
