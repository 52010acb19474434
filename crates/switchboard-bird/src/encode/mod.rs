//! The model to Bird's `CreateMessage` body, per `docs/providers/reference/bird.md` section 14.

pub mod media;

use crate::options;
use media::media_body;
use serde_json::{json, Map, Value};
use switchboard_core::{
    Buttons, CallToAction, Capabilities, Content, CtaTarget, Error, Header, List, Location,
    OutboundMessage, Template, TemplateParams,
};
use time::OffsetDateTime;

/// The template version sent when no Bird option sets one.
pub const DEFAULT_TEMPLATE_VERSION: &str = "latest";

/// The full `CreateMessage` body for `message`, checked with `now` as the current time.
/// The message must already have passed `validate` and `Capabilities::check`.
pub fn body(
    caps: &Capabilities,
    message: &OutboundMessage,
    now: OffsetDateTime,
) -> Result<Value, Error> {
    let mut out = Map::new();
    let to = message
        .to
        .phone()
        .ok_or_else(|| caps.unsupported(switchboard_core::Feature::ToUserId))?;
    out.insert(
        "receiver".into(),
        json!({ "contacts": [{
            "identifierKey": "phonenumber",
            "identifierValue": to.e164(),
        }] }),
    );
    let bird = crate::options::read(message)?.unwrap_or_default();
    match &message.content {
        Content::Template(t) => {
            out.insert(
                "template".into(),
                template(
                    caps,
                    t,
                    bird.template_project_id.as_deref(),
                    bird.template_version.as_deref(),
                )?,
            );
        }
        content => {
            out.insert("body".into(), content_body(caps, content)?);
        }
    }
    if let Some(id) = &message.reply_to {
        // Bird quotes by its own message id (`docs/providers/reference/bird.md` section 16 item 2), never the WhatsApp wamid;
        // Bird's message ids are UUIDs (`Message.id`, `format: uuid`, in Bird's schema).
        if !is_uuid(id) {
            return Err(Error::invalid(
                "reply_to",
                "Bird's id of the received message (a UUID from a Bird webhook), not a WhatsApp wamid or another provider's id",
                format!("{id:?}"),
            ));
        }
        out.insert("replyTo".into(), json!({ "id": id, "type": "message" }));
    }
    options::apply(
        &bird,
        matches!(message.content, Content::Template(_)),
        now,
        &mut out,
    )?;
    Ok(Value::Object(out))
}

/// Whether `id` is a UUID in its canonical text form (`8-4-4-4-12` hex digits, any case),
/// the form of every Bird message id.
fn is_uuid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The value of `body` for every content kind but templates.
fn content_body(caps: &Capabilities, content: &Content) -> Result<Value, Error> {
    match content {
        Content::Text(t) => {
            let mut text = Map::new();
            text.insert("text".into(), json!(t.body));
            if t.preview_url {
                text.insert(
                    "metadata".into(),
                    json!({ "whatsapp": { "previewUrl": true } }),
                );
            }
            Ok(json!({ "type": "text", "text": text }))
        }
        Content::Media(m) => media_body(caps, "media", m, m.caption.as_deref(), None),
        Content::Buttons(b) => buttons(caps, b),
        Content::Cta(c) => cta(caps, c),
        Content::List(l) => list(caps, l),
        Content::Location(l) => Ok(location(l)),
        Content::Reaction(_) => Err(caps.unsupported(switchboard_core::Feature::Reaction)),
        Content::Contacts(_) => Err(caps.unsupported(switchboard_core::Feature::Contacts)),
        // Templates go in the top-level `template`, handled by the caller; any kind added
        // to the model later is refused until mapped.
        other => Err(Error::unsupported(
            crate::PROVIDER,
            other.kind(),
            "this adapter does not know this content kind",
        )),
    }
}

/// A `postback` action: the title shown, our id as the payload that comes back on a tap.
fn postback(title: &str, id: &str, description: Option<&str>) -> Value {
    let mut postback = Map::new();
    postback.insert("text".into(), json!(title));
    postback.insert("payload".into(), json!(id));
    if let Some(label) = description {
        postback.insert(
            "metadata".into(),
            json!({ "description": { "label": label } }),
        );
    }
    json!({ "type": "postback", "postback": postback })
}

fn buttons(caps: &Capabilities, b: &Buttons) -> Result<Value, Error> {
    if b.footer.is_some() {
        return Err(caps.unsupported(switchboard_core::Feature::ButtonsFooter));
    }
    let actions = Value::Array(
        b.buttons
            .iter()
            .map(|button| postback(&button.title, &button.id, None))
            .collect(),
    );
    match &b.header {
        None => Ok(json!({ "type": "text", "text": { "text": b.body, "actions": actions } })),
        Some(Header::Media(m)) => media_body(
            caps,
            "buttons.header.media",
            m,
            Some(&b.body),
            Some(actions),
        ),
        Some(Header::Text(_)) => {
            Err(caps.unsupported(switchboard_core::Feature::ButtonsHeaderText))
        }
    }
}

