//! Bird's webhook deliveries (`{service, event, payload}`, `docs/providers/bird.md`,
//! webhooks) into [`InboundEvent`]s.
//!
//! * `whatsapp.inbound`: a user's message (text, image, file, location, or a button/list tap
//!   arriving as text with a `postback` action);
//! * `whatsapp.outbound`: the status of a message we sent;
//! * `whatsapp.interaction`: `read` becomes a read status; any other interaction
//!   (`clicked`) is an [`InboundEvent::Interaction`].
//!
//! Messages and statuses carry WhatsApp's own id (`parts[].platformReference`) beside
//! Bird's. A body that is not JSON, or not Bird's envelope (no `service`, `event` or
//! `payload` object), is [`Error::Decode`] naming what is missing. Other event names are
//! [`InboundEvent::Unknown`] with the raw JSON. An inbound message or status that cannot be
//! read as valid (no id, an unreadable timestamp, a sender that is no phone number) is
//! [`InboundEvent::Invalid`] naming the field. Nothing here panics.
//!
//! The delivery is read into borrowing structs (`wire`, `switchboard_core::lenient`), not a
//! `serde_json::Value` tree: each payload is read from its own JSON, which its event keeps
//! as its raw. An unknown event's raw (its whole envelope) comes from a second read that
//! skips the rest of the body (`switchboard_core::lenient::Parts`).

pub mod signature;
mod wire;

use switchboard_core::lenient::{self, Leaf, LeafOf, Obj, ObjOf, Parts, RawValue, Seq, SeqOf};
use switchboard_core::{
    rfc3339_timestamp, DeliveryStatus, Error, EventError, InboundContent, InboundEvent,
    InboundMedia, InboundMessage, Interaction, InvalidItem, ItemKind, ItemProblem, MediaKind,
    StatusUpdate, UnknownEvent,
};
use time::OffsetDateTime;

use crate::PROVIDER;

fn not_json(e: serde_json::Error) -> Error {
    Error::decode("bird webhook", format!("not JSON: {e}")).with_source(e)
}

/// Parses a delivery body: one envelope, or (defensively) an array of envelopes.
pub fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let parts = Parts::new(body);
    let is_array = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let result: Result<Vec<InboundEvent>, Envelope> = if is_array {
        let Seq(items) = lenient::from_body::<Seq<Obj<wire::Envelope>>>(body).map_err(not_json)?;
        items
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, item)| envelope(item, &format!("[{i}]: "), &format!("/{i}"), &parts))
            .collect()
    } else {
        let item = lenient::from_body::<Obj<wire::Envelope>>(body).map_err(not_json)?;
        envelope(item, "", "", &parts).map(|e| vec![e])
    };
    match result {
        // A body the `Value` parser refuses is not JSON, whatever else is wrong with it.
        Err(Envelope::Wrong(e)) => Err(match lenient::from_body::<lenient::Skip>(body) {
            Err(refusal) => not_json(refusal),
            Ok(_) => e,
        }),
        Err(Envelope::NotJson(e)) => Err(not_json(e)),
        Ok(events) => Ok(events),
    }
}

/// Why an envelope cannot be read.
enum Envelope {
    /// It is not Bird's envelope.
    Wrong(Error),
    /// The body is not JSON.
    NotJson(serde_json::Error),
}

impl From<serde_json::Error> for Envelope {
    fn from(e: serde_json::Error) -> Self {
        Envelope::NotJson(e)
    }
}

fn str_of<'l>(v: &'l Option<Leaf<'_>>) -> Option<&'l str> {
    v.str()
}

/// A non-empty string member.
fn string_of(v: &Option<Leaf<'_>>) -> Option<String> {
    v.str().filter(|s| !s.is_empty()).map(str::to_string)
}

fn not_envelope(at: &str, what: &str) -> Envelope {
    Envelope::Wrong(Error::decode(
        "bird webhook",
        format!(
            "{at}{what}: expected Bird's envelope {{\"service\", \"event\", \"payload\": {{...}}}}"
        ),
    ))
}

