//! Provider-only options, carried per provider name as raw JSON objects.
//!
//! A message may carry options for several providers at once (an application that can be
//! switched between providers by configuration keeps them all); each adapter parses only its
//! own, with its own typed options struct, and refuses unknown keys. JSON form:
//! `"options": {"99digital": {...}, "360dialog": {...}, "bird": {...}}`.
//!
//! ```
//! use serde::Deserialize;
//! use switchboard_core::{Error, OutboundMessage, Provider};
//!
//! #[derive(Deserialize)]
//! #[serde(deny_unknown_fields)]
//! struct AcmeOptions { priority: u8 }
//! const ACME: Provider = Provider::new("acme");
//!
//! let m = OutboundMessage::from_json(
//!     r#"{"to": "+972501234567", "text": {"body": "Hi"}, "options": {"acme": {"priority": 2}}}"#,
//! )?;
//! let options: AcmeOptions = m.options.parse(ACME)?.expect("present");
//! assert_eq!(options.priority, 2);
//!
//! let typo = OutboundMessage::from_json(
//!     r#"{"to": "+972501234567", "text": {"body": "Hi"}, "options": {"acme": {"priorty": 2}}}"#,
//! )?;
//! let err = typo.options.parse::<AcmeOptions>(ACME).err().unwrap();
//! assert!(matches!(err, Error::InvalidMessage { ref field, .. } if field == "options.acme"));
//! # Ok::<(), Error>(())
//! ```

use crate::{Error, Provider};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Options per provider name, each a JSON object that the provider's adapter parses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProviderOptions(BTreeMap<String, Map<String, Value>>);

impl ProviderOptions {
    /// Whether no provider has options.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The raw options of `provider`, if the message carries any.
    pub fn get(&self, provider: Provider) -> Option<&Map<String, Value>> {
        self.0.get(provider.as_str())
    }

    /// The provider names that have options.
    pub fn providers(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Sets the options of `provider` to `options` (a struct that serializes to a JSON
    /// object). Anything else is an [`Error::InvalidMessage`] naming `options.<provider>`.
    pub fn set(&mut self, provider: Provider, options: &impl Serialize) -> Result<(), Error> {
        let field = format!("options.{provider}");
        match serde_json::to_value(options) {
            Ok(Value::Object(map)) => {
                self.0.insert(provider.as_str().to_string(), map);
                Ok(())
            }
            Ok(other) => Err(Error::invalid(
                field,
                "a JSON object",
                crate::error::describe_text(&other.to_string()),
            )),
            Err(e) => Err(Error::invalid(
                field,
                "serializable options",
                crate::error::describe_text(&e.to_string()),
            )),
        }
    }

    /// Removes the options of `provider`.
    pub fn remove(&mut self, provider: Provider) {
        self.0.remove(provider.as_str());
    }

    /// The options of `provider` parsed as `T`, `None` when the message carries none. A key
    /// `T` does not know, or a value of the wrong type, is an [`Error::InvalidMessage`]
    /// naming `options.<provider>` and serde's reason (cut to a bounded length).
    pub fn parse<T: DeserializeOwned>(&self, provider: Provider) -> Result<Option<T>, Error> {
        let Some(raw) = self.get(provider) else {
            return Ok(None);
        };
        T::deserialize(Value::Object(raw.clone()))
            .map(Some)
            .map_err(|e| {
                Error::invalid(
                    format!("options.{provider}"),
                    format!("the options {provider} knows"),
                    crate::error::describe_text(&e.to_string()),
                )
            })
    }
}
