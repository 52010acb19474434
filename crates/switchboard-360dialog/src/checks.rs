//! The checks 360dialog needs beyond the capability flags and the Cloud API payload rules
//! (`switchboard_cloud_api::checks`): its options, and the On-Premise template namespace.

use switchboard_core::settings::Hosting;
use switchboard_core::{limits, Capabilities, Content, Error, MediaSource, OutboundMessage};

/// Checks `message` for `hosting`; returns the On-Premise template namespace in effect.
pub fn check<'a>(
    hosting: Hosting,
    caps: &Capabilities,
    message: &'a OutboundMessage,
    default_namespace: Option<&'a str>,
) -> Result<Option<&'a str>, Error> {
    let options = message.options.dialog360.as_ref();
    let media_provider = options.and_then(|o| o.media_provider.as_deref());
    let namespace = options.and_then(|o| o.template_namespace.as_deref());
    if hosting == Hosting::Cloud {
        if media_provider.is_some() {
            return Err(caps.unsupported("media.provider"));
        }
        if namespace.is_some() {
            return Err(caps.unsupported("template.namespace"));
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
    match hosting {
        Hosting::Cloud => switchboard_cloud_api::checks::check(caps, message)?,
        Hosting::OnPremise => switchboard_cloud_api::checks::check_objects(caps, message)?,
    }
    if let (Hosting::OnPremise, Content::Template(_)) = (hosting, &message.content) {
        let ns = namespace
            .or(default_namespace)
            .filter(|n| !n.trim().is_empty());
        return match ns {
            Some(ns) => Ok(Some(ns)),
            None => Err(Error::invalid(
                "options.360dialog.template_namespace",
                "present for templates on On-Premise (or set `template_namespace` in [360dialog])",
                "absent",
            )),
        };
    }
    Ok(None)
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
