use serde::{Deserialize, Serialize};

/// Options only 360dialog understands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialog360Options {
    /// On-Premise only: the name of a media provider configured on the client, sent as
    /// `provider: {"name": ...}` beside a media `link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_provider: Option<String>,
    /// On-Premise only: the template namespace of the WhatsApp Business Account (required
    /// for templates on On-Premise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_namespace: Option<String>,
}