/// One envelope (`at` names it in errors; `pointer` is where it is in the body).
fn envelope(
    Obj(envelope): Obj<wire::Envelope>,
    at: &str,
    pointer: &str,
    parts: &Parts,
) -> Result<InboundEvent, Envelope> {
    let Some(e) = envelope else {
        return Err(not_envelope(at, "not a JSON object"));
    };
    let Some(_service) = e.service.str() else {
        return Err(not_envelope(at, "no `service` string"));
    };
    let Some(event) = e.event.str() else {
        return Err(not_envelope(at, "no `event` string"));
    };
    let Some(payload) = e.payload.filter(|p| p.get().starts_with('{')) else {
        return Err(not_envelope(at, "no `payload` object"));
    };
    Ok(match event {
        "whatsapp.inbound" => inbound(&read(payload)?, payload),
        "whatsapp.outbound" => outbound(&read(payload)?, payload),
        "whatsapp.interaction" => interaction(&read(payload)?, payload),
        _ => UnknownEvent::new(PROVIDER, format!("event type {event}"), parts.get(pointer)?)
            .with_field(event)
            .into(),
    })
}

/// The payload's members (none when it is no object).
fn read(payload: &RawValue) -> Result<wire::Payload<'_>, serde_json::Error> {
    let Obj(p) = lenient::from_raw::<Obj<wire::Payload>>(payload)?;
    Ok(p.unwrap_or_default())
}

fn invalid(
    item: ItemKind,
    id: Option<String>,
    problem: ItemProblem,
    raw: &RawValue,
) -> InboundEvent {
    InvalidItem::event(PROVIDER, item, id, problem, raw)
}

/// WhatsApp's id of a message: the first `parts[].platformReference`.
fn whatsapp_id(p: &wire::Payload) -> Option<String> {
    p.parts
        .array()?
        .iter()
        .find_map(|part| string_of(&part.0.as_ref()?.platform_reference))
}

/// An RFC 3339 timestamp in member `field` of the payload: absent is `Ok(None)`,
/// unreadable a problem.
fn rfc3339_of(v: &Option<Leaf>, field: &str) -> Result<Option<OffsetDateTime>, ItemProblem> {
    match v {
        None | Some(Leaf::Null) => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(rfc3339_timestamp)
            .map(Some)
            .ok_or_else(|| ItemProblem::timestamp(format!("payload.{field}"), &v.to_value())),
    }
}

/// The first receiver's identifier.
fn recipient(p: &wire::Payload) -> Option<String> {
    let first = p.receiver.obj()?.contacts.items().first()?.0.as_ref()?;
    string_of(&first.identifier_value)
}

/// A user's message.
fn inbound(p: &wire::Payload, raw: &RawValue) -> InboundEvent {
    let id = string_of(&p.id);
    let Some(message_id) = id.clone() else {
        return invalid(
            ItemKind::Message,
            id,
            ItemProblem::missing("payload.id"),
            raw,
        );
    };
    let contact = p.sender.obj().and_then(|s| s.contact.obj());
    let Some(from) = contact.and_then(|c| string_of(&c.identifier_value)) else {
        let problem = ItemProblem::missing("payload.sender.contact.identifierValue");
        return invalid(ItemKind::Message, id, problem, raw);
    };
    if let Err(problem) = ItemProblem::check_sender("payload.sender.contact.identifierValue", &from)
    {
        return invalid(ItemKind::Message, id, problem, raw);
    }
    // WhatsApp's own send time when Bird passes it on, else when Bird received it.
    let sent = p.meta.obj().and_then(|m| m.extra_information.obj());
    let timestamp = match sent.and_then(|x| x.timestamp.as_ref()) {
        Some(v) if !matches!(v, Leaf::Null) => v.unix_timestamp().map(Some).ok_or_else(|| {
            ItemProblem::timestamp("payload.meta.extraInformation.timestamp", &v.to_value())
        }),
        _ => rfc3339_of(&p.created_at, "createdAt"),
    };
    let timestamp = match timestamp {
        Ok(t) => t,
        Err(problem) => return invalid(ItemKind::Message, id, problem, raw),
    };
    let mut m = InboundMessage::new(PROVIDER, message_id, from, content(p.body.obj()));
    m.whatsapp_id = whatsapp_id(p);
    m.sender_name = contact
        .and_then(|c| c.annotations.obj())
        .and_then(|a| string_of(&a.name));
    m.timestamp = timestamp;
    // `type: message` is a quote, `type: click` names the message whose button was
    // tapped: both are the message this one answers.
    let reply_to = p.reply_to.obj();
    m.reply_to = match reply_to.and_then(|r| str_of(&r.kind)) {
        Some("message" | "click") => reply_to.and_then(|r| string_of(&r.id)),
        _ => None,
    };
    m.raw = raw.into();
    InboundEvent::Message(m)
}

