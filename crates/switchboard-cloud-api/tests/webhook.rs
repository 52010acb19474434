//! Cloud API webhook parsing against real payloads (`tests/webhooks/`, each cited in its
//! `SOURCES.md`): every fixture parses into its expected events (`tests/webhooks/expected/`,
//! `raw` left out and checked here), and the correctness rules hold: the sender's name only
//! from the sender's contact, bad items reported and not accepted, raw JSON kept exactly,
//! every event round-trips through its JSON form.
//!
//! `SWITCHBOARD_BLESS=1` writes missing expectation files (review them).

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use switchboard_cloud_api::webhook::parse;
use switchboard_core::{
    AccountChange, DeliveryStatus, InboundContent, InboundEvent, InboundMessage, ItemKind,
    ItemProblem, Provider, StatusUpdate,
};

const P: Provider = Provider::new("360dialog");

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/webhooks")
}

fn body(name: &str) -> Vec<u8> {
    let path = dir().join(format!("{name}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn events(name: &str) -> Vec<InboundEvent> {
    parse(P, &body(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn input(name: &str) -> Value {
    serde_json::from_slice(&body(name)).expect("fixture JSON")
}

fn messages(name: &str) -> Vec<InboundMessage> {
    events(name)
        .into_iter()
        .map(|e| match e {
            InboundEvent::Message(m) => m,
            other => panic!("{name}: {other:?}"),
        })
        .collect()
}

fn message(name: &str) -> InboundMessage {
    let mut all = messages(name);
    assert_eq!(all.len(), 1, "{name}");
    all.remove(0)
}

fn status(name: &str) -> StatusUpdate {
    match &events(name)[..] {
        [InboundEvent::Status(s)] => s.clone(),
        other => panic!("{name}: {other:?}"),
    }
}

fn without_raw(events: &[InboundEvent]) -> Value {
    let mut v = serde_json::to_value(events).expect("events serialize");
    for e in v.as_array_mut().into_iter().flatten() {
        for inner in e.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            if let Some(o) = inner.as_object_mut() {
                o.remove("raw");
            }
        }
    }
    v
}

#[test]
fn every_fixture_parses_into_its_expected_events_and_round_trips() {
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(dir()).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_stem().and_then(|n| n.to_str()).expect("name");
        let events = events(name);
        // The JSON form of every event reads back to the same event (a journal replays it).
        for e in &events {
            let text = serde_json::to_string(e).expect("serializes");
            let back: InboundEvent = serde_json::from_str(&text).expect("deserializes");
            assert_eq!(&back, e, "{name}");
        }
        let got = without_raw(&events);
        let expected = dir().join("expected").join(format!("{name}.json"));
        if !expected.exists() && std::env::var_os("SWITCHBOARD_BLESS").is_some() {
            let text = serde_json::to_string_pretty(&got).expect("json") + "\n";
            std::fs::write(&expected, text).expect("write");
        }
        let want: Value = std::fs::read(&expected)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Value::Null);
        if want != got {
            failures.push(format!("{name}:\n got {got:#}"));
        }
        count += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 35, "only {count} fixtures");
}

#[test]
fn the_raw_json_of_each_item_is_the_providers_own() {
    let v = input("forwarded");
    for (i, m) in messages("forwarded").iter().enumerate() {
        assert_eq!(m.raw, v["entry"][0]["changes"][0]["value"]["messages"][i]);
    }
    let v = input("status_played");
    assert_eq!(
        status("status_played").raw,
        v["entry"][0]["changes"][0]["value"]["statuses"][0]
    );
    // Account events and unknown fields keep their whole change.
    let v = input("template_status");
    match &events("template_status")[..] {
        [InboundEvent::Account(a)] => assert_eq!(a.raw, v["entry"][0]["changes"][0]),
        other => panic!("{other:?}"),
    }
    let v = input("unmodelled_field");
    match &events("unmodelled_field")[..] {
        [InboundEvent::Unknown(u)] => {
            assert_eq!(u.field.as_deref(), Some("phone_number_name_update"));
            assert_eq!(u.raw, v["entry"][0]["changes"][0]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_sender_name_comes_only_from_the_senders_contact() {
    // The only contact is someone else: no name is borrowed from it.
    let m = message("contact_of_someone_else");
    assert_eq!(m.from, "972987654321");
    assert_eq!(m.sender_name, None);
    // Many messages, many contacts: each gets its own.
    let contacts: Vec<Value> = (0..50)
        .map(|i| json!({"profile": {"name": format!("User {i}")}, "wa_id": format!("9725000000{i:02}")}))
        .collect();
    let msgs: Vec<Value> = (0..50)
        .rev()
        .map(|i| {
            json!({"from": format!("9725000000{i:02}"), "id": format!("wamid.{i}"),
                        "timestamp": "1700000000", "type": "text", "text": {"body": "hi"}})
        })
        .collect();
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "messages", "value": {"contacts": contacts, "messages": msgs}}]}]});
    for e in parse(P, body.to_string().as_bytes()).unwrap() {
        let InboundEvent::Message(m) = e else {
            panic!("{e:?}")
        };
        let i: usize = m.id["wamid.".len()..].parse().unwrap();
        assert_eq!(m.sender_name, Some(format!("User {i}")));
    }
}

