//! 99digital webhook bodies to [`InboundEvent`]s (`docs/providers/99digital.md`, webhooks).
//!
//! An incoming message is an object with `hook: "new"`, its `unique` id, the sender in
//! `from`, a `type` and a `body` whose meaning depends on the type. A user who hides their
//! number arrives with their `from_id` (`IL.1605856887361213`) in `from`: it becomes the
//! sender, and `from_id` is always kept as [`InboundMessage::user_id`] (it can be used as
//! `to`). Status callbacks and system notifications exist but their shape is not
//! documented: every body whose `hook` is not `"new"` becomes [`InboundEvent::Unknown`] with
//! the raw JSON. A `hook: "new"` message that cannot be read as valid (no `unique`, a sender
//! that is neither a number nor a user id, an unreadable timestamp or location) is
//! [`InboundEvent::Invalid`] naming the field. A JSON array is read as a batch.

//!
//! The body is read into a borrowing struct per object (`switchboard_core::lenient`), not a
//! `serde_json::Value` tree; each object's JSON is its event's raw.

use crate::decode::whole_minutes;
use switchboard_core::lenient::{self, Leaf, LeafOf, Obj, RawValue, Seq};
use switchboard_core::{
    Contact, ContactName, ContactPhone, Error, InboundContent, InboundEvent, InboundMedia,
    InboundMessage, InvalidItem, ItemKind, ItemProblem, MediaKind, UnknownEvent,
};

use crate::PROVIDER;

switchboard_core::lenient_struct! {
    /// The members of a webhook object the parser reads.
    struct Hook<'a> {
        "hook" => hook: Leaf<'a>,
        "unique" => unique: Leaf<'a>,
        "from" => from: Leaf<'a>,
        "from_id" => from_id: Leaf<'a>,
        "senderName" => sender_name: Leaf<'a>,
        "username" => username: Leaf<'a>,
        "timestamp" => timestamp: Leaf<'a>,
        "type" => kind: Leaf<'a>,
        "body" => body: Leaf<'a>,
        "caption" => caption: Leaf<'a>,
        "quoteUnique" => quote_unique: Leaf<'a>,
        "isForwarded" => is_forwarded: Leaf<'a>,
        "conversationTimeLeft" => conversation_time_left: Leaf<'a>,
    }
}

/// Parses a webhook body. Not JSON (or truncated): [`Error::Decode`].
pub(crate) fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let decode =
        |e: serde_json::Error| Error::decode("99digital webhook", e.to_string()).with_source(e);
    let is_array = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let items = if is_array {
        let Seq(items) = lenient::from_body::<Seq<&RawValue>>(body).map_err(decode)?;
        items.unwrap_or_default()
    } else {
        vec![lenient::from_body::<&RawValue>(body).map_err(decode)?]
    };
    items
        .into_iter()
        .map(|raw| event(raw).map_err(decode))
        .collect()
}

fn unknown(reason: impl Into<String>, raw: &RawValue) -> InboundEvent {
    UnknownEvent::new(PROVIDER, reason, raw).into()
}

/// One webhook object.
fn event(raw: &RawValue) -> Result<InboundEvent, serde_json::Error> {
    let Obj(hook) = lenient::from_raw::<Obj<Hook>>(raw)?;
    let Some(hook) = hook else {
        return Ok(unknown("not a JSON object", raw));
    };
    Ok(match hook.hook.str() {
        Some("new") => message(&hook, raw),
        Some(other) => {
            let reason =
                format!("hook {other:?}: status and system notifications are not documented");
            UnknownEvent::new(PROVIDER, reason, raw)
                .with_field(other)
                .into()
        }
        None => unknown("no `hook` field", raw),
    })
}

