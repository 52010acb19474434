//! Building send bodies: the common envelope, text, media, location, contacts and
//! reactions. Interactive messages are in [`crate::interactive`], templates in
//! [`crate::template`].

use serde_json::{json, Map, Value};
use switchboard_core::settings::Hosting;
use switchboard_core::{Content, Error, Media, MediaSource, OutboundMessage};

/// The send body of `message` (already checked) in the `hosting` dialect.
/// `namespace` is the On-Premise template namespace in effect.
pub fn body(
    hosting: Hosting,
    message: &OutboundMessage,
    namespace: Option<&str>,
) -> Result<Value, Error> {
    let mut out = Map::new();
    if hosting == Hosting::Cloud {
        out.insert("messaging_product".into(), json!("whatsapp"));
    }
    out.insert("recipient_type".into(), json!("individual"));
    out.insert("to".into(), json!(message.to.digits()));
    if let (Hosting::Cloud, Some(id)) = (hosting, &message.reply_to) {
        out.insert("context".into(), json!({ "message_id": id }));
    }
    let media_provider = message
        .options
        .dialog360
        .as_ref()
        .and_then(|o| o.media_provider.as_deref());
    let (kind, content) = match &message.content {
        Content::Text(t) => {
            let mut text = json!({ "body": t.body });
            if t.preview_url {
                match hosting {
                    Hosting::Cloud => text["preview_url"] = json!(true),
                    Hosting::OnPremise => {
                        out.insert("preview_url".into(), json!(true));
                    }
                }
            }
            ("text", text)
        }
        Content::Media(m) => (m.kind.as_str(), media_object(m, media_provider)),
        Content::Buttons(b) => ("interactive", crate::interactive::buttons(b)),
        Content::Cta(c) => ("interactive", crate::interactive::cta(c)?),
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
        Content::Template(t) => ("template", crate::template::template(hosting, t, namespace)),
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
                switchboard_core::Provider::Dialog360,
                other.kind(),
                "this content kind is not known to the 360dialog adapter",
            ))
        }
    };
    out.insert("type".into(), json!(kind));
    out.insert(kind.into(), content);
    Ok(Value::Object(out))
}

/// A media object: `id` or `link`, then `caption`, `filename` and (On-Premise, by link)
/// `provider`. Used for media messages and media headers.
pub fn media_object(m: &Media, provider: Option<&str>) -> Value {
    let mut o = Map::new();
    match &m.source {
        MediaSource::Id(id) => o.insert("id".into(), json!(id)),
        MediaSource::Link(link) => o.insert("link".into(), json!(link)),
    };
    if let (MediaSource::Link(_), Some(name)) = (&m.source, provider) {
        o.insert("provider".into(), json!({ "name": name }));
    }
    if let Some(caption) = &m.caption {
        o.insert("caption".into(), json!(caption));
    }
    if let Some(filename) = &m.filename {
        o.insert("filename".into(), json!(filename));
    }
    Value::Object(o)
}
