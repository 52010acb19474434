//! `examples/messages/` (what the README and docs/messages.md point to, and what the CLI
//! commands of the README send) and the copy the test kit embeds for the adapter crates'
//! tests (`switchboard_testkit::messages::EXAMPLES`) are the same files, byte for byte.

use std::collections::BTreeMap;

#[test]
fn the_test_kit_embeds_exactly_the_example_messages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/messages");
    let here: BTreeMap<String, String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let embedded: BTreeMap<String, String> = switchboard_testkit::messages::EXAMPLES
        .iter()
        .map(|m| (m.name.to_string(), m.json.to_string()))
        .collect();
    assert_eq!(
        here, embedded,
        "copy examples/messages/ to crates/switchboard-testkit/example_messages/ and list it in its src/messages.rs"
    );
}
