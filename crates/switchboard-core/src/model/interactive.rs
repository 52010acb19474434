//! Interactive content: reply buttons, a call-to-action button, lists.

use super::Media;
use crate::PhoneNumber;
use serde::{Deserialize, Serialize};

/// The header of an interactive or template message.
///
/// JSON form: `{"text": "Appointment"}` or `{"media": {"kind": "image", "link": "…"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Header {
    /// A text header (at most 60 characters).
    Text(String),
    /// An image, video or document header.
    Media(Media),
}

/// One quick-reply button: the id comes back in the reply webhook, the title is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyButton {
    /// Your id for the button (at most 256 characters), echoed back when tapped.
    pub id: String,
    /// The label shown (1 to 20 characters).
    pub title: String,
}

impl ReplyButton {
    /// A button with `id` and `title`.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        ReplyButton {
            id: id.into(),
            title: title.into(),
        }
    }
}

/// A message with 1 to 3 quick-reply buttons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Buttons {
    /// The message text (1 to 1024 characters).
    pub body: String,
    /// The buttons, 1 to 3, ids and titles unique.
    pub buttons: Vec<ReplyButton>,
    /// An optional text or media header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Header>,
    /// An optional footer (at most 60 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
}

/// Where a call-to-action button leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CtaTarget {
    /// Opens a web page.
    Url(String),
    /// Starts a phone call.
    Phone(PhoneNumber),
    /// Writes an e-mail.
    Email(String),
}

/// A message with one call-to-action button (open a URL, call a number, write an e-mail).
///
/// JSON form: `{"body": "…", "label": "Track", "url": "https://…"}` with exactly one of
/// `url`, `phone` and `email`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallToAction {
    /// The message text (1 to 1024 characters).
    pub body: String,
    /// The button label (1 to 20 characters).
    pub label: String,
    /// Where the button leads.
    #[serde(flatten)]
    pub target: CtaTarget,
    /// An optional text or media header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Header>,
    /// An optional footer (at most 60 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
}

/// One row of a list: the id comes back in the reply webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRow {
    /// Your id for the row (at most 200 characters, unique in the list).
    pub id: String,
    /// The row title (1 to 24 characters).
    pub title: String,
    /// An optional description (at most 72 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl ListRow {
    /// A row with `id` and `title`.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        ListRow {
            id: id.into(),
            title: title.into(),
            description: None,
        }
    }

    /// Sets the description.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// A titled group of rows in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSection {
    /// The section title (at most 24 characters; required when there are several sections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The rows, at least one.
    pub rows: Vec<ListRow>,
}

/// A list message: a button that opens a menu of sections and rows (10 rows at most in all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// The message text (1 to 1024 characters).
    pub body: String,
    /// The label of the button that opens the list (1 to 20 characters).
    pub button: String,
    /// The sections, 1 to 10.
    pub sections: Vec<ListSection>,
    /// An optional text header (at most 60 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// An optional footer (at most 60 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
}
