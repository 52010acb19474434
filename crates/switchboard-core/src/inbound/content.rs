//! What a user sent.

use crate::model::{Contact, MediaKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a user sent. JSON form: an object with `"type"` naming the kind and the kind's
/// fields beside it (`{"type": "text", "body": "Hi"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InboundContent {
    /// Text.
    Text {
        /// The text.
        body: String,
    },
    /// An image, video, audio, document or sticker.
    Media(InboundMedia),
    /// A tap on a reply button, or on a template's quick-reply button.
    ButtonReply {
        /// The button id (a template button's payload); `None` when the provider gives
        /// none (a quick-reply button sent without payload, 99digital).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The title shown on the button.
        title: String,
    },
    /// A choice from a list.
    ListReply {
        /// The row id; `None` when the provider gives none (99digital).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The row title.
        title: String,
        /// The row description, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// A completed WhatsApp Flow (Cloud API interactive `nfm_reply`).
    FlowReply {
        /// The reply's name (`flow`, `address_message`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The text shown in the chat (`Sent`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
        /// What the user filled in: the `response_json` object, or the text as given when
        /// it is not a JSON object.
        response: Value,
    },
    /// A location.
    Location {
        /// Latitude.
        latitude: f64,
        /// Longitude.
        longitude: f64,
        /// The place's name, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The address, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        /// A link to the place, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
    /// Contact cards.
    Contacts {
        /// The cards.
        contacts: Vec<Contact>,
    },
    /// A reaction to a message; an empty emoji removes it.
    Reaction {
        /// The message reacted to; `None` when the provider does not say (99digital).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message_id: Option<String>,
        /// The emoji.
        emoji: String,
    },
    /// An order from the business's catalog.
    Order {
        /// The catalog.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        catalog_id: Option<String>,
        /// The text the user wrote with the order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        /// The items.
        items: Vec<OrderItem>,
    },
    /// A notice about the user rather than from them: a changed number or user id.
    System {
        /// The provider's kind (`user_changed_number`, `user_changed_user_id`).
        kind: String,
        /// The notice's text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
        /// The user's new phone number (WhatsApp id), for a changed number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        new_wa_id: Option<String>,
        /// The user's new user id, for a changed user id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        new_user_id: Option<String>,
        /// The user's previous user id, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous_user_id: Option<String>,
    },
    /// A message WhatsApp could not pass on; the reason is in [`super::InboundMessage::errors`].
    Unsupported {
        /// The type the user sent, when the provider says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        original_type: Option<String>,
    },
    /// The user edited an earlier message.
    Edit {
        /// The edited message.
        original_message_id: String,
        /// Its new content.
        content: Box<InboundContent>,
    },
    /// The user deleted an earlier message.
    Revoke {
        /// The deleted message.
        original_message_id: String,
    },
    /// A disappearing message, whose content WhatsApp does not pass on.
    Ephemeral,
    /// The user opened the chat for the first time and asks for a welcome message.
    RequestWelcome,
    /// A kind of message the parser does not model.
    Unknown {
        /// The provider's type name for it.
        provider_type: String,
    },
}

/// An image, video, audio, document or sticker a user sent.
///
/// It may carry neither `id` nor `link`: a file the provider did not download
/// (On-Premise `undownloaded`) still has its caption, file name and MIME type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InboundMedia {
    /// The kind.
    pub kind: MediaKind,
    /// The provider's media id, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A URL to fetch it from, when given (a Cloud API `url` needs the provider's
    /// credentials to fetch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The MIME type, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// The file's SHA-256, as the provider wrote it, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The caption, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The file name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Audio recorded as a voice note.
    #[serde(default, skip_serializing_if = "is_false")]
    pub voice: bool,
    /// An animated sticker.
    #[serde(default, skip_serializing_if = "is_false")]
    pub animated: bool,
}

impl InboundMedia {
    /// Media of `kind` with nothing else known yet.
    pub fn new(kind: MediaKind) -> Self {
        InboundMedia {
            kind,
            id: None,
            link: None,
            mime_type: None,
            sha256: None,
            caption: None,
            filename: None,
            voice: false,
            animated: false,
        }
    }
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderItem {
    /// The product's id in the catalog.
    pub product_retailer_id: String,
    /// How many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u64>,
    /// The unit price, in `currency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_price: Option<f64>,
    /// The currency (ISO 4217).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl OrderItem {
    /// An item of product `product_retailer_id`.
    pub fn new(product_retailer_id: impl Into<String>) -> Self {
        OrderItem {
            product_retailer_id: product_retailer_id.into(),
            quantity: None,
            item_price: None,
            currency: None,
        }
    }
}
