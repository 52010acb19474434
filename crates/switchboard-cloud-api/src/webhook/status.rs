//! Delivery statuses: `sent`, `delivered`, `read`, `failed` (with `errors[]`), `deleted`.

use super::{text, unknown};
use serde_json::Value;
use switchboard_core::{
    unix_timestamp, DeliveryStatus, EventError, InboundEvent, Provider, StatusUpdate,
};

pub fn parse(provider: Provider, s: &Value) -> InboundEvent {
    let Some(id) = text(s, "id") else {
        return unknown(provider, "status without id", s);
    };
    let word = s.get("status").and_then(Value::as_str).unwrap_or_default();
    let status = match word {
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "read" => DeliveryStatus::Read,
        "failed" => DeliveryStatus::Failed,
        "deleted" => DeliveryStatus::Deleted,
        other => return unknown(provider, &format!("status {other:?}"), s),
    };
    let error = s
        .get("errors")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
        .map(|e| {
            let title = text(e, "title")
                .or_else(|| text(e, "message"))
                .unwrap_or_default();
            let details = e
                .get("error_data")
                .and_then(|d| text(d, "details"))
                .or_else(|| text(e, "details"))
                .filter(|d| *d != title);
            EventError::new(
                e.get("code").and_then(|c| match c {
                    Value::Number(n) => Some(n.to_string()),
                    Value::String(s) => Some(s.clone()),
                    _ => None,
                }),
                match details {
                    Some(d) if title.is_empty() => d,
                    Some(d) => format!("{title}: {d}"),
                    None => title,
                },
            )
        });
    let mut update = StatusUpdate::new(provider, id, status);
    update.recipient = text(s, "recipient_id");
    update.timestamp = s.get("timestamp").and_then(unix_timestamp);
    update.errors.extend(error);
    update.raw = s.clone();
    InboundEvent::Status(update)
}
