//! What Meta's Cloud API message format carries, whichever host sends it: the content flags
//! both Cloud hosts share (360dialog Cloud, `docs/providers/360dialog.md`; Meta direct,
//! `docs/providers/meta.md`). Each host adds its own flags and the reasons for what it lacks.

use switchboard_core::{limits, Capabilities, Provider};

/// The Cloud API's content kinds, as carried by every Cloud host: everything of the model but
/// phone and e-mail call-to-action buttons, the removal of a reaction and user-id recipients
/// (a host that documents those turns them on), with `reasons` for what the host lacks.
pub const fn cloud_content(
    provider: Provider,
    name: &'static str,
    reasons: &'static [(switchboard_core::Feature, &'static str)],
) -> Capabilities {
    Capabilities {
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
        mark_read: true,
        typing_indicator: true,
        media_download: true,
        reasons,
        ..Capabilities::none(provider, name)
    }
}
