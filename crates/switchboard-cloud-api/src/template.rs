//! Template bodies (`docs/providers/reference/360dialog.md` section 3.9). The Cloud API sends no
//! `namespace` and no `language.policy`. Named body parameters carry `parameter_name`
//! beside `type` and `text` (`docs/providers/meta.md`, "Named template parameters"; the
//! addendum of `docs/providers/reference/360dialog.md`: 360dialog passes the same body through).

use crate::encode::media_object;
use serde_json::{json, Map, Value};
use switchboard_core::{Header, Template, TemplateButtonParam, TemplateParams};

/// The `template` object. Named parameters are checked before this is called
/// ([`crate::checks::check`]): valid names, no text header beside them.
pub fn template(t: &Template) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(t.name));
    o.insert("language".into(), json!({ "code": t.language }));
    let mut components = Vec::new();
    match &t.header {
        Some(Header::Text(text)) => components.push(json!({
            "type": "header",
            "parameters": [{ "type": "text", "text": text }],
        })),
        Some(Header::Media(m)) => {
            let kind = m.kind.as_str();
            components.push(json!({
                "type": "header",
                "parameters": [{ "type": kind, kind: media_object(m) }],
            }));
        }
        None => {}
    }
    let parameters: Vec<Value> = match &t.body {
        TemplateParams::Positional(params) => params
            .iter()
            .map(|p| json!({ "type": "text", "text": p }))
            .collect(),
        TemplateParams::Named(params) => params
            .iter()
            .map(|(name, p)| json!({ "type": "text", "parameter_name": name, "text": p }))
            .collect(),
    };
    if !parameters.is_empty() {
        components.push(json!({ "type": "body", "parameters": parameters }));
    }
    for b in &t.buttons {
        let (sub_type, parameter) = match &b.param {
            TemplateButtonParam::QuickReply { payload } => (
                "quick_reply",
                json!({ "type": "payload", "payload": payload }),
            ),
            TemplateButtonParam::Url { text } => ("url", json!({ "type": "text", "text": text })),
        };
        components.push(json!({
            "type": "button",
            "sub_type": sub_type,
            "index": b.index.to_string(),
            "parameters": [parameter],
        }));
    }
    if !components.is_empty() {
        o.insert("components".into(), Value::Array(components));
    }
    Value::Object(o)
}
