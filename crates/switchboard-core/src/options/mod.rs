//! Provider-only options, one typed struct per provider.
//!
//! A message may carry options for several providers at once (an application that can be
//! switched between providers by configuration keeps them all); each adapter reads only its
//! own. JSON form: `"options": {"99digital": {...}, "360dialog": {...}, "bird": {...}}`.

mod bird;
mod dialog360;
mod ninety_nine_digital;

pub use bird::BirdOptions;
pub use dialog360::Dialog360Options;
pub use ninety_nine_digital::NinetyNineDigitalOptions;

use serde::{Deserialize, Serialize};

/// Options for each provider; absent ones are `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderOptions {
    /// 99digital options.
    #[serde(rename = "99digital", default, skip_serializing_if = "Option::is_none")]
    pub ninety_nine_digital: Option<NinetyNineDigitalOptions>,
    /// 360dialog options.
    #[serde(rename = "360dialog", default, skip_serializing_if = "Option::is_none")]
    pub dialog360: Option<Dialog360Options>,
    /// Bird options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bird: Option<BirdOptions>,
}

impl ProviderOptions {
    /// Whether no provider has options.
    pub fn is_empty(&self) -> bool {
        self.ninety_nine_digital.is_none() && self.dialog360.is_none() && self.bird.is_none()
    }
}
