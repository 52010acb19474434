//! The template catalog: how each provider addresses a template and maps its parameters.
//!
//! ```toml
//! [templates.order_update]
//! params = ["customer_name", "order_id"]      # the body parameters' names, in positional order
//!
//! [templates.order_update.bird]
//! project_id = "5b1f0c7e-8f3a-4c2d-9e61-0a2b3c4d5e6f"   # options.bird.template_project_id
//! version = "latest"                                     # options.bird.template_version
//! header = "image_url"       # the header travels as this named parameter
//!
//! [templates.order_update.99digital]
//! language = 2               # options.99digital.template_language
//!
//! [templates.order_update."360dialog on-premise"]
//! namespace = "d8bcb6bd_2ab2_439c_9d9e_947501266c77"     # options.360dialog.template_namespace
//! ```
//!
//! A provider's table is found by its name (`bird`) and by its capability-matrix column
//! (`"360dialog on-premise"`); the column's keys win. Its keys `name`, `params`, `header`
//! and `buttons` are read here; every other key `k` becomes the provider's option
//! `template_k` (unless the message sets it), read and checked by the provider's adapter.
//! Mapping a template through the catalog changes how it is addressed, never what the
//! customer sees, so it applies under every fidelity policy and is not a degradation.

use crate::model::{Content, Header, Template, TemplateButtonParam, TemplateParams};
use crate::{Capabilities, Error, OutboundMessage};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The `[templates]` table: an entry per template name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TemplateCatalog(pub BTreeMap<String, TemplateEntry>);

/// One template: the names of its body parameters in positional order, and a mapping per
/// provider (or column) that has it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateEntry {
    /// The body parameters' names in positional order (`{{1}}` is `params[0]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// Per provider name or column name (`"bird"`, `"360dialog on-premise"`).
    #[serde(flatten)]
    pub providers: BTreeMap<String, TemplateMapping>,
}

/// How one provider addresses a template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateMapping {
    /// The template's name at this provider, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The parameters' names in positional order at this provider, when they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Vec<String>>,
    /// A provider that takes the header as a named parameter (Bird, whose Studio templates
    /// have a header variable): its key. The header's link or text becomes its value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// A provider that takes dynamic URL button values as named parameters (Bird): the key
    /// of each button's value, by button index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<String>,
    /// The provider's template options, without their `template_` prefix.
    #[serde(flatten)]
    pub options: Map<String, Value>,
}

impl TemplateCatalog {
    /// Whether the catalog has no template.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `message` as the provider with `caps` addresses it: unchanged (borrowed) unless it is a
    /// template with an entry that maps it for this provider. Named parameters become
    /// positional (in `params` order) where the provider takes positional ones only, and
    /// the other way round; the header and URL-button values become named parameters where
    /// the mapping gives their keys; the mapping's options are set. Pure.
    pub fn resolve<'m>(
        &self,
        caps: &Capabilities,
        message: &'m OutboundMessage,
    ) -> Result<Cow<'m, OutboundMessage>, Error> {
        let Content::Template(t) = &message.content else {
            return Ok(Cow::Borrowed(message));
        };
        let Some(entry) = self.0.get(&t.name) else {
            return Ok(Cow::Borrowed(message));
        };
        let mut mapping = TemplateMapping::default();
        for key in [caps.provider.as_str(), caps.name] {
            if let Some(m) = entry.providers.get(key) {
                mapping.merge(m);
            }
        }
        let params = mapping
            .params
            .clone()
            .unwrap_or_else(|| entry.params.clone());
        let mut t: Template = t.clone();
        let field = format!("templates.{}", t.name);
        if let Some(name) = &mapping.name {
            t.name = name.clone();
        }
        map_body(caps, &mut t, &params, &field)?;
        if let Some(key) = &mapping.header {
            map_header(caps, &mut t, key);
        }
        if !mapping.buttons.is_empty() && !caps.template_buttons {
            map_buttons(&mut t, &mapping.buttons);
        }
        let mut out = message.clone();
        out.content = Content::Template(t);
        if !mapping.options.is_empty() {
            let mut options = out.options.get(caps.provider).cloned().unwrap_or_default();
            for (k, v) in &mapping.options {
                options.entry(format!("template_{k}")).or_insert(v.clone());
            }
            out.options.set(caps.provider, &options)?;
        }
        Ok(Cow::Owned(out))
    }
}

