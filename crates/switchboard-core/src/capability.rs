//! What each provider can carry, declared by its adapter and checked before any I/O.

use crate::model::{CtaTarget, Header, MediaKind, MediaSource, TemplateParams};
use crate::{Content, Error, OutboundMessage, Provider, Recipient};
use serde::Serialize;

/// A feature of the capability matrix, by its stable name ([`Feature::name`]).
///
/// Every flag of [`Capabilities`] is one of the named variants; [`Feature::Other`] names a
/// rule of one provider beyond the model's flags (`"reaction.remove"`,
/// `"options.99digital.show_request"`), declared once as a constant by the adapter that
/// uses it, so a misspelt feature is a compile error, never a reason silently missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Feature {
    /// `text`: plain text.
    Text,
    /// `text.preview_url`: a link preview on text.
    TextPreviewUrl,
    /// `media.link`: media by public URL.
    MediaLink,
    /// `media.id`: media by provider media id.
    MediaId,
    /// `media.image`: images.
    MediaImage,
    /// `media.video`: videos.
    MediaVideo,
    /// `media.audio`: audio.
    MediaAudio,
    /// `media.document`: documents.
    MediaDocument,
    /// `media.sticker`: stickers.
    MediaSticker,
    /// `media.caption`: a caption on media.
    MediaCaption,
    /// `media.filename`: a file name on media.
    MediaFilename,
    /// `media.upload`: uploading media to get a media id.
    MediaUpload,
    /// `buttons`: quick-reply buttons.
    Buttons,
    /// `buttons.max`: the most reply buttons on a message (a limit).
    ButtonsMax,
    /// `buttons.header.text`: a text header on buttons.
    ButtonsHeaderText,
    /// `buttons.header.media`: a media header on buttons.
    ButtonsHeaderMedia,
    /// `buttons.footer`: a footer on buttons.
    ButtonsFooter,
    /// `cta.url`: a URL call-to-action button.
    CtaUrl,
    /// `cta.phone`: a phone call-to-action button.
    CtaPhone,
    /// `cta.email`: an e-mail call-to-action button.
    CtaEmail,
    /// `list`: list menus.
    List,
    /// `list.max_rows`: the most rows in a list (a limit).
    ListMaxRows,
    /// `location`: location pins.
    Location,
    /// `template`: templates.
    Template,
    /// `template.body.positional`: positional template body parameters.
    TemplatePositional,
    /// `template.body.named`: named template body parameters.
    TemplateNamed,
    /// `template.header.media`: a media template header.
    TemplateHeaderMedia,
    /// `template.header.text`: a text template header.
    TemplateHeaderText,
    /// `template.buttons`: template button parameters.
    TemplateButtons,
    /// `reaction`: reactions.
    Reaction,
    /// `contacts`: contact cards.
    Contacts,
    /// `reply_to`: quoting an earlier message.
    ReplyTo,
    /// `to.user_id`: addressing a recipient by user id.
    ToUserId,
    /// `mark_read`: marking an inbound message as read.
    MarkRead,
    /// `typing_indicator`: showing "typing…" while marking a message read.
    TypingIndicator,
    /// `media.download`: downloading inbound media by its id.
    MediaDownload,
    /// A provider's own rule, by its stable name.
    Other(&'static str),
}

impl Feature {
    /// Every feature of the model, in the order of the capability matrix.
    pub const ALL: [Feature; 36] = [
        Feature::Text,
        Feature::TextPreviewUrl,
        Feature::MediaLink,
        Feature::MediaId,
        Feature::MediaImage,
        Feature::MediaVideo,
        Feature::MediaAudio,
        Feature::MediaDocument,
        Feature::MediaSticker,
        Feature::MediaCaption,
        Feature::MediaFilename,
        Feature::MediaUpload,
        Feature::Buttons,
        Feature::ButtonsMax,
        Feature::ButtonsHeaderText,
        Feature::ButtonsHeaderMedia,
        Feature::ButtonsFooter,
        Feature::CtaUrl,
        Feature::CtaPhone,
        Feature::CtaEmail,
        Feature::List,
        Feature::ListMaxRows,
        Feature::Location,
        Feature::Template,
        Feature::TemplatePositional,
        Feature::TemplateNamed,
        Feature::TemplateHeaderMedia,
        Feature::TemplateHeaderText,
        Feature::TemplateButtons,
        Feature::Reaction,
        Feature::Contacts,
        Feature::ReplyTo,
        Feature::ToUserId,
        Feature::MarkRead,
        Feature::TypingIndicator,
        Feature::MediaDownload,
    ];

