//! Template messages: pre-approved messages that may be sent outside the 24-hour window.

use super::Header;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The body parameters of a template, positional (`{{1}}`, `{{2}}`) or named (`{{first_name}}`).
///
/// JSON form: an array (`["Anna", "#1234"]`) for positional, an object
/// (`{"first_name": "Anna"}`) for named parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TemplateParams {
    /// `{{1}}`, `{{2}}`, ... in order.
    Positional(Vec<String>),
    /// `{{name}}` parameters by name.
    Named(BTreeMap<String, String>),
}

impl Default for TemplateParams {
    fn default() -> Self {
        TemplateParams::Positional(Vec::new())
    }
}

impl TemplateParams {
    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        match self {
            TemplateParams::Positional(v) => v.is_empty(),
            TemplateParams::Named(m) => m.is_empty(),
        }
    }

    /// How many parameters there are.
    pub fn len(&self) -> usize {
        match self {
            TemplateParams::Positional(v) => v.len(),
            TemplateParams::Named(m) => m.len(),
        }
    }
}

/// The parameter of one template button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TemplateButtonParam {
    /// A quick-reply button: `payload` comes back in the webhook when tapped.
    QuickReply {
        /// The payload.
        payload: String,
    },
    /// A dynamic URL button: `text` is appended to the URL approved with the template.
    Url {
        /// The URL suffix.
        text: String,
    },
}

/// A parameter for the template button at position `index` (0-based).
///
/// JSON form: `{"index": 0, "type": "quick_reply", "payload": "TRACK_1234"}` or
/// `{"index": 1, "type": "url", "text": "1234"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateButton {
    /// The button's 0-based position in the approved template.
    pub index: u8,
    /// Its parameter.
    #[serde(flatten)]
    pub param: TemplateButtonParam,
}

/// A template message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The template's name (for Bird: the Studio project id).
    pub name: String,
    /// The language code (`en_US`, `he`); for Bird: the locale.
    pub language: String,
    /// The header parameter: a media header, or the value of a text header's variable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Header>,
    /// Body parameters.
    #[serde(default, skip_serializing_if = "TemplateParams::is_empty")]
    pub body: TemplateParams,
    /// Button parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<TemplateButton>,
}

impl Template {
    /// A template with no parameters.
    pub fn new(name: impl Into<String>, language: impl Into<String>) -> Self {
        Template {
            name: name.into(),
            language: language.into(),
            header: None,
            body: TemplateParams::default(),
            buttons: Vec::new(),
        }
    }
}
