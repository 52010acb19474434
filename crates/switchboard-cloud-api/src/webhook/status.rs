//! Delivery statuses: `sent`, `delivered`, `read`, `played`, `failed` (with every entry of
//! `errors[]`), `deleted`; pricing, conversation, callback data, group recipients.

use super::value::Contacts;
use super::{errors, unknown, wire};
use switchboard_core::lenient::{self, LeafOf, Obj, ObjOf, RawValue};
use switchboard_core::{
    Conversation, DeliveryStatus, EventError, InboundEvent, InvalidItem, ItemKind, ItemProblem,
    Pricing, Provider, StatusUpdate,
};

/// The `i`-th status of a value, read from its JSON `raw`, with `attached` errors of the
/// value that concern it.
pub fn parse(
    provider: Provider,
    raw: &RawValue,
    i: usize,
    contacts: &Contacts<'_, '_>,
    attached: Vec<EventError>,
) -> Result<InboundEvent, serde_json::Error> {
    let Obj(s) = lenient::from_raw::<Obj<wire::Status>>(raw)?;
    let s = s.unwrap_or_default();
    let field = |name: &str| format!("statuses[{i}].{name}");
    let id = s.id.string();
    let invalid = |problem: ItemProblem| {
        Ok(InvalidItem::event(
            provider,
            ItemKind::Status,
            id.clone(),
            problem,
            raw,
        ))
    };
    let Some(message_id) = id.clone() else {
        return invalid(ItemProblem::missing(field("id")));
    };
    let status = match s.status.str().unwrap_or_default() {
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "read" => DeliveryStatus::Read,
        "played" => DeliveryStatus::Played,
        "failed" => DeliveryStatus::Failed,
        "deleted" => DeliveryStatus::Deleted,
        other => return Ok(unknown(provider, &format!("status {other:?}"), raw)),
    };
    let timestamp = match lenient::timestamp_field(&s.timestamp, || field("timestamp")) {
        Ok(t) => t,
        Err(problem) => return invalid(problem),
    };
    let conversation = match s.conversation.obj() {
        Some(c) => {
            let at = || field("conversation.expiration_timestamp");
            match lenient::timestamp_field(&c.expiration_timestamp, at) {
                Ok(expires_at) => {
                    let mut conversation = Conversation::default();
                    conversation.id = c.id.string();
                    conversation.origin = c.origin.obj().and_then(|o| o.kind.string());
                    conversation.expires_at = expires_at;
                    Some(conversation)
                }
                Err(problem) => return invalid(problem),
            }
        }
        None => None,
    };
    let mut update = StatusUpdate::new(provider, message_id, status);
    update.recipient = s.recipient_id.string();
    update.recipient_user_id = s.recipient_user_id.string().or_else(|| {
        // The contact of the recipient may name its user id.
        let c = contacts.find(update.recipient.as_deref(), None)?;
        c.user_id.string()
    });
    // A group status names the group in `recipient_id` (`recipient_type: group`), or in
    // `group_id`, and the participant it is about.
    update.group_id = s.group_id.string().or_else(|| {
        (s.recipient_type.str() == Some("group"))
            .then(|| update.recipient.clone())
            .flatten()
    });
    update.participant = s
        .recipient_participant_id
        .string()
        .or_else(|| s.recipient_participant_user_id.string());
    update.timestamp = timestamp;
    update.errors = errors(&s.errors);
    update.errors.extend(attached);
    update.pricing = s.pricing.obj().map(|p| {
        let mut pricing = Pricing::default();
        pricing.billable = p.billable.flag();
        pricing.category = p.category.string();
        pricing.model = p.pricing_model.string();
        pricing.kind = p.kind.string();
        pricing
    });
    update.conversation = conversation;
    update.callback_data = s.biz_opaque_callback_data.string();
    update.raw = raw.into();
    Ok(InboundEvent::Status(update))
}
