//! What each provider can carry, declared by its adapter and checked before any I/O.

use crate::model::{CtaTarget, Header, MediaKind, MediaSource, TemplateParams};
use crate::{Content, Error, OutboundMessage, Provider, Recipient};
use serde::Serialize;

/// What a provider (in one hosting) supports, and its limits.
///
/// Each flag has a stable feature name (see [`Capabilities::features`]); a message that
/// needs a feature whose flag is off is refused by [`Capabilities::check`] with
/// [`Error::Unsupported`] naming that feature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    /// The provider.
    pub provider: Provider,
    /// The column name in the capability matrix (`"360dialog cloud"`, `"bird"`).
    pub name: &'static str,
    /// `text`.
    pub text: bool,
    /// `text.preview_url`.
    pub text_preview_url: bool,
    /// `media.link`: media by public URL.
    pub media_link: bool,
    /// `media.id`: media by provider media id.
    pub media_id: bool,
    /// `media.image`.
    pub media_image: bool,
    /// `media.video`.
    pub media_video: bool,
    /// `media.audio`.
    pub media_audio: bool,
    /// `media.document`.
    pub media_document: bool,
    /// `media.sticker`.
    pub media_sticker: bool,
    /// `media.caption`.
    pub media_caption: bool,
    /// `media.filename`.
    pub media_filename: bool,
    /// `media.upload`: uploading media to get a media id.
    pub media_upload: bool,
    /// `buttons`: quick-reply buttons.
    pub buttons: bool,
    /// The most reply buttons on a message.
    pub max_buttons: usize,
    /// `buttons.header.text`.
    pub buttons_header_text: bool,
    /// `buttons.header.media`.
    pub buttons_header_media: bool,
    /// `buttons.footer`.
    pub buttons_footer: bool,
    /// `cta.url`.
    pub cta_url: bool,
    /// `cta.phone`.
    pub cta_phone: bool,
    /// `cta.email`.
    pub cta_email: bool,
    /// `list`.
    pub list: bool,
    /// The most rows in a list.
    pub max_list_rows: usize,
    /// `location`.
    pub location: bool,
    /// `template`.
    pub template: bool,
    /// `template.body.positional`.
    pub template_positional: bool,
    /// `template.body.named`.
    pub template_named: bool,
    /// `template.header.media`.
    pub template_header_media: bool,
    /// `template.header.text`.
    pub template_header_text: bool,
    /// `template.buttons`.
    pub template_buttons: bool,
    /// `reaction`.
    pub reaction: bool,
    /// `contacts`.
    pub contacts: bool,
    /// `reply_to`: quoting an earlier message.
    pub reply_to: bool,
    /// `to.user_id`: addressing a provider-scoped user id instead of a phone number.
    pub to_user_id: bool,
    /// `mark_read`: marking an inbound message as read.
    pub mark_read: bool,
    /// `typing_indicator`: showing "typing…" while marking a message read.
    pub typing_indicator: bool,
    /// `media.download`: downloading inbound media by its id.
    pub media_download: bool,
    /// Why a feature is off, per feature name, shown in the `Unsupported` error.
    #[serde(skip)]
    pub reasons: &'static [(&'static str, &'static str)],
}

/// A value in the capability matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Support {
    /// Supported or not.
    Flag(bool),
    /// A numeric limit.
    Limit(usize),
}

impl std::fmt::Display for Support {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Support::Flag(true) => f.write_str("yes"),
            Support::Flag(false) => f.write_str("no"),
            Support::Limit(n) => write!(f, "{n}"),
        }
    }
}

impl Capabilities {
    /// Everything off: the starting point of an adapter's declaration.
    pub const fn none(provider: Provider, name: &'static str) -> Self {
        Capabilities {
            provider,
            name,
            text: false,
            text_preview_url: false,
            media_link: false,
            media_id: false,
            media_image: false,
            media_video: false,
            media_audio: false,
            media_document: false,
            media_sticker: false,
            media_caption: false,
            media_filename: false,
            media_upload: false,
            buttons: false,
            max_buttons: 0,
            buttons_header_text: false,
            buttons_header_media: false,
            buttons_footer: false,
            cta_url: false,
            cta_phone: false,
            cta_email: false,
            list: false,
            max_list_rows: 0,
            location: false,
            template: false,
            template_positional: false,
            template_named: false,
            template_header_media: false,
            template_header_text: false,
            template_buttons: false,
            reaction: false,
            contacts: false,
            reply_to: false,
            to_user_id: false,
            mark_read: false,
            typing_indicator: false,
            media_download: false,
            reasons: &[],
        }
    }

