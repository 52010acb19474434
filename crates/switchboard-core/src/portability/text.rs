//! The text forms degradations produce, in WhatsApp's own formatting (`*bold*`, `_italic_`).

use crate::model::{Contact, List};

/// `header` in WhatsApp bold as the first line of `body`.
pub(super) fn with_header(header: &str, body: &str) -> String {
    format!("*{}*\n{body}", header.trim())
}

/// `footer` in WhatsApp italics as the last line of `body`.
pub(super) fn with_footer(body: &str, footer: &str) -> String {
    format!("{body}\n_{}_", footer.trim())
}

/// A list as a numbered text menu: header (bold), body, each section title (bold) with its
/// rows numbered across sections (`1. Title — description`), footer (italics).
pub(super) fn menu(list: &List) -> String {
    let mut out = String::new();
    if let Some(h) = &list.header {
        out.push_str(&format!("*{}*\n", h.trim()));
    }
    out.push_str(&list.body);
    out.push('\n');
    let mut n = 0;
    for section in &list.sections {
        out.push('\n');
        if let Some(t) = &section.title {
            out.push_str(&format!("*{}*\n", t.trim()));
        }
        for row in &section.rows {
            n += 1;
            match &row.description {
                Some(d) => out.push_str(&format!("{n}. {} — {d}\n", row.title)),
                None => out.push_str(&format!("{n}. {}\n", row.title)),
            }
        }
    }
    if let Some(f) = &list.footer {
        out.push_str(&format!("\n_{}_\n", f.trim()));
    }
    out.truncate(out.trim_end().len());
    out
}

/// Contact cards as text: the name in bold, then each phone, e-mail, web site, address and
/// organization on its own line, with its type where given.
pub(super) fn contacts(cards: &[Contact]) -> String {
    let mut blocks = Vec::with_capacity(cards.len());
    for c in cards {
        let mut lines = vec![format!("*{}*", c.name.formatted_name.trim())];
        let typed = |kind: &Option<String>, value: &str| match kind {
            Some(k) => format!("{k}: {value}"),
            None => value.to_string(),
        };
        if let Some(org) = &c.org {
            let parts: Vec<&str> = [&org.title, &org.department, &org.company]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if !parts.is_empty() {
                lines.push(parts.join(", "));
            }
        }
        lines.extend(c.phones.iter().map(|p| typed(&p.kind, &p.phone)));
        lines.extend(c.emails.iter().map(|e| typed(&e.kind, &e.email)));
        lines.extend(c.urls.iter().map(|u| typed(&u.kind, &u.url)));
        for a in &c.addresses {
            let parts: Vec<&str> = [&a.street, &a.city, &a.state, &a.zip, &a.country]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if !parts.is_empty() {
                lines.push(typed(&a.kind, &parts.join(", ")));
            }
        }
        if let Some(b) = &c.birthday {
            lines.push(format!("Birthday: {b}"));
        }
        blocks.push(lines.join("\n"));
    }
    blocks.join("\n\n")
}