fn cta(caps: &Capabilities, c: &CallToAction) -> Result<Value, Error> {
    if c.header.is_some() {
        return Err(caps.unsupported(crate::capabilities::CTA_HEADER));
    }
    if c.footer.is_some() {
        return Err(caps.unsupported(crate::capabilities::CTA_FOOTER));
    }
    let url = match &c.target {
        CtaTarget::Url(url) => url,
        CtaTarget::Phone(_) => return Err(caps.unsupported(switchboard_core::Feature::CtaPhone)),
        CtaTarget::Email(_) => return Err(caps.unsupported(switchboard_core::Feature::CtaEmail)),
    };
    Ok(json!({ "type": "text", "text": {
        "text": c.body,
        "actions": [{ "type": "link", "link": { "text": c.label, "url": url } }],
    } }))
}

fn list(caps: &Capabilities, l: &List) -> Result<Value, Error> {
    if l.header.is_some() {
        return Err(caps.unsupported(crate::capabilities::LIST_HEADER));
    }
    if l.footer.is_some() {
        return Err(caps.unsupported(crate::capabilities::LIST_FOOTER));
    }
    let items: Vec<Value> = l
        .sections
        .iter()
        .map(|section| {
            let mut item = Map::new();
            if let Some(title) = &section.title {
                item.insert("title".into(), json!(title));
            }
            let rows = section
                .rows
                .iter()
                .map(|row| postback(&row.title, &row.id, row.description.as_deref()))
                .collect();
            item.insert("actions".into(), Value::Array(rows));
            Value::Object(item)
        })
        .collect();
    Ok(json!({ "type": "list", "list": {
        "text": l.body,
        "items": items,
        "metadata": { "button": { "label": l.button } },
    } }))
}

fn location(l: &Location) -> Value {
    let mut inner = Map::new();
    inner.insert(
        "coordinates".into(),
        json!({ "latitude": l.latitude, "longitude": l.longitude }),
    );
    let mut place = Map::new();
    if let Some(address) = &l.address {
        place.insert("address".into(), json!(address));
    }
    if let Some(name) = &l.name {
        place.insert("label".into(), json!(name));
    }
    if !place.is_empty() {
        inner.insert("location".into(), Value::Object(place));
    }
    json!({ "type": "location", "location": inner })
}

/// The top-level `template` (`docs/providers/reference/bird.md` section 6): addressed by its Studio
/// `projectId` and `version` (`latest` unless set) when the options give a project id, else
/// by the template's platform `name` (with a `version` only when one is set); the language
/// is the BCP-47 `locale` (`en_US` is sent as `en-US`), named parameters typed `string`
/// parameters.
fn template(
    caps: &Capabilities,
    t: &Template,
    project_id: Option<&str>,
    version: Option<&str>,
) -> Result<Value, Error> {
    match &t.header {
        Some(Header::Media(_)) => {
            return Err(caps.unsupported(switchboard_core::Feature::TemplateHeaderMedia))
        }
        Some(Header::Text(_)) => {
            return Err(caps.unsupported(switchboard_core::Feature::TemplateHeaderText))
        }
        None => {}
    }
    if !t.buttons.is_empty() {
        return Err(caps.unsupported(switchboard_core::Feature::TemplateButtons));
    }
    let mut out = Map::new();
    match project_id {
        Some(project) => {
            out.insert("projectId".into(), json!(project));
            out.insert(
                "version".into(),
                json!(version.unwrap_or(DEFAULT_TEMPLATE_VERSION)),
            );
        }
        None => {
            out.insert("name".into(), json!(t.name));
            if let Some(version) = version {
                out.insert("version".into(), json!(version));
            }
        }
    }
    out.insert("locale".into(), json!(t.language.replace('_', "-")));
    match &t.body {
        TemplateParams::Named(params) if !params.is_empty() => {
            let params: Vec<Value> = params
                .iter()
                .map(|(key, value)| json!({ "type": "string", "key": key, "value": value }))
                .collect();
            out.insert("parameters".into(), Value::Array(params));
        }
        TemplateParams::Positional(p) if !p.is_empty() => {
            return Err(caps.unsupported(switchboard_core::Feature::TemplatePositional))
        }
        _ => {}
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::is_uuid;

    #[test]
    fn uuids() {
        assert!(is_uuid("0a3f6c1e-52d4-4c39-9b4e-2f7a1d9e8c11"));
        assert!(is_uuid("0A3F6C1E-52D4-4C39-9B4E-2F7A1D9E8C11"));
        for not in [
            "",
            "wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBQjA2RjJF",
            "ABGGFlA5FpafAgo-sWmHBXxDFqAbn5F4iGkI",
            "0a3f6c1e52d44c399b4e2f7a1d9e8c11",
            "0a3f6c1e-52d4-4c39-9b4e-2f7a1d9e8c1",
            "0a3f6c1e-52d4-4c39-9b4e-2f7a1d9e8c11-",
            "0a3f6c1g-52d4-4c39-9b4e-2f7a1d9e8c11",
            " 0a3f6c1e-52d4-4c39-9b4e-2f7a1d9e8c11",
        ] {
            assert!(!is_uuid(not), "{not:?}");
        }
    }
}
