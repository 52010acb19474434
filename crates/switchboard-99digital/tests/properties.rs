//! Bad input never panics: any message renders or returns a typed error; any webhook body
//! parses or returns `Decode`; any answer decodes or returns a typed error.

mod common;

use common::{adapter, encode};
use proptest::prelude::*;
use serde_json::{json, Value};
use switchboard_core::{Adapter, OutboundMessage, WebhookRequest, WireResponse};

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z ]{1,30}",
        "\\PC{0,40}",
        "[👍📞✅a-z]{1,25}",
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        any_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("hook".to_string()),
                        Just("type".to_string()),
                        Just("body".to_string()),
                        Just("unique".to_string()),
                        Just("from".to_string()),
                        Just("status".to_string()),
                        Just("reason".to_string()),
                        Just("timestamp".to_string()),
                        Just("quoteUnique".to_string()),
                        Just("templateTimeLeft".to_string()),
                        Just("conversationTimeLeft".to_string()),
                        "[a-z]{1,8}"
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn any_message() -> impl Strategy<Value = Value> {
    let t = any_text;
    prop_oneof![
        (t(), any::<bool>()).prop_map(|(b, p)| json!({"text": {"body": b, "preview_url": p}})),
        (t(), t(), prop_oneof![Just("image"), Just("audio"), Just("sticker"), Just("document")])
            .prop_map(|(c, u, k)| json!({"media": {"kind": k, "link": format!("https://x.io/{u}"), "caption": c}})),
        (t(), t(), t(), t()).prop_map(|(b, i, ti, f)| json!({"buttons": {"body": b, "footer": f,
            "buttons": [{"id": i, "title": ti}]}})),
        (t(), t()).prop_map(|(b, l)| json!({"cta": {"body": b, "label": l, "email": "a@b.co"}})),
        (any::<f64>(), any::<f64>(), t()).prop_map(|(a, o, n)| json!({"location": {"latitude": a % 90.0, "longitude": o % 180.0, "name": n}})),
        (t(), prop::collection::vec(t(), 0..13)).prop_map(|(n, v)| json!({"template": {"name": n, "language": "he", "body": v}})),
        (t(), t()).prop_map(|(m, e)| json!({"reaction": {"message_id": m, "emoji": e}})),
        (t(), t(), t()).prop_map(|(n, p, b)| json!({"contacts": [{"name": {"formatted_name": n},
            "phones": [{"phone": p}], "birthday": b}]})),
    ]
}

proptest! {
    #[test]
    fn any_message_renders_or_is_a_typed_error(content in any_message(), reply in proptest::option::of(any_text())) {
        let mut m = content;
        m["to"] = json!("+972501234567");
        if let Some(r) = reply {
            m["reply_to"] = json!(r);
        }
        // Messages that break the model's own limits are refused when read.
        if let Ok(message) = serde_json::from_value::<OutboundMessage>(m.clone()) {
            match adapter().encode(&message) {
                Ok(request) => prop_assert_eq!(&request.redacted()["body"]["apiKey"], "***"),
                Err(e) => prop_assert!(!e.kind().is_empty()),
            }
            let _ = encode(m);
        }
    }

    #[test]
    fn any_webhook_body_parses_or_is_decode(body in prop_oneof![
        any_json().prop_map(|v| v.to_string().into_bytes()),
        prop::collection::vec(any::<u8>(), 0..200),
    ]) {
        let hook = WebhookRequest { url: "https://h.example/x", headers: &[], body: &body };
        if let Err(e) = adapter().parse_webhook(&hook) {
            prop_assert_eq!(e.kind(), "decode");
        }
    }

    #[test]
    fn any_answer_decodes_or_is_a_typed_error(status in 100u16..600, body in any_json()) {
        let request = encode(json!({"to": "+972501234567", "text": {"body": "hi"}})).expect("encodes");
        let _ = adapter().decode(&request, &WireResponse::new(status, body.to_string()));
    }
}
