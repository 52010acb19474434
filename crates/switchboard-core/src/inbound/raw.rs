//! The provider's JSON an event was read from, kept as text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;

/// The provider's JSON an event was read from ([`super::InboundEvent::raw`]), kept as the
/// text the provider sent (its spacing and line breaks too): parsers copy the item's bytes
/// out of the delivery instead of building a `serde_json::Value` tree for it.
///
/// Read it with [`to_value`](Self::to_value) or [`parse`](Self::parse), or take the text
/// with [`as_str`](Self::as_str). Two raws are equal when they hold the same JSON value
/// (whitespace and the order of object members do not matter); a raw equals a
/// `serde_json::Value` holding that value.
///
/// serde: with `serde_json` it is written verbatim and `serde_json::to_value` reads it into
/// the value it holds; it reads from any JSON value. Other serde formats see `serde_json`'s
/// raw-value token: convert with [`to_value`](Self::to_value) first.
///
/// ```
/// use serde_json::json;
/// use switchboard_core::RawJson;
/// let raw = RawJson::from(json!({"id": "wamid.1"}));
/// assert_eq!(raw.as_str(), r#"{"id":"wamid.1"}"#);
/// assert_eq!(raw, json!({"id": "wamid.1"}));
/// assert_eq!(raw.to_value()["id"], "wamid.1");
/// assert!(RawJson::default().is_null());
/// ```
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// JSON `null`, the raw of an event built by hand.
    pub fn null() -> Self {
        RawJson(RawValue::NULL.to_owned())
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The JSON as `serde_json`'s raw value.
    pub fn as_raw_value(&self) -> &RawValue {
        &self.0
    }

    /// True for JSON `null`.
    pub fn is_null(&self) -> bool {
        self.as_str() == "null"
    }

    /// The JSON read into a `serde_json::Value`.
    pub fn to_value(&self) -> Value {
        // The text is JSON by construction.
        serde_json::from_str(self.as_str()).unwrap_or(Value::Null)
    }

    /// The JSON read into `T`.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.as_str())
    }
}

impl From<&RawValue> for RawJson {
    fn from(raw: &RawValue) -> Self {
        RawJson(raw.to_owned())
    }
}

impl From<Value> for RawJson {
    fn from(value: Value) -> Self {
        RawJson::from(&value)
    }
}

impl From<&Value> for RawJson {
    fn from(value: &Value) -> Self {
        // A `Value` always serializes (its keys are strings).
        serde_json::value::to_raw_value(value).map_or_else(|_| RawJson::null(), RawJson)
    }
}

impl Default for RawJson {
    fn default() -> Self {
        RawJson::null()
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str() || self.to_value() == other.to_value()
    }
}

impl PartialEq<Value> for RawJson {
    fn eq(&self, other: &Value) -> bool {
        self.to_value() == *other
    }
}

impl PartialEq<RawJson> for Value {
    fn eq(&self, other: &RawJson) -> bool {
        other == self
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({})", self.as_str())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(RawJson::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_text_is_kept_as_sent() {
        let pretty: &RawValue =
            serde_json::from_str("{\n  \"a\": \"x \\\" y\",\n\t\"b\": [1, 2]\n}").unwrap();
        let raw = RawJson::from(pretty);
        assert_eq!(
            raw.as_str(),
            "{\n  \"a\": \"x \\\" y\",\n\t\"b\": [1, 2]\n}"
        );
        assert_eq!(raw, json!({"a": "x \" y", "b": [1, 2]}));
        // The journal's form (`to_value`) is compact.
        assert_eq!(
            serde_json::to_value(&raw).unwrap().to_string(),
            r#"{"a":"x \" y","b":[1,2]}"#
        );
    }

    #[test]
    fn equality_is_by_value_and_json_forms_round_trip() {
        let a: &RawValue = serde_json::from_str(r#"{"b": 1, "a": [true]}"#).unwrap();
        let a = RawJson::from(a);
        assert_eq!(a, RawJson::from(json!({"a": [true], "b": 1})));
        assert_ne!(a, RawJson::from(json!({"a": [true], "b": 2})));
        assert_eq!(a, json!({"a": [true], "b": 1}));
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"b": 1, "a": [true]}"#
        );
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            json!({"a": [true], "b": 1})
        );
        let back: RawJson = serde_json::from_value(json!({"a": [true], "b": 1})).unwrap();
        assert_eq!(back, a);
        assert_eq!(format!("{a:?}"), r#"RawJson({"b": 1, "a": [true]})"#);
    }
}
