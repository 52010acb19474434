//! The contract suite (`switchboard-testkit`) for both 360dialog columns, against a loopback
//! stand-in, with this crate's expectations files `tests/contract/360dialog-cloud.json` and
//! `tests/contract/360dialog-on-premise.json`.

use switchboard_360dialog::Dialog360Adapter;
use switchboard_testkit::contract::{Column, KEY};

mod cloud {
    use super::*;

    switchboard_testkit::contract_suite!(Column::<Dialog360Adapter>::new(
        "360dialog-cloud",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/contract/360dialog-cloud.json"
        ),
        |base, key| serde_json::json!({"api_key": key, "hosting": "cloud", "base_url": base}),
    )
    .header("d360-api-key", KEY));
}

mod on_premise {
    use super::*;

    // The namespace is the example of `docs/providers/reference/360dialog.md` section 3.9:
    // On-Premise templates need one.
    switchboard_testkit::contract_suite!(Column::<Dialog360Adapter>::new(
        "360dialog-on-premise",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/contract/360dialog-on-premise.json"
        ),
        |base, key| serde_json::json!({
            "api_key": key,
            "hosting": "on-premise",
            "base_url": base,
            "template_namespace": "d8bcb6bd_2ab2_439c_9d9e_947501266c77",
        }),
    )
    .header("d360-api-key", KEY));
}
