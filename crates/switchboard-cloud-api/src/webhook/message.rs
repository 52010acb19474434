//! A user's message: who sent it (phone, user id, group), when, what it answers, its
//! forwarding flags, referral and errors. What it holds is read in [`super::content`].

use super::value::Contacts;
use super::{content, errors, wire};
use switchboard_core::lenient::{self, LeafOf, Obj, ObjOf, RawValue};
use switchboard_core::{
    EventError, InboundContent, InboundEvent, InboundMessage, InvalidItem, ItemKind, ItemProblem,
    Provider, Referral,
};

/// The `i`-th message of a value, read from its JSON `raw`, with `attached` errors of the
/// value that concern it.
pub fn parse(
    provider: Provider,
    raw: &RawValue,
    i: usize,
    contacts: &Contacts<'_, '_>,
    attached: Vec<EventError>,
) -> Result<InboundEvent, serde_json::Error> {
    let Obj(m) = lenient::from_raw::<Obj<wire::Message>>(raw)?;
    let m = m.unwrap_or_default();
    let field = |name: &str| format!("messages[{i}].{name}");
    let id = m.id.string();
    let invalid = |problem: ItemProblem| {
        Ok(InvalidItem::event(
            provider,
            ItemKind::Message,
            id.clone(),
            problem,
            raw,
        ))
    };
    let Some(message_id) = id.clone() else {
        return invalid(ItemProblem::missing(field("id")));
    };
    let content = content::of(&m);
    // A user who adopted a username may come without `from`: the user id is the sender.
    let phone_or_id = m.from.str();
    let mut user_id = m.from_user_id.string();
    if let Some(from) = phone_or_id {
        if let Err(problem) = ItemProblem::check_sender_at(from, || field("from")) {
            return invalid(problem);
        }
    }
    let from = match phone_or_id.map(str::to_owned).or_else(|| user_id.clone()) {
        Some(from) => from,
        None => match system_sender(&content) {
            Some(from) => from,
            None => return invalid(ItemProblem::missing(field("from"))),
        },
    };
    let timestamp = match lenient::timestamp_field(&m.timestamp, || field("timestamp")) {
        Ok(t) => t,
        Err(problem) => return invalid(problem),
    };
    // The sender's name comes only from the contact whose id is the sender's.
    let contact = contacts.find(phone_or_id, user_id.as_deref());
    let mut parent_user_id = m.from_parent_user_id.string();
    let (mut sender_name, mut username) = (None, None);
    if let Some(c) = contact {
        let profile = c.profile.obj();
        sender_name = profile.and_then(|p| p.name.string());
        username = profile.and_then(|p| p.username.string());
        user_id = user_id.or_else(|| c.user_id.string());
        parent_user_id = parent_user_id.or_else(|| c.parent_user_id.string());
    }
    let mut message = InboundMessage::new(provider, message_id, from, content);
    message.user_id = user_id;
    message.parent_user_id = parent_user_id;
    message.sender_name = sender_name;
    message.username = username;
    message.group_id = m.group_id.string();
    message.timestamp = timestamp;
    if let Some(c) = &m.context {
        let c = c.0.as_ref();
        message.reply_to = c.and_then(|c| c.id.string());
        message.forwarded = c.and_then(|c| c.forwarded.flag()) == Some(true);
        message.frequently_forwarded = c.and_then(|c| c.frequently_forwarded.flag()) == Some(true);
    }
    message.referral = m.referral.obj().map(referral);
    message.errors = errors(&m.errors);
    message.errors.extend(attached);
    message.raw = raw.into();
    Ok(InboundEvent::Message(message))
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

fn referral(r: &wire::Referral) -> Referral {
    let mut out = Referral::default();
    out.source_id = r.source_id.string();
    out.source_type = r.source_type.string();
    out.source_url = r.source_url.string();
    out.headline = r.headline.string();
    out.body = r.body.string();
    out.media_type = r.media_type.string();
    out.image_url = r.image_url.string();
    out.video_url = r.video_url.string();
    out.thumbnail_url = r.thumbnail_url.string();
    out.click_id = r.ctwa_clid.string();
    out
}
