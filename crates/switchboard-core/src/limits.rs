//! The limits that hold for WhatsApp as a whole, whatever the provider, checked when a
//! message is built. Provider-specific limits are checked by each adapter.
//!
//! Every violation is an [`Error::InvalidMessage`] naming the field (as a path into the
//! JSON form), the limit and the value.
//!
//! A valid message is checked without allocating: field paths such as
//! `list.sections[1].rows[0].id` are formatted only when an error reports them, and
//! uniqueness is checked by comparing with the earlier items (there are at most 3 buttons
//! and 10 rows) instead of building sets (`tests/validation_allocs.rs` counts).

use crate::model::{
    Buttons, CallToAction, Content, CtaTarget, Header, List, Media, MediaKind, MediaSource,
    Template,
};
use crate::{Error, OutboundMessage};

/// Most characters in a text message.
pub const TEXT_BODY_MAX: usize = 4096;
/// Most characters in a media caption.
pub const CAPTION_MAX: usize = 1024;
/// Most characters in the body of an interactive message (buttons, call-to-action, list).
pub const INTERACTIVE_BODY_MAX: usize = 1024;
/// Most characters in a header or footer text.
pub const HEADER_FOOTER_MAX: usize = 60;
/// Most reply buttons on one message.
pub const BUTTONS_MAX: usize = 3;
/// Most characters in a reply-button title, a call-to-action label or a list button label.
pub const BUTTON_TITLE_MAX: usize = 20;
/// Most characters in a reply-button id.
pub const BUTTON_ID_MAX: usize = 256;
/// Most sections in a list.
pub const LIST_SECTIONS_MAX: usize = 10;
/// Most rows in a list, counted across all its sections.
pub const LIST_ROWS_MAX: usize = 10;
/// Most characters in a list section title.
pub const SECTION_TITLE_MAX: usize = 24;
/// Most characters in a list row title.
pub const ROW_TITLE_MAX: usize = 24;
/// Most characters in a list row description.
pub const ROW_DESCRIPTION_MAX: usize = 72;
/// Most characters in a list row id.
pub const ROW_ID_MAX: usize = 200;

/// Checks `message` against the WhatsApp-wide limits.
pub fn validate(message: &OutboundMessage) -> Result<(), Error> {
    if let Some(id) = &message.reply_to {
        not_blank("reply_to", id)?;
    }
    match &message.content {
        Content::Text(t) => text_len("text.body", &t.body, 1, TEXT_BODY_MAX),
        Content::Media(m) => media(&|| "media".to_string(), m, false),
        Content::Buttons(b) => buttons(b),
        Content::Cta(c) => cta(c),
        Content::List(l) => list(l),
        Content::Location(l) => {
            range("location.latitude", l.latitude, 90.0)?;
            range("location.longitude", l.longitude, 180.0)
        }
        Content::Template(t) => template(t),
        Content::Reaction(r) => not_blank("reaction.message_id", &r.message_id),
        Content::Contacts(cs) => {
            if cs.is_empty() {
                return Err(Error::invalid(
                    "contacts",
                    "at least 1 contact",
                    "0 contacts",
                ));
            }
            for (i, c) in cs.iter().enumerate() {
                not_blank_at(
                    || format!("contacts[{i}].name.formatted_name"),
                    &c.name.formatted_name,
                )?;
            }
            Ok(())
        }
    }
}

/// Checks that `value` has between `min` and `max` characters.
pub fn text_len(field: &str, value: &str, min: usize, max: usize) -> Result<(), Error> {
    let n = value.chars().count();
    if n < min || n > max {
        let limit = if min == 0 {
            format!("at most {max} characters")
        } else {
            format!("{min} to {max} characters")
        };
        return Err(Error::invalid(
            field,
            limit,
            crate::error::describe_text(value),
        ));
    }
    Ok(())
}

/// [`text_len`] with the field's path built only when the check fails.
fn len_at(
    field: impl FnOnce() -> String,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), Error> {
    let n = value.chars().count();
    if n < min || n > max {
        return text_len(&field(), value, min, max);
    }
    Ok(())
}

fn not_blank(field: &str, value: &str) -> Result<(), Error> {
    not_blank_at(|| field.to_string(), value)
}

/// [`not_blank`] with the field's path built only when the check fails.
fn not_blank_at(field: impl FnOnce() -> String, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field(), "not empty", format!("{value:?}")));
    }
    Ok(())
}

