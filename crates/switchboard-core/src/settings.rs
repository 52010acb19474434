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

/// Checks `raw`, the `base_url` of `[provider]`: an absolute `http://` or `https://` URL with a
/// host, no query, no fragment, no spaces. Returns it trimmed, without a trailing `/`. Any
/// other value is an [`Error::Configuration`] naming `[provider] base_url` and the value (a
/// URL, not a secret), cut to a bounded length.
pub fn base_url(provider: Provider, raw: &str) -> Result<String, Error> {
    let trimmed = raw.trim();
    let bad = |why: &str| {
        Error::configuration(format!(
            "[{provider}] base_url must be an http:// or https:// URL with a host and no query or fragment ({why}), got {}",
            crate::error::describe_text(raw)
        ))
    };
    if trimmed.contains(char::is_whitespace) {
        return Err(bad("it has spaces"));
    }
    let parsed = url::Url::parse(trimmed).map_err(|e| bad(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("wrong scheme"));
    }
    let no_authority =
        !matches!(trimmed.split_once("://"), Some((_, rest)) if !rest.starts_with('/'));
    if no_authority || matches!(parsed.host_str(), None | Some("")) {
        return Err(bad("no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad("a query or fragment"));
    }
    Ok(trimmed.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        let p = Provider::new("acme");
        assert_eq!(
            base_url(p, " https://api.example.com/v2/ ").unwrap(),
            "https://api.example.com/v2"
        );
        for bad in [
            "ftp://x",
            "https://",
            "api.example.com",
            "https://a.b/?k=1",
            "https://a.b/#f",
            "https://a b",
        ] {
            let e = base_url(p, bad).unwrap_err().to_string();
            assert!(e.contains("[acme] base_url"), "{bad}: {e}");
        }
        let long = format!("https://{}", "x".repeat(10_000));
        assert!(
            base_url(p, &format!("{long}?q"))
                .unwrap_err()
                .to_string()
                .len()
                < 400
        );
    }

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