    /// Every feature with its value, in the order of the capability matrix.
    pub fn features(&self) -> Vec<(&'static str, Support)> {
        use Support::{Flag, Limit};
        vec![
            ("text", Flag(self.text)),
            ("text.preview_url", Flag(self.text_preview_url)),
            ("media.link", Flag(self.media_link)),
            ("media.id", Flag(self.media_id)),
            ("media.image", Flag(self.media_image)),
            ("media.video", Flag(self.media_video)),
            ("media.audio", Flag(self.media_audio)),
            ("media.document", Flag(self.media_document)),
            ("media.sticker", Flag(self.media_sticker)),
            ("media.caption", Flag(self.media_caption)),
            ("media.filename", Flag(self.media_filename)),
            ("media.upload", Flag(self.media_upload)),
            ("buttons", Flag(self.buttons)),
            ("buttons.max", Limit(self.max_buttons)),
            ("buttons.header.text", Flag(self.buttons_header_text)),
            ("buttons.header.media", Flag(self.buttons_header_media)),
            ("buttons.footer", Flag(self.buttons_footer)),
            ("cta.url", Flag(self.cta_url)),
            ("cta.phone", Flag(self.cta_phone)),
            ("cta.email", Flag(self.cta_email)),
            ("list", Flag(self.list)),
            ("list.max_rows", Limit(self.max_list_rows)),
            ("location", Flag(self.location)),
            ("template", Flag(self.template)),
            ("template.body.positional", Flag(self.template_positional)),
            ("template.body.named", Flag(self.template_named)),
            ("template.header.media", Flag(self.template_header_media)),
            ("template.header.text", Flag(self.template_header_text)),
            ("template.buttons", Flag(self.template_buttons)),
            ("reaction", Flag(self.reaction)),
            ("contacts", Flag(self.contacts)),
            ("reply_to", Flag(self.reply_to)),
            ("to.user_id", Flag(self.to_user_id)),
            ("mark_read", Flag(self.mark_read)),
            ("typing_indicator", Flag(self.typing_indicator)),
            ("media.download", Flag(self.media_download)),
        ]
    }

    /// The `Unsupported` error for `feature`, with this provider's reason for it.
    pub fn unsupported(&self, feature: &str) -> Error {
        let reason = self
            .reasons
            .iter()
            .find(|(f, _)| *f == feature)
            .map(|(_, r)| *r)
            .unwrap_or("this provider's API has no way to carry it");
        Error::unsupported(self.provider, feature, reason)
    }

    fn need(&self, on: bool, feature: &str) -> Result<(), Error> {
        if on {
            Ok(())
        } else {
            Err(self.unsupported(feature))
        }
    }

    fn need_header(
        &self,
        h: &Option<Header>,
        text: bool,
        media: bool,
        prefix: &str,
    ) -> Result<(), Error> {
        match h {
            Some(Header::Text(_)) => self.need(text, &format!("{prefix}.header.text")),
            Some(Header::Media(_)) => self.need(media, &format!("{prefix}.header.media")),
            None => Ok(()),
        }
    }

    /// Checks that every feature `message` needs is on; the first one that is off is
    /// returned as [`Error::Unsupported`].
    pub fn check(&self, message: &OutboundMessage) -> Result<(), Error> {
        if let Recipient::UserId(_) = message.to {
            self.need(self.to_user_id, "to.user_id")?;
        }
        if message.reply_to.is_some() {
            self.need(self.reply_to, "reply_to")?;
        }
        match &message.content {
            Content::Text(t) => {
                self.need(self.text, "text")?;
                if t.preview_url {
                    self.need(self.text_preview_url, "text.preview_url")?;
                }
            }
            Content::Media(m) => {
                let (on, feature) = match m.kind {
                    MediaKind::Image => (self.media_image, "media.image"),
                    MediaKind::Video => (self.media_video, "media.video"),
                    MediaKind::Audio => (self.media_audio, "media.audio"),
                    MediaKind::Document => (self.media_document, "media.document"),
                    MediaKind::Sticker => (self.media_sticker, "media.sticker"),
                };
                self.need(on, feature)?;
                match m.source {
                    MediaSource::Link(_) => self.need(self.media_link, "media.link")?,
                    MediaSource::Id(_) => self.need(self.media_id, "media.id")?,
                }
                if m.caption.is_some() {
                    self.need(self.media_caption, "media.caption")?;
                }
                if m.filename.is_some() {
                    self.need(self.media_filename, "media.filename")?;
                }
            }
            Content::Buttons(b) => {
                self.need(self.buttons, "buttons")?;
                if b.buttons.len() > self.max_buttons {
                    return Err(Error::unsupported(
                        self.provider,
                        "buttons.max",
                        format!(
                            "at most {} buttons, got {}",
                            self.max_buttons,
                            b.buttons.len()
                        ),
                    ));
                }
                self.need_header(
                    &b.header,
                    self.buttons_header_text,
                    self.buttons_header_media,
                    "buttons",
                )?;
                if b.footer.is_some() {
                    self.need(self.buttons_footer, "buttons.footer")?;
                }
            }
            Content::Cta(c) => match c.target {
                CtaTarget::Url(_) => self.need(self.cta_url, "cta.url")?,
                CtaTarget::Phone(_) => self.need(self.cta_phone, "cta.phone")?,
                CtaTarget::Email(_) => self.need(self.cta_email, "cta.email")?,
            },
            Content::List(l) => {
                self.need(self.list, "list")?;
                let rows: usize = l.sections.iter().map(|s| s.rows.len()).sum();
                if rows > self.max_list_rows {
                    return Err(Error::unsupported(
                        self.provider,
                        "list.max_rows",
                        format!("at most {} rows, got {rows}", self.max_list_rows),
                    ));
                }
            }
            Content::Location(_) => self.need(self.location, "location")?,
            Content::Template(t) => {
                self.need(self.template, "template")?;
                match &t.body {
                    TemplateParams::Positional(p) if !p.is_empty() => {
                        self.need(self.template_positional, "template.body.positional")?
                    }
                    TemplateParams::Named(p) if !p.is_empty() => {
                        self.need(self.template_named, "template.body.named")?
                    }
                    _ => {}
                }
                self.need_header(
                    &t.header,
                    self.template_header_text,
                    self.template_header_media,
                    "template",
                )?;
                if !t.buttons.is_empty() {
                    self.need(self.template_buttons, "template.buttons")?;
                }
            }
            Content::Reaction(_) => self.need(self.reaction, "reaction")?,
            Content::Contacts(_) => self.need(self.contacts, "contacts")?,
        }
        Ok(())
    }
}
