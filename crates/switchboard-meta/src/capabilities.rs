//! What Meta's Cloud API carries when called directly (`docs/providers/meta.md`,
//! "Capabilities"): the Cloud API's content kinds, named template parameters and
//! business-scoped user-id recipients (in `recipient`, never in `to`) included.

use switchboard_core::{Capabilities, Feature};

/// Meta's Cloud API, direct: every content kind of the model except phone and e-mail
/// call-to-action buttons and the removal of a reaction.
pub static META: Capabilities = Capabilities {
    to_user_id: true,
    ..switchboard_cloud_api::capabilities::cloud_content(
        crate::PROVIDER,
        "meta",
        &[
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
    )
};
