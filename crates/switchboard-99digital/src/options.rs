//! The options only 99digital understands, carried in a message as `options.99digital`.

use serde::{Deserialize, Serialize};
use switchboard_core::{Error, OutboundMessage};

/// Options only 99digital understands.
///
/// JSON form: `"options": {"99digital": {"local_storage": true, "show_request": true}}`.
/// An option set on a message whose 99digital endpoint has no such field is refused with
/// [`Error::Unsupported`] rather than silently dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NinetyNineDigitalOptions {
    /// `localStorage` on `sendFile` (the file) and on `sendButtons` (a media header): have
    /// 99digital download the file and hand WhatsApp its own temporary link. Sent as `1`/`0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_storage: Option<bool>,
    /// `showRequest`: have 99digital echo the request (without `apiKey`) in its answer.
    /// Sent as `1`/`0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_request: Option<bool>,
    /// The numeric `language` of `sendTemplate` (1 he, 2 en, ...), sent only when set:
    /// `docs/providers/reference/99digital.md` section 3.8 marks this field unverified, so the template's own language code is not
    /// translated into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_language: Option<u8>,
    /// `websiteVariable` of `sendTemplate`: the value for the template's (first) dynamic
    /// website button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website_variable: Option<String>,
    /// `websiteVariable2` of `sendTemplate`: the value for the template's second dynamic
    /// website button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website_variable2: Option<String>,
    /// `couponCode` of `sendTemplate`: the code of the template's copy-code button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_code: Option<String>,
}

/// The 99digital options `message` carries, `None` when it carries none; an unknown key is an
/// [`Error::InvalidMessage`] naming `options.99digital`.
pub fn read(message: &OutboundMessage) -> Result<Option<NinetyNineDigitalOptions>, Error> {
    message.options.parse(crate::PROVIDER)
}
