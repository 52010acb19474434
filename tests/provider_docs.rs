//! The provider pages under `docs/providers/` list the adapters' code tables.
//! (The 360dialog check lived in that crate's tests; the docs are the repository's, so it
//! reads them here.)

#![cfg(feature = "360dialog")]

#[test]
fn the_provider_doc_lists_every_code_of_both_tables() {
    let doc = include_str!("../docs/providers/360dialog.md");
    let cloud_part = doc
        .split("### Cloud codes")
        .nth(1)
        .and_then(|s| s.split("### On-Premise codes").next())
        .expect("cloud section");
    let onprem_part = doc
        .split("### On-Premise codes")
        .nth(1)
        .expect("on-premise section");
    for row in switchboard_360dialog::codes::CLOUD_CODES {
        assert!(
            cloud_part.contains(&format!("| {} | {} |", row.code, row.meaning)),
            "Cloud code {} missing from the doc",
            row.code
        );
    }
    for row in switchboard_360dialog::codes::ON_PREMISE_CODES {
        assert!(
            onprem_part.contains(&format!("| {} | {} |", row.code, row.meaning)),
            "On-Premise code {} missing from the doc",
            row.code
        );
    }
}
