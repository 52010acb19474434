//! The providers the facade knows, compiled in or not, and the `providers!` macro that
//! declares them: one line per provider makes its feature-gated [`crate::AnyMessenger`]
//! variant and its registration (name, settings check, constructor).

use crate::{AnyMessenger, Config, HttpTransport};
use switchboard_core::codes::CodeColumn;
use switchboard_core::{Error, Provider};

/// Reads (checks) a provider's settings from its raw table.
pub(crate) type CheckFn = fn(&serde_json::Value) -> Result<(), Error>;

/// How the facade builds one provider from its raw configuration table.
pub(crate) struct Registration {
    /// The provider's name, which is also its cargo feature.
    pub name: &'static str,
    /// Reads (checks) the settings; `None` when the feature is off.
    pub check: Option<CheckFn>,
    /// The adapter's documented codes; `None` when the feature is off.
    pub codes: Option<fn() -> Vec<CodeColumn>>,
    /// Builds the messenger from the raw table.
    pub build:
        fn(&serde_json::Value, HttpTransport, crate::Portability) -> Result<AnyMessenger, Error>,
}

/// Declares the providers: for each `"name" => Variant(adapter type)`, a variant of
/// [`crate::AnyMessenger`] under `#[cfg(feature = "name")]` and its [`Registration`].
/// The adapter implements [`switchboard_core::ConfigurableAdapter`] with `NAME` equal to
/// `"name"` (a test checks it).
macro_rules! providers {
    ($($name:literal => $variant:ident($adapter:ty)),+ $(,)?) => {
        /// One of the providers compiled in, chosen by configuration. Dispatch is static
        /// (`enum_dispatch`): no boxing, no virtual calls.
        #[enum_dispatch(Messenger, Receive)]
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum AnyMessenger {
            /// The memory provider.
            Memory(MemoryMessenger),
            $(
                #[doc = concat!("The `", $name, "` provider.")]
                #[cfg(feature = $name)]
                $variant(HttpMessenger<$adapter>),
            )+
        }

        pub(crate) static REGISTRY: &[$crate::registry::Registration] = &[
            $(
                $crate::registry::Registration {
                    name: $name,
                    #[cfg(feature = $name)]
                    check: Some(|table| {
                        switchboard_core::settings::parse::<
                            <$adapter as switchboard_core::ConfigurableAdapter>::Settings,
                        >(
                            <$adapter as switchboard_core::ConfigurableAdapter>::NAME,
                            table,
                        )
                        .map(drop)
                    }),
                    #[cfg(not(feature = $name))]
                    check: None,
                    #[cfg(feature = $name)]
                    codes: Some(<$adapter as switchboard_core::ConfigurableAdapter>::documented_codes),
                    #[cfg(not(feature = $name))]
                    codes: None,
                    #[cfg(feature = $name)]
                    build: |table, transport, portability| {
                        let adapter = <$adapter as switchboard_core::ConfigurableAdapter>::from_table(table)?;
                        Ok(AnyMessenger::$variant(
                            HttpMessenger::new(adapter, transport).with_portability(portability),
                        ))
                    },
                    #[cfg(not(feature = $name))]
                    build: |_, _, _| Err($crate::registry::feature_off($name)),
                },
            )+
        ];

        #[cfg(test)]
        #[test]
        fn registered_names_are_the_adapters_names() {
            $(
                #[cfg(feature = $name)]
                assert_eq!(
                    <$adapter as switchboard_core::ConfigurableAdapter>::NAME.as_str(),
                    $name
                );
            )+
        }
    };
}

/// The codes one registered provider documents
/// ([`switchboard_core::ConfigurableAdapter::documented_codes`]).
#[derive(Debug)]
#[non_exhaustive]
pub struct ProviderCodes {
    /// The provider's name (also its cargo feature).
    pub provider: &'static str,
    /// Its columns; `None` when switchboard was built without the provider's feature.
    pub columns: Option<Vec<CodeColumn>>,
}

/// The codes every provider the facade registers documents, in registration order (the
/// `providers!` list in `src/any.rs`), compiled in or not (memory has none). The table of
/// provider codes in `docs/errors.md` is generated from it (`tests/error_codes.rs`).
///
/// ```
/// for provider in switchboard::adapter::documented_codes() {
///     for column in provider.columns.iter().flatten() {
///         for code in &column.codes {
///             println!("{}: {} is {}", column.title, code.code, code.error.kind());
///         }
///     }
/// }
/// ```
pub fn documented_codes() -> Vec<ProviderCodes> {
    crate::any::REGISTRY
        .iter()
        .map(|r| ProviderCodes {
            provider: r.name,
            columns: r.codes.map(|codes| codes()),
        })
        .collect()
}

/// Every provider name the facade knows, `memory` excluded, compiled in or not.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    crate::any::REGISTRY.iter().map(|r| r.name)
}

/// `memory, a, b or c`.
pub(crate) fn names_sentence(last: &str) -> String {
    let mut all: Vec<&str> = std::iter::once(crate::MEMORY.as_str())
        .chain(names())
        .collect();
    let tail = all.pop().unwrap_or_default();
    if all.is_empty() {
        tail.to_string()
    } else {
        format!("{} {last} {tail}", all.join(", "))
    }
}

/// The registration of `provider`, or a configuration error naming the known providers.
pub(crate) fn find(provider: Provider) -> Result<&'static Registration, Error> {
    crate::any::REGISTRY
        .iter()
        .find(|r| r.name == provider.as_str())
        .ok_or_else(|| {
            Error::configuration(format!(
                "unknown provider `{provider}`; expected one of {}",
                names_sentence("or")
            ))
        })
}

/// The error for a provider whose cargo feature is off (unused when every feature is on).
#[allow(dead_code)]
pub(crate) fn feature_off(name: &str) -> Error {
    Error::configuration(format!(
        "provider `{name}` is configured, but switchboard was built without its cargo feature `{name}`; \
         enable it (switchboard = {{ features = [\"{name}\"] }})"
    ))
}

/// Checks a configuration: the provider and each route are known and have their table
/// (memory needs none), and
/// every provider table whose adapter is compiled in reads as that adapter's settings.
pub(crate) fn check(config: &Config) -> Result<(), Error> {
    for provider in std::iter::once(&config.provider).chain(&config.routes) {
        check_selected(config, *provider)?;
    }
    for r in crate::any::REGISTRY {
        if let (Some(check), Some(table)) = (r.check, config.providers.0.get(r.name)) {
            check(table)?;
        }
    }
    Ok(())
}

/// `provider` (the selected one or a route) is known and has its table.
fn check_selected(config: &Config, provider: Provider) -> Result<(), Error> {
    if provider != crate::MEMORY {
        find(provider)?;
        if config.providers.get(provider).is_none() {
            let name = provider.as_str();
            return Err(Error::configuration(format!(
                "provider = \"{name}\" but there is no [{name}] table (nor SWITCHBOARD_{}_* variables)",
                name.to_ascii_uppercase()
            )));
        }
    }
    Ok(())
}
