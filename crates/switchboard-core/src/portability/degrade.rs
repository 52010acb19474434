//! The transformations of the `degrade` policy, one per feature an adapter can refuse.
//!
//! Each one answers a refusal ([`Error::Unsupported`] naming a feature, or Bird's refusal of a
//! quoted id that is not its own) with the message minus that feature, in the closest form
//! the provider documents, and a [`Degradation`] saying what was done. `docs/portability.md`
//! holds the table of every case and its reason.

use super::text::{contacts, menu, with_footer, with_header};
use super::Degradation;
use crate::model::{
    Buttons, CallToAction, Content, CtaTarget, Header, List, MediaKind, ReplyButton,
    TemplateButtonParam, Text,
};
use crate::{limits, Capabilities, Error, OutboundMessage};

/// The transformation that answers `refusal` for `message` on a provider with `caps`, or
/// `None` where there is no faithful one (the refusal then stands). Pure.
pub fn degrade(
    caps: &Capabilities,
    refusal: &Error,
    message: &OutboundMessage,
) -> Option<(OutboundMessage, Degradation)> {
    let feature = match refusal {
        Error::Unsupported { feature, .. } => feature.as_str(),
        // Bird quotes by its own message id only (`docs/providers/reference/bird.md` section 5): a wamid
        // or another provider's id cannot be quoted there, the message can still be sent.
        Error::InvalidMessage {
            field,
            provider: None,
            ..
        } if field == "reply_to" => "reply_to",
        _ => return None,
    };
    let mut m = message.clone();
    let action = apply(caps, feature, &mut m)?;
    Some((m, Degradation::new(feature, action)))
}

fn apply(caps: &Capabilities, feature: &str, m: &mut OutboundMessage) -> Option<String> {
    match feature {
        // A provider-scoped user id is never degraded: there is no other way to address it.
        "to.user_id" => None,
        "reply_to" => {
            m.reply_to.take()?;
            Some(
                "the quote of the earlier message is dropped; the message is sent on its own"
                    .into(),
            )
        }
        "text.preview_url" => match &mut m.content {
            Content::Text(t) if t.preview_url => {
                t.preview_url = false;
                Some("the link preview is dropped; the link stays in the text".into())
            }
            _ => None,
        },
        "media.filename" => drop_filename(&mut m.content),
        "media.sticker" => match &mut m.content {
            Content::Media(media) if media.kind == MediaKind::Sticker && caps.sticker_as_image => {
                media.kind = MediaKind::Image;
                Some("the sticker is sent as the image it is, as the provider's reference maps stickers".into())
            }
            _ => None,
        },
        "buttons.header.text" | "cta.header.text" | "cta.header" | "list.header" => {
            header_into_body(&mut m.content)
        }
        "buttons.footer" | "cta.footer" | "list.footer" => footer_into_body(&mut m.content),
        "cta.url" | "cta.phone" | "cta.email" => match &m.content {
            Content::Cta(c) => {
                let body = cta_text(c)?;
                m.content = Content::Text(Text {
                    body,
                    preview_url: false,
                });
                Some(
                    "the call-to-action button becomes a text line with its label and target"
                        .into(),
                )
            }
            _ => None,
        },
        "list" => match &m.content {
            Content::List(l) => {
                let (content, action) = list(caps, l);
                m.content = content;
                Some(action)
            }
            _ => None,
        },
        "buttons" => match &m.content {
            Content::Buttons(b) => {
                let mut body = b.body.clone();
                for (i, button) in b.buttons.iter().enumerate() {
                    body.push_str(&format!("\n{}. {}", i + 1, button.title));
                }
                let mut t = Text {
                    body,
                    preview_url: false,
                };
                if let Some(Header::Text(h)) = &b.header {
                    t.body = with_header(h, &t.body);
                } else if b.header.is_some() {
                    return None;
                }
                if let Some(f) = &b.footer {
                    t.body = with_footer(&t.body, f);
                }
                m.content = Content::Text(t);
                Some("the reply buttons become a numbered text menu; replies arrive as free text, not button ids".into())
            }
            _ => None,
        },
        "reaction" => match &m.content {
            Content::Reaction(r) if !r.emoji.is_empty() => {
                m.reply_to = Some(r.message_id.clone());
                m.content = Content::Text(Text {
                    body: r.emoji.clone(),
                    preview_url: false,
                });
                Some("the reaction becomes its emoji as a text reply to the message".into())
            }
            // Removing a reaction has no text equivalent.
            _ => None,
        },
        "contacts" => match &m.content {
            Content::Contacts(cards) => {
                let body = contacts(cards);
                m.content = Content::Text(Text {
                    body,
                    preview_url: false,
                });
                Some("the contact cards become text (name, phones, e-mails, ...); they cannot be saved with one tap".into())
            }
            _ => None,
        },
        "template.buttons" => match &mut m.content {
            Content::Template(t)
                if !t.buttons.is_empty()
                    && t.buttons
                        .iter()
                        .all(|b| matches!(b.param, TemplateButtonParam::QuickReply { .. })) =>
            {
                t.buttons.clear();
                Some("the quick-reply payloads are dropped; the approved buttons still show and a tap arrives with the button's text".into())
            }
            _ => None,
        },
        _ => None,
    }
}

