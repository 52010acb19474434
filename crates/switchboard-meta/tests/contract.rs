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
