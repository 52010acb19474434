//! The embedded message lists are exactly the files of this crate's `cases/`, `past_limit/`
//! and `example_messages/`, byte for byte, and every case and example is a valid message.

use std::collections::BTreeMap;
use switchboard_testkit::messages::{Message, CASES, EXAMPLES, PAST_LIMIT};

fn files(dir: &str) -> BTreeMap<String, String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn listed(messages: &[Message]) -> BTreeMap<String, String> {
    messages
        .iter()
        .map(|m| (m.name.to_string(), m.json.to_string()))
        .collect()
}

#[test]
fn every_file_is_listed_and_nothing_else() {
    assert_eq!(listed(CASES), files("cases"));
    assert_eq!(listed(PAST_LIMIT), files("past_limit"));
    assert_eq!(listed(EXAMPLES), files("example_messages"));
    assert_eq!(CASES.len(), 32);
    assert_eq!(PAST_LIMIT.len(), 10);
    assert_eq!(EXAMPLES.len(), 12);
}

#[test]
fn lists_are_in_name_order() {
    for list in [CASES, PAST_LIMIT, EXAMPLES] {
        assert!(list.windows(2).all(|w| w[0].name < w[1].name));
    }
}

#[test]
fn cases_and_examples_are_valid_and_past_limits_name_their_limit() {
    for m in CASES.iter().chain(EXAMPLES) {
        m.parse().unwrap_or_else(|e| panic!("{}: {e}", m.name));
    }
    for m in PAST_LIMIT {
        match m.parse() {
            Err(switchboard::Error::InvalidMessage { field, limit, .. }) => {
                assert!(!field.is_empty() && !limit.is_empty(), "{}", m.name)
            }
            other => panic!("{}: {other:?}", m.name),
        }
    }
}
