//! The checks 360dialog needs beyond the capability flags: its options and the fields a
//! dialect lacks. The limits Meta's schema cannot express (section 9.3: 10 rows across
//! sections, section titles when there are several, unique button and row ids and titles,
//! a text-only list header) hold for WhatsApp as a whole and are checked by
//! `switchboard_core::limits`, which `encode` runs first.

use switchboard_core::settings::Hosting;
use switchboard_core::{
    limits, Capabilities, Content, Error, Header, Media, MediaKind, MediaSource, OutboundMessage,
    TemplateParams,
};

/// Most contact cards in one Cloud message (Meta's `ContactsMessage`, `maxItems: 5`).
pub const CLOUD_CONTACTS_MAX: usize = 5;

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
    match &message.content {
        Content::Media(m) => media_fields("media", m)?,
        Content::Buttons(b) => header_fields("buttons.header", &b.header)?,
        Content::Cta(c) => header_fields("cta.header", &c.header)?,
        Content::Template(t) => {
            header_fields("template.header", &t.header)?;
            if matches!(&t.body, TemplateParams::Named(p) if !p.is_empty()) {
                return Err(caps.unsupported("template.body.named"));
            }
            if hosting == Hosting::OnPremise {
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
        }
        Content::Reaction(r) => {
            if message.reply_to.is_some() {
                return Err(Error::invalid(
                    "reply_to",
                    "absent on a reaction (reactions cannot be contextual replies)",
                    "present",
                ));
            }
            if r.emoji.is_empty() {
                return Err(caps.unsupported("reaction.remove"));
            }
        }
        Content::Contacts(c) if hosting == Hosting::Cloud && c.len() > CLOUD_CONTACTS_MAX => {
            return Err(Error::invalid(
                "contacts",
                format!("at most {CLOUD_CONTACTS_MAX} contacts"),
                format!("{} contacts", c.len()),
            ));
        }
        _ => {}
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

/// `filename` exists only on documents.
fn media_fields(field: &str, m: &Media) -> Result<(), Error> {
    if m.filename.is_some() && m.kind != MediaKind::Document {
        return Err(Error::invalid(
            format!("{field}.filename"),
            "absent except on a document",
            format!("a filename on {}", m.kind.as_str()),
        ));
    }
    Ok(())
}

fn header_fields(field: &str, h: &Option<Header>) -> Result<(), Error> {
    match h {
        Some(Header::Media(m)) => media_fields(&format!("{field}.media"), m),
        _ => Ok(()),
    }
}