fn content(body: Option<&wire::Body>) -> InboundContent {
    let kind = body.and_then(|b| str_of(&b.kind)).unwrap_or("");
    let other = || InboundContent::Unknown {
        provider_type: if kind.is_empty() { "none" } else { kind }.to_string(),
    };
    let Some(body) = body else {
        return other();
    };
    match kind {
        "text" => {
            let t = body.text.obj();
            let text = t.and_then(|t| str_of(&t.text)).unwrap_or("").to_string();
            let action = t
                .and_then(|t| t.actions.items().first())
                .and_then(|a| a.0.as_ref());
            match action.and_then(|a| str_of(&a.kind)) {
                Some("postback") => {
                    let postback = action.and_then(|a| a.postback.obj());
                    InboundContent::ButtonReply {
                        id: postback.and_then(|p| string_of(&p.payload)),
                        title: postback.and_then(|p| string_of(&p.text)).unwrap_or(text),
                    }
                }
                _ => InboundContent::Text { body: text },
            }
        }
        "image" => match body.image.obj().and_then(|i| i.images.items().first()) {
            Some(image) => {
                let mut media = InboundMedia::new(MediaKind::Image);
                media.link = image.0.as_ref().and_then(|i| string_of(&i.media_url));
                media.caption = body.image.obj().and_then(|i| string_of(&i.text));
                InboundContent::Media(media)
            }
            None => other(),
        },
        "file" => match body.file.obj().and_then(|f| f.files.items().first()) {
            Some(file) => {
                let file = file.0.as_ref();
                let mime = file.and_then(|f| string_of(&f.content_type));
                let kind = match mime.as_deref().unwrap_or("") {
                    // A sticker arrives as a WebP file (docs/providers/bird.md, inbound).
                    "image/webp" => MediaKind::Sticker,
                    m if m.starts_with("image/") => MediaKind::Image,
                    m if m.starts_with("video/") => MediaKind::Video,
                    m if m.starts_with("audio/") => MediaKind::Audio,
                    _ => MediaKind::Document,
                };
                let mut media = InboundMedia::new(kind);
                media.link = file.and_then(|f| string_of(&f.media_url));
                media.mime_type = mime;
                media.caption = body.file.obj().and_then(|f| string_of(&f.text));
                media.filename = file.and_then(|f| string_of(&f.filename));
                media.animated = file
                    .and_then(|f| f.metadata.obj())
                    .and_then(|m| m.is_animated.flag())
                    .unwrap_or(false);
                InboundContent::Media(media)
            }
            None => other(),
        },
        "location" => {
            let l = body.location.obj();
            let at = l.and_then(|l| l.coordinates.obj());
            let degrees = |v: &Option<Leaf>| match v {
                Some(Leaf::Number(n)) => n.as_f64(),
                _ => None,
            };
            let place = l.and_then(|l| l.location.obj());
            match (
                at.and_then(|c| degrees(&c.latitude)),
                at.and_then(|c| degrees(&c.longitude)),
            ) {
                (Some(latitude), Some(longitude)) => InboundContent::Location {
                    latitude,
                    longitude,
                    name: place.and_then(|p| string_of(&p.label)),
                    address: place.and_then(|p| string_of(&p.address)),
                    url: None,
                },
                _ => other(),
            }
        }
        _ => other(),
    }
}

