//! Configuration: a TOML file with `SWITCHBOARD_*` environment overrides.
//!
//! ```toml
//! provider = "360dialog"          # memory | 99digital | 360dialog | bird
//!
//! [360dialog]
//! api_key = "..."                 # or SWITCHBOARD_360DIALOG_API_KEY
//! hosting = "cloud"               # or "on-premise"
//!
//! [http]                          # optional
//! timeout_ms = 30000
//! ```
//!
//! Every setting can be set or overridden by an environment variable named
//! `SWITCHBOARD_<TABLE>_<KEY>` in upper case (`SWITCHBOARD_BIRD_ACCESS_KEY`,
//! `SWITCHBOARD_HTTP_TIMEOUT_MS`); `SWITCHBOARD_PROVIDER` sets the provider. The file itself
//! is named by `--config` or `SWITCHBOARD_CONFIG`.

pub use crate::webhook::WebhookSettings;
use crate::HttpSettings;
use serde::{Deserialize, Deserializer};
use std::path::Path;
use switchboard_core::settings::{BirdSettings, Dialog360Settings, NinetyNineDigitalSettings};
use switchboard_core::{Error, Provider};

/// The environment variable that names the configuration file.
pub const CONFIG_ENV: &str = "SWITCHBOARD_CONFIG";

/// The tables (as written in TOML) that environment variables may set, with their
/// upper-case prefix.
const TABLES: [(&str, &str); 6] = [
    ("SWITCHBOARD_99DIGITAL_", "99digital"),
    ("SWITCHBOARD_360DIALOG_", "360dialog"),
    ("SWITCHBOARD_BIRD_", "bird"),
    ("SWITCHBOARD_HTTP_", "http"),
    ("SWITCHBOARD_WEBHOOK_", "webhook"),
    ("SWITCHBOARD_RATE_", "rate"),
];

/// The whole configuration.
///
/// `Debug` never shows a secret: keys are [`switchboard_core::SecretString`]s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The provider to send through.
    pub provider: Provider,
    /// The `[99digital]` table.
    #[serde(rename = "99digital", default)]
    pub ninety_nine_digital: Option<NinetyNineDigitalSettings>,
    /// The `[360dialog]` table.
    #[serde(rename = "360dialog", default)]
    pub dialog360: Option<Dialog360Settings>,
    /// The `[bird]` table.
    #[serde(default)]
    pub bird: Option<BirdSettings>,
    /// The `[http]` table.
    #[serde(default)]
    pub http: HttpSettings,
    /// The `[webhook]` table, for the webhook receiver.
    #[serde(default)]
    pub webhook: WebhookSettings,
    /// The `[rate]` table: pacing per provider account ([`crate::Paced`]).
    #[serde(default)]
    pub rate: crate::RatePlan,
    /// The routes to fail over between, in order (`routes = ["360dialog", "bird"]`), each
    /// configured by its own provider table ([`crate::Failover`]). Empty: `provider` alone.
    #[serde(default)]
    pub routes: Vec<Provider>,
}

impl Default for Config {
    /// The embedded default: the memory provider.
    fn default() -> Self {
        Config {
            provider: Provider::Memory,
            ninety_nine_digital: None,
            dialog360: None,
            bird: None,
            http: HttpSettings::default(),
            webhook: WebhookSettings::default(),
            rate: crate::RatePlan::default(),
            routes: Vec::new(),
        }
    }
}

impl Config {
    /// Reads the configuration: the file at `path`, else the file named by
    /// `SWITCHBOARD_CONFIG`, else the memory default; then the process environment's
    /// `SWITCHBOARD_*` overrides.
    pub fn load(path: Option<&Path>) -> Result<Self, Error> {
        let from_env = std::env::var_os(CONFIG_ENV).map(std::path::PathBuf::from);
        let text = match path.map(Path::to_path_buf).or(from_env) {
            Some(p) => std::fs::read_to_string(&p).map_err(|e| {
                Error::configuration(format!(
                    "cannot read configuration file {}: {e}",
                    p.display()
                ))
            })?,
            None => String::from("provider = \"memory\"\n"),
        };
        Self::from_toml_with_env(&text, std::env::vars())
    }

    /// Reads a configuration from TOML text, without environment overrides.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        Self::from_toml_with_env(text, std::iter::empty())
    }

    /// Reads a configuration from TOML text, then applies the `SWITCHBOARD_*` variables
    /// among `env` (other variables are ignored).
    pub fn from_toml_with_env(
        text: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, Error> {
        let mut table: toml::Table = toml::from_str(text)
            .map_err(|e| Error::configuration(format!("invalid TOML: {}", e.message())))?;
        for (name, value) in env {
            if name == "SWITCHBOARD_PROVIDER" {
                table.insert("provider".into(), toml::Value::String(value));
                continue;
            }
            let Some((prefix, section)) = TABLES.iter().find(|(p, _)| name.starts_with(p)) else {
                continue;
            };
            let key = name[prefix.len()..].to_ascii_lowercase();
            if key.is_empty() {
                continue;
            }
            let entry = table
                .entry(section.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            match entry {
                toml::Value::Table(t) => {
                    t.insert(key, toml::Value::String(value));
                }
                _ => return Err(Error::configuration(format!("`{section}` must be a table"))),
            }
        }
        // With routes and no `provider`, the first route is the provider.
        if let (false, Some(toml::Value::Array(routes))) =
            (table.contains_key("provider"), table.get("routes"))
        {
            if let Some(first) = routes.first().cloned() {
                table.insert("provider".into(), first);
            }
        }
        if !table.contains_key("provider") {
            return Err(Error::configuration(
                "missing `provider` (memory, 99digital, 360dialog or bird); set it in the file or SWITCHBOARD_PROVIDER",
            ));
        }
        let config: Config = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| Error::configuration(e.message().to_string()))?;
        config.check_provider_table(config.provider)?;
        for route in &config.routes {
            config.check_provider_table(*route)?;
        }
        config.rate.check()?;
        for route in config.rate.routes.keys() {
            if route.parse::<Provider>().is_err() {
                return Err(Error::configuration(format!(
                    "[rate.{route}] names no provider (memory, 99digital, 360dialog or bird)"
                )));
            }
        }
        config.webhook.validate()?;
        Ok(config)
    }

    /// This configuration with `route` as its provider: what [`crate::Failover`] builds each
    /// route's messenger from.
    pub fn for_route(&self, route: Provider) -> Config {
        Config {
            provider: route,
            routes: Vec::new(),
            ..self.clone()
        }
    }

    fn check_provider_table(&self, provider: Provider) -> Result<(), Error> {
        let present = match provider {
            Provider::NinetyNineDigital => self.ninety_nine_digital.is_some(),
            Provider::Dialog360 => self.dialog360.is_some(),
            Provider::Bird => self.bird.is_some(),
            _ => true,
        };
        if present {
            Ok(())
        } else {
            let name = provider.as_str();
            Err(Error::configuration(format!(
                "provider = \"{name}\" but there is no [{name}] table (nor SWITCHBOARD_{}_* variables)",
                name.to_ascii_uppercase()
            )))
        }
    }
}

/// [`lenient_u64`] for an optional setting.
pub(crate) fn lenient_opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    lenient_u64(d).map(Some)
}

/// Reads an integer written as a TOML integer or as a string (environment overrides are
/// strings).
pub(crate) fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Int(u64),
        Text(String),
    }
    match Either::deserialize(d)? {
        Either::Int(n) => Ok(n),
        Either::Text(s) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("expected a whole number, got {s:?}"))),
    }
}
