//! Building send bodies: the common envelope, text, media, location, contacts and
//! reactions. Interactive messages are in [`crate::interactive`], templates in
//! [`crate::template`].

use serde_json::{json, Map, Value};
use switchboard_core::{Content, Error, Media, MediaSource, OutboundMessage, Provider, Recipient};

/// The Cloud API send body of `message` (already checked, see [`crate::checks::check`]).
/// `provider` is named in the [`Error::Unsupported`] of a content kind the dialect lacks.
pub fn body(provider: Provider, message: &OutboundMessage) -> Result<Value, Error> {
    let mut out = Map::new();
    out.insert("messaging_product".into(), json!("whatsapp"));
    out.insert("recipient_type".into(), json!("individual"));
    match &message.to {
        Recipient::Phone(p) => out.insert("to".into(), json!(p.digits())),
        // A business-scoped user id goes in `recipient`, never in `to`
        // (docs/messages.md, "Recipients"). Hosts that do not document it
        // keep the `to.user_id` capability off, so it is refused before this point.
        Recipient::UserId(u) => out.insert("recipient".into(), json!(u.as_str())),
    };
    if let Some(id) = &message.reply_to {
        out.insert("context".into(), json!({ "message_id": id }));
    }
    let (kind, content) = match &message.content {
        Content::Text(t) => {
            let mut text = json!({ "body": t.body });
            if t.preview_url {
                text["preview_url"] = json!(true);
            }
            ("text", text)
        }
        Content::Media(m) => (m.kind.as_str(), media_object(m)),
        Content::Buttons(b) => ("interactive", crate::interactive::buttons(b)),
        Content::Cta(c) => ("interactive", crate::interactive::cta(provider, c)?),
        Content::List(l) => ("interactive", crate::interactive::list(l)),
        Content::Location(l) => {
            let mut loc = json!({ "latitude": l.latitude, "longitude": l.longitude });
            if let Some(name) = &l.name {
                loc["name"] = json!(name);
            }
            if let Some(address) = &l.address {
                loc["address"] = json!(address);
            }
            ("location", loc)
        }
        Content::Template(t) => ("template", crate::template::template(t)),
        Content::Reaction(r) => (
            "reaction",
            json!({ "message_id": r.message_id, "emoji": r.emoji }),
        ),
        Content::Contacts(c) => (
            "contacts",
            serde_json::to_value(c).map_err(|e| Error::decode("contacts", e.to_string()))?,
        ),
        other => {
            return Err(Error::unsupported(
                provider,
                other.kind(),
                format!("this content kind is not known to the {provider} adapter"),
            ))
        }
    };
    out.insert("type".into(), json!(kind));
    out.insert(kind.into(), content);
    Ok(Value::Object(out))
}

/// A media object: `id` or `link`, then `caption` and `filename`. Used for media messages
/// and media headers.
pub fn media_object(m: &Media) -> Value {
    let mut o = Map::new();
    match &m.source {
        MediaSource::Id(id) => o.insert("id".into(), json!(id)),
        MediaSource::Link(link) => o.insert("link".into(), json!(link)),
    };
    if let Some(caption) = &m.caption {
        o.insert("caption".into(), json!(caption));
    }
    if let Some(filename) = &m.filename {
        o.insert("filename".into(), json!(filename));
    }
    Value::Object(o)
}

/// The `POST` of a send `body` to the host's messages URL, with its credentials.
pub fn request(host: &impl crate::Host, body: Value) -> switchboard_core::WireRequest {
    host.authorize(switchboard_core::WireRequest::post_json(
        "messages",
        host.messages_url(),
        body,
    ))
}
