//! What each 360dialog hosting can carry (`docs/providers/reference/360dialog.md` section 8).

use switchboard_core::{limits, Capabilities, Feature};

/// `media.provider`: the On-Premise media `provider` object (`options.360dialog.media_provider`).
pub const MEDIA_PROVIDER: Feature = Feature::Other("media.provider");
/// `template.namespace`: a template namespace (`options.360dialog.template_namespace`).
pub const TEMPLATE_NAMESPACE: Feature = Feature::Other("template.namespace");

const NAMED_PARAMS: &str = "the On-Premise API was sunset before named template parameters \
     (the provider reference's addendum); only positional body parameters are";
const CTA_PHONE_EMAIL: &str = "360dialog documents a call-to-action button for URLs only \
     (interactive `cta_url`, Cloud API); there is no phone or e-mail call-to-action message";
/// Why a user-id recipient is refused (both hostings).
const USER_ID: &str = "360dialog documents phone numbers in `to` only; Meta's \
     business-scoped user ids travel in a separate `recipient` field of Meta's own API, which \
     360dialog does not document";
const REACTION_REMOVE_REASON: &str = "removing a reaction with an empty emoji is not documented \
     for 360dialog (the provider reference marks it unknown)";

const ON_PREMISE_READ: &str = "the On-Premise mark-read (`PUT /v1/messages/{id}`) is known \
     only from a third-party library, not from 360dialog's documentation";

/// The Cloud API (v2): every content kind of the model except phone and e-mail
/// call-to-action buttons. Named template parameters pass through to Meta unchanged
/// (`docs/providers/reference/360dialog.md`, addendum).
pub static CLOUD: Capabilities = Capabilities {
    ..switchboard_cloud_api::capabilities::cloud_content(
        crate::PROVIDER,
        "360dialog cloud",
        &[
            (switchboard_core::Feature::ToUserId, USER_ID),
            (switchboard_core::Feature::CtaPhone, CTA_PHONE_EMAIL),
            (switchboard_core::Feature::CtaEmail, CTA_PHONE_EMAIL),
            (
                switchboard_cloud_api::checks::REACTION_REMOVE,
                REACTION_REMOVE_REASON,
            ),
            (
                MEDIA_PROVIDER,
                "the media `provider` object (options.360dialog.media_provider) exists only on \
             the On-Premise API",
            ),
            (
                TEMPLATE_NAMESPACE,
                "Cloud API templates take no namespace (options.360dialog.template_namespace); \
             how Cloud treats one is not documented",
            ),
        ],
    )
};

/// The legacy On-Premise API (v1): no reply-to, reactions or call-to-action buttons.
pub static ON_PREMISE: Capabilities = Capabilities {
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
    list: true,
    max_list_rows: limits::LIST_ROWS_MAX,
    location: true,
    template: true,
    template_positional: true,
    template_header_media: true,
    template_header_text: true,
    template_buttons: true,
    contacts: true,
    media_download: true,
    reasons: &[
        (switchboard_core::Feature::ToUserId, USER_ID),
        (switchboard_core::Feature::MarkRead, ON_PREMISE_READ),
        (switchboard_core::Feature::TypingIndicator, ON_PREMISE_READ),
        (
            switchboard_core::Feature::CtaUrl,
            "the On-Premise API froze before interactive `cta_url` messages; 360dialog \
             documents them for the Cloud API only",
        ),
        (switchboard_core::Feature::CtaPhone, CTA_PHONE_EMAIL),
        (switchboard_core::Feature::CtaEmail, CTA_PHONE_EMAIL),
        (
            switchboard_core::Feature::Reaction,
            "360dialog lists reactions for the Cloud API only",
        ),
        (
            switchboard_core::Feature::ReplyTo,
            "360dialog documents `context` (reply-to) as Cloud API only",
        ),
        (switchboard_core::Feature::TemplateNamed, NAMED_PARAMS),
        (
            switchboard_cloud_api::checks::REACTION_REMOVE,
            REACTION_REMOVE_REASON,
        ),
    ],
    ..Capabilities::none(crate::PROVIDER, "360dialog on-premise")
};