fn range(field: &str, value: f64, bound: f64) -> Result<(), Error> {
    if !value.is_finite() || value < -bound || value > bound {
        return Err(Error::invalid(
            field,
            format!("between -{bound} and {bound}"),
            value.to_string(),
        ));
    }
    Ok(())
}

fn optional(field: &str, value: &Option<String>, max: usize) -> Result<(), Error> {
    match value {
        Some(v) => text_len(field, v, 1, max),
        None => Ok(()),
    }
}

/// `field` is the media object's path (built only to report an error).
fn media(field: &dyn Fn() -> String, m: &Media, header: bool) -> Result<(), Error> {
    match &m.source {
        MediaSource::Link(url) => {
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 {
                return Err(Error::invalid(
                    format!("{}.link", field()),
                    "an http:// or https:// URL",
                    format!("{url:?}"),
                ));
            }
        }
        MediaSource::Id(id) => not_blank_at(|| format!("{}.id", field()), id)?,
    }
    if let Some(caption) = &m.caption {
        if header {
            return Err(Error::invalid(
                format!("{}.caption", field()),
                "absent (a header has no caption)",
                crate::error::describe_text(caption),
            ));
        }
        if !m.kind.takes_caption() {
            return Err(Error::invalid(
                format!("{}.caption", field()),
                "absent for audio and sticker (only image, video and document take a caption)",
                format!("a caption on {}", m.kind.as_str()),
            ));
        }
        len_at(|| format!("{}.caption", field()), caption, 1, CAPTION_MAX)?;
    }
    if let Some(name) = &m.filename {
        not_blank_at(|| format!("{}.filename", field()), name)?;
    }
    if let Some(mime) = &m.mime_type {
        if !mime.contains('/') {
            return Err(Error::invalid(
                format!("{}.mime_type", field()),
                "a MIME type such as application/pdf",
                format!("{mime:?}"),
            ));
        }
    }
    if header
        && !matches!(
            m.kind,
            MediaKind::Image | MediaKind::Video | MediaKind::Document
        )
    {
        return Err(Error::invalid(
            format!("{}.kind", field()),
            "image, video or document",
            m.kind.as_str(),
        ));
    }
    Ok(())
}

fn header(field: &str, h: &Option<Header>) -> Result<(), Error> {
    match h {
        Some(Header::Text(t)) => len_at(|| format!("{field}.text"), t, 1, HEADER_FOOTER_MAX),
        Some(Header::Media(m)) => media(&|| format!("{field}.media"), m, true),
        None => Ok(()),
    }
}

fn buttons(b: &Buttons) -> Result<(), Error> {
    text_len("buttons.body", &b.body, 1, INTERACTIVE_BODY_MAX)?;
    if b.buttons.is_empty() || b.buttons.len() > BUTTONS_MAX {
        return Err(Error::invalid(
            "buttons.buttons",
            format!("1 to {BUTTONS_MAX} buttons"),
            format!("{} buttons", b.buttons.len()),
        ));
    }
    for (i, button) in b.buttons.iter().enumerate() {
        len_at(
            || format!("buttons.buttons[{i}].id"),
            &button.id,
            1,
            BUTTON_ID_MAX,
        )?;
        if button.id.trim() != button.id {
            return Err(Error::invalid(
                format!("buttons.buttons[{i}].id"),
                "without leading or trailing spaces",
                format!("{:?}", button.id),
            ));
        }
        len_at(
            || format!("buttons.buttons[{i}].title"),
            &button.title,
            1,
            BUTTON_TITLE_MAX,
        )?;
        let earlier = &b.buttons[..i];
        if earlier.iter().any(|e| e.id == button.id) {
            return Err(Error::invalid(
                format!("buttons.buttons[{i}].id"),
                "unique among the buttons",
                format!("{:?} (repeated)", button.id),
            ));
        }
        if earlier.iter().any(|e| e.title == button.title) {
            return Err(Error::invalid(
                format!("buttons.buttons[{i}].title"),
                "unique among the buttons",
                format!("{:?} (repeated)", button.title),
            ));
        }
    }
    header("buttons.header", &b.header)?;
    optional("buttons.footer", &b.footer, HEADER_FOOTER_MAX)
}

