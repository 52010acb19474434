//! What Meta's Cloud API carries when called directly (`docs/providers/meta.md`,
//! "Capabilities"): the Cloud API's content kinds, named template parameters and
//! business-scoped user-id recipients (in `recipient`, never in `to`) included.

use switchboard_core::{limits, Capabilities, Feature};

/// Meta's Cloud API, direct: every content kind of the model except phone and e-mail
/// call-to-action buttons and the removal of a reaction.
pub static META: Capabilities = Capabilities {
    text: true,
    text_preview_url: true,
    media_link: true,
    media_id: true,
    media_image: true,
    media_video: true,
    media_audio: true,
    media_document: true,
    media_sticker: true,
    media_caption: true,
    media_filename: true,
    media_upload: true,
    buttons: true,
    max_buttons: limits::BUTTONS_MAX,
    buttons_header_text: true,
    buttons_header_media: true,
    buttons_footer: true,
    cta_url: true,
    list: true,
    max_list_rows: limits::LIST_ROWS_MAX,
    location: true,
    template: true,
    template_positional: true,
    template_named: true,
    template_header_media: true,
    template_header_text: true,
    template_buttons: true,
    reaction: true,
    contacts: true,
    reply_to: true,
    to_user_id: true,
    mark_read: true,
    typing_indicator: true,
    media_download: true,
    reasons: &[
        (
            Feature::CtaPhone,
            "the provider reference documents a call-to-action button for URLs only \
             (interactive `cta_url`); a phone call-to-action message is not in it",
        ),
        (
            Feature::CtaEmail,
            "the provider reference documents a call-to-action button for URLs only \
             (interactive `cta_url`); there is no e-mail call-to-action message",
        ),
        (
            switchboard_cloud_api::checks::REACTION_REMOVE,
            "removing a reaction with an empty emoji is marked unknown in the provider \
             reference",
        ),
    ],
    ..Capabilities::none(crate::PROVIDER, "meta")
};
