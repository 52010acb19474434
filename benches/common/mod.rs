//! What the benchmarks share: the adapter of a provider column.

use switchboard::adapter::{Adapter, ConfigurableAdapter};
use switchboard::Config;
use switchboard_360dialog::Dialog360Adapter;
use switchboard_99digital::NinetyNineDigitalAdapter;
use switchboard_bird::BirdAdapter;

#[path = "../../examples/stand_ins/mod.rs"]
pub mod stand_ins;

/// A provider column of the benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    NinetyNineDigital,
    Dialog360Cloud,
    Dialog360OnPremise,
    Bird,
    Meta,
}

impl Column {
    /// Every column.
    pub const ALL: [Column; 5] = [
        Column::NinetyNineDigital,
        Column::Dialog360Cloud,
        Column::Dialog360OnPremise,
        Column::Bird,
        Column::Meta,
    ];

    fn stand_in(self) -> stand_ins::Column {
        match self {
            Column::NinetyNineDigital => stand_ins::NINETY_NINE_DIGITAL,
            Column::Dialog360Cloud => stand_ins::DIALOG360_CLOUD,
            Column::Dialog360OnPremise => stand_ins::DIALOG360_ON_PREMISE,
            Column::Bird => stand_ins::BIRD,
            Column::Meta => stand_ins::META,
        }
    }

    /// The column's name.
    pub fn name(self) -> &'static str {
        self.stand_in().name
    }

    /// The provider's documented success answer.
    #[allow(dead_code)] // benches/wire.rs only
    pub fn success(self) -> serde_json::Value {
        self.stand_in().success()
    }
}

fn build<A: ConfigurableAdapter>(config: &Config) -> Box<dyn Adapter> {
    Box::new(A::from_table(config.providers.get(A::NAME).unwrap()).unwrap())
}

/// The adapter of `column`, configured as the contract suite configures it.
pub fn adapter(column: Column) -> Box<dyn Adapter> {
    let config = Config::from_toml(
        &column
            .stand_in()
            .config_toml("https://provider.invalid", "bench-key"),
    )
    .unwrap();
    match column {
        Column::NinetyNineDigital => build::<NinetyNineDigitalAdapter>(&config),
        Column::Dialog360Cloud | Column::Dialog360OnPremise => build::<Dialog360Adapter>(&config),
        Column::Bird => build::<BirdAdapter>(&config),
        Column::Meta => build::<switchboard_meta::MetaAdapter>(&config),
    }
}

/// `adapter`'s events of a webhook delivery `body`.
pub fn parse_webhook(adapter: &dyn Adapter, body: &[u8]) -> Vec<switchboard::InboundEvent> {
    let w = switchboard::WebhookRequest {
        url: "https://hooks.example.com/",
        headers: &[],
        body,
    };
    adapter.parse_webhook(&w).unwrap()
}

/// A representative real delivery of `column` (a fixture). Not every bench reads one.
#[allow(dead_code)]
pub fn webhook_fixture(column: Column) -> Vec<u8> {
    let rel = match column {
        Column::NinetyNineDigital => "switchboard-99digital/tests/webhooks/batch.json",
        Column::Dialog360Cloud => "switchboard-360dialog/tests/webhooks/cloud/two_entries.json",
        Column::Dialog360OnPremise => {
            "switchboard-360dialog/tests/webhooks/on_premise/reply_text.json"
        }
        Column::Bird => "switchboard-bird/tests/webhooks/inbound_text.json",
        Column::Meta => "switchboard-meta/tests/webhooks/text.json",
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates")
        .join(rel);
    std::fs::read(path).unwrap()
}
