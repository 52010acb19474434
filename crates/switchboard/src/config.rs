//! Configuration: a TOML file with `SWITCHBOARD_*` environment overrides.
//!
//! ```toml
//! provider = "360dialog"          # memory or any provider compiled in
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
//! `SWITCHBOARD_HTTP_TIMEOUT_MS`); `SWITCHBOARD_PROVIDER` sets the provider and
//! `SWITCHBOARD_FIDELITY` the fidelity policy (`exact` or `degrade`). The file itself
//! is named by `--config` or `SWITCHBOARD_CONFIG`.

use crate::registry;
pub use crate::webhook::WebhookSettings;
use crate::HttpSettings;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use switchboard_core::portability::{Fidelity, TemplateCatalog};
use switchboard_core::{Error, Provider};

/// The environment variable that names the configuration file.
pub const CONFIG_ENV: &str = "SWITCHBOARD_CONFIG";

/// The tables of [`Config`] that are not a provider's (typed by the facade). Environment
/// variables `SWITCHBOARD_<TABLE>_<KEY>` may set their keys, as they may any provider's.
const TYPED_TABLES: &[&str] = &["http", "webhook", "rate"];

/// The whole configuration: the provider to send through, each provider's table (kept raw
/// and read by that provider's adapter), and the facade's own typed tables.
///
/// `Debug` never shows a secret: provider tables print their keys only, and typed secrets are
/// [`switchboard_core::SecretString`]s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The provider to send through (`memory` or a provider compiled in).
    pub provider: Provider,
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
    /// Each provider's table (`[99digital]`, `[360dialog]`, `[bird]`, ...), raw; the
    /// provider's adapter reads it when the messenger is built.
    #[serde(skip)]
    pub providers: ProviderTables,
    /// `fidelity = "exact"` (the default: refuse what the provider cannot carry) or
    /// `"degrade"` (send the closest faithful form and report each change); see
    /// [`switchboard_core::portability`]. A send may override it
    /// ([`crate::Messenger::send_with`]).
    #[serde(default)]
    pub fidelity: Fidelity,
    /// The `[templates]` catalog: how each provider addresses a template and maps its
    /// parameters ([`TemplateCatalog`]).
    #[serde(default)]
    pub templates: TemplateCatalog,
}

/// The raw provider tables of a configuration, by provider name. `Debug` shows table names
/// and keys, never values.
#[derive(Clone, Default, PartialEq)]
pub struct ProviderTables(pub(crate) BTreeMap<String, serde_json::Value>);

impl ProviderTables {
    /// The raw table of `provider`, if the configuration has one.
    pub fn get(&self, provider: Provider) -> Option<&serde_json::Value> {
        self.0.get(provider.as_str())
    }

    /// Sets the raw table of `provider` (a JSON object of its keys).
    pub fn insert(&mut self, provider: Provider, table: serde_json::Value) {
        self.0.insert(provider.as_str().to_string(), table);
    }

    /// The names of the providers that have a table.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

impl fmt::Debug for ProviderTables {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, table) in &self.0 {
            let keys: Vec<&str> = table
                .as_object()
                .map(|t| t.keys().map(String::as_str).collect())
                .unwrap_or_default();
            map.entry(name, &keys);
        }
        map.finish()
    }
}

