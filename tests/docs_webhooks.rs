//! Every JSON example of an event in `docs/webhooks.md` ("Every event, as JSON") reads into
//! an `InboundEvent` and writes back to JSON that reads into the same event: the documented
//! form is the real one.

use switchboard::InboundEvent;

#[test]
fn every_documented_event_reads_and_round_trips() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/webhooks.md");
    let doc = std::fs::read_to_string(path).expect("docs/webhooks.md");
    let section = doc
        .split_once("## Every event, as JSON")
        .expect("the examples section")
        .1;
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut kinds = std::collections::BTreeSet::new();
    let mut count = 0;
    for block in section.split("```json\n").skip(1) {
        let json = block.split("```").next().expect("closed block");
        let event: InboundEvent =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}:\n{json}"));
        let again: InboundEvent =
            serde_json::from_value(serde_json::to_value(&event).unwrap()).unwrap();
        assert_eq!(again, event);
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        kinds.insert(v.as_object().unwrap().keys().next().unwrap().clone());
        count += 1;
    }
    assert!(count >= 30, "only {count} examples");
    // Every kind of event is shown.
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "account",
            "interaction",
            "invalid",
            "message",
            "provider_errors",
            "status",
            "unknown"
        ]
    );
}