fn message(hook: &Hook, raw: &RawValue) -> InboundEvent {
    let id = hook.unique.text();
    let invalid = |problem: ItemProblem| {
        InvalidItem::event(PROVIDER, ItemKind::Message, id.clone(), problem, raw)
    };
    let Some(unique) = id.clone() else {
        return invalid(ItemProblem::missing("unique"));
    };
    let Some(from) = hook.from.text() else {
        return invalid(ItemProblem::missing("from"));
    };
    if let Err(problem) = ItemProblem::check_sender("from", &from) {
        return invalid(problem);
    }
    let timestamp = match lenient::timestamp_field(&hook.timestamp, || "timestamp") {
        Ok(t) => t,
        Err(problem) => return invalid(problem),
    };
    let kind = hook.kind.str().unwrap_or("");
    let content = match content(kind, hook) {
        Ok(c) => c,
        Err(problem) => return invalid(problem),
    };
    let mut m = InboundMessage::new(PROVIDER, unique, from, content);
    m.user_id = hook.from_id.text();
    m.sender_name = hook.sender_name.text();
    m.username = hook.username.text();
    m.timestamp = timestamp;
    m.reply_to = hook.quote_unique.text();
    m.forwarded = hook.is_forwarded.flag() == Some(true);
    m.window_minutes_left = hook
        .conversation_time_left
        .as_ref()
        .and_then(Leaf::float)
        .and_then(whole_minutes);
    m.raw = raw.into();
    InboundEvent::Message(m)
}

/// The content for `type`; a problem when a documented type's body is unreadable.
fn content(kind: &str, hook: &Hook) -> Result<InboundContent, ItemProblem> {
    let body = hook.body.str().unwrap_or("");
    let media = |kind: MediaKind| {
        let mut m = InboundMedia::new(kind);
        m.link = Some(body.to_string()).filter(|b| !b.is_empty());
        m.caption = hook.caption.text();
        m
    };
    Ok(match kind {
        "text" => InboundContent::Text {
            body: body.to_string(),
        },
        "image" => InboundContent::Media(media(MediaKind::Image)),
        "video" => InboundContent::Media(media(MediaKind::Video)),
        "audio" => InboundContent::Media(media(MediaKind::Audio)),
        // A voice note ("push to talk").
        "ptt" => {
            let mut m = media(MediaKind::Audio);
            m.voice = true;
            InboundContent::Media(m)
        }
        "document" => InboundContent::Media(media(MediaKind::Document)),
        "location" => {
            let parsed = body.split_once(',').and_then(|(lat, lng)| {
                Some((
                    lat.trim().parse::<f64>().ok()?,
                    lng.trim().parse::<f64>().ok()?,
                ))
            });
            match parsed {
                Some((latitude, longitude)) if latitude.is_finite() && longitude.is_finite() => {
                    InboundContent::Location {
                        latitude,
                        longitude,
                        name: None,
                        address: None,
                        url: None,
                    }
                }
                _ => {
                    let value = hook.body.as_ref().map(Leaf::to_value).unwrap_or_default();
                    return Err(ItemProblem::malformed(
                        "body",
                        "\"latitude,longitude\"",
                        &value,
                    ));
                }
            }
        }
        // The tapped button's text; the field carrying the button id is not documented.
        "button" => InboundContent::ButtonReply {
            id: None,
            title: body.to_string(),
        },
        // The chosen option's text; the field carrying the row id is not documented.
        "list" => InboundContent::ListReply {
            id: None,
            title: body.to_string(),
            description: None,
        },
        // The shared contact's phone number, and nothing else.
        "contacts" => InboundContent::Contacts {
            contacts: vec![Contact {
                name: ContactName::default(),
                phones: vec![ContactPhone {
                    phone: body.to_string(),
                    kind: None,
                    wa_id: None,
                }],
                ..Contact::default()
            }],
        },
        // The emoji; which message it reacts to is not documented.
        "reaction" => InboundContent::Reaction {
            message_id: None,
            emoji: body.to_string(),
        },
        // `order` bodies are not documented beyond "an array".
        other => InboundContent::Unknown {
            provider_type: other.to_string(),
        },
    })
}
