use serde::{Deserialize, Serialize};

/// Options only 360dialog understands.
///
/// JSON form: `"options": {"360dialog": {"media_provider": "my-cdn"}}`. Both options exist
/// only on the On-Premise API; the Cloud adapter refuses a message that carries them with
/// `Error::Unsupported` rather than sending a different body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialog360Options {
    /// On-Premise only: the name of a media provider configured on the client, sent as
    /// `provider: {"name": ...}` beside a media `link` (for links that need basic or bearer
    /// authentication). Only on a media message given by link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_provider: Option<String>,
    /// On-Premise only: the template namespace of the WhatsApp Business Account, sent as
    /// `template.namespace`. Required for templates on On-Premise, unless the settings
    /// give a default (`[360dialog] template_namespace`). Only on a template message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_namespace: Option<String>,
}
