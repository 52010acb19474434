use serde::{Deserialize, Serialize};

/// Options only 99digital understands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NinetyNineDigitalOptions {
    /// `localStorage` on `sendFile`: have 99digital keep a copy of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_storage: Option<bool>,
    /// `showRequest`: have 99digital echo the request in its answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_request: Option<bool>,
    /// The numeric `language` of `sendTemplate` (1 he, 2 en, ...), sent only when set: the
    /// reference marks this field unverified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_language: Option<u8>,
}
