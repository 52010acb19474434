//! Which provider a value belongs to: an open identifier, its name.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Mutex;

/// A messaging provider, identified by its name (`"99digital"`, `"360dialog"`, `"bird"`,
/// `"memory"`, or any adapter crate's own).
///
/// Core names no provider: each adapter crate declares its own constant with
/// [`Provider::new`] (`switchboard_bird::PROVIDER`). The name is what configuration files,
/// the message JSON form's `options` object, errors and events use; a `Provider` serializes
/// as that string.
///
/// ```
/// use switchboard_core::Provider;
/// const ACME: Provider = Provider::new("acme");
/// assert_eq!(ACME.to_string(), "acme");
/// assert_eq!(serde_json::to_string(&ACME).unwrap(), "\"acme\"");
/// let read: Provider = serde_json::from_str("\"acme\"").unwrap();
/// assert_eq!(read, ACME);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Provider(&'static str);

/// Names read at run time (from JSON or configuration), kept once each so `Provider` stays
/// `Copy`. Bounded: at most [`Provider::MAX_NAMES`] distinct names per process.
static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

impl Provider {
    /// The longest name accepted at run time, in bytes.
    pub const MAX_NAME_LEN: usize = 64;
    /// How many distinct names a process reads at run time at the most.
    pub const MAX_NAMES: usize = 256;

    /// The provider called `name`: for an adapter's own constant.
    pub const fn new(name: &'static str) -> Self {
        Provider(name)
    }

    /// The provider's name as written in configuration (`"99digital"`, ...).
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The provider called `name`, read at run time. A name is 1 to
    /// [`Provider::MAX_NAME_LEN`] ASCII letters, digits, `-`, `_` or `.`; anything else (or
    /// more than [`Provider::MAX_NAMES`] distinct names) is an [`crate::Error::Configuration`].
    pub fn parse(name: &str) -> Result<Self, crate::Error> {
        let ok = !name.is_empty()
            && name.len() <= Self::MAX_NAME_LEN
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !ok {
            return Err(crate::Error::configuration(format!(
                "provider name must be 1 to {} letters, digits, '-', '_' or '.', got {}",
                Self::MAX_NAME_LEN,
                crate::error::describe_text(name)
            )));
        }
        let mut names = NAMES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(known) = names.iter().find(|n| **n == name) {
            return Ok(Provider(known));
        }
        if names.len() >= Self::MAX_NAMES {
            return Err(crate::Error::configuration(format!(
                "more than {} distinct provider names read",
                Self::MAX_NAMES
            )));
        }
        let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.push(kept);
        Ok(Provider(kept))
    }
}

impl fmt::Debug for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Provider({:?})", self.0)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::str::FromStr for Provider {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::parse(s)
    }
}

impl Serialize for Provider {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Provider {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Provider::parse(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_at_run_time_equal_constants_and_are_checked() {
        const BIRD: Provider = Provider::new("bird");
        assert_eq!("bird".parse::<Provider>().unwrap(), BIRD);
        assert_eq!(serde_json::from_str::<Provider>("\"bird\"").unwrap(), BIRD);
        assert!("".parse::<Provider>().is_err());
        assert!("has space".parse::<Provider>().is_err());
        let long = "x".repeat(Provider::MAX_NAME_LEN + 1);
        let e = long.parse::<Provider>().unwrap_err().to_string();
        assert!(e.len() < 300, "{e}");
    }
}