#[test]
fn identities_phone_user_id_and_group() {
    // A user with a username and no phone: the user id is the sender.
    let m = message("username_without_from");
    assert_eq!(m.from, "DE.8812345678901234");
    assert_eq!(m.phone(), None);
    assert_eq!(m.user_id.as_deref(), Some("DE.8812345678901234"));
    assert_eq!(m.parent_user_id.as_deref(), Some("DE.ENT.5512345678901234"));
    assert_eq!(m.sender_name.as_deref(), Some("Anna"));
    assert_eq!(m.username.as_deref(), Some("@anna"));
    // Both known: both exposed.
    let m = message("phone_and_user_id");
    assert_eq!(
        (m.phone(), m.user_id.as_deref()),
        (Some("5678"), Some("US.1234"))
    );
    assert_eq!(m.sender_name.as_deref(), Some("Kerry Fisher"));
    let m = message("user_id_in_from");
    assert_eq!((m.from.as_str(), m.phone()), ("US.1234", None));
    // A group message is never a one-to-one chat.
    let m = message("group_message");
    assert!(m.is_group());
    assert_eq!(m.group_id.as_deref(), Some("555555555"));
    assert_eq!(m.from, "250788123123");
    let s = status("status_group");
    assert_eq!(
        s.group_id.as_deref(),
        Some("Y2FwaV9ncm91cDoxODA1NTU1MDE3MjoxMjAzNjMyMjI3NzE5NjMwNjcZD")
    );
    assert_eq!(s.participant.as_deref(), Some("972987654321"));
}