impl TemplateMapping {
    fn merge(&mut self, other: &TemplateMapping) {
        self.name = other.name.clone().or(self.name.take());
        self.params = other.params.clone().or(self.params.take());
        self.header = other.header.clone().or(self.header.take());
        if !other.buttons.is_empty() {
            self.buttons = other.buttons.clone();
        }
        for (k, v) in &other.options {
            self.options.insert(k.clone(), v.clone());
        }
    }
}

fn map_body(
    caps: &Capabilities,
    t: &mut Template,
    params: &[String],
    field: &str,
) -> Result<(), Error> {
    if params.is_empty() {
        return Ok(());
    }
    match &t.body {
        TemplateParams::Named(named) if !named.is_empty() && !caps.template_named => {
            let mut positional = Vec::with_capacity(params.len());
            for p in params {
                let value = named.get(p).ok_or_else(|| {
                    Error::invalid(
                        "template.body",
                        format!(
                            "every parameter {field}.params names: {}",
                            params.join(", ")
                        ),
                        format!("no `{p}`"),
                    )
                })?;
                positional.push(value.clone());
            }
            if let Some(extra) = named.keys().find(|k| !params.contains(k)) {
                return Err(Error::invalid(
                    "template.body",
                    format!(
                        "only the parameters {field}.params names: {}",
                        params.join(", ")
                    ),
                    format!("`{extra}`"),
                ));
            }
            t.body = TemplateParams::Positional(positional);
        }
        TemplateParams::Positional(values) if !values.is_empty() && !caps.template_positional => {
            if values.len() != params.len() {
                return Err(Error::invalid(
                    "template.body",
                    format!("{} parameters, as {field}.params names", params.len()),
                    values.len().to_string(),
                ));
            }
            let named = params.iter().cloned().zip(values.iter().cloned()).collect();
            t.body = TemplateParams::Named(named);
        }
        _ => {}
    }
    Ok(())
}

/// Moves the header into the named parameter `key`, where the provider cannot carry the
/// header itself and the header has a value a parameter can hold (a link or a text).
fn map_header(caps: &Capabilities, t: &mut Template, key: &str) {
    let value = match &t.header {
        Some(Header::Media(m)) if !caps.template_header_media => m.url().map(str::to_owned),
        Some(Header::Text(text)) if !caps.template_header_text => Some(text.clone()),
        _ => None,
    };
    if let Some(value) = value {
        if insert_named(&mut t.body, key, value) {
            t.header = None;
        }
    }
}

fn map_buttons(t: &mut Template, keys: &[String]) {
    let mut kept = Vec::with_capacity(t.buttons.len());
    for b in std::mem::take(&mut t.buttons) {
        match (&b.param, keys.get(usize::from(b.index))) {
            (TemplateButtonParam::Url { text }, Some(key))
                if insert_named(&mut t.body, key, text.clone()) => {}
            _ => kept.push(b),
        }
    }
    t.buttons = kept;
}

/// Adds `key = value` to named parameters (an empty body becomes named); `false` when the
/// body is positional.
fn insert_named(body: &mut TemplateParams, key: &str, value: String) -> bool {
    if let TemplateParams::Positional(p) = body {
        if !p.is_empty() {
            return false;
        }
        *body = TemplateParams::Named(BTreeMap::new());
    }
    match body {
        TemplateParams::Named(named) => {
            named.insert(key.to_string(), value);
            true
        }
        TemplateParams::Positional(_) => false,
    }
}
