//! Interactive bodies: reply buttons, list, call-to-action URL (`docs/providers/360dialog.md`
//! sections 3.3 to 3.5). The On-Premise API shares the button and list objects.

use crate::encode::media_object;
use serde_json::{json, Map, Value};
use switchboard_core::{Buttons, CallToAction, CtaTarget, Error, Header, List, Provider};

fn header(h: &Header) -> Value {
    match h {
        Header::Text(t) => json!({ "type": "text", "text": t }),
        Header::Media(m) => {
            let kind = m.kind.as_str();
            json!({ "type": kind, kind: media_object(m) })
        }
    }
}

fn frame(
    kind: &str,
    head: Option<Value>,
    body: &str,
    footer: Option<&String>,
    action: Value,
) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), json!(kind));
    if let Some(h) = head {
        o.insert("header".into(), h);
    }
    o.insert("body".into(), json!({ "text": body }));
    if let Some(f) = footer {
        o.insert("footer".into(), json!({ "text": f }));
    }
    o.insert("action".into(), action);
    Value::Object(o)
}

/// `interactive.type = "button"`.
pub fn buttons(b: &Buttons) -> Value {
    let buttons: Vec<Value> = b
        .buttons
        .iter()
        .map(|r| json!({ "type": "reply", "reply": { "id": r.id, "title": r.title } }))
        .collect();
    frame(
        "button",
        b.header.as_ref().map(header),
        &b.body,
        b.footer.as_ref(),
        json!({ "buttons": buttons }),
    )
}

/// `interactive.type = "list"`; the header is text only.
pub fn list(l: &List) -> Value {
    let sections: Vec<Value> = l
        .sections
        .iter()
        .map(|s| {
            let rows: Vec<Value> = s
                .rows
                .iter()
                .map(|r| {
                    let mut row = json!({ "id": r.id, "title": r.title });
                    if let Some(d) = &r.description {
                        row["description"] = json!(d);
                    }
                    row
                })
                .collect();
            let mut section = Map::new();
            if let Some(t) = &s.title {
                section.insert("title".into(), json!(t));
            }
            section.insert("rows".into(), Value::Array(rows));
            Value::Object(section)
        })
        .collect();
    frame(
        "list",
        l.header
            .as_ref()
            .map(|t| json!({ "type": "text", "text": t })),
        &l.body,
        l.footer.as_ref(),
        json!({ "button": l.button, "sections": sections }),
    )
}

/// `interactive.type = "cta_url"`: URL targets only.
pub fn cta(provider: Provider, c: &CallToAction) -> Result<Value, Error> {
    let CtaTarget::Url(url) = &c.target else {
        return Err(Error::unsupported(
            provider,
            "cta.phone",
            "only URL call-to-action buttons exist",
        ));
    };
    Ok(frame(
        "cta_url",
        c.header.as_ref().map(header),
        &c.body,
        c.footer.as_ref(),
        json!({ "name": "cta_url", "parameters": { "display_text": c.label, "url": url } }),
    ))
}
