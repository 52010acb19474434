//! The contract suite (`switchboard-testkit`) for the Meta column, against a loopback
//! stand-in, with this crate's expectations file `tests/contract/meta.json`.

use switchboard_meta::MetaAdapter;
use switchboard_testkit::contract::{Column, KEY};

switchboard_testkit::contract_suite!(Column::<MetaAdapter>::new(
    "meta",
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/meta.json"),
    |base, key| serde_json::json!({
        "access_token": key,
        "phone_number_id": "106540352242922",
        "base_url": base,
    }),
)
.header("authorization", format!("Bearer {KEY}")));

/// The test kit's throughput stand-in (`switchboard_testkit::loopback`) answers Meta's
/// documented success, the one of this column's expectations file.
#[test]
fn the_loopback_stand_in_answers_the_documented_success() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/contract/meta.json"
    ))
    .unwrap();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let loopback: serde_json::Value =
        serde_json::from_str(switchboard_testkit::loopback::META_SUCCESS_BODY).unwrap();
    assert_eq!(loopback, file["responses"]["success"]["body"]);
}
