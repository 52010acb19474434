//! Any message either renders or returns a typed error, never panics; every Cloud body
//! that renders matches Meta's schema; any webhook body parses or is a decode error.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use switchboard_core::{Adapter, Error, OutboundMessage, WebhookRequest};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        12 => "[a-zA-Z0-9_-][a-zA-Z0-9 _-]{0,14}",
        2 => "\\PC{0,30}",
        1 => Just("x".repeat(1025)),
        1 => Just(" padded ".to_string()),
    ]
}

fn content() -> impl Strategy<Value = Value> {
    prop_oneof![
        (text(), any::<bool>()).prop_map(|(b, p)| json!({"text": {"body": b, "preview_url": p}})),
        (prop::sample::select(vec!["image", "video", "audio", "document", "sticker"]), text(), prop::option::of(text()), any::<bool>())
            .prop_map(|(k, s, cap, by_id)| {
                let mut m = if by_id { json!({"kind": k, "id": s}) } else { json!({"kind": k, "link": format!("https://example.com/{s}")}) };
                if let Some(c) = cap { m["caption"] = json!(c); }
                json!({"media": m})
            }),
        (text(), prop::collection::vec((text(), text()), 0..4), prop::option::of(text()))
            .prop_map(|(body, bs, footer)| {
                let buttons: Vec<Value> = bs.into_iter().map(|(id, title)| json!({"id": id, "title": title})).collect();
                let mut b = json!({"body": body, "buttons": buttons});
                if let Some(f) = footer { b["footer"] = json!(f); }
                json!({"buttons": b})
            }),
        (text(), text(), prop::collection::vec((prop::option::weighted(0.8, text()), prop::collection::vec((text(), text(), prop::option::of(text())), 1..5)), 1..3))
            .prop_map(|(body, button, sections)| {
                let sections: Vec<Value> = sections.into_iter().map(|(title, rows)| {
                    let rows: Vec<Value> = rows.into_iter().map(|(id, t, d)| {
                        let mut r = json!({"id": id, "title": t});
                        if let Some(d) = d { r["description"] = json!(d); }
                        r
                    }).collect();
                    let mut s = json!({"rows": rows});
                    if let Some(t) = title { s["title"] = json!(t); }
                    s
                }).collect();
                json!({"list": {"body": body, "button": button, "sections": sections}})
            }),
        (text(), text(), text()).prop_map(|(b, l, u)| json!({"cta": {"body": b, "label": l, "url": format!("https://e.com/{u}")}})),
        (-100.0f64..100.0, -200.0f64..200.0, prop::option::of(text()))
            .prop_map(|(la, lo, n)| { let mut l = json!({"latitude": la, "longitude": lo}); if let Some(n) = n { l["name"] = json!(n); } json!({"location": l}) }),
        (text(), text(), prop::collection::vec(text(), 0..4), prop::option::of(text()))
            .prop_map(|(n, lang, params, header)| {
                let mut t = json!({"name": n, "language": lang, "body": params});
                if let Some(h) = header { t["header"] = json!({"text": h}); }
                json!({"template": t})
            }),
        (text(), text()).prop_map(|(id, e)| json!({"reaction": {"message_id": id, "emoji": e}})),
        prop::collection::vec(text(), 0..7).prop_map(|names| json!({"contacts": names.into_iter().map(|n| json!({"name": {"formatted_name": n}})).collect::<Vec<_>>()})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_message_renders_or_is_a_typed_error(c in content(), reply in prop::option::of(text())) {
        let mut v = c;
        v["to"] = json!("+972501234567");
        if let Some(r) = reply { v["reply_to"] = json!(r); }
        let Ok(m) = OutboundMessage::from_json(&v.to_string()) else { return Ok(()); };
        for adapter in [cloud(), on_premise(), on_premise_ns()] {
            match adapter.encode(&m) {
                Ok(r) => {
                    if adapter.hosting() == switchboard_360dialog::Hosting::Cloud {
                        assert_cloud_schema(&r.json().expect("json"));
                    }
                    prop_assert!(!r.redacted().to_string().contains(KEY));
                }
                Err(Error::InvalidMessage { .. } | Error::Unsupported { .. }) => {}
                Err(e) => prop_assert!(false, "unexpected error kind {e:?}"),
            }
        }
    }

    #[test]
    fn any_webhook_body_parses_or_is_a_decode_error(body in prop::collection::vec(any::<u8>(), 0..200), json_like in "\\{\"(entry|messages|statuses)\":\\[\\{.{0,60}\\}\\]\\}") {
        for b in [body.as_slice(), json_like.as_bytes()] {
            let w = WebhookRequest { url: "https://h", headers: &[], body: b };
            match cloud().parse_webhook(&w) {
                Ok(_) | Err(Error::Decode { .. }) => {}
                Err(e) => prop_assert!(false, "{e:?}"),
            }
        }
    }
}
