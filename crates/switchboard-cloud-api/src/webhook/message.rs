//! Inbound messages: text, media, interactive replies, legacy template `button`
//! replies, location, contacts, reactions, anything else as `Unknown`.

use super::{text, unknown};
use serde_json::Value;
use switchboard_core::{
    unix_timestamp, InboundContent, InboundEvent, InboundMedia, InboundMessage, MediaKind, Provider,
};

/// `(wa_id, display name)` of each entry of `contacts`.
pub fn profiles(v: &Value) -> Vec<(String, Option<String>)> {
    super::array(v, "contacts")
        .filter_map(|c| {
            let wa_id = text(c, "wa_id")?;
            let name = c.get("profile").and_then(|p| text(p, "name"));
            Some((wa_id, name))
        })
        .collect()
}

pub fn parse(provider: Provider, m: &Value, profiles: &[(String, Option<String>)]) -> InboundEvent {
    let (Some(id), Some(from)) = (text(m, "id"), text(m, "from")) else {
        return unknown(provider, "message without id or from", m);
    };
    let sender_name = profiles
        .iter()
        .find(|(wa_id, _)| *wa_id == from)
        .or(match profiles {
            [only] => Some(only),
            _ => None,
        })
        .and_then(|(_, name)| name.clone());
    let mut message = InboundMessage::new(provider, id, from, content(m));
    message.sender_name = sender_name;
    message.timestamp = m.get("timestamp").and_then(unix_timestamp);
    message.reply_to = m.get("context").and_then(|c| text(c, "id"));
    message.raw = m.clone();
    InboundEvent::Message(message)
}

fn content(m: &Value) -> InboundContent {
    let kind = m.get("type").and_then(Value::as_str).unwrap_or_default();
    known(kind, m).unwrap_or_else(|| InboundContent::Unknown {
        provider_type: kind.to_string(),
    })
}

/// The content of a message of type `kind`, `None` when the kind is unknown or its object
/// lacks a required field.
fn known(kind: &str, m: &Value) -> Option<InboundContent> {
    let obj = m.get(kind);
    Some(match kind {
        "text" => InboundContent::Text {
            body: text(obj?, "body")?,
        },
        "image" | "video" | "audio" | "voice" | "document" | "sticker" => {
            let o = obj?;
            if text(o, "id").is_none() && text(o, "link").is_none() {
                return None;
            }
            let mut media = InboundMedia::new(match kind {
                "image" => MediaKind::Image,
                "video" => MediaKind::Video,
                "document" => MediaKind::Document,
                "sticker" => MediaKind::Sticker,
                _ => MediaKind::Audio,
            });
            media.id = text(o, "id");
            media.link = text(o, "link");
            media.mime_type = text(o, "mime_type");
            media.caption = text(o, "caption");
            media.filename = text(o, "filename");
            InboundContent::Media(media)
        }
        "interactive" => {
            let o = obj?;
            match o.get("type").and_then(Value::as_str)? {
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
                _ => return None,
            }
        }
        "button" => {
            let o = obj?;
            InboundContent::ButtonReply {
                id: Some(text(o, "payload")?),
                title: text(o, "text").unwrap_or_default(),
            }
        }
        "location" => {
            let o = obj?;
            InboundContent::Location {
                latitude: degrees(o.get("latitude")?)?,
                longitude: degrees(o.get("longitude")?)?,
                name: text(o, "name"),
                address: text(o, "address"),
                url: None,
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
        _ => return None,
    })
}

/// A latitude or longitude sent as a number or a string.
fn degrees(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|d: &f64| d.is_finite())
}
