//! What the benchmarks share: the adapter of a provider column.

use switchboard::adapter::{Adapter, ConfigurableAdapter};
use switchboard::Config;
use switchboard_360dialog::Dialog360Adapter;
use switchboard_99digital::NinetyNineDigitalAdapter;
use switchboard_bird::BirdAdapter;
use switchboard_workspace::Column;

fn build<A: ConfigurableAdapter>(config: &Config) -> Box<dyn Adapter> {
    Box::new(A::from_table(config.providers.get(A::NAME).unwrap()).unwrap())
}

/// The adapter of `column`, configured as the contract suite configures it.
pub fn adapter(column: Column) -> Box<dyn Adapter> {
    let config =
        Config::from_toml(&column.config_toml("https://provider.invalid", "bench-key")).unwrap();
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
