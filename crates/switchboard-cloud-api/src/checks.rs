//! The checks the Cloud API payload needs beyond the capability flags: the fields an object
//! lacks. The limits Meta's schema cannot express (`docs/providers/reference/360dialog.md`
//! section 9.3: 10 rows across sections, section titles when there are several, unique button and
//! row ids and titles, a text-only list header) hold for WhatsApp as a whole and are
//! checked by `switchboard_core::limits`, which runs first.

use switchboard_core::{
    Capabilities, Content, Error, Header, Media, MediaKind, OutboundMessage, TemplateParams,
};

/// Most contact cards in one Cloud message (Meta's `ContactsMessage`, `maxItems: 5`).
pub const CLOUD_CONTACTS_MAX: usize = 5;

/// `reaction.remove`: removing a reaction with an empty emoji, which a host declares off
/// with its reason until it documents it.
pub const REACTION_REMOVE: switchboard_core::Feature =
    switchboard_core::Feature::Other("reaction.remove");

/// Checks `message` against the rules of the Cloud API payload that the capability flags
/// cannot express: a `filename` only on documents, no reply-to on a reaction, no empty
/// reaction emoji (removal is undocumented), named template parameters with valid names
/// and no text header beside them ([`named_params`]), and at most [`CLOUD_CONTACTS_MAX`]
/// contact cards.
pub fn check(caps: &Capabilities, message: &OutboundMessage) -> Result<(), Error> {
    check_objects(caps, message)?;
    match &message.content {
        Content::Contacts(c) if c.len() > CLOUD_CONTACTS_MAX => Err(Error::invalid(
            "contacts",
            format!("at most {CLOUD_CONTACTS_MAX} contacts"),
            format!("{} contacts", c.len()),
        )),
        _ => Ok(()),
    }
}

/// The rules of [`check`] that hold for the message objects themselves (media, headers,
/// templates, reactions), which Meta's On-Premise API shares; everything but the Cloud
/// contact-card maximum.
pub fn check_objects(caps: &Capabilities, message: &OutboundMessage) -> Result<(), Error> {
    match &message.content {
        Content::Media(m) => media_fields("media", m)?,
        Content::Buttons(b) => header_fields("buttons.header", &b.header)?,
        Content::Cta(c) => header_fields("cta.header", &c.header)?,
        Content::Template(t) => {
            header_fields("template.header", &t.header)?;
            if let TemplateParams::Named(params) = &t.body {
                if !params.is_empty() {
                    if !caps.template_named {
                        return Err(caps.unsupported(switchboard_core::Feature::TemplateNamed));
                    }
                    named_params(caps, t.header.as_ref(), params.keys())?;
                }
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
                return Err(caps.unsupported(REACTION_REMOVE));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The longest named template parameter (`docs/providers/meta.md`, "Named template
/// parameters": `^[a-z_]{1,20}$`).
pub const PARAMETER_NAME_MAX: usize = 20;

/// Named template parameters (`docs/providers/meta.md`, "Named template parameters"): each
/// name is 1 to [`PARAMETER_NAME_MAX`] lower-case ASCII letters or `_`, and header and body
/// use the same kind of parameter, so a text header (whose variable the model does not
/// name) cannot go beside named body parameters; a media header can.
pub fn named_params<'a>(
    caps: &Capabilities,
    header: Option<&Header>,
    names: impl IntoIterator<Item = &'a String>,
) -> Result<(), Error> {
    for name in names {
        let ok = (1..=PARAMETER_NAME_MAX).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if !ok {
            return Err(Error::invalid(
                "template.body",
                format!("parameter names of 1 to {PARAMETER_NAME_MAX} lower-case letters or `_`"),
                switchboard_core::error::describe_text(name),
            ));
        }
    }
    if matches!(header, Some(Header::Text(_))) {
        return Err(Error::unsupported(
            caps.provider,
            "template.header.text",
            "a text header beside named body parameters needs the header variable's name, \
             which the message model does not carry (header and body parameters must be of \
             one kind)",
        ));
    }
    Ok(())
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
