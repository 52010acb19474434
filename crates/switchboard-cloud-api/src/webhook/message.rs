//! A user's message: who sent it (phone, user id, group), when, what it answers, its
//! forwarding flags, referral and errors. What it holds is read in [`super::content`].

use super::value::{profile, Contacts};
use super::{content, errors, text};
use serde_json::Value;
use switchboard_core::{
    timestamp_field, EventError, InboundContent, InboundEvent, InboundMessage, InvalidItem,
    ItemKind, ItemProblem, Provider, Referral,
};

/// The `i`-th message of a value, with `attached` errors of the value that concern it.
pub fn parse(
    provider: Provider,
    m: Value,
    i: usize,
    contacts: &Contacts<'_>,
    attached: Vec<EventError>,
) -> InboundEvent {
    let field = |name: &str| format!("messages[{i}].{name}");
    let id = text(&m, "id");
    let invalid = |problem: ItemProblem, raw: Value| {
        InvalidItem::event(provider, ItemKind::Message, id.clone(), problem, raw)
    };
    let Some(message_id) = id.clone() else {
        return invalid(ItemProblem::missing(field("id")), m);
    };
    let content = content::of(&m);
    // A user who adopted a username may come without `from`: the user id is the sender.
    let phone_or_id = text(&m, "from");
    let mut user_id = text(&m, "from_user_id");
    if let Some(from) = &phone_or_id {
        if let Err(problem) = ItemProblem::check_sender(&field("from"), from) {
            return invalid(problem, m);
        }
    }
    let from = match phone_or_id.clone().or_else(|| user_id.clone()) {
        Some(from) => from,
        None => match system_sender(&content) {
            Some(from) => from,
            None => return invalid(ItemProblem::missing(field("from")), m),
        },
    };
    let timestamp = match timestamp_field(m.get("timestamp"), &field("timestamp")) {
        Ok(t) => t,
        Err(problem) => return invalid(problem, m),
    };
    // The sender's name comes only from the contact whose id is the sender's.
    let contact = contacts.find(phone_or_id.as_deref(), user_id.as_deref());
    let mut parent_user_id = text(&m, "from_parent_user_id");
    let (mut sender_name, mut username) = (None, None);
    if let Some(c) = contact {
        (sender_name, username) = profile(c);
        user_id = user_id.or_else(|| text(c, "user_id"));
        parent_user_id = parent_user_id.or_else(|| text(c, "parent_user_id"));
    }
    let mut message = InboundMessage::new(provider, message_id, from, content);
    message.user_id = user_id;
    message.parent_user_id = parent_user_id;
    message.sender_name = sender_name;
    message.username = username;
    message.group_id = text(&m, "group_id");
    message.timestamp = timestamp;
    if let Some(c) = m.get("context") {
        message.reply_to = text(c, "id");
        message.forwarded = c.get("forwarded").and_then(Value::as_bool) == Some(true);
        message.frequently_forwarded =
            c.get("frequently_forwarded").and_then(Value::as_bool) == Some(true);
    }
    message.referral = m.get("referral").filter(|r| r.is_object()).map(referral);
    message.errors = errors(m.get("errors"));
    message.errors.extend(attached);
    message.raw = m;
    InboundEvent::Message(message)
}

/// A system notice may name no sender: the user it is about is known by its new user id.
fn system_sender(content: &InboundContent) -> Option<String> {
    match content {
        InboundContent::System {
            new_user_id: Some(id),
            ..
        } => Some(id.clone()),
        _ => None,
    }
}

fn referral(r: &Value) -> Referral {
    let mut out = Referral::default();
    out.source_id = text(r, "source_id");
    out.source_type = text(r, "source_type");
    out.source_url = text(r, "source_url");
    out.headline = text(r, "headline");
    out.body = text(r, "body");
    out.media_type = text(r, "media_type");
    out.image_url = text(r, "image_url");
    out.video_url = text(r, "video_url");
    out.thumbnail_url = text(r, "thumbnail_url");
    out.click_id = text(r, "ctwa_clid");
    out
}