#[test]
fn bad_items_are_reported_one_by_one_and_never_accepted() {
    let events = events("invalid_timestamps");
    assert_eq!(events.len(), 3);
    let problems: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            InboundEvent::Invalid(i) => Some((i.item, i.id.clone(), i.problem.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        problems,
        [
            (
                ItemKind::Message,
                Some("external_id".to_string()),
                ItemProblem::Timestamp {
                    field: "messages[0].timestamp".into(),
                    value: "4 characters: \"asdf\"".into()
                }
            ),
            (
                ItemKind::Message,
                Some("external_id_2".to_string()),
                ItemProblem::Timestamp {
                    field: "messages[1].timestamp".into(),
                    value: "12 characters: \"253402300800\"".into()
                }
            ),
        ]
    );
    assert!(matches!(&events[2], InboundEvent::Message(m) if m.id == "external_id_3"));
    match &self::events("invalid_sender")[..] {
        [InboundEvent::Invalid(i)] => assert_eq!(
            i.problem,
            ItemProblem::Sender {
                field: "messages[0].from".into(),
                value: "3 characters: \"bla\"".into()
            }
        ),
        other => panic!("{other:?}"),
    }
    match &self::events("no_sender")[..] {
        [InboundEvent::Invalid(i)] => {
            assert_eq!(i.problem, ItemProblem::missing("messages[0].from"));
            assert_eq!(
                i.raw,
                input("no_sender")["entry"][0]["changes"][0]["value"]["messages"][0]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_attach_to_what_they_concern() {
    let m = message("value_error_of_a_message");
    assert_eq!(m.errors.len(), 1);
    assert_eq!(m.errors[0].code.as_deref(), Some("131000"));
    assert_eq!(
        m.errors[0].details.as_deref(),
        Some("Unsupported webhook payload")
    );
    match &events("value_errors_only")[..] {
        [InboundEvent::ProviderErrors(r)] => {
            assert_eq!(r.errors.len(), 1);
            assert_eq!(r.errors[0].code.as_deref(), Some("0"));
            assert_eq!(
                r.errors[0].message,
                "We were unable to authenticate the app user"
            );
        }
        other => panic!("{other:?}"),
    }
    let s = status("status_failed_errors");
    assert_eq!(s.status, DeliveryStatus::Failed);
    let codes: Vec<_> = s.errors.iter().map(|e| e.code.as_deref()).collect();
    assert_eq!(codes, [Some("130472"), Some("131026")]);
}

#[test]
fn statuses_carry_pricing_conversation_and_callback_data() {
    let s = status("status_played");
    assert_eq!(s.status, DeliveryStatus::Played);
    assert_eq!(s.callback_data.as_deref(), Some("order-1234"));
    assert_eq!(s.recipient_user_id.as_deref(), Some("DE.8812345678901234"));
    let p = s.pricing.expect("pricing");
    assert_eq!(
        (
            p.billable,
            p.model.as_deref(),
            p.kind.as_deref(),
            p.category.as_deref()
        ),
        (
            Some(true),
            Some("PMP"),
            Some("free_customer_service"),
            Some("service")
        )
    );
    let c = status("status_conversation")
        .conversation
        .expect("conversation");
    assert_eq!(c.origin.as_deref(), Some("service"));
    assert_eq!(
        c.expires_at.map(|t| t.unix_timestamp()),
        Some(1_698_339_900)
    );
}

#[test]
fn account_changes_are_typed() {
    let change = |name: &str| match &events(name)[..] {
        [InboundEvent::Account(a)] => a.change.clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(
        change("template_status"),
        AccountChange::MessageTemplateStatusUpdate {
            event: "APPROVED".into(),
            template_id: Some("12345678".into()),
            template_name: Some("my_message_template".into()),
            language: Some("pt-BR".into()),
            reason: None,
        }
    );
    assert_eq!(
        change("phone_number_quality"),
        AccountChange::PhoneNumberQualityUpdate {
            event: "FLAGGED".into(),
            phone_number: Some("124545784358810".into()),
            current_limit: Some("TIER_10K".into()),
        }
    );
}

#[test]
fn an_entry_with_no_changes_is_reported() {
    match &events("empty_changes")[..] {
        [InboundEvent::Unknown(u)] => {
            assert_eq!(u.reason, "Cloud entry with an empty `changes` array");
            assert_eq!(u.raw, json!({"id": "0", "changes": []}));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn edits_keep_the_new_content_and_flows_their_response() {
    assert_eq!(
        message("edit").content,
        InboundContent::Edit {
            original_message_id: "wamid.zzzzzz".into(),
            content: Box::new(InboundContent::Text {
                body: "Text was edited".into()
            }),
        }
    );
    match message("nfm_reply").content {
        InboundContent::FlowReply { response, .. } => {
            assert_eq!(response["flow_token"], "AQAAAAACS5FpgQ_cAAAAAD0QI3s.")
        }
        other => panic!("{other:?}"),
    }
    match message("nfm_reply_not_an_object").content {
        InboundContent::FlowReply { response, .. } => {
            assert_eq!(response, json!("[\"not\", \"an\", \"object\"]"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn template_buttons_with_and_without_payload_keep_their_text() {
    let contents: Vec<_> = messages("template_button")
        .into_iter()
        .map(|m| m.content)
        .collect();
    assert_eq!(
        contents,
        [
            InboundContent::ButtonReply {
                id: Some("callback_data".into()),
                title: "title".into()
            },
            InboundContent::ButtonReply {
                id: None,
                title: "Stop promotions".into()
            },
        ]
    );
}

/// A delivery of the size that used to block a worker (thousands of messages and contacts,
/// about 1 MB) is read whole, each message with its own contact. Tests never time things:
/// the speed is in `docs/performance.md` (`cargo bench --bench wire`).
#[test]
fn a_large_delivery_is_read_whole() {
    let n = 4000;
    let contacts: Vec<Value> = (0..n)
        .map(|i| json!({"profile": {"name": format!("U{i}")}, "wa_id": format!("97250{i:07}")}))
        .collect();
    let msgs: Vec<Value> = (0..n)
        .map(|i| {
            json!({"from": format!("97250{i:07}"), "id": format!("m{i}"),
                        "timestamp": "1700000000", "type": "text", "text": {"body": "x"}})
        })
        .collect();
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "messages", "value": {"contacts": contacts, "messages": msgs}}]}]});
    let events = parse(P, body.to_string().as_bytes()).unwrap();
    assert_eq!(events.len(), n);
    assert!(events.iter().enumerate().all(|(i, e)| matches!(e,
        InboundEvent::Message(m) if m.sender_name.as_deref() == Some(format!("U{i}").as_str()))));
}

/// The typed read is as lenient and as strict as reading the body into a `Value` was
/// (`docs/webhooks.md`, "How deliveries are read"): a repeated member counts once (the last),
/// a member nobody reads is still checked, and each raw is the provider's own text.
#[test]
fn read_like_a_value_and_raw_kept_as_sent() {
    let envelope = |value: &str| {
        format!(
            r#"{{"object": "whatsapp_business_account", "entry": [{{"id": "1", "changes": [{{"field": "messages", "value": {value}}}]}}]}}"#
        )
    };
    // The last `id` counts; the message's raw is its text, spacing included.
    let message = "{\"id\": \"first\", \"from\": \"972501234567\",\n  \"type\": \"text\", \"text\": {\"body\": \"hi\"}, \"id\": \"second\"}";
    let body = envelope(&format!(r#"{{"messages": [{message}]}}"#));
    match &parse(P, body.as_bytes()).unwrap()[..] {
        [InboundEvent::Message(m)] => {
            assert_eq!(m.id, "second");
            assert_eq!(m.raw.as_str(), message);
        }
        other => panic!("{other:?}"),
    }
    // A lone UTF-16 surrogate or a number past f64 in a member nobody reads: the body is
    // not JSON a `Value` accepts, so it is refused with the `Value` parser's message.
    for unread in [r#""\ud800""#, "1e999"] {
        let body = envelope(&format!(
            r#"{{"metadata": {unread}, "messages": [{{"id": "m", "from": "1", "type": "text", "text": {{"body": "x"}}}}]}}"#
        ));
        let expected = serde_json::from_str::<Value>(&body)
            .unwrap_err()
            .to_string();
        match parse(P, body.as_bytes()) {
            Err(switchboard_core::Error::Decode { message, .. }) => assert_eq!(message, expected),
            other => panic!("{unread}: {other:?}"),
        }
    }
    // An account change keeps its whole change, as sent.
    let change = "{ \"value\": {\"event\": \"APPROVED\", \"message_template_id\": 7},\n \"field\": \"message_template_status_update\" }";
    let body = format!(r#"{{"entry": [{{"id": "1", "changes": [{change}]}}]}}"#);
    match &parse(P, body.as_bytes()).unwrap()[..] {
        [InboundEvent::Account(a)] => assert_eq!(a.raw.as_str(), change),
        other => panic!("{other:?}"),
    }
}
