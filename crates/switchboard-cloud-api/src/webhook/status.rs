//! Delivery statuses: `sent`, `delivered`, `read`, `played`, `failed` (with every entry of
//! `errors[]`), `deleted`; pricing, conversation, callback data, group recipients.

use super::value::Contacts;
use super::{errors, text, unknown};
use serde_json::Value;
use switchboard_core::{
    timestamp_field, Conversation, DeliveryStatus, EventError, InboundEvent, InvalidItem, ItemKind,
    ItemProblem, Pricing, Provider, StatusUpdate,
};

/// The `i`-th status of a value, with `attached` errors of the value that concern it.
pub fn parse(
    provider: Provider,
    s: Value,
    i: usize,
    contacts: &Contacts<'_>,
    attached: Vec<EventError>,
) -> InboundEvent {
    let field = |name: &str| format!("statuses[{i}].{name}");
    let id = text(&s, "id");
    let invalid = |problem: ItemProblem, raw: Value| {
        InvalidItem::event(provider, ItemKind::Status, id.clone(), problem, raw)
    };
    let Some(message_id) = id.clone() else {
        return invalid(ItemProblem::missing(field("id")), s);
    };
    let status = match s.get("status").and_then(Value::as_str).unwrap_or_default() {
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "read" => DeliveryStatus::Read,
        "played" => DeliveryStatus::Played,
        "failed" => DeliveryStatus::Failed,
        "deleted" => DeliveryStatus::Deleted,
        other => return unknown(provider, &format!("status {other:?}"), s),
    };
    let timestamp = match timestamp_field(s.get("timestamp"), &field("timestamp")) {
        Ok(t) => t,
        Err(problem) => return invalid(problem, s),
    };
    let conversation = match s.get("conversation").filter(|c| c.is_object()) {
        Some(c) => {
            let at = field("conversation.expiration_timestamp");
            match timestamp_field(c.get("expiration_timestamp"), &at) {
                Ok(expires_at) => {
                    let mut conversation = Conversation::default();
                    conversation.id = text(c, "id");
                    conversation.origin = c.get("origin").and_then(|o| text(o, "type"));
                    conversation.expires_at = expires_at;
                    Some(conversation)
                }
                Err(problem) => return invalid(problem, s),
            }
        }
        None => None,
    };
    let mut update = StatusUpdate::new(provider, message_id, status);
    update.recipient = text(&s, "recipient_id");
    update.recipient_user_id = text(&s, "recipient_user_id").or_else(|| {
        // The contact of the recipient may name its user id.
        let c = contacts.find(update.recipient.as_deref(), None)?;
        text(c, "user_id")
    });
    // A group status names the group in `recipient_id` (`recipient_type: group`), or in
    // `group_id`, and the participant it is about.
    update.group_id = text(&s, "group_id").or_else(|| {
        (s.get("recipient_type").and_then(Value::as_str) == Some("group"))
            .then(|| update.recipient.clone())
            .flatten()
    });
    update.participant =
        text(&s, "recipient_participant_id").or_else(|| text(&s, "recipient_participant_user_id"));
    update.timestamp = timestamp;
    update.errors = errors(s.get("errors"));
    update.errors.extend(attached);
    update.pricing = s.get("pricing").filter(|p| p.is_object()).map(|p| {
        let mut pricing = Pricing::default();
        pricing.billable = p.get("billable").and_then(Value::as_bool);
        pricing.category = text(p, "category");
        pricing.model = text(p, "pricing_model");
        pricing.kind = text(p, "type");
        pricing
    });
    update.conversation = conversation;
    update.callback_data = text(&s, "biz_opaque_callback_data");
    update.raw = s;
    InboundEvent::Status(update)
}
