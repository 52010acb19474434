//! Template bodies (`docs/providers/360dialog.md` section 3.9). The Cloud API sends no
//! `namespace` and no `language.policy`.

use crate::encode::media_object;
use serde_json::{json, Map, Value};
use switchboard_core::{Header, Template, TemplateButtonParam, TemplateParams};

/// The `template` object. Named body parameters are refused before this is called.
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
    if let TemplateParams::Positional(params) = &t.body {
        if !params.is_empty() {
            let parameters: Vec<Value> = params
                .iter()
                .map(|p| json!({ "type": "text", "text": p }))
                .collect();
            components.push(json!({ "type": "body", "parameters": parameters }));
        }
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
