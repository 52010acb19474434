//! A second host of the dialect (Meta's own Graph API shape: `{base}/{version}/{phone
//! number id}/messages`, `Authorization: Bearer`) supplies only its URLs and credentials and
//! gets the whole dialect: bodies, uploads, receipts, Meta's error codes and webhooks.

use serde_json::json;
use switchboard_cloud_api::{decode, encode, upload, webhook, Host};
use switchboard_core::{
    ExposeSecret, InboundContent, InboundEvent, MediaUpload, OutboundMessage, Provider,
    SecretString, WireBody, WireRequest, WireResponse,
};

const TOKEN: &str = "CANARY-TOKEN-42";

struct Graph;

impl Host for Graph {
    fn provider(&self) -> Provider {
        Provider::new("graph")
    }
    fn messages_url(&self) -> String {
        "http://127.0.0.1:9/v23.0/106540352242922/messages".into()
    }
    fn media_url(&self) -> String {
        "http://127.0.0.1:9/v23.0/106540352242922/media".into()
    }
    fn authorize(&self, request: WireRequest) -> WireRequest {
        let token = SecretString::from(TOKEN);
        request.secret_header(
            "Authorization",
            SecretString::from(format!("Bearer {}", token.expose_secret())),
        )
    }
}

fn text() -> OutboundMessage {
    OutboundMessage::text("+972501234567".parse().unwrap(), "Hello")
        .unwrap()
        .reply_to("wamid.QUOTED")
        .unwrap()
}

#[test]
fn a_send_is_the_cloud_body_at_the_host_s_url_with_its_credentials() {
    let message = text();
    let body = encode::body(Graph.provider(), &message).unwrap();
    let request = encode::request(&Graph, body.json().unwrap());
    assert_eq!(request.operation, "messages");
    assert_eq!(
        request.url,
        "http://127.0.0.1:9/v23.0/106540352242922/messages"
    );
    assert_eq!(
        request.json().unwrap(),
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "972501234567",
            "context": {"message_id": "wamid.QUOTED"},
            "type": "text",
            "text": {"body": "Hello"}
        })
    );
    assert_eq!(
        request.header_value("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(!format!("{request:?}").contains(TOKEN));
}

#[test]
fn an_upload_is_multipart_with_messaging_product() {
    let up = MediaUpload {
        mime_type: "image/png".into(),
        filename: "a.png".into(),
        data: vec![1, 2, 3],
    };
    let request = upload::request(&Graph, &up).unwrap();
    assert_eq!(
        request.url,
        "http://127.0.0.1:9/v23.0/106540352242922/media"
    );
    let WireBody::Multipart(parts) = &request.body else {
        panic!("multipart expected")
    };
    assert_eq!(parts[0].name, "messaging_product");
    assert_eq!(parts[0].data, b"whatsapp");
    assert_eq!(parts[1].filename.as_deref(), Some("a.png"));
    let id = decode::upload_id(&Graph, &WireResponse::new(200, r#"{"id":"4490709327"}"#));
    assert_eq!(id.unwrap(), "4490709327");
}

#[test]
fn answers_decode_with_meta_s_codes_and_the_status_fallback() {
    let ok = WireResponse::new(
        200,
        r#"{"messaging_product":"whatsapp","contacts":[{"input":"972501234567","wa_id":"972501234567"}],"messages":[{"id":"wamid.X"}]}"#,
    );
    let receipt = decode::receipt(&Graph, &ok).unwrap();
    assert_eq!(receipt.message_ids, vec!["wamid.X".to_string()]);
    assert_eq!(receipt.recipient.as_deref(), Some("972501234567"));

    let throttled = WireResponse::new(
        400,
        r#"{"error":{"message":"(#130429) Rate limit hit","code":130429}}"#,
    );
    let e = decode::receipt(&Graph, &throttled).unwrap_err();
    assert_eq!((e.kind(), e.is_retryable()), ("rate_limited", true));
    assert_eq!(e.provider_detail().unwrap().code.as_deref(), Some("130429"));

    // A host without gateway shapes: a `{"error": "<text>"}` body is just unrecognised.
    let e = decode::receipt(&Graph, &WireResponse::new(503, "<html>down</html>")).unwrap_err();
    assert_eq!((e.kind(), e.is_retryable()), ("provider", true));
    let e = decode::receipt(&Graph, &WireResponse::new(401, "")).unwrap_err();
    assert_eq!(e.kind(), "unauthorized");
}

#[test]
fn the_webhook_envelope_is_read_for_the_host_s_provider() {
    let body = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "contacts": [{"wa_id": "972501234567", "profile": {"name": "Dana"}}],
            "messages": [{"id": "wamid.IN", "from": "972501234567", "timestamp": "1700000000",
                          "type": "text", "text": {"body": "hi"}}]
        }}]}]
    });
    let events = webhook::parse(Graph.provider(), body.to_string().as_bytes()).unwrap();
    let [InboundEvent::Message(m)] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(m.provider, Graph.provider());
    assert_eq!(m.sender_name.as_deref(), Some("Dana"));
    assert_eq!(m.content, InboundContent::Text { body: "hi".into() });
    let flat = webhook::parse(Graph.provider(), br#"{"messages":[]}"#).unwrap();
    assert!(
        matches!(&flat[..], [InboundEvent::Unknown(u)] if u.reason == "not a graph webhook shape")
    );
    assert_eq!(
        webhook::parse(Graph.provider(), b"{trunc")
            .unwrap_err()
            .kind(),
        "decode"
    );
}
