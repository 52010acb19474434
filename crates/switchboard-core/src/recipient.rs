//! Who a message goes to: a phone number, or a provider-scoped user id.

use crate::{Error, PhoneNumber};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The most characters after the country prefix of a [`UserId`]: Meta documents
/// business-scoped user ids as `CC.` and up to 128 alphanumerics (`docs/webhooks.md`).
pub const USER_ID_MAX: usize = 128;

/// A user id a provider gives users instead of (or beside) their phone number, such as
/// 99digital's `from_id` (`IL.1605856887361213`) or Meta's business-scoped user id
/// (`US.13491208655302741918`, parent ids `US.ENT.11815799212886844830`).
///
/// Its form: a two-letter country code, a dot, then 1 to 128 letters and digits (one more
/// `ENT.` segment for a parent id). It is not a phone number, and providers that do not
/// document addressing users this way refuse it ([`Error::Unsupported`] `to.user_id`).
///
/// ```
/// use switchboard_core::UserId;
/// let id: UserId = "IL.1605856887361213".parse().unwrap();
/// assert_eq!(id.as_str(), "IL.1605856887361213");
/// assert!("972501234567".parse::<UserId>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(String);

impl UserId {
    /// Parses a user id; `field` names it in the error.
    pub fn parse_field(input: &str, field: &str) -> Result<Self, Error> {
        let bad = |why: &str| {
            Error::invalid(
                field,
                format!(
                    "a user id: two capital letters, '.', then 1 to {USER_ID_MAX} letters and digits ({why})"
                ),
                crate::error::describe_text(input),
            )
        };
        let (country, rest) = input.split_at_checked(2).ok_or_else(|| bad("too short"))?;
        if !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(bad("no country code"));
        }
        let rest = rest
            .strip_prefix('.')
            .ok_or_else(|| bad("no '.' after the country"))?;
        let rest = rest.strip_prefix("ENT.").unwrap_or(rest);
        if rest.is_empty() || rest.len() > USER_ID_MAX {
            return Err(bad("wrong length"));
        }
        if !rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad("not letters and digits"));
        }
        Ok(UserId(input.to_string()))
    }

    /// The id as the provider wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when `input` has the form of a user id (a country code and a dot), so it is
    /// not a phone number. Used to tell the two apart in a recipient string.
    pub fn looks_like(input: &str) -> bool {
        let b = input.as_bytes();
        b.len() > 3 && b[0].is_ascii_alphabetic() && b[1].is_ascii_alphabetic() && b[2] == b'.'
    }
}

impl std::str::FromStr for UserId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        UserId::parse_field(s, "to")
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserId({})", self.0)
    }
}

/// The recipient of a message.
///
/// JSON form: a string. A phone number (`"+972501234567"`) or a user id
/// (`"IL.1605856887361213"`); the two cannot be confused, since a phone number has no
/// letters.
///
/// ```
/// use switchboard_core::Recipient;
/// let to: Recipient = "+972 50-123-4567".parse().unwrap();
/// assert!(matches!(to, Recipient::Phone(_)));
/// let to: Recipient = "IL.1605856887361213".parse().unwrap();
/// assert!(matches!(to, Recipient::UserId(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Recipient {
    /// A phone number.
    Phone(PhoneNumber),
    /// A provider-scoped user id.
    UserId(UserId),
}

impl Recipient {
    /// Parses a recipient; `field` names it in the error.
    pub fn parse_field(input: &str, field: &str) -> Result<Self, Error> {
        let trimmed = input.trim();
        if UserId::looks_like(trimmed) {
            UserId::parse_field(trimmed, field).map(Recipient::UserId)
        } else {
            PhoneNumber::parse_field(input, field).map(Recipient::Phone)
        }
    }

    /// The phone number, when the recipient is one.
    pub fn phone(&self) -> Option<&PhoneNumber> {
        match self {
            Recipient::Phone(p) => Some(p),
            Recipient::UserId(_) => None,
        }
    }

    /// The user id, when the recipient is one.
    pub fn user_id(&self) -> Option<&UserId> {
        match self {
            Recipient::UserId(u) => Some(u),
            Recipient::Phone(_) => None,
        }
    }

    /// Digits for a phone number (`972501234567`), the id as written for a user id: the
    /// form 99digital's `to` takes.
    pub fn plain(&self) -> &str {
        match self {
            Recipient::Phone(p) => p.digits(),
            Recipient::UserId(u) => u.as_str(),
        }
    }
}

impl From<PhoneNumber> for Recipient {
    fn from(p: PhoneNumber) -> Self {
        Recipient::Phone(p)
    }
}

impl From<UserId> for Recipient {
    fn from(u: UserId) -> Self {
        Recipient::UserId(u)
    }
}

impl std::str::FromStr for Recipient {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Recipient::parse_field(s, "to")
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Phone(p) => p.fmt(f),
            Recipient::UserId(u) => u.fmt(f),
        }
    }
}

impl Serialize for Recipient {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Recipient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for UserId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for UserId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_of_every_documented_form() {
        for id in [
            "IL.1605856887361213",
            "US.13491208655302741918",
            "US.ENT.11815799212886844830",
            "DE.8812345678901234",
        ] {
            let r: Recipient = id.parse().unwrap();
            assert_eq!(r, Recipient::UserId(UserId(id.into())), "{id}");
            assert_eq!(r.plain(), id);
            assert_eq!(serde_json::to_value(&r).unwrap(), id);
            assert_eq!(serde_json::from_value::<Recipient>(id.into()).unwrap(), r);
        }
    }

    #[test]
    fn phones_stay_phones() {
        let r: Recipient = "+972 50-123-4567".parse().unwrap();
        assert_eq!(r.phone().unwrap().digits(), "972501234567");
        assert_eq!(r.plain(), "972501234567");
        assert_eq!(serde_json::to_value(&r).unwrap(), "+972501234567");
    }

    #[test]
    fn bad_user_ids_name_the_field_and_value() {
        for bad in [
            "il.123",
            "IL.",
            "IL.12-3",
            "IL.ENT.",
            &format!("IL.{}", "1".repeat(129)),
        ] {
            match bad.parse::<Recipient>().unwrap_err() {
                Error::InvalidMessage { field, value, .. } => {
                    assert_eq!(field, "to");
                    assert!(value.contains(&bad[..2]), "{value}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(serde_json::from_value::<Recipient>("IL.1-2".into()).is_err());
    }
}