/// The status of a message we sent (the `Message` object with its new `status`).
fn outbound(p: &wire::Payload, raw: &RawValue) -> InboundEvent {
    let id = string_of(&p.id);
    let Some(message_id) = id.clone() else {
        return invalid(
            ItemKind::Status,
            id,
            ItemProblem::missing("payload.id"),
            raw,
        );
    };
    let Some(word) = str_of(&p.status) else {
        let problem = ItemProblem::missing("payload.status");
        return invalid(ItemKind::Status, id, problem, raw);
    };
    let status = match word {
        "accepted" | "processing" | "scheduled" => DeliveryStatus::Accepted,
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "deleted" => DeliveryStatus::Deleted,
        "rejected" | "sending_failed" | "delivery_failed" | "skipped" => DeliveryStatus::Failed,
        other => {
            let reason = format!("whatsapp.outbound status {other}");
            return UnknownEvent::new(PROVIDER, reason, raw)
                .with_field("whatsapp.outbound")
                .into();
        }
    };
    let timestamp = match rfc3339_of(&p.last_status_at, "lastStatusAt") {
        Ok(t) => t,
        Err(problem) => return invalid(ItemKind::Status, id, problem, raw),
    };
    let mut s = StatusUpdate::new(PROVIDER, message_id, status);
    if status == DeliveryStatus::Failed {
        s.errors.push(failure(p, word));
    }
    s.whatsapp_id = whatsapp_id(p);
    s.recipient = recipient(p);
    s.timestamp = timestamp;
    s.raw = raw.into();
    InboundEvent::Status(s)
}

/// Why a message failed: Bird's code, its reason or description, and the platform's own
/// code (`failure.source`, e.g. WhatsApp's 131026) as details.
fn failure(p: &wire::Payload, word: &str) -> EventError {
    let f = p.failure.obj();
    let message = string_of(&p.reason)
        .or_else(|| f.and_then(|f| string_of(&f.description)))
        .or_else(|| string_of(&p.details))
        .unwrap_or_else(|| word.to_string());
    let source = f.and_then(|f| f.source.obj());
    let details =
        source
            .and_then(|s| s.code.text())
            .map(|c| match source.and_then(|s| string_of(&s.name)) {
                Some(name) => format!("{name} code {c}"),
                None => format!("source code {c}"),
            });
    EventError::new(f.and_then(|f| f.code.text()), message).with_details(details)
}

/// An interaction on a message we sent: `read` is a read status, others are interactions.
fn interaction(p: &wire::Payload, raw: &RawValue) -> InboundEvent {
    let id = string_of(&p.message_id);
    let Some(message_id) = id.clone() else {
        let problem = ItemProblem::missing("payload.messageId");
        return invalid(ItemKind::Interaction, string_of(&p.id), problem, raw);
    };
    let timestamp = match rfc3339_of(&p.created_at, "createdAt") {
        Ok(t) => t,
        Err(problem) => return invalid(ItemKind::Interaction, id, problem, raw),
    };
    let kind = string_of(&p.kind).unwrap_or_else(|| "none".to_string());
    if kind == "read" {
        let mut s = StatusUpdate::new(PROVIDER, message_id, DeliveryStatus::Read);
        s.whatsapp_id = string_of(&p.platform_reference_id);
        s.recipient = recipient(p);
        s.timestamp = timestamp;
        s.raw = raw.into();
        return InboundEvent::Status(s);
    }
    let mut i = Interaction::new(PROVIDER, message_id, kind);
    i.payload = p
        .metadata
        .obj()
        .and_then(|m| m.button.obj())
        .and_then(|b| string_of(&b.payload));
    i.details = string_of(&p.details);
    i.timestamp = timestamp;
    i.raw = raw.into();
    InboundEvent::Interaction(i)
}