fn cta(c: &CallToAction) -> Result<(), Error> {
    text_len("cta.body", &c.body, 1, INTERACTIVE_BODY_MAX)?;
    text_len("cta.label", &c.label, 1, BUTTON_TITLE_MAX)?;
    match &c.target {
        CtaTarget::Url(url) => {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(Error::invalid(
                    "cta.url",
                    "an http:// or https:// URL",
                    format!("{url:?}"),
                ));
            }
        }
        CtaTarget::Email(email) => {
            let ok = email.split_once('@').is_some_and(|(a, b)| {
                !a.is_empty() && b.contains('.') && !email.contains(char::is_whitespace)
            });
            if !ok {
                return Err(Error::invalid(
                    "cta.email",
                    "an e-mail address",
                    format!("{email:?}"),
                ));
            }
        }
        CtaTarget::Phone(_) => {}
    }
    header("cta.header", &c.header)?;
    optional("cta.footer", &c.footer, HEADER_FOOTER_MAX)
}

fn list(l: &List) -> Result<(), Error> {
    text_len("list.body", &l.body, 1, INTERACTIVE_BODY_MAX)?;
    text_len("list.button", &l.button, 1, BUTTON_TITLE_MAX)?;
    optional("list.header", &l.header, HEADER_FOOTER_MAX)?;
    optional("list.footer", &l.footer, HEADER_FOOTER_MAX)?;
    if l.sections.is_empty() || l.sections.len() > LIST_SECTIONS_MAX {
        return Err(Error::invalid(
            "list.sections",
            format!("1 to {LIST_SECTIONS_MAX} sections"),
            format!("{} sections", l.sections.len()),
        ));
    }
    let total: usize = l.sections.iter().map(|s| s.rows.len()).sum();
    if total > LIST_ROWS_MAX {
        return Err(Error::invalid(
            "list.sections",
            format!("at most {LIST_ROWS_MAX} rows in all sections together"),
            format!("{total} rows"),
        ));
    }
    for (s, section) in l.sections.iter().enumerate() {
        match &section.title {
            Some(t) => len_at(
                || format!("list.sections[{s}].title"),
                t,
                1,
                SECTION_TITLE_MAX,
            )?,
            None if l.sections.len() > 1 => {
                return Err(Error::invalid(
                    format!("list.sections[{s}].title"),
                    "present when the list has more than one section",
                    "absent",
                ))
            }
            None => {}
        }
        if section.rows.is_empty() {
            return Err(Error::invalid(
                format!("list.sections[{s}].rows"),
                "at least 1 row",
                "0 rows",
            ));
        }
        for (r, row) in section.rows.iter().enumerate() {
            let at = |name: &str| format!("list.sections[{s}].rows[{r}].{name}");
            len_at(|| at("id"), &row.id, 1, ROW_ID_MAX)?;
            // Unique among the rows before it, in this section and the earlier ones.
            let repeated = l.sections[..s]
                .iter()
                .flat_map(|earlier| &earlier.rows)
                .chain(&section.rows[..r])
                .any(|earlier| earlier.id == row.id);
            if repeated {
                return Err(Error::invalid(
                    at("id"),
                    "unique in the list",
                    format!("{:?} (repeated)", row.id),
                ));
            }
            len_at(|| at("title"), &row.title, 1, ROW_TITLE_MAX)?;
            if let Some(d) = &row.description {
                len_at(|| at("description"), d, 1, ROW_DESCRIPTION_MAX)?;
            }
        }
    }
    Ok(())
}

fn template(t: &Template) -> Result<(), Error> {
    not_blank("template.name", &t.name)?;
    not_blank("template.language", &t.language)?;
    header("template.header", &t.header)?;
    if let crate::model::TemplateParams::Named(map) = &t.body {
        for name in map.keys() {
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(Error::invalid(
                    "template.body",
                    "parameter names of lower-case letters, digits and _",
                    format!("{name:?}"),
                ));
            }
        }
    }
    // Indexes 0 to 9 seen so far, one bit each.
    let mut seen: u16 = 0;
    for (i, b) in t.buttons.iter().enumerate() {
        if b.index > 9 {
            return Err(Error::invalid(
                format!("template.buttons[{i}].index"),
                "0 to 9",
                b.index.to_string(),
            ));
        }
        let bit = 1u16 << b.index;
        if seen & bit != 0 {
            return Err(Error::invalid(
                format!("template.buttons[{i}].index"),
                "unique among the button parameters",
                format!("{} (repeated)", b.index),
            ));
        }
        seen |= bit;
    }
    Ok(())
}