    /// The stable name (`"media.sticker"`, `"template.body.named"`).
    pub const fn name(self) -> &'static str {
        match self {
            Feature::Text => "text",
            Feature::TextPreviewUrl => "text.preview_url",
            Feature::MediaLink => "media.link",
            Feature::MediaId => "media.id",
            Feature::MediaImage => "media.image",
            Feature::MediaVideo => "media.video",
            Feature::MediaAudio => "media.audio",
            Feature::MediaDocument => "media.document",
            Feature::MediaSticker => "media.sticker",
            Feature::MediaCaption => "media.caption",
            Feature::MediaFilename => "media.filename",
            Feature::MediaUpload => "media.upload",
            Feature::Buttons => "buttons",
            Feature::ButtonsMax => "buttons.max",
            Feature::ButtonsHeaderText => "buttons.header.text",
            Feature::ButtonsHeaderMedia => "buttons.header.media",
            Feature::ButtonsFooter => "buttons.footer",
            Feature::CtaUrl => "cta.url",
            Feature::CtaPhone => "cta.phone",
            Feature::CtaEmail => "cta.email",
            Feature::List => "list",
            Feature::ListMaxRows => "list.max_rows",
            Feature::Location => "location",
            Feature::Template => "template",
            Feature::TemplatePositional => "template.body.positional",
            Feature::TemplateNamed => "template.body.named",
            Feature::TemplateHeaderMedia => "template.header.media",
            Feature::TemplateHeaderText => "template.header.text",
            Feature::TemplateButtons => "template.buttons",
            Feature::Reaction => "reaction",
            Feature::Contacts => "contacts",
            Feature::ReplyTo => "reply_to",
            Feature::ToUserId => "to.user_id",
            Feature::MarkRead => "mark_read",
            Feature::TypingIndicator => "typing_indicator",
            Feature::MediaDownload => "media.download",
            Feature::Other(name) => name,
        }
    }
}

impl std::fmt::Display for Feature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Feature {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

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
    /// Whether the provider's reference maps an outbound sticker to an image (Bird,
    /// `docs/providers/reference/bird.md` section 14): under the `degrade` fidelity policy a sticker is
    /// then sent as an image. Not a capability of its own, so not in the matrix.
    #[serde(skip)]
    pub sticker_as_image: bool,
    /// Why a feature is off, per feature, shown in the `Unsupported` error. Every flag that
    /// is off has one ([`Capabilities::missing_reasons`] lists those that do not).
    #[serde(skip)]
    pub reasons: &'static [(Feature, &'static str)],
}

