//! The contract suite (`switchboard-testkit`) for the 99digital column, against a loopback
//! stand-in, with this crate's expectations file `tests/contract/99digital.json`.

use switchboard_99digital::NinetyNineDigitalAdapter;
use switchboard_testkit::contract::Column;

switchboard_testkit::contract_suite!(Column::<NinetyNineDigitalAdapter>::new(
    "99digital",
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/99digital.json"),
    |base, key| serde_json::json!({"api_key": key, "from": "972771234567", "base_url": format!("{base}/")}),
));
