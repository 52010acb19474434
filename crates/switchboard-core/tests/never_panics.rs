//! Property tests: whatever JSON comes in, reading a message returns a value or a typed
//! error, never a panic; and whatever is accepted round-trips through its JSON form.

use proptest::prelude::*;
use switchboard_core::{Error, OutboundMessage};

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{0,30}",
        "\\PC{0,80}",
        (0usize..5000).prop_map(|n| "x".repeat(n)),
    ]
}

fn arb_message() -> impl Strategy<Value = serde_json::Value> {
    let to = prop_oneof![Just("+972501234567".to_string()), "[+0-9 a-z-]{0,20}"];
    let row = (arb_text(), arb_text(), proptest::option::of(arb_text()))
        .prop_map(|(id, title, d)| serde_json::json!({"id": id, "title": title, "description": d}));
    let content = prop_oneof![
        (arb_text(), any::<bool>()).prop_map(|(b, p)| serde_json::json!({"text": {"body": b, "preview_url": p}})),
        (proptest::collection::vec((arb_text(), arb_text()), 0..5), arb_text()).prop_map(|(bs, body)| {
            let bs: Vec<_> = bs.into_iter().map(|(id, t)| serde_json::json!({"id": id, "title": t})).collect();
            serde_json::json!({"buttons": {"body": body, "buttons": bs}})
        }),
        (proptest::collection::vec(proptest::collection::vec(row, 0..6), 0..4), arb_text()).prop_map(|(secs, button)| {
            let secs: Vec<_> = secs.into_iter().map(|rows| serde_json::json!({"title": "S", "rows": rows})).collect();
            serde_json::json!({"list": {"body": "b", "button": button, "sections": secs}})
        }),
        (any::<f64>(), any::<f64>()).prop_map(|(a, b)| serde_json::json!({"location": {"latitude": a, "longitude": b}})),
        (arb_text(), prop_oneof![Just("image"), Just("audio"), Just("sticker"), Just("bogus")], arb_text())
            .prop_map(|(link, kind, cap)| serde_json::json!({"media": {"kind": kind, "link": link, "caption": cap}})),
    ];
    (to, content).prop_map(|(to, mut c)| {
        c["to"] = serde_json::Value::String(to);
        c
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_json_is_a_message_or_a_typed_error(v in arb_message()) {
        match OutboundMessage::from_json(&v.to_string()) {
            Ok(m) => {
                let again = OutboundMessage::from_json(&m.to_json().to_string()).unwrap();
                prop_assert_eq!(again, m);
            }
            Err(Error::InvalidMessage { .. }) | Err(Error::Decode { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected error kind {:?}", other),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(s in "\\PC{0,200}") {
        let _ = OutboundMessage::from_json(&s);
    }
}
