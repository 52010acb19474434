//! Phone numbers, parsed once and rendered the way each provider wants.

use crate::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The fewest digits an international number may have (country code included).
pub const MIN_DIGITS: usize = 8;
/// The most digits E.164 allows.
pub const MAX_DIGITS: usize = 15;

/// An international phone number in E.164 form, stored as its digits.
///
/// Accepts `+972501234567`, `972501234567`, `+972 50-123-4567` and `(972) 50 123 4567`:
/// spaces, dashes, dots and parentheses are dropped, one leading `+` is allowed. Anything
/// else (letters, a `+` in the middle, fewer than 8 or more than 15 digits, a leading 0) is
/// rejected with [`Error::InvalidMessage`].
///
/// ```
/// use switchboard_core::PhoneNumber;
/// let n: PhoneNumber = "+972 50-123-4567".parse().unwrap();
/// assert_eq!(n.digits(), "972501234567"); // 99digital, 360dialog
/// assert_eq!(n.e164(), "+972501234567"); // Bird
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber {
    digits: String,
}

impl PhoneNumber {
    /// Parses a phone number; `field` names it in the error (`"to"`, `"cta.phone"`).
    pub fn parse_field(input: &str, field: &str) -> Result<Self, Error> {
        let trimmed = input.trim();
        let rest = trimmed.strip_prefix('+').unwrap_or(trimmed);
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(Error::invalid(
                    field,
                    "an international phone number (digits, optional leading +, spaces, dashes)",
                    format!("{input:?} (contains {c:?})"),
                )),
            }
        }
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) {
            return Err(Error::invalid(
                field,
                format!("{MIN_DIGITS} to {MAX_DIGITS} digits with the country code"),
                format!("{input:?} ({} digits)", digits.len()),
            ));
        }
        if digits.starts_with('0') {
            return Err(Error::invalid(
                field,
                "an international number starting with the country code, not 0",
                format!("{input:?}"),
            ));
        }
        Ok(PhoneNumber { digits })
    }

    /// The digits without `+`: `972501234567` (the form 99digital and 360dialog want).
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The E.164 form with `+`: `+972501234567` (the form Bird wants).
    pub fn e164(&self) -> String {
        format!("+{}", self.digits)
    }
}

impl std::str::FromStr for PhoneNumber {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        PhoneNumber::parse_field(s, "to")
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}", self.digits)
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber(+{})", self.digits)
    }
}

impl Serialize for PhoneNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PhoneNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_forms() {
        for input in [
            "+972501234567",
            "972501234567",
            "+972 50-123-4567",
            " 972.50.123.4567 ",
            "(972) 50 123 4567",
        ] {
            let n: PhoneNumber = input.parse().unwrap();
            assert_eq!(n.digits(), "972501234567", "{input}");
            assert_eq!(n.e164(), "+972501234567");
            assert_eq!(n.to_string(), "+972501234567");
        }
    }

    #[test]
    fn rejects_letters() {
        let e = "+97250ABC4567".parse::<PhoneNumber>().unwrap_err();
        match e {
            Error::InvalidMessage { field, value, .. } => {
                assert_eq!(field, "to");
                assert!(value.contains("'A'"), "{value}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rejects_wrong_lengths() {
        for input in ["+1234567", "+1234567890123456", "", "+"] {
            match input.parse::<PhoneNumber>().unwrap_err() {
                Error::InvalidMessage { field, limit, .. } => {
                    assert_eq!(field, "to");
                    assert_eq!(limit, "8 to 15 digits with the country code");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn rejects_inner_plus_and_leading_zero() {
        assert!("97+2501234567".parse::<PhoneNumber>().is_err());
        assert!("0501234567".parse::<PhoneNumber>().is_err());
    }

    #[test]
    fn serde_round_trip() {
        let n: PhoneNumber = serde_json::from_str("\"972-50-1234567\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"+972501234567\"");
        assert!(serde_json::from_str::<PhoneNumber>("\"abc\"").is_err());
    }
}