impl Default for Capabilities {
    /// Everything off, for a provider not yet named: adapters start from
    /// [`Capabilities::none`] with their own name.
    fn default() -> Self {
        Capabilities::none(Provider::new("unnamed"), "unnamed")
    }
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
            sticker_as_image: false,
            reasons: &[],
        }
    }

    /// Every feature with its value, in the order of the capability matrix.
    pub fn features(&self) -> Vec<(Feature, Support)> {
        Feature::ALL.iter().map(|&f| (f, self.support(f))).collect()
    }

    /// The value of `feature`: a flag, or a limit for [`Feature::ButtonsMax`] and
    /// [`Feature::ListMaxRows`]. A provider's own rule ([`Feature::Other`]) is on unless it
    /// has a reason to be off.
    pub fn support(&self, feature: Feature) -> Support {
        use Support::{Flag, Limit};
        match feature {
            Feature::Text => Flag(self.text),
            Feature::TextPreviewUrl => Flag(self.text_preview_url),
            Feature::MediaLink => Flag(self.media_link),
            Feature::MediaId => Flag(self.media_id),
            Feature::MediaImage => Flag(self.media_image),
            Feature::MediaVideo => Flag(self.media_video),
            Feature::MediaAudio => Flag(self.media_audio),
            Feature::MediaDocument => Flag(self.media_document),
            Feature::MediaSticker => Flag(self.media_sticker),
            Feature::MediaCaption => Flag(self.media_caption),
            Feature::MediaFilename => Flag(self.media_filename),
            Feature::MediaUpload => Flag(self.media_upload),
            Feature::Buttons => Flag(self.buttons),
            Feature::ButtonsMax => Limit(self.max_buttons),
            Feature::ButtonsHeaderText => Flag(self.buttons_header_text),
            Feature::ButtonsHeaderMedia => Flag(self.buttons_header_media),
            Feature::ButtonsFooter => Flag(self.buttons_footer),
            Feature::CtaUrl => Flag(self.cta_url),
            Feature::CtaPhone => Flag(self.cta_phone),
            Feature::CtaEmail => Flag(self.cta_email),
            Feature::List => Flag(self.list),
            Feature::ListMaxRows => Limit(self.max_list_rows),
            Feature::Location => Flag(self.location),
            Feature::Template => Flag(self.template),
            Feature::TemplatePositional => Flag(self.template_positional),
            Feature::TemplateNamed => Flag(self.template_named),
            Feature::TemplateHeaderMedia => Flag(self.template_header_media),
            Feature::TemplateHeaderText => Flag(self.template_header_text),
            Feature::TemplateButtons => Flag(self.template_buttons),
            Feature::Reaction => Flag(self.reaction),
            Feature::Contacts => Flag(self.contacts),
            Feature::ReplyTo => Flag(self.reply_to),
            Feature::ToUserId => Flag(self.to_user_id),
            Feature::MarkRead => Flag(self.mark_read),
            Feature::TypingIndicator => Flag(self.typing_indicator),
            Feature::MediaDownload => Flag(self.media_download),
            Feature::Other(_) => Flag(self.reason(feature).is_none()),
        }
    }

    /// This provider's reason why `feature` is off, if it gave one.
    pub fn reason(&self, feature: Feature) -> Option<&'static str> {
        self.reasons
            .iter()
            .find(|(f, _)| *f == feature)
            .map(|(_, r)| *r)
    }

    /// The flags that are off without a reason: empty for a well-declared adapter (each
    /// adapter's tests assert it).
    pub fn missing_reasons(&self) -> Vec<Feature> {
        self.features()
            .into_iter()
            .filter(|(f, s)| *s == Support::Flag(false) && self.reason(*f).is_none())
            .map(|(f, _)| f)
            .collect()
    }

    /// The `Unsupported` error for `feature`, with this provider's reason for it.
    pub fn unsupported(&self, feature: Feature) -> Error {
        let reason = self
            .reason(feature)
            .unwrap_or("this provider's API has no way to carry it");
        Error::unsupported(self.provider, feature.name(), reason)
    }

    fn need(&self, on: bool, feature: Feature) -> Result<(), Error> {
        if on {
            Ok(())
        } else {
            Err(self.unsupported(feature))
        }
    }

    fn need_header(
        &self,
        h: &Option<Header>,
        (text, text_feature): (bool, Feature),
        (media, media_feature): (bool, Feature),
    ) -> Result<(), Error> {
        match h {
            Some(Header::Text(_)) => self.need(text, text_feature),
            Some(Header::Media(_)) => self.need(media, media_feature),
            None => Ok(()),
        }
    }

    /// Checks that every feature `message` needs is on; the first one that is off is
    /// returned as [`Error::Unsupported`].
    pub fn check(&self, message: &OutboundMessage) -> Result<(), Error> {
        if let Recipient::UserId(_) = message.to {
            self.need(self.to_user_id, Feature::ToUserId)?;
        }
        if message.reply_to.is_some() {
            self.need(self.reply_to, Feature::ReplyTo)?;
        }
        match &message.content {
            Content::Text(t) => {
                self.need(self.text, Feature::Text)?;
                if t.preview_url {
                    self.need(self.text_preview_url, Feature::TextPreviewUrl)?;
                }
            }
            Content::Media(m) => {
                let (on, feature) = match m.kind {
                    MediaKind::Image => (self.media_image, Feature::MediaImage),
                    MediaKind::Video => (self.media_video, Feature::MediaVideo),
                    MediaKind::Audio => (self.media_audio, Feature::MediaAudio),
                    MediaKind::Document => (self.media_document, Feature::MediaDocument),
                    MediaKind::Sticker => (self.media_sticker, Feature::MediaSticker),
                };
                self.need(on, feature)?;
                match m.source {
                    MediaSource::Link(_) => self.need(self.media_link, Feature::MediaLink)?,
                    MediaSource::Id(_) => self.need(self.media_id, Feature::MediaId)?,
                }
                if m.caption.is_some() {
                    self.need(self.media_caption, Feature::MediaCaption)?;
                }
                if m.filename.is_some() {
                    self.need(self.media_filename, Feature::MediaFilename)?;
                }
            }
            Content::Buttons(b) => {
                self.need(self.buttons, Feature::Buttons)?;
                if b.buttons.len() > self.max_buttons {
                    return Err(Error::unsupported(
                        self.provider,
                        Feature::ButtonsMax.name(),
                        format!(
                            "at most {} buttons, got {}",
                            self.max_buttons,
                            b.buttons.len()
                        ),
                    ));
                }
                self.need_header(
                    &b.header,
                    (self.buttons_header_text, Feature::ButtonsHeaderText),
                    (self.buttons_header_media, Feature::ButtonsHeaderMedia),
                )?;
                if b.footer.is_some() {
                    self.need(self.buttons_footer, Feature::ButtonsFooter)?;
                }
            }
            Content::Cta(c) => match c.target {
                CtaTarget::Url(_) => self.need(self.cta_url, Feature::CtaUrl)?,
                CtaTarget::Phone(_) => self.need(self.cta_phone, Feature::CtaPhone)?,
                CtaTarget::Email(_) => self.need(self.cta_email, Feature::CtaEmail)?,
            },
            Content::List(l) => {
                self.need(self.list, Feature::List)?;
                let rows: usize = l.sections.iter().map(|s| s.rows.len()).sum();
                if rows > self.max_list_rows {
                    return Err(Error::unsupported(
                        self.provider,
                        Feature::ListMaxRows.name(),
                        format!("at most {} rows, got {rows}", self.max_list_rows),
                    ));
                }
            }
            Content::Location(_) => self.need(self.location, Feature::Location)?,
            Content::Template(t) => {
                self.need(self.template, Feature::Template)?;
                match &t.body {
                    TemplateParams::Positional(p) if !p.is_empty() => {
                        self.need(self.template_positional, Feature::TemplatePositional)?
                    }
                    TemplateParams::Named(p) if !p.is_empty() => {
                        self.need(self.template_named, Feature::TemplateNamed)?
                    }
                    _ => {}
                }
                self.need_header(
                    &t.header,
                    (self.template_header_text, Feature::TemplateHeaderText),
                    (self.template_header_media, Feature::TemplateHeaderMedia),
                )?;
                if !t.buttons.is_empty() {
                    self.need(self.template_buttons, Feature::TemplateButtons)?;
                }
            }
            Content::Reaction(_) => self.need(self.reaction, Feature::Reaction)?,
            Content::Contacts(_) => self.need(self.contacts, Feature::Contacts)?,
        }
        Ok(())
    }
}
