//! What a message holds, by its `type`: text, media, interactive replies (buttons, lists,
//! Flows), template quick replies, location, contacts, reactions, orders, system notices,
//! unsupported messages, edits, revokes, ephemeral messages, welcome requests. A type the
//! parser does not know, or whose object lacks what it needs, is
//! [`InboundContent::Unknown`] with the type's name (and an interactive reply's sub-type).

use super::wire::{self, Message};
use serde_json::Value;
use switchboard_core::lenient::{Leaf, LeafOf, ObjOf, SeqOf};
use switchboard_core::{InboundContent, InboundMedia, MediaKind, OrderItem};

/// The content of message `m`.
pub fn of(m: &Message) -> InboundContent {
    let kind = m.kind.str().unwrap_or_default();
    known(kind, m).unwrap_or_else(|| InboundContent::Unknown {
        provider_type: match (kind, interactive_type(m)) {
            ("interactive", Some(sub)) => format!("interactive.{sub}"),
            _ => kind.to_string(),
        },
    })
}

fn interactive_type<'m>(m: &'m Message) -> Option<&'m str> {
    m.interactive.obj()?.kind.str()
}

/// The content of a message of type `kind`, `None` when the kind is unknown or its object
/// lacks a required field.
fn known(kind: &str, m: &Message) -> Option<InboundContent> {
    Some(match kind {
        "text" => InboundContent::Text {
            body: m.text.obj()?.body.string()?,
        },
        "image" => InboundContent::Media(media(kind, m.image.obj()?)),
        "video" => InboundContent::Media(media(kind, m.video.obj()?)),
        "audio" => InboundContent::Media(media(kind, m.audio.obj()?)),
        "voice" => InboundContent::Media(media(kind, m.voice.obj()?)),
        "document" => InboundContent::Media(media(kind, m.document.obj()?)),
        "sticker" => InboundContent::Media(media(kind, m.sticker.obj()?)),
        "interactive" => interactive(m.interactive.obj()?)?,
        // A template's quick-reply button: `payload` is what the template send set, when it
        // set one; `text` is the label (`docs/providers/reference/360dialog.md` section 7.4).
        "button" => {
            let o = m.button.obj()?;
            let (id, title) = (o.payload.string(), o.text.string());
            if id.is_none() && title.is_none() {
                return None;
            }
            InboundContent::ButtonReply {
                id,
                title: title.unwrap_or_default(),
            }
        }
        "location" => {
            let o = m.location.obj()?;
            InboundContent::Location {
                latitude: degrees(o.latitude.as_ref()?)?,
                longitude: degrees(o.longitude.as_ref()?)?,
                name: o.name.string(),
                address: o.address.string(),
                url: o.url.string(),
            }
        }
        "contacts" => InboundContent::Contacts {
            contacts: super::contacts::parse(m.contacts.array()?),
        },
        "reaction" => {
            let o = m.reaction.obj()?;
            InboundContent::Reaction {
                message_id: Some(o.message_id.string()?),
                emoji: o.emoji.string().unwrap_or_default(),
            }
        }
        "order" => {
            let o = m.order.obj()?;
            InboundContent::Order {
                catalog_id: o.catalog_id.text(),
                text: o.text.string().filter(|t| !t.is_empty()),
                items: o
                    .product_items
                    .items()
                    .iter()
                    .filter_map(|i| order_item(i.0.as_ref()?))
                    .collect(),
            }
        }
        "system" => {
            let o = m.system.obj()?;
            InboundContent::System {
                kind: o.kind.string().unwrap_or_default(),
                body: o.body.string(),
                // `new_wa_id` is the name before Graph v12.
                new_wa_id: o.wa_id.string().or_else(|| o.new_wa_id.text()),
                new_user_id: o.user_id.string(),
                previous_user_id: o.previous_user_id.string(),
            }
        }
        // Both names are in Meta's schema (`UnsupportedMessage`); the reason is in `errors`.
        "unsupported" | "unknown" => {
            let o = if kind == "unknown" {
                &m.unknown
            } else {
                &m.unsupported
            };
            InboundContent::Unsupported {
                original_type: o.obj().and_then(|o| o.kind.string()),
            }
        }
        "edit" => {
            let o = m.edit.obj()?;
            let edited = o.message.obj()?;
            let edited_kind = edited.kind.str()?;
            InboundContent::Edit {
                original_message_id: o.original_message_id.string()?,
                content: Box::new(known(edited_kind, edited)?),
            }
        }
        "revoke" => InboundContent::Revoke {
            original_message_id: m.revoke.obj()?.original_message_id.string()?,
        },
        "ephemeral" => InboundContent::Ephemeral,
        "request_welcome" => InboundContent::RequestWelcome,
        _ => return None,
    })
}

/// Media of type `kind` (On-Premise `voice` is audio recorded as a voice note). Neither id
/// nor link is required: a file the provider did not download keeps its caption, file name
/// and MIME type.
fn media(kind: &str, o: &wire::Media) -> InboundMedia {
    let mut media = InboundMedia::new(match kind {
        "image" => MediaKind::Image,
        "video" => MediaKind::Video,
        "document" => MediaKind::Document,
        "sticker" => MediaKind::Sticker,
        _ => MediaKind::Audio,
    });
    media.id = o.id.text();
    media.link = o.link.string().or_else(|| o.url.string());
    media.mime_type = o.mime_type.string();
    media.sha256 = o.sha256.string();
    media.caption = o.caption.string();
    media.filename = o.filename.string();
    media.voice = kind == "voice" || o.voice.flag() == Some(true);
    media.animated = o.animated.flag() == Some(true);
    media
}

fn interactive(o: &wire::Interactive) -> Option<InboundContent> {
    Some(match o.kind.str()? {
        "button_reply" => {
            let r = o.button_reply.obj()?;
            InboundContent::ButtonReply {
                id: Some(r.id.string()?),
                title: r.title.string().unwrap_or_default(),
            }
        }
        "list_reply" => {
            let r = o.list_reply.obj()?;
            InboundContent::ListReply {
                id: Some(r.id.string()?),
                title: r.title.string().unwrap_or_default(),
                description: r.description.string(),
            }
        }
        // A completed Flow: `response_json` is a JSON text; parsed when it is an object,
        // kept as the text otherwise. Any value counts as the reply, even one that is no
        // object (then without name, body or response).
        "nfm_reply" => {
            let none = wire::FlowReply::default();
            let r = o.nfm_reply.as_ref()?.0.as_ref().unwrap_or(&none);
            let response = match &r.response_json {
                Some(Leaf::Str(s)) => match serde_json::from_str::<Value>(s) {
                    Ok(v @ Value::Object(_)) => v,
                    _ => Value::String(s.to_string()),
                },
                Some(other) => other.to_value(),
                None => Value::Null,
            };
            InboundContent::FlowReply {
                name: r.name.string(),
                body: r.body.string(),
                response,
            }
        }
        _ => return None,
    })
}

fn order_item(i: &wire::OrderItem) -> Option<OrderItem> {
    let mut item = OrderItem::new(i.product_retailer_id.text()?);
    item.quantity = match &i.quantity {
        Some(Leaf::Number(n)) => n.as_u64(),
        Some(Leaf::Str(s)) => s.trim().parse().ok(),
        _ => None,
    };
    item.item_price = i.item_price.as_ref().and_then(Leaf::float);
    item.currency = i.currency.string();
    Some(item)
}

/// A latitude or longitude sent as a number or a string.
fn degrees(v: &Leaf) -> Option<f64> {
    v.float()
}
