//! A user's message and the attributes any message may carry.

use super::RawJson;
use super::{EventError, InboundContent};
use crate::Provider;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A message from a user.
///
/// Who sent it: [`from`](Self::from) is always set, to the phone number when the provider
/// gives one, else to the provider-scoped user id (a user who hides their number behind a
/// username). [`user_id`](Self::user_id) holds that id whenever the provider gives it, so
/// when both are known both are here. A message written in a group names the group in
/// [`group_id`](Self::group_id); `from` is then the participant who wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InboundMessage {
    /// The provider that delivered it.
    pub provider: Provider,
    /// The provider's id of the message.
    pub id: String,
    /// WhatsApp's own id of the message (`wamid.…`), when the provider's `id` is another one
    /// (Bird's `parts[].platformReference`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp_id: Option<String>,
    /// The sender: phone digits as the provider gave them (E.164 for Bird), or the user id
    /// when the provider gives no number.
    pub from: String,
    /// The sender's provider-scoped user id (Cloud API `from_user_id`, 99digital `from_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The sender's parent user id, shared across an enterprise's portfolios (Cloud API
    /// `from_parent_user_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_user_id: Option<String>,
    /// The sender's display name, from the contact whose id is the sender's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// The sender's WhatsApp username, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The group the message was written in; `None` for a one-to-one chat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// When the message was sent, when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub timestamp: Option<OffsetDateTime>,
    /// The provider's id of the message this one quotes or answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The user forwarded it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub forwarded: bool,
    /// It has been forwarded many times (WhatsApp's "frequently forwarded").
    #[serde(default, skip_serializing_if = "is_false")]
    pub frequently_forwarded: bool,
    /// The ad or post the user tapped to write (a click-to-WhatsApp referral).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<Referral>,
    /// Minutes left in the customer-service window, when the provider says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_minutes_left: Option<u32>,
    /// What the user sent.
    pub content: InboundContent,
    /// Errors the provider reported about this message (an `unsupported` message's
    /// reason, a delivery-level error that concerns it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<EventError>,
    /// The provider's JSON for this message.
    pub raw: RawJson,
}

impl InboundMessage {
    /// A message with only the required parts; set the others on the result.
    ///
    /// ```
    /// use switchboard_core::{InboundContent, InboundMessage, Provider};
    /// let mut m = InboundMessage::new(
    ///     Provider::new("acme"),
    ///     "incoming-1",
    ///     "972501234567",
    ///     InboundContent::Text { body: "Where is my order?".into() },
    /// );
    /// m.sender_name = Some("Anna".into());
    /// assert_eq!(m.phone(), Some("972501234567"));
    /// ```
    pub fn new(
        provider: Provider,
        id: impl Into<String>,
        from: impl Into<String>,
        content: InboundContent,
    ) -> Self {
        InboundMessage {
            provider,
            id: id.into(),
            whatsapp_id: None,
            from: from.into(),
            user_id: None,
            parent_user_id: None,
            sender_name: None,
            username: None,
            group_id: None,
            timestamp: None,
            reply_to: None,
            forwarded: false,
            frequently_forwarded: false,
            referral: None,
            window_minutes_left: None,
            content,
            errors: Vec::new(),
            raw: RawJson::null(),
        }
    }

    /// The sender's phone number when the provider gave one (`from` when it is digits,
    /// with or without a leading `+`), `None` when `from` is a user id.
    pub fn phone(&self) -> Option<&str> {
        is_phone(&self.from).then_some(self.from.as_str())
    }

    /// True for a message written in a group.
    pub fn is_group(&self) -> bool {
        self.group_id.is_some()
    }
}

/// Digits, with an optional leading `+`.
pub(crate) fn is_phone(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The ad or post a user tapped before writing (a click-to-WhatsApp referral).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Referral {
    /// The ad's or post's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    /// `ad` or `post`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// The URL that leads to the ad or post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The ad's headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// The ad's body text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `image` or `video`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The ad's image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// The ad's video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    /// The ad video's thumbnail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    /// The click id (Cloud API `ctwa_clid`), for attributing conversions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub click_id: Option<String>,
}
