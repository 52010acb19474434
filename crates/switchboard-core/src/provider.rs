//! Which provider a value belongs to.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A messaging provider switchboard can talk to.
///
/// The serialized names (`memory`, `99digital`, `360dialog`, `bird`) are the ones used in
/// configuration files, in the message JSON form's `options` object and in error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Provider {
    /// The in-memory provider: records messages, sends nothing.
    #[serde(rename = "memory")]
    Memory,
    /// 99digital's WhatsApp API v2.
    #[serde(rename = "99digital")]
    NinetyNineDigital,
    /// 360dialog, Cloud API (v2) hosting.
    #[serde(rename = "360dialog")]
    Dialog360,
    /// Bird's Channels API.
    #[serde(rename = "bird")]
    Bird,
}

impl Provider {
    /// The provider's name as written in configuration (`"99digital"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Provider::Memory => "memory",
            Provider::NinetyNineDigital => "99digital",
            Provider::Dialog360 => "360dialog",
            Provider::Bird => "bird",
        }
    }

    /// Every provider, in the order the documentation lists them.
    pub const ALL: [Provider; 4] = [
        Provider::Memory,
        Provider::NinetyNineDigital,
        Provider::Dialog360,
        Provider::Bird,
    ];
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Provider {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                crate::Error::configuration(format!(
                    "unknown provider `{s}`; expected one of memory, 99digital, 360dialog, bird"
                ))
            })
    }
}