/// Drops the file name of a document (the content or an interactive/template header).
fn drop_filename(content: &mut Content) -> Option<String> {
    let media = match content {
        Content::Media(media) => media,
        Content::Buttons(Buttons {
            header: Some(Header::Media(media)),
            ..
        })
        | Content::Cta(CallToAction {
            header: Some(Header::Media(media)),
            ..
        }) => media,
        Content::Template(t) => match &mut t.header {
            Some(Header::Media(media)) => media,
            _ => return None,
        },
        _ => return None,
    };
    media.filename.take()?;
    Some("the document's file name is dropped; the provider names the file itself".into())
}

fn header_into_body(content: &mut Content) -> Option<String> {
    let (header, body) = match content {
        Content::Buttons(b) => match &b.header {
            Some(Header::Text(h)) => (h.clone(), &mut b.body),
            _ => return None,
        },
        Content::Cta(c) => match &c.header {
            Some(Header::Text(h)) => (h.clone(), &mut c.body),
            _ => return None,
        },
        Content::List(l) => (l.header.clone()?, &mut l.body),
        _ => return None,
    };
    *body = with_header(&header, body);
    match content {
        Content::Buttons(b) => b.header = None,
        Content::Cta(c) => c.header = None,
        Content::List(l) => l.header = None,
        _ => {}
    }
    Some("the text header becomes the first line of the body, in bold".into())
}

fn footer_into_body(content: &mut Content) -> Option<String> {
    let (footer, body) = match content {
        Content::Buttons(b) => (b.footer.take()?, &mut b.body),
        Content::Cta(c) => (c.footer.take()?, &mut c.body),
        Content::List(l) => (l.footer.take()?, &mut l.body),
        _ => return None,
    };
    *body = with_footer(body, &footer);
    Some("the footer becomes the last line of the body, in italics".into())
}

/// A call-to-action as text: header (bold), body, `label: target`, footer (italics). A media
/// header has no text form: `None`.
fn cta_text(c: &CallToAction) -> Option<String> {
    let target = match &c.target {
        CtaTarget::Url(u) => u.clone(),
        CtaTarget::Phone(p) => p.e164(),
        CtaTarget::Email(e) => e.clone(),
    };
    let mut body = format!("{}\n\n{}: {target}", c.body, c.label);
    match &c.header {
        Some(Header::Text(h)) => body = with_header(h, &body),
        Some(Header::Media(_)) => return None,
        None => {}
    }
    if let Some(f) = &c.footer {
        body = with_footer(&body, f);
    }
    Some(body)
}

/// A list on a provider without lists: reply buttons when it has at most as many rows as
/// the provider's buttons, none with a description and every title fits a button; else a
/// numbered text menu.
fn list(caps: &Capabilities, l: &List) -> (Content, String) {
    let rows: Vec<_> = l.sections.iter().flat_map(|s| &s.rows).collect();
    let fits_buttons = caps.buttons
        && rows.len() <= caps.max_buttons.min(limits::BUTTONS_MAX)
        && rows.iter().all(|r| {
            r.description.is_none() && r.title.chars().count() <= limits::BUTTON_TITLE_MAX
        })
        && l.sections.iter().all(|s| s.title.is_none());
    if fits_buttons {
        let buttons = rows
            .iter()
            .map(|r| ReplyButton::new(r.id.clone(), r.title.clone()))
            .collect();
        let content = Content::Buttons(Buttons {
            body: l.body.clone(),
            buttons,
            header: l.header.clone().map(Header::Text),
            footer: l.footer.clone(),
        });
        let action = format!(
            "the list becomes {} reply buttons with the rows' ids and titles (the menu label \"{}\" is dropped)",
            rows.len(),
            l.button
        );
        (content, action)
    } else {
        let content = Content::Text(Text {
            body: menu(l),
            preview_url: false,
        });
        (content, "the list becomes a numbered text menu (section titles in bold, descriptions after a dash); replies arrive as free text, not row ids".into())
    }
}
