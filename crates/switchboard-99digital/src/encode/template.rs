//! Templates on sendTemplate: `name`, `headerType` 1/3/4/5 with `headerLink`, positional
//! `bodyVariable1..10`, and the 99digital-only fields from the typed options.

use super::other::media_link;
use super::{Fields, SEND_TEMPLATE};
use crate::capabilities::CAPABILITIES;
use switchboard_core::{Error, Header, MediaKind, Template, TemplateParams};

/// The most body variables sendTemplate has (`bodyVariable1..bodyVariable10`).
pub const MAX_BODY_VARIABLES: usize = 10;

/// sendTemplate. The model's `language` code is not sent: 99digital's `language` is a number
/// `docs/providers/reference/99digital.md` section 3.8 marks unverified, so it is sent only from the `template_language` option.
pub(crate) fn template(
    t: &Template,
    options: &crate::NinetyNineDigitalOptions,
) -> Result<Fields, Error> {
    let mut f = Fields::new(SEND_TEMPLATE);
    f.set("name", t.name.as_str());
    match &t.header {
        None => f.set("headerType", 1),
        Some(Header::Text(_)) => {
            return Err(CAPABILITIES.unsupported(switchboard_core::Feature::TemplateHeaderText))
        }
        Some(Header::Media(m)) => {
            let code = match m.kind {
                MediaKind::Image => 3,
                MediaKind::Video => 4,
                MediaKind::Document => 5,
                other => {
                    return Err(Error::invalid(
                        "template.header.media.kind",
                        "image, video or document",
                        other.as_str(),
                    ))
                }
            };
            f.set("headerType", code);
            f.set("headerLink", media_link(m)?);
        }
    }
    match &t.body {
        TemplateParams::Positional(values) => {
            if values.len() > MAX_BODY_VARIABLES {
                return Err(CAPABILITIES.unsupported(crate::capabilities::TEMPLATE_BODY_MAX));
            }
            for (i, value) in values.iter().enumerate() {
                if value.is_empty() {
                    return Err(Error::invalid(
                        format!("template.body[{i}]"),
                        "not empty (99digital needs every template variable)",
                        "\"\"",
                    ));
                }
                f.set(&format!("bodyVariable{}", i + 1), value.as_str());
            }
        }
        TemplateParams::Named(map) if map.is_empty() => {}
        TemplateParams::Named(_) => {
            return Err(CAPABILITIES.unsupported(switchboard_core::Feature::TemplateNamed))
        }
    }
    if !t.buttons.is_empty() {
        return Err(CAPABILITIES.unsupported(switchboard_core::Feature::TemplateButtons));
    }
    if let Some(language) = options.template_language {
        f.set("language", language);
    }
    f.set_opt("websiteVariable", options.website_variable.as_ref());
    f.set_opt("websiteVariable2", options.website_variable2.as_ref());
    f.set_opt("couponCode", options.coupon_code.as_ref());
    Ok(f)
}
