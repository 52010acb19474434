//! Reply buttons and call-to-action buttons, both on sendButtons.

use super::other::media_link;
use super::{Fields, SEND_BUTTONS};
use crate::capabilities::CAPABILITIES;
use switchboard_core::{Buttons, CallToAction, CtaTarget, Error, Header, MediaKind};

/// sendButtons' `header` codes: 1 none, 2 image, 3 video, 4 document.
fn header(
    f: &mut Fields,
    h: &Option<Header>,
    text_feature: switchboard_core::Feature,
) -> Result<(), Error> {
    match h {
        None => f.set("header", 1),
        Some(Header::Text(_)) => return Err(CAPABILITIES.unsupported(text_feature)),
        Some(Header::Media(m)) => {
            let code = match m.kind {
                MediaKind::Image => 2,
                MediaKind::Video => 3,
                MediaKind::Document => 4,
                other => {
                    return Err(Error::invalid(
                        "header.media.kind",
                        "image, video or document",
                        other.as_str(),
                    ))
                }
            };
            f.set("header", code);
            f.set("headerURL", media_link(m)?);
        }
    }
    Ok(())
}

/// sendButtons with 1 to 3 reply buttons: `button1..3` with `button1_id..3`.
pub(crate) fn buttons(b: &Buttons) -> Result<Fields, Error> {
    let mut f = Fields::new(SEND_BUTTONS);
    header(
        &mut f,
        &b.header,
        switchboard_core::Feature::ButtonsHeaderText,
    )?;
    f.local_storage_applies = matches!(b.header, Some(Header::Media(_)));
    f.set("body", b.body.as_str());
    f.set_opt("footer", b.footer.as_ref());
    for (i, button) in b.buttons.iter().enumerate() {
        let n = i + 1;
        f.set(&format!("button{n}"), button.title.as_str());
        f.set(&format!("button{n}_id"), button.id.as_str());
    }
    Ok(f)
}

/// sendButtons with `buttonExternal` (URL, phone digits or e-mail); `button1` is the label,
/// which may hold no emoji.
pub(crate) fn cta(c: &CallToAction) -> Result<Fields, Error> {
    if let Some(emoji) = c.label.chars().find(|ch| is_emoji(*ch)) {
        return Err(Error::invalid(
            "cta.label",
            "without emoji (99digital's buttonExternal label cannot show them)",
            format!("{:?} (contains {emoji:?})", c.label),
        ));
    }
    let mut f = Fields::new(SEND_BUTTONS);
    header(&mut f, &c.header, crate::capabilities::CTA_HEADER_TEXT)?;
    f.set("body", c.body.as_str());
    f.set_opt("footer", c.footer.as_ref());
    f.set("button1", c.label.as_str());
    let external = match &c.target {
        CtaTarget::Url(url) => url.clone(),
        CtaTarget::Phone(phone) => phone.digits().to_string(),
        CtaTarget::Email(email) => email.clone(),
    };
    f.set("buttonExternal", external);
    Ok(f)
}

/// Whether `c` is an emoji or an emoji component (pictographs, dingbats, symbols,
/// regional indicators, variation selector 16, zero-width joiner, keycap).
pub(crate) fn is_emoji(c: char) -> bool {
    matches!(
        c as u32,
        0x1F000..=0x1FAFF
            | 0x2600..=0x27BF
            | 0x2300..=0x23FF
            | 0x2B00..=0x2BFF
            | 0x3030
            | 0x303D
            | 0x3297
            | 0x3299
            | 0xFE0F
            | 0x200D
            | 0x20E3
            | 0xE0020..=0xE007F
    )
}

#[cfg(test)]
mod tests {
    use super::is_emoji;

    #[test]
    fn emoji_detection() {
        for c in ['👍', '☎', '✅', '🇮', '\u{FE0F}', '⌚', '⭐'] {
            assert!(is_emoji(c), "{c:?}");
        }
        for c in ['a', 'ש', 'é', '1', ' ', '-', '€', '中'] {
            assert!(!is_emoji(c), "{c:?}");
        }
    }
}
