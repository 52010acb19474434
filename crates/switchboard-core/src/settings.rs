//! Reading an adapter's settings from its raw configuration table.
//!
//! Core names no provider: each adapter crate owns its settings type and reads it from its
//! own table (`[bird]`, `[360dialog]`, ...) with [`parse`], which the facade calls through
//! [`crate::ConfigurableAdapter`]. Errors name the table and the key; values are never
//! echoed (a key may be a secret). Secrets are [`SecretString`]s: their `Debug` shows
//! `[REDACTED]`.
//!
//! ```
//! use serde::Deserialize;
//! use switchboard_core::settings::{self, SecretString};
//! use switchboard_core::Provider;
//!
//! #[derive(Deserialize)]
//! #[serde(deny_unknown_fields)]
//! struct AcmeSettings { api_key: SecretString }
//! const ACME: Provider = Provider::new("acme");
//!
//! let table = serde_json::json!({"api_key": 1234567});
//! let err = settings::parse::<AcmeSettings>(ACME, &table).err().unwrap().to_string();
//! assert!(err.contains("[acme] api_key") && !err.contains("1234567"), "{err}");
//! let err = settings::parse::<AcmeSettings>(ACME, &serde_json::json!({"api_kee": "x"}))
//!     .err().unwrap().to_string();
//! assert!(err.contains("api_kee"), "{err}");
//! ```

use crate::{Error, Provider};
pub use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads `S` from `table`, the raw `[provider]` table. A missing, unknown or mistyped key is
/// an [`Error::Configuration`] naming `[provider] <key>` and the rule, never the value.
pub fn parse<S: DeserializeOwned>(provider: Provider, table: &Value) -> Result<S, Error> {
    serde_path_to_error::deserialize::<_, S>(table).map_err(|e| {
        let path = e.path().to_string();
        let reason = without_values(&e.inner().to_string());
        let at = if path == "." || path.is_empty() {
            String::new()
        } else {
            format!(" {path}")
        };
        Error::configuration(format!("[{provider}]{at}: {reason}"))
    })
}

/// serde's reason with the offending value left out: `invalid type: integer `5`, expected a
/// string` becomes `invalid type: integer, expected a string`. Unknown-field and
/// missing-field reasons (which name keys, not values) are kept.
fn without_values(reason: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = reason.strip_prefix(prefix) {
            let expected = rest.find(", expected").map(|i| &rest[i..]).unwrap_or("");
            let what = rest.split([' ', ',']).next().unwrap_or("value");
            return format!("{prefix}{what} (value not shown){expected}");
        }
    }
    let cut: String = reason.chars().take(200).collect();
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_left_out_of_reasons() {
        assert_eq!(
            without_values("invalid type: integer `123456`, expected a string"),
            "invalid type: integer (value not shown), expected a string"
        );
        assert_eq!(
            without_values("invalid value: string \"moon\", expected cloud or on-premise"),
            "invalid value: string (value not shown), expected cloud or on-premise"
        );
        assert_eq!(
            without_values("unknown field `acess_key`, expected one of `access_key`"),
            "unknown field `acess_key`, expected one of `access_key`"
        );
    }
}
