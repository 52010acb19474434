//! Text (sendMessage), media (sendFile), location (sendLocation), reaction (sendReaction)
//! and contact cards (sendContact).

use super::{Fields, SEND_CONTACT, SEND_FILE, SEND_LOCATION, SEND_MESSAGE, SEND_REACTION};
use crate::capabilities::CAPABILITIES;
use switchboard_core::{
    Contact, Error, Location, Media, MediaKind, MediaSource, PhoneNumber, Reaction, Text,
};

/// sendMessage: `body`.
pub(crate) fn text(t: &Text) -> Fields {
    let mut f = Fields::new(SEND_MESSAGE);
    f.set("body", t.body.as_str());
    f
}

/// sendFile: `body` is the link, `caption` optional. 99digital infers the media type from
/// the file, so the kind is not sent (stickers are refused by the capability check).
pub(crate) fn media(m: &Media) -> Result<Fields, Error> {
    if m.kind == MediaKind::Sticker {
        return Err(CAPABILITIES.unsupported(switchboard_core::Feature::MediaSticker));
    }
    let link = media_link(m)?;
    let mut f = Fields::new(SEND_FILE);
    f.set("body", link);
    f.set_opt("caption", m.caption.as_ref());
    f.local_storage_applies = true;
    Ok(f)
}

/// The link of `m`; media by id is refused (99digital has no media ids), and so is a
/// file name: neither sendFile's `body` nor a header's `headerURL`/`headerLink` has a
/// filename field, and a header must not drop what a plain file refuses.
pub(crate) fn media_link(m: &Media) -> Result<&str, Error> {
    if m.filename.is_some() {
        return Err(CAPABILITIES.unsupported(switchboard_core::Feature::MediaFilename));
    }
    match &m.source {
        MediaSource::Link(url) => Ok(url),
        MediaSource::Id(_) => Err(CAPABILITIES.unsupported(switchboard_core::Feature::MediaId)),
    }
}

/// sendLocation: `lat` and `lng` as strings, `caption` from the name and the address
/// (joined with `", "` when both are given).
pub(crate) fn location(l: &Location) -> Fields {
    let mut f = Fields::new(SEND_LOCATION);
    f.set("lat", l.latitude.to_string());
    f.set("lng", l.longitude.to_string());
    let caption = match (&l.name, &l.address) {
        (Some(n), Some(a)) => Some(format!("{n}, {a}")),
        (Some(n), None) => Some(n.clone()),
        (None, Some(a)) => Some(a.clone()),
        (None, None) => None,
    };
    f.set_opt("caption", caption.as_ref());
    f
}

/// sendReaction: `unique` (the message reacted to) and `reaction` (empty removes it).
pub(crate) fn reaction(r: &Reaction) -> Fields {
    let mut f = Fields::new(SEND_REACTION);
    f.set("unique", r.message_id.as_str());
    f.set("reaction", r.emoji.as_str());
    f
}

/// sendContact with the documented fields only: `contact_name`, `contact_phone`,
/// `contact_email`, `contact_birthday`, `address_street`. Name parts, phone and e-mail
/// types and `wa_id` are labels of what is sent and are dropped; content with no field
/// (a second card, phone or e-mail, web sites, organization, address parts other than the
/// street) is refused.
pub(crate) fn contacts(cards: &[Contact]) -> Result<Fields, Error> {
    let [card] = cards else {
        return Err(CAPABILITIES.unsupported(crate::capabilities::CONTACTS_MULTIPLE));
    };
    let [phone] = card.phones.as_slice() else {
        if card.phones.is_empty() {
            return Err(Error::invalid(
                "contacts[0].phones",
                "exactly 1 phone number (99digital's contact_phone is mandatory)",
                "0 phones",
            ));
        }
        return Err(CAPABILITIES.unsupported(crate::capabilities::CONTACTS_PHONES));
    };
    if card.emails.len() > 1 {
        return Err(CAPABILITIES.unsupported(crate::capabilities::CONTACTS_EMAILS));
    }
    if !card.urls.is_empty() {
        return Err(CAPABILITIES.unsupported(crate::capabilities::CONTACTS_URLS));
    }
    if card.org.is_some() {
        return Err(CAPABILITIES.unsupported(crate::capabilities::CONTACTS_ORG));
    }
    let street = match card.addresses.as_slice() {
        [] => None,
        [a] if a.city.is_none()
            && a.state.is_none()
            && a.zip.is_none()
            && a.country.is_none()
            && a.country_code.is_none() =>
        {
            a.street.as_ref()
        }
        _ => return Err(CAPABILITIES.unsupported(crate::capabilities::CONTACTS_ADDRESSES)),
    };
    if let Some(b) = &card.birthday {
        if !is_date(b) {
            return Err(Error::invalid(
                "contacts[0].birthday",
                "a date as YYYY-MM-DD",
                format!("{b:?}"),
            ));
        }
    }
    let mut f = Fields::new(SEND_CONTACT);
    f.set("contact_name", card.name.formatted_name.as_str());
    // 99digital accepts any format but recommends international digits: send those when the
    // number parses as international, else the number as written (`0501234567`).
    match PhoneNumber::parse_field(&phone.phone, "contacts[0].phones[0].phone") {
        Ok(n) => f.set("contact_phone", n.digits()),
        Err(_) => f.set("contact_phone", phone.phone.as_str()),
    }
    f.set_opt("contact_email", card.emails.first().map(|e| &e.email));
    f.set_opt("contact_birthday", card.birthday.as_ref());
    f.set_opt("address_street", street);
    Ok(f)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}
