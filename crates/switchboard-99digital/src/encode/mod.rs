//! Outbound messages to 99digital requests: one endpoint per content kind, a flat JSON body
//! holding `apiKey`, `from` and `to` (digits, no `+`) plus the endpoint's fields.

mod interactive;
mod other;
mod template;

use crate::capabilities::CAPABILITIES;
use serde_json::{Map, Value};
use switchboard_core::{Content, Error, ExposeSecret, OutboundMessage, WireRequest};

/// The JSON pointer of the API key in every body.
pub const API_KEY_POINTER: &str = "/apiKey";

/// One 99digital send endpoint and the optional envelope fields it documents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Endpoint {
    /// The endpoint name, appended to the base URL (`sendMessage`).
    pub name: &'static str,
    /// Whether it documents `replyTo`.
    pub reply_to: bool,
    /// Whether it documents `showRequest`.
    pub show_request: bool,
}

pub(crate) const SEND_MESSAGE: Endpoint = Endpoint {
    name: "sendMessage",
    reply_to: true,
    show_request: true,
};
pub(crate) const SEND_FILE: Endpoint = Endpoint {
    name: "sendFile",
    reply_to: true,
    show_request: true,
};
pub(crate) const SEND_BUTTONS: Endpoint = Endpoint {
    name: "sendButtons",
    reply_to: true,
    show_request: true,
};
pub(crate) const SEND_LOCATION: Endpoint = Endpoint {
    name: "sendLocation",
    reply_to: true,
    show_request: true,
};
pub(crate) const SEND_REACTION: Endpoint = Endpoint {
    name: "sendReaction",
    reply_to: false,
    show_request: true,
};
pub(crate) const SEND_CONTACT: Endpoint = Endpoint {
    name: "sendContact",
    reply_to: false,
    show_request: false,
};
pub(crate) const SEND_TEMPLATE: Endpoint = Endpoint {
    name: "sendTemplate",
    reply_to: false,
    show_request: false,
};

/// The endpoint fields of one message, and whether `localStorage` applies to it.
pub(crate) struct Fields {
    pub endpoint: Endpoint,
    pub body: Map<String, Value>,
    pub local_storage_applies: bool,
}

impl Fields {
    pub(crate) fn new(endpoint: Endpoint) -> Self {
        Fields {
            endpoint,
            body: Map::new(),
            local_storage_applies: false,
        }
    }

    pub(crate) fn set(&mut self, key: &str, value: impl Into<Value>) {
        self.body.insert(key.to_string(), value.into());
    }

    pub(crate) fn set_opt(&mut self, key: &str, value: Option<&String>) {
        if let Some(v) = value {
            self.set(key, v.as_str());
        }
    }
}

/// What the encoder needs from the adapter's settings.
pub(crate) struct Account<'a> {
    pub api_key: &'a secrecy::SecretString,
    pub from: &'a str,
    pub base_url: &'a str,
}

/// Describes the request that sends `message` (limits and capabilities already checked by
/// `switchboard_core::adapter::encode`), checking 99digital's own rules.
pub(crate) fn encode(
    account: &Account<'_>,
    message: &OutboundMessage,
) -> Result<WireRequest, Error> {
    let options = crate::options::read(message)?.unwrap_or_default();
    let fields = match &message.content {
        Content::Text(t) => other::text(t),
        Content::Media(m) => other::media(m)?,
        Content::Buttons(b) => interactive::buttons(b)?,
        Content::Cta(c) => interactive::cta(c)?,
        Content::List(_) => return Err(CAPABILITIES.unsupported(switchboard_core::Feature::List)),
        Content::Location(l) => other::location(l),
        Content::Template(t) => template::template(t, &options)?,
        Content::Reaction(r) => other::reaction(r),
        Content::Contacts(c) => other::contacts(c)?,
        other => {
            return Err(Error::unsupported(
                crate::PROVIDER,
                other.kind(),
                "this adapter does not know this content kind",
            ))
        }
    };
    let is_template = matches!(message.content, Content::Template(_));
    envelope(account, message, &options, fields, is_template)
}

fn envelope(
    account: &Account<'_>,
    message: &OutboundMessage,
    options: &crate::NinetyNineDigitalOptions,
    fields: Fields,
    is_template: bool,
) -> Result<WireRequest, Error> {
    let endpoint = fields.endpoint;
    let mut body = fields.body;
    if let Some(reply_to) = &message.reply_to {
        if !endpoint.reply_to {
            return Err(Error::unsupported(
                crate::PROVIDER,
                "reply_to",
                format!(
                    "99digital's {} has no documented replyTo field",
                    endpoint.name
                ),
            ));
        }
        body.insert("replyTo".into(), Value::String(reply_to.clone()));
    }
    if let Some(show) = options.show_request {
        if !endpoint.show_request {
            return Err(
                CAPABILITIES.unsupported(crate::capabilities::OPTIONS_99DIGITAL_SHOW_REQUEST)
            );
        }
        body.insert("showRequest".into(), Value::from(u8::from(show)));
    }
    if let Some(local) = options.local_storage {
        if !fields.local_storage_applies {
            return Err(
                CAPABILITIES.unsupported(crate::capabilities::OPTIONS_99DIGITAL_LOCAL_STORAGE)
            );
        }
        body.insert("localStorage".into(), Value::from(u8::from(local)));
    }
    let template_only = options.template_language.is_some()
        || options.website_variable.is_some()
        || options.website_variable2.is_some()
        || options.coupon_code.is_some();
    if template_only && !is_template {
        return Err(CAPABILITIES.unsupported(crate::capabilities::OPTIONS_99DIGITAL_TEMPLATE));
    }
    body.insert(
        "apiKey".into(),
        Value::String(account.api_key.expose_secret().to_string()),
    );
    body.insert("from".into(), Value::String(account.from.to_string()));
    body.insert("to".into(), Value::String(message.to.plain().to_string()));
    let url = format!("{}{}", account.base_url, endpoint.name);
    let mut request = WireRequest::post_json(endpoint.name, url, Value::Object(body));
    request.secret_body_pointers.push(API_KEY_POINTER);
    Ok(request)
}
