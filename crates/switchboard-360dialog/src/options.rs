//! The options only 360dialog understands (`options.360dialog`), and their checks.

use crate::Hosting;
use serde::{Deserialize, Serialize};
use switchboard_core::{limits, Capabilities, Content, Error, MediaSource, OutboundMessage};

/// Options only 360dialog understands.
///
/// JSON form: `"options": {"360dialog": {"media_provider": "my-cdn"}}`. Both options exist
/// only on the On-Premise API; the Cloud adapter refuses a message that carries them with
/// [`Error::Unsupported`] rather than sending a different body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialog360Options {
    /// On-Premise only: the name of a media provider configured on the client, sent as
    /// `provider: {"name": ...}` beside a media `link` (for links that need basic or bearer
    /// authentication). Only on a media message given by link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_provider: Option<String>,
    /// On-Premise only: the template namespace of the WhatsApp Business Account, sent as
    /// `template.namespace`. Required for templates on On-Premise, unless the settings
    /// give a default (`[360dialog] template_namespace`). Only on a template message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_namespace: Option<String>,
}

/// The 360dialog options `message` carries, `None` when it carries none; an unknown key is an
/// [`Error::InvalidMessage`] naming `options.360dialog`.
pub fn read(message: &OutboundMessage) -> Result<Option<Dialog360Options>, Error> {
    message.options.parse(crate::PROVIDER)
}

/// Checks `options` against `hosting` and `message`: both exist on On-Premise only; a media
/// provider only on media by link, a namespace only on templates.
pub fn check(
    hosting: Hosting,
    caps: &Capabilities,
    options: Option<&Dialog360Options>,
    message: &OutboundMessage,
) -> Result<(), Error> {
    let media_provider = options.and_then(|o| o.media_provider.as_deref());
    let namespace = options.and_then(|o| o.template_namespace.as_deref());
    if hosting == Hosting::Cloud {
        if media_provider.is_some() {
            return Err(caps.unsupported(crate::capabilities::MEDIA_PROVIDER));
        }
        if namespace.is_some() {
            return Err(caps.unsupported(crate::capabilities::TEMPLATE_NAMESPACE));
        }
    }
    if let Some(name) = media_provider {
        let by_link = matches!(&message.content, Content::Media(m) if matches!(m.source, MediaSource::Link(_)));
        if !by_link {
            return Err(Error::invalid(
                "options.360dialog.media_provider",
                "only on a media message given by link",
                format!("{name:?} on a {} message", describe(&message.content)),
            ));
        }
        limits::text_len("options.360dialog.media_provider", name, 1, 512)?;
    }
    if let Some(ns) = namespace {
        limits::text_len("options.360dialog.template_namespace", ns.trim(), 1, 512)?;
        if !matches!(message.content, Content::Template(_)) {
            return Err(Error::invalid(
                "options.360dialog.template_namespace",
                "only on a template message",
                format!("{ns:?} on a {} message", describe(&message.content)),
            ));
        }
    }
    Ok(())
}

fn describe(content: &Content) -> String {
    match content {
        Content::Media(m) => format!(
            "{} {}",
            m.kind.as_str(),
            match m.source {
                MediaSource::Link(_) => "by link",
                MediaSource::Id(_) => "by id",
            }
        ),
        other => other.kind().to_string(),
    }
}
