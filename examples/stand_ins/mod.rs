//! How the quickstart, the cross-provider tests and the benchmarks point each provider
//! column (a provider in one hosting) at a loopback stand-in
//! (`switchboard_testkit::StandIn`): its configuration and the documented success answer it
//! gets. Each answer is the `responses.success` of the column's contract expectations file
//! in its adapter crate (`crates/switchboard-<provider>/tests/contract/<column>.json`),
//! without its note.
#![allow(dead_code)]

use serde_json::Value;
use switchboard::Config;
use switchboard_testkit::{StandIn, STAND_IN_KEY};

/// A provider column.
#[derive(Clone, Copy)]
pub struct Column {
    /// The column's name (the capability matrix's column).
    pub name: &'static str,
    /// The configuration (TOML) pointing at `base` with `key`.
    config: fn(&str, &str) -> String,
    /// The provider's documented success answer, as the contract files write answers.
    success: &'static str,
}

/// `99digital` (`crates/switchboard-99digital/tests/contract/99digital.json`).
pub const NINETY_NINE_DIGITAL: Column = Column {
    name: "99digital",
    config: |base, key| {
        format!("provider = \"99digital\"\n\n[99digital]\napi_key = \"{key}\"\nfrom = \"972771234567\"\nbase_url = \"{base}/\"\n")
    },
    success: r#"{"body":{"body":"your message","from":"972507654321","reason":1,"status":"OK","templateTimeLeft":1200,"timestamp":1600115719,"to":"972501234567","unique":"65dfd4r4dref34rdfxd34r"},"message_id":"65dfd4r4dref34rdfxd34r","status":200}"#,
};

/// `360dialog-cloud` (`crates/switchboard-360dialog/tests/contract/360dialog-cloud.json`).
pub const DIALOG360_CLOUD: Column = Column {
    name: "360dialog-cloud",
    config: |base, key| {
        format!("provider = \"360dialog\"\n\n[360dialog]\napi_key = \"{key}\"\nhosting = \"cloud\"\nbase_url = \"{base}\"\n")
    },
    success: r#"{"body":{"contacts":[{"input":"972501234567","wa_id":"972501234567"}],"messages":[{"id":"wamid.HBgMOTcyNTAxMjM0NTY3FQIAERgSQzM2MENPTlRSQUNUVEVTVDAxAA=="}],"messaging_product":"whatsapp"},"message_id":"wamid.HBgMOTcyNTAxMjM0NTY3FQIAERgSQzM2MENPTlRSQUNUVEVTVDAxAA==","status":200}"#,
};

/// `360dialog-on-premise` (`crates/switchboard-360dialog/tests/contract/360dialog-on-premise.json`).
pub const DIALOG360_ON_PREMISE: Column = Column {
    name: "360dialog-on-premise",
    config: |base, key| {
        format!("provider = \"360dialog\"\n\n[360dialog]\napi_key = \"{key}\"\nhosting = \"on-premise\"\nbase_url = \"{base}\"\ntemplate_namespace = \"d8bcb6bd_2ab2_439c_9d9e_947501266c77\"\n")
    },
    success: r#"{"body":{"messages":[{"id":"gBEGkYiEB1VXAglK1ZEqA1YKPrU"}]},"message_id":"gBEGkYiEB1VXAglK1ZEqA1YKPrU","status":200}"#,
};

/// `bird` (`crates/switchboard-bird/tests/contract/bird.json`).
pub const BIRD: Column = Column {
    name: "bird",
    config: |base, key| {
        format!("provider = \"bird\"\n\n[bird]\naccess_key = \"{key}\"\nworkspace_id = \"ws-demo\"\nchannel_id = \"ch-demo\"\nbase_url = \"{base}\"\n")
    },
    success: r#"{"body":{"body":{"text":{"text":"Hello from switchboard"},"type":"text"},"channelId":"8e0b2c4d-6f1a-4b3c-9d5e-7f0a1b2c3d4e","createdAt":"2025-03-30T12:35:00.300Z","direction":"outgoing","id":"0f2c5e8a-3b1d-4c7e-9a26-5d8e1f3a4b6c","lastStatusAt":"2025-03-30T12:35:00.512Z","receiver":{"contacts":[{"id":"c0ffee00-1111-4222-8333-944455556666","identifierKey":"phonenumber","identifierValue":"+972501234567"}]},"reference":"","sender":{"connector":{"id":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d","identifierValue":"+31201234567"}},"status":"accepted","updatedAt":"2025-03-30T12:35:00.512Z"},"message_id":"0f2c5e8a-3b1d-4c7e-9a26-5d8e1f3a4b6c","status":202}"#,
};

/// `meta` (`crates/switchboard-meta/tests/contract/meta.json`).
pub const META: Column = Column {
    name: "meta",
    config: |base, key| {
        format!("provider = \"meta\"\n\n[meta]\naccess_token = \"{key}\"\nphone_number_id = \"106540352242922\"\nbase_url = \"{base}\"\n")
    },
    success: r#"{"body":{"contacts":[{"input":"972501234567","wa_id":"972501234567"}],"messages":[{"id":"wamid.HBgMOTcyNTAxMjM0NTY3FQIAERgSTUVUQUNPTlRSQUNUMDEA"}],"messaging_product":"whatsapp"},"message_id":"wamid.HBgMOTcyNTAxMjM0NTY3FQIAERgSTUVUQUNPTlRSQUNUMDEA","status":200}"#,
};

/// Every column.
pub const ALL: [Column; 5] = [
    NINETY_NINE_DIGITAL,
    DIALOG360_CLOUD,
    DIALOG360_ON_PREMISE,
    BIRD,
    META,
];

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Column {
    /// The configuration (TOML) that points this column at `base`, with `key` as its
    /// credential.
    pub fn config_toml(&self, base: &str, key: &str) -> String {
        (self.config)(base, key)
    }

    /// The documented success answer.
    pub fn success(&self) -> Value {
        serde_json::from_str(self.success).expect("the success answers are JSON")
    }

    /// Starts a stand-in for this column answering its success answer.
    pub async fn stand_in(&self) -> StandIn {
        StandIn::start(&self.success()).await
    }

    /// The configuration pointing at `stand_in`.
    pub fn stand_in_toml(&self, stand_in: &StandIn) -> String {
        self.config_toml(&stand_in.uri(), STAND_IN_KEY)
    }

    /// The configuration pointing at `stand_in`, parsed.
    pub fn stand_in_config(&self, stand_in: &StandIn) -> Config {
        Config::from_toml(&self.stand_in_toml(stand_in)).expect("stand-in config")
    }
}

/// The template catalog of the example configuration (`examples/templates.toml`).
pub const EXAMPLE_TEMPLATES: &str = include_str!("../templates.toml");
