//! The checks 360dialog needs beyond the capability flags: its options, the fields a
//! dialect lacks, and the limits Meta's schema cannot express (section 9.3).

use std::collections::HashSet;
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
        Content::Buttons(b) => {
            header_fields("buttons.header", &b.header)?;
            unique_buttons(b)?;
        }
        Content::Cta(c) => header_fields("cta.header", &c.header)?,
        Content::List(l) => list_limits(l)?,
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

/// Reply-button ids and titles are unique (the schema cannot say so).
pub fn unique_buttons(b: &switchboard_core::Buttons) -> Result<(), Error> {
    let (mut ids, mut titles) = (HashSet::new(), HashSet::new());
    for (i, button) in b.buttons.iter().enumerate() {
        if !ids.insert(&button.id) {
            return Err(Error::invalid(
                format!("buttons.buttons[{i}].id"),
                "unique among the buttons",
                format!("{:?} (repeated)", button.id),
            ));
        }
        if !titles.insert(&button.title) {
            return Err(Error::invalid(
                format!("buttons.buttons[{i}].title"),
                "unique among the buttons",
                format!("{:?} (repeated)", button.title),
            ));
        }
    }
    Ok(())
}

/// At most 10 rows across all sections, a title on every section when there are several,
/// unique row ids. (The list header is a `String`, so text only, by construction.)
pub fn list_limits(l: &switchboard_core::List) -> Result<(), Error> {
    let total: usize = l.sections.iter().map(|s| s.rows.len()).sum();
    if total > limits::LIST_ROWS_MAX {
        return Err(Error::invalid(
            "list.sections",
            format!(
                "at most {} rows in all sections together",
                limits::LIST_ROWS_MAX
            ),
            format!("{total} rows"),
        ));
    }
    let mut ids = HashSet::new();
    for (s, section) in l.sections.iter().enumerate() {
        if l.sections.len() > 1 && section.title.is_none() {
            return Err(Error::invalid(
                format!("list.sections[{s}].title"),
                "present when the list has more than one section",
                "absent",
            ));
        }
        for (r, row) in section.rows.iter().enumerate() {
            if !ids.insert(&row.id) {
                return Err(Error::invalid(
                    format!("list.sections[{s}].rows[{r}].id"),
                    "unique in the list",
                    format!("{:?} (repeated)", row.id),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_core::{Buttons, List, ListRow, ListSection, ReplyButton};

    fn rows(prefix: &str, n: usize) -> Vec<ListRow> {
        (0..n)
            .map(|i| ListRow::new(format!("{prefix}{i}"), "t"))
            .collect()
    }

    fn list(sections: Vec<ListSection>) -> List {
        List {
            body: "b".into(),
            button: "Open".into(),
            sections,
            header: None,
            footer: None,
        }
    }

    fn field(r: Result<(), Error>) -> String {
        match r {
            Err(Error::InvalidMessage { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rows_are_counted_across_sections() {
        let ok = list(vec![
            ListSection {
                title: Some("A".into()),
                rows: rows("a", 5),
            },
            ListSection {
                title: Some("B".into()),
                rows: rows("b", 5),
            },
        ]);
        assert!(list_limits(&ok).is_ok());
        let eleven = list(vec![
            ListSection {
                title: Some("A".into()),
                rows: rows("a", 6),
            },
            ListSection {
                title: Some("B".into()),
                rows: rows("b", 5),
            },
        ]);
        assert_eq!(field(list_limits(&eleven)), "list.sections");
    }

    #[test]
    fn section_titles_and_row_ids() {
        let untitled = list(vec![
            ListSection {
                title: Some("A".into()),
                rows: rows("a", 1),
            },
            ListSection {
                title: None,
                rows: rows("b", 1),
            },
        ]);
        assert_eq!(field(list_limits(&untitled)), "list.sections[1].title");
        let single = list(vec![ListSection {
            title: None,
            rows: rows("a", 2),
        }]);
        assert!(list_limits(&single).is_ok());
        let dup = list(vec![
            ListSection {
                title: Some("A".into()),
                rows: rows("a", 2),
            },
            ListSection {
                title: Some("B".into()),
                rows: rows("a", 1),
            },
        ]);
        assert_eq!(field(list_limits(&dup)), "list.sections[1].rows[0].id");
    }

    #[test]
    fn button_ids_and_titles_are_unique() {
        let b = |buttons: Vec<ReplyButton>| Buttons {
            body: "b".into(),
            buttons,
            header: None,
            footer: None,
        };
        assert!(unique_buttons(&b(vec![
            ReplyButton::new("a", "A"),
            ReplyButton::new("b", "B")
        ]))
        .is_ok());
        let same_id = b(vec![ReplyButton::new("a", "A"), ReplyButton::new("a", "B")]);
        assert_eq!(field(unique_buttons(&same_id)), "buttons.buttons[1].id");
        let same_title = b(vec![ReplyButton::new("a", "A"), ReplyButton::new("b", "A")]);
        assert_eq!(
            field(unique_buttons(&same_title)),
            "buttons.buttons[1].title"
        );
    }
}