impl Default for Config {
    /// The embedded default: the memory provider.
    fn default() -> Self {
        Config {
            provider: crate::MEMORY,
            http: HttpSettings::default(),
            webhook: WebhookSettings::default(),
            rate: crate::RatePlan::default(),
            routes: Vec::new(),
            providers: ProviderTables::default(),
            fidelity: Fidelity::Exact,
            templates: TemplateCatalog::default(),
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
    ///
    /// Every provider table whose adapter is compiled in is read by that adapter's settings
    /// parser, so a mistyped key is reported even for a provider not selected.
    pub fn from_toml_with_env(
        text: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, Error> {
        let mut table: toml::Table = toml::from_str(text)
            .map_err(|e| Error::configuration(format!("invalid TOML: {}", e.message())))?;
        apply_env(&mut table, env)?;
        // With routes and no `provider`, the first route is the provider.
        if let (false, Some(toml::Value::Array(routes))) =
            (table.contains_key("provider"), table.get("routes"))
        {
            if let Some(first) = routes.first().cloned() {
                table.insert("provider".into(), first);
            }
        }
        if !table.contains_key("provider") {
            return Err(Error::configuration(format!(
                "missing `provider` ({}); set it in the file or SWITCHBOARD_PROVIDER",
                registry::names_sentence("or")
            )));
        }
        let mut providers = ProviderTables::default();
        for name in registry::names() {
            if let Some(raw) = table.remove(name) {
                let json = serde_json::to_value(&raw)
                    .map_err(|e| Error::configuration(format!("[{name}] cannot be read: {e}")))?;
                if !json.is_object() {
                    return Err(Error::configuration(format!("`{name}` must be a table")));
                }
                providers.0.insert(name.to_string(), json);
            }
        }
        let mut config: Config = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| Error::configuration(e.message().to_string()))?;
        config.providers = providers;
        registry::check(&config)?;
        config.webhook.validate()?;
        config.rate.check()?;
        for route in config.rate.routes.keys() {
            let known = route
                .parse::<Provider>()
                .is_ok_and(|p| p == crate::MEMORY || registry::names().any(|n| n == p.as_str()));
            if !known {
                return Err(Error::configuration(format!(
                    "[rate.{route}] names no provider ({})",
                    registry::names_sentence("or")
                )));
            }
        }
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

    /// The settings of `provider`'s table read as `S` (its adapter's settings type), `None`
    /// when the configuration has no such table.
    ///
    /// ```
    /// # #[cfg(feature = "bird")] {
    /// use switchboard::Config;
    /// use switchboard_bird::BirdSettings;
    /// let c = Config::from_toml("provider = \"bird\"\n[bird]\naccess_key = \"k\"\nworkspace_id = \"w\"\nchannel_id = \"c\"\n")?;
    /// let bird: BirdSettings = c.settings(switchboard_bird::PROVIDER)?.expect("present");
    /// assert_eq!(bird.channel_id, "c");
    /// # }
    /// # Ok::<(), switchboard::Error>(())
    /// ```
    pub fn settings<S: DeserializeOwned>(&self, provider: Provider) -> Result<Option<S>, Error> {
        self.providers
            .get(provider)
            .map(|t| switchboard_core::settings::parse(provider, t))
            .transpose()
    }
}

/// Applies `SWITCHBOARD_PROVIDER` and `SWITCHBOARD_<TABLE>_<KEY>` variables to `table`. A
/// table is any provider's (compiled in or not), a typed one, or one the file has; the
/// longest matching name wins.
fn apply_env(
    table: &mut toml::Table,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<(), Error> {
    let mut names: Vec<String> = registry::names()
        .chain(TYPED_TABLES.iter().copied())
        .map(str::to_string)
        .chain(
            table
                .iter()
                .filter(|(_, v)| v.is_table())
                .map(|(k, _)| k.clone()),
        )
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    for (name, value) in env {
        if name == "SWITCHBOARD_PROVIDER" {
            table.insert("provider".into(), toml::Value::String(value));
            continue;
        }
        if name == "SWITCHBOARD_FIDELITY" {
            table.insert("fidelity".into(), toml::Value::String(value));
            continue;
        }
        let Some(rest) = name.strip_prefix("SWITCHBOARD_") else {
            continue;
        };
        let Some((section, key)) = names.iter().find_map(|n| {
            let upper = n.to_ascii_uppercase();
            rest.strip_prefix(&upper)
                .and_then(|r| r.strip_prefix('_'))
                .map(|key| (n, key))
        }) else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        let entry = table
            .entry(section.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        match entry {
            toml::Value::Table(t) => {
                t.insert(key.to_ascii_lowercase(), toml::Value::String(value));
            }
            _ => return Err(Error::configuration(format!("`{section}` must be a table"))),
        }
    }
    Ok(())
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
