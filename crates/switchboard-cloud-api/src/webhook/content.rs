//! What a message holds, by its `type`: text, media, interactive replies (buttons, lists,
//! Flows), template quick replies, location, contacts, reactions, orders, system notices,
//! unsupported messages, edits, revokes, ephemeral messages, welcome requests. A type the
//! parser does not know, or whose object lacks what it needs, is
//! [`InboundContent::Unknown`] with the type's name (and an interactive reply's sub-type).

use super::{id_text, text};
use serde_json::Value;
use switchboard_core::{InboundContent, InboundMedia, MediaKind, OrderItem};

/// The content of message `m`.
pub fn of(m: &Value) -> InboundContent {
    let kind = m.get("type").and_then(Value::as_str).unwrap_or_default();
    known(kind, m).unwrap_or_else(|| InboundContent::Unknown {
        provider_type: match (kind, interactive_type(m)) {
            ("interactive", Some(sub)) => format!("interactive.{sub}"),
            _ => kind.to_string(),
        },
    })
}

fn interactive_type(m: &Value) -> Option<&str> {
    m.get("interactive")?.get("type")?.as_str()
}

/// The content of a message of type `kind`, `None` when the kind is unknown or its object
/// lacks a required field.
fn known(kind: &str, m: &Value) -> Option<InboundContent> {
    let obj = m.get(kind).filter(|o| o.is_object());
    Some(match kind {
        "text" => InboundContent::Text {
            body: text(obj?, "body")?,
        },
        "image" | "video" | "audio" | "voice" | "document" | "sticker" => {
            InboundContent::Media(media(kind, obj?))
        }
        "interactive" => interactive(obj?)?,
        // A template's quick-reply button: `payload` is what the template send set, when it
        // set one; `text` is the label (`docs/providers/reference/360dialog.md` section 7.4).
        "button" => {
            let o = obj?;
            let (id, title) = (text(o, "payload"), text(o, "text"));
            if id.is_none() && title.is_none() {
                return None;
            }
            InboundContent::ButtonReply {
                id,
                title: title.unwrap_or_default(),
            }
        }
        "location" => {
            let o = obj?;
            InboundContent::Location {
                latitude: degrees(o.get("latitude")?)?,
                longitude: degrees(o.get("longitude")?)?,
                name: text(o, "name"),
                address: text(o, "address"),
                url: text(o, "url"),
            }
        }
        "contacts" => InboundContent::Contacts {
            contacts: super::contacts::parse(m.get("contacts")?.as_array()?),
        },
        "reaction" => {
            let o = obj?;
            InboundContent::Reaction {
                message_id: Some(text(o, "message_id")?),
                emoji: text(o, "emoji").unwrap_or_default(),
            }
        }
        "order" => {
            let o = obj?;
            InboundContent::Order {
                catalog_id: id_text(o, "catalog_id"),
                text: text(o, "text").filter(|t| !t.is_empty()),
                items: o
                    .get("product_items")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(order_item)
                    .collect(),
            }
        }
        "system" => {
            let o = obj?;
            InboundContent::System {
                kind: text(o, "type").unwrap_or_default(),
                body: text(o, "body"),
                // `new_wa_id` is the name before Graph v12.
                new_wa_id: text(o, "wa_id").or_else(|| id_text(o, "new_wa_id")),
                new_user_id: text(o, "user_id"),
                previous_user_id: text(o, "previous_user_id"),
            }
        }
        // Both names are in Meta's schema (`UnsupportedMessage`); the reason is in `errors`.
        "unsupported" | "unknown" => InboundContent::Unsupported {
            original_type: obj.and_then(|o| text(o, "type")),
        },
        "edit" => {
            let o = obj?;
            let edited = o.get("message")?;
            let edited_kind = edited.get("type").and_then(Value::as_str)?;
            InboundContent::Edit {
                original_message_id: text(o, "original_message_id")?,
                content: Box::new(known(edited_kind, edited)?),
            }
        }
        "revoke" => InboundContent::Revoke {
            original_message_id: text(obj?, "original_message_id")?,
        },
        "ephemeral" => InboundContent::Ephemeral,
        "request_welcome" => InboundContent::RequestWelcome,
        _ => return None,
    })
}

/// Media of type `kind` (On-Premise `voice` is audio recorded as a voice note). Neither id
/// nor link is required: a file the provider did not download keeps its caption, file name
/// and MIME type.
fn media(kind: &str, o: &Value) -> InboundMedia {
    let mut media = InboundMedia::new(match kind {
        "image" => MediaKind::Image,
        "video" => MediaKind::Video,
        "document" => MediaKind::Document,
        "sticker" => MediaKind::Sticker,
        _ => MediaKind::Audio,
    });
    media.id = id_text(o, "id");
    media.link = text(o, "link").or_else(|| text(o, "url"));
    media.mime_type = text(o, "mime_type");
    media.sha256 = text(o, "sha256");
    media.caption = text(o, "caption");
    media.filename = text(o, "filename");
    media.voice = kind == "voice" || o.get("voice").and_then(Value::as_bool) == Some(true);
    media.animated = o.get("animated").and_then(Value::as_bool) == Some(true);
    media
}

fn interactive(o: &Value) -> Option<InboundContent> {
    Some(match o.get("type").and_then(Value::as_str)? {
        "button_reply" => {
            let r = o.get("button_reply")?;
            InboundContent::ButtonReply {
                id: Some(text(r, "id")?),
                title: text(r, "title").unwrap_or_default(),
            }
        }
        "list_reply" => {
            let r = o.get("list_reply")?;
            InboundContent::ListReply {
                id: Some(text(r, "id")?),
                title: text(r, "title").unwrap_or_default(),
                description: text(r, "description"),
            }
        }
        // A completed Flow: `response_json` is a JSON text; parsed when it is an object,
        // kept as the text otherwise.
        "nfm_reply" => {
            let r = o.get("nfm_reply")?;
            let response = match r.get("response_json") {
                Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
                    Ok(v @ Value::Object(_)) => v,
                    _ => Value::String(s.clone()),
                },
                Some(other) => other.clone(),
                None => Value::Null,
            };
            InboundContent::FlowReply {
                name: text(r, "name"),
                body: text(r, "body"),
                response,
            }
        }
        _ => return None,
    })
}

fn order_item(i: &Value) -> Option<OrderItem> {
    let mut item = OrderItem::new(id_text(i, "product_retailer_id")?);
    item.quantity = match i.get("quantity") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    item.item_price = i.get("item_price").and_then(number);
    item.currency = text(i, "currency");
    Some(item)
}

use switchboard_core::json::float as number;

/// A latitude or longitude sent as a number or a string.
fn degrees(v: &Value) -> Option<f64> {
    number(v)
}
