//! The contract suite (`switchboard-testkit`) for the Bird column, against a loopback
//! stand-in, with this crate's expectations file `tests/contract/bird.json`.

use switchboard_bird::BirdAdapter;
use switchboard_testkit::contract::{Column, KEY};

switchboard_testkit::contract_suite!(Column::<BirdAdapter>::new(
    "bird",
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/bird.json"),
    |base, key| serde_json::json!({
        "access_key": key,
        "workspace_id": "ws-demo",
        "channel_id": "ch-demo",
        "base_url": base,
    }),
)
.header("authorization", format!("AccessKey {KEY}")));
