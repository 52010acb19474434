//! Reading a provider's webhook JSON into typed structs that borrow from the body, as
//! leniently as reading it into a `serde_json::Value` tree and looking fields up, without
//! building the tree (`docs/webhooks.md`, "How deliveries are read").
//!
//! * [`Leaf`]: any JSON value, read as a scalar (strings borrowed from the body when they
//!   have no escapes); an object or array where a scalar is expected is kept as a `Value`;
//! * [`Obj`]: an object read into a struct declared with [`lenient_struct!`](crate::lenient_struct)
//!   (`None` for anything else); members the struct does not name, and any value where an
//!   object or array was expected, are read through with [`Skip`] (every string and number
//!   checked as a `Value` would check it) and dropped;
//! * [`Seq`]: an array (`None` for anything else);
//! * `&RawValue`: an item whose JSON an event keeps as its raw ([`crate::RawJson`]);
//! * [`Parts`]: the JSON of a part of the body the typed read did not keep (an unknown
//!   change or entry), found by a second, skipping read only when an event needs it.
//!
//! A repeated member is read like a `Value` reads it: the last one counts. A body the
//! `Value` parser refuses is refused ([`from_body`]) with the `Value` parser's message.
//!
//! ```
//! use switchboard_core::lenient::{from_body, Leaf, LeafOf, Obj, ObjOf};
//! switchboard_core::lenient_struct! {
//!     struct Message<'a> {
//!         "id" => id: Leaf<'a>,
//!         "context" => context: Obj<Context<'a>>,
//!     }
//! }
//! switchboard_core::lenient_struct! {
//!     struct Context<'a> { "id" => id: Leaf<'a> }
//! }
//! let body = br#"{"id": "wamid.1", "context": {"id": 7}, "other": [1, {"x": null}]}"#;
//! let m: Obj<Message> = from_body(body).unwrap();
//! let m = m.0.unwrap();
//! assert_eq!(m.id.str(), Some("wamid.1"));
//! assert_eq!(m.context.obj().and_then(|c| c.id.text()).as_deref(), Some("7"));
//! assert_eq!(m.context.obj().and_then(|c| c.id.str()), None);
//! assert!(from_body::<Obj<Message>>(b"{\"id\": ").is_err());
//! ```

use crate::inbound::ItemProblem;
use crate::json::Scalar;
use crate::RawJson;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserialize, DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use time::OffsetDateTime;

#[doc(hidden)]
pub use serde::de::MapAccess;
pub use serde_json::value::RawValue;

/// Declares a struct of optional fields read from a JSON object by member name, for
/// [`Obj`]: `"member" => field: Type`. Every field is an `Option` (`None` when the member
/// is absent); a member given twice keeps the last. The struct has one lifetime, `'a`, the
/// body's.
#[macro_export]
macro_rules! lenient_struct {
    ($(#[$meta:meta])* $vis:vis struct $name:ident<$a:lifetime> {
        $($key:literal => $field:ident: $ty:ty),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Default)]
        $vis struct $name<$a> {
            $(pub $field: ::core::option::Option<$ty>,)*
        }

        impl<'de: $a, $a> $crate::lenient::Fields<'de> for $name<$a> {
            fn field<A: $crate::lenient::MapAccess<'de>>(
                &mut self,
                key: &::std::borrow::Cow<'de, str>,
                map: &mut A,
            ) -> ::core::result::Result<bool, A::Error> {
                match &**key {
                    $($key => self.$field = ::core::option::Option::Some(map.next_value()?),)*
                    _ => return ::core::result::Result::Ok(false),
                }
                ::core::result::Result::Ok(true)
            }
        }
    };
}

/// A struct read from a JSON object by member name ([`lenient_struct!`](crate::lenient_struct)).
pub trait Fields<'de>: Default {
    /// Reads the value of member `key` (borrowed from the body unless it had escapes) into
    /// its field; `false` when no field has that name (the value is then skipped).
    fn field<A: MapAccess<'de>>(
        &mut self,
        key: &Cow<'de, str>,
        map: &mut A,
    ) -> Result<bool, A::Error>;
}

/// Reads `body` as `T`, or fails with the error reading it into a `serde_json::Value` gives
/// (so a refused body is refused with the same message as before typed reading).
pub fn from_body<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, serde_json::Error> {
    let ours = match std::str::from_utf8(body) {
        Ok(text) => match serde_json::from_str(text) {
            Ok(t) => return Ok(t),
            Err(e) => Some(e),
        },
        Err(_) => None,
    };
    match serde_json::from_slice::<Value>(body) {
        Err(e) => Err(e),
        Ok(_) => Err(ours.unwrap_or_else(|| serde::de::Error::custom("invalid UTF-8"))),
    }
}

/// Reads one item's JSON (an `&RawValue` of the body) as `T`.
pub fn from_raw<'a, T: Deserialize<'a>>(raw: &'a RawValue) -> Result<T, serde_json::Error> {
    serde_json::from_str(raw.get())
}

/// Any JSON value where a scalar is expected.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Leaf<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string, borrowed from the body unless it had escapes.
    Str(Cow<'a, str>),
    /// An object or an array.
    Other(Box<Value>),
}

impl Leaf<'_> {
    /// The string, when it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Leaf::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The bool, when it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Leaf::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value as a `serde_json::Value` (to report it in a problem).
    pub fn to_value(&self) -> Value {
        match self {
            Leaf::Null => Value::Null,
            Leaf::Bool(b) => Value::Bool(*b),
            Leaf::Number(n) => Value::Number(n.clone()),
            Leaf::Str(s) => Value::String(s.to_string()),
            Leaf::Other(v) => Value::clone(v),
        }
    }

    fn scalar(&self) -> Scalar<'_> {
        match self {
            Leaf::Number(n) => Scalar::Number(n),
            Leaf::Str(s) => Scalar::Str(s),
            _ => Scalar::Other,
        }
    }

    /// A number as its text, or a non-empty string ([`crate::json::text`]).
    pub fn text(&self) -> Option<String> {
        self.scalar().text()
    }

    /// An integer, or a string holding one ([`crate::json::int`]).
    pub fn int(&self) -> Option<i64> {
        self.scalar().int()
    }

    /// A finite number, or a string holding one ([`crate::json::float`]).
    pub fn float(&self) -> Option<f64> {
        self.scalar().float()
    }

    /// Unix seconds as [`crate::unix_timestamp`] reads them.
    pub fn unix_timestamp(&self) -> Option<OffsetDateTime> {
        self.int().and_then(crate::inbound::from_unix)
    }
}

/// Reads the unix timestamp of a member `field` as [`crate::timestamp_field`] does: absent
/// or `null` is `Ok(None)`, anything else that is no timestamp a problem naming the field.
/// `field` names the member, and is only called for a problem.
pub fn timestamp_field<F: Into<String>>(
    value: &Option<Leaf<'_>>,
    field: impl FnOnce() -> F,
) -> Result<Option<OffsetDateTime>, ItemProblem> {
    match value {
        None | Some(Leaf::Null) => Ok(None),
        Some(v) => v
            .unix_timestamp()
            .map(Some)
            .ok_or_else(|| ItemProblem::timestamp(field(), &v.to_value())),
    }
}

/// What a member read as a [`Leaf`] holds.
pub trait LeafOf {
    /// A string member.
    fn str(&self) -> Option<&str>;
    /// A string member, owned.
    fn string(&self) -> Option<String> {
        self.str().map(str::to_owned)
    }
    /// A number as its text, or a non-empty string.
    fn text(&self) -> Option<String>;
    /// A bool member.
    fn flag(&self) -> Option<bool>;
}

impl LeafOf for Option<Leaf<'_>> {
    fn str(&self) -> Option<&str> {
        self.as_ref()?.as_str()
    }
    fn text(&self) -> Option<String> {
        self.as_ref()?.text()
    }
    fn flag(&self) -> Option<bool> {
        self.as_ref()?.as_bool()
    }
}

/// A JSON object read into `T`; `None` for any other value.
pub struct Obj<T>(pub Option<T>);

/// The struct of a member read as an [`Obj`].
pub trait ObjOf<T> {
    /// The member's fields, when it is an object.
    fn obj(&self) -> Option<&T>;
}

impl<T> ObjOf<T> for Option<Obj<T>> {
    fn obj(&self) -> Option<&T> {
        self.as_ref()?.0.as_ref()
    }
}

impl<T> ObjOf<T> for Option<Box<Obj<T>>> {
    fn obj(&self) -> Option<&T> {
        self.as_ref()?.0.as_ref()
    }
}

/// A JSON array of `T`; `None` for any other value.
pub struct Seq<T>(pub Option<Vec<T>>);

/// The items of a member read as a [`Seq`].
pub trait SeqOf<T> {
    /// The items, when it is an array.
    fn array(&self) -> Option<&[T]>;
    /// The items; none when it is absent or no array.
    fn items(&self) -> &[T] {
        self.array().unwrap_or_default()
    }
}

impl<T> SeqOf<T> for Option<Seq<T>> {
    fn array(&self) -> Option<&[T]> {
        self.as_ref()?.0.as_deref()
    }
}

impl<T> Seq<T> {
    /// Moves the items out.
    pub fn take(&mut self) -> Vec<T> {
        self.0.take().unwrap_or_default()
    }
}

/// Any JSON value, read through and dropped: every string and number is checked as reading
/// it into a `Value` checks it (escapes, UTF-16 surrogates, number range), nothing is kept.
pub struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Other(|| Skip))
    }
}

/// The visitor of a value that is not what was expected: it reads any value through with
/// [`Skip`] and gives `make()`.
struct Other<F>(F);

macro_rules! other_values {
    ($make:tt) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok((self.$make)())
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok((self.$make)())
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok((self.$make)())
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok((self.$make)())
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok((self.$make)())
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok((self.$make)())
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok((self.$make)())
        }
    };
}

macro_rules! other_containers {
    () => {
        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
            while seq.next_element::<Skip>()?.is_some() {}
            Ok((self.0)())
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            while map.next_key::<Skip>()?.is_some() {
                map.next_value::<Skip>()?;
            }
            Ok((self.0)())
        }
    };
}

impl<'de, V, F: FnOnce() -> V> Visitor<'de> for Other<F> {
    type Value = V;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    other_values!(0);
    other_containers!();
}

impl<'de, T: Fields<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjVisitor<T>(PhantomData<T>, fn() -> Obj<T>);
        impl<'de, T: Fields<'de>> Visitor<'de> for ObjVisitor<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Obj<T>, M::Error> {
                let mut out = T::default();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    if !out.field(&key, &mut map)? {
                        map.next_value::<Skip>()?;
                    }
                }
                Ok(Obj(Some(out)))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, seq: S) -> Result<Obj<T>, S::Error> {
                Other(self.1).visit_seq(seq)
            }
            other_values!(1);
        }
        deserializer.deserialize_any(ObjVisitor(PhantomData, || Obj(None)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Seq<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SeqVisitor<T>(PhantomData<T>, fn() -> Seq<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for SeqVisitor<T> {
            type Value = Seq<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Seq<T>, S::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Seq(Some(items)))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Seq<T>, M::Error> {
                Other(self.1).visit_map(map)
            }
            other_values!(1);
        }
        deserializer.deserialize_any(SeqVisitor(PhantomData, || Seq(None)))
    }
}

/// A member name, borrowed from the body unless it had escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for KeyVisitor<'a> {
            type Value = Key<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor(PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Leaf<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LeafVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for LeafVisitor<'a> {
            type Value = Leaf<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Leaf<'a>, E> {
                // As `Value` reads it: a float that is no JSON number is null.
                Ok(Number::from_f64(v).map_or(Leaf::Null, Leaf::Number))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Str(Cow::Owned(v)))
            }
            fn visit_unit<E>(self) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Null)
            }
            fn visit_none<E>(self) -> Result<Leaf<'a>, E> {
                Ok(Leaf::Null)
            }
            fn visit_seq<S: SeqAccess<'de>>(self, seq: S) -> Result<Leaf<'a>, S::Error> {
                Value::deserialize(SeqAccessDeserializer::new(seq))
                    .map(|v| Leaf::Other(Box::new(v)))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Leaf<'a>, M::Error> {
                Value::deserialize(MapAccessDeserializer::new(map))
                    .map(|v| Leaf::Other(Box::new(v)))
            }
        }
        deserializer.deserialize_any(LeafVisitor(PhantomData))
    }
}

/// The JSON of a part of the body the typed read did not keep, found by a second read that
/// skips everything else: for the rare event whose raw is such a part (a Cloud account
/// change, an unknown entry). What it returns is checked as reading it into a `Value` would
/// check it.
pub struct Parts<'a> {
    body: &'a [u8],
}

impl<'a> Parts<'a> {
    /// The parts of `body`.
    pub fn new(body: &'a [u8]) -> Self {
        Parts { body }
    }

    /// The JSON at `pointer` (RFC 6901 without escapes; `""` for the whole body), `null` when
    /// it is not there. A member given twice: the last.
    pub fn get(&self, pointer: &str) -> Result<RawJson, serde_json::Error> {
        let text = std::str::from_utf8(self.body).map_err(|_| self.refusal())?;
        let steps: Vec<&str> = pointer.split('/').skip(1).collect();
        let mut de = serde_json::Deserializer::from_str(text);
        let found = At(&steps).deserialize(&mut de)?;
        de.end()?;
        match found {
            Some(raw) => {
                from_raw::<Skip>(raw)?;
                Ok(RawJson::from(raw))
            }
            None => Ok(RawJson::null()),
        }
    }

    /// The error reading the body into a `Value` gives.
    fn refusal(&self) -> serde_json::Error {
        match serde_json::from_slice::<Value>(self.body) {
            Err(e) => e,
            Ok(_) => serde::de::Error::custom("invalid UTF-8"),
        }
    }

    /// The JSON object at `pointer`, taken from the body without a second read when the
    /// typed read kept where it stands: `first_key`, its first member's name, and `last`,
    /// its last member's value (the text of a string without its quotes, or a raw value),
    /// both borrowed from the body. Else as [`get`](Self::get).
    pub fn object(
        &self,
        pointer: &str,
        first_key: Option<&str>,
        last: Option<Last<'_>>,
    ) -> Result<RawJson, serde_json::Error> {
        let found = first_key
            .zip(last)
            .and_then(|(key, last)| self.span(key, last));
        match found {
            Some(raw) => {
                from_raw::<Skip>(raw)?;
                Ok(RawJson::from(raw))
            }
            None => self.get(pointer),
        }
    }

    /// The object from the `{` before `first_key` to the `}` after `last`, when only
    /// whitespace stands between them and it is one JSON value.
    fn span(&self, first_key: &str, last: Last<'_>) -> Option<&'a RawValue> {
        let text = std::str::from_utf8(self.body).ok()?;
        let bytes = text.as_bytes();
        let offset = |part: &str| {
            let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
            (start + part.len() <= text.len()).then_some(start)
        };
        let quote = offset(first_key)?.checked_sub(1)?;
        let before = text[..quote].trim_end_matches(is_space);
        let start = before.len().checked_sub(1)?;
        let (part, closing_quote) = match last {
            Last::Str(s) => (s, 1),
            Last::Raw(r) => (r, 0),
        };
        let end = offset(part)? + part.len() + closing_quote;
        if bytes.get(quote) != Some(&b'"')
            || bytes.get(start) != Some(&b'{')
            || (closing_quote == 1 && bytes.get(end - 1) != Some(&b'"'))
        {
            return None;
        }
        let after = text.get(end..)?.trim_start_matches(is_space);
        if !after.starts_with('}') {
            return None;
        }
        let close = text.len() - after.len();
        serde_json::from_str(text.get(start..=close)?).ok()
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\r' | '\t')
}

/// Where the last member of an object ends, for [`Parts::object`].
#[derive(Debug, Clone, Copy)]
pub enum Last<'a> {
    /// A string's text, without its quotes.
    Str(&'a str),
    /// A raw value's text.
    Raw(&'a str),
}

/// Finds the value at the path `self.0` below the value read (skipping the rest).
struct At<'p, 's>(&'p [&'s str]);

impl<'de, 'p, 's> DeserializeSeed<'de> for At<'p, 's> {
    type Value = Option<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match self.0.split_first() {
            None => <&RawValue>::deserialize(deserializer).map(Some),
            Some((step, rest)) => deserializer.deserialize_any(AtVisitor(step, rest)),
        }
    }
}

struct AtVisitor<'p, 's>(&'s str, &'p [&'s str]);

impl<'de> Visitor<'de> for AtVisitor<'_, '_> {
    type Value = Option<&'de RawValue>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut found = None;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if key == self.0 {
                found = map.next_value_seed(At(self.1))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let index = self.0.parse::<usize>().ok();
        let (mut i, mut found) = (0, None);
        loop {
            if Some(i) == index {
                match seq.next_element_seed(At(self.1))? {
                    Some(f) => found = f,
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
            i += 1;
        }
        Ok(found)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    crate::lenient_struct! {
        struct Item<'a> {
            "id" => id: Leaf<'a>,
            "n" => n: Leaf<'a>,
            "tags" => tags: Seq<Leaf<'a>>,
            "inner" => inner: Box<Obj<Item<'a>>>,
            "raw" => raw: &'a RawValue,
        }
    }

    fn item(text: &str) -> Obj<Item<'_>> {
        from_body(text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_like_a_value_tree() {
        let o = item(
            r#"{"id": "a\"b", "n": 12, "tags": ["x", 1], "inner": {"id": "c"}, "raw": {"k": [1, 2]}, "more": {"deep": [null]}}"#,
        );
        let o = o.0.unwrap();
        assert_eq!(o.id.str(), Some("a\"b"));
        assert_eq!(o.n.text().as_deref(), Some("12"));
        assert_eq!(o.n.str(), None);
        assert_eq!(o.tags.items().len(), 2);
        assert_eq!(o.inner.obj().and_then(|i| i.id.str()), Some("c"));
        assert_eq!(o.raw.map(RawValue::get), Some(r#"{"k": [1, 2]}"#));
        // Wrong kinds are none, not errors.
        let o = item(r#"{"id": {"x": 1}, "tags": {"a": 1}, "inner": [1, {}], "n": null}"#);
        let o = o.0.unwrap();
        assert_eq!(o.id.as_ref().map(Leaf::to_value), Some(json!({"x": 1})));
        assert_eq!(o.tags.array(), None);
        assert!(o.inner.is_some() && o.inner.obj().is_none());
        assert_eq!(o.n, Some(Leaf::Null));
        assert!(item("[1, 2]").0.is_none());
        assert!(item("\"text\"").0.is_none());
        // The last of a repeated member counts, as in a `Value`.
        assert_eq!(
            item(r#"{"id": "1", "id": "2"}"#).0.unwrap().id.str(),
            Some("2")
        );
    }

    #[test]
    fn refuses_what_a_value_refuses_with_its_message() {
        for body in [
            &b"{\"id\": "[..],
            b"{\"a\": \"\\ud800\"}",
            b"{\"skipped\": \"\\ud800\"}",
            b"{\"skipped\": 1e999}",
            b"{\"id\": \"\xff\"}",
            b"{} x",
            b"",
        ] {
            let ours = from_body::<Obj<Item>>(body).err().map(|e| e.to_string());
            let value = serde_json::from_slice::<Value>(body)
                .err()
                .map(|e| e.to_string());
            assert!(ours.is_some(), "{body:?}");
            assert_eq!(ours, value, "{body:?}");
        }
    }

    #[test]
    fn timestamps_read_as_from_a_value() {
        let t = Some(Leaf::Str("1697043223".into()));
        assert!(timestamp_field(&t, || "t").unwrap().is_some());
        assert_eq!(timestamp_field(&Some(Leaf::Null), || "t"), Ok(None));
        assert_eq!(timestamp_field(&None, || "t"), Ok(None));
        let bad = Some(Leaf::Other(Box::new(json!({"a": 1}))));
        assert_eq!(
            timestamp_field(&bad, || "t"),
            Err(ItemProblem::timestamp("t", &json!({"a": 1})))
        );
    }

    #[test]
    fn an_object_is_taken_from_where_its_members_stand() {
        let body = "{\"changes\": [ {\n \"value\": {\"a\": 1},\n \"field\": \"x\"\t} ]}";
        let parts = Parts::new(body.as_bytes());
        let key = &body[body.find("value").unwrap()..][..5];
        let field = &body[body.find("\"x\"").unwrap() + 1..][..1];
        let raw = parts
            .object("/changes/0", Some(key), Some(Last::Str(field)))
            .unwrap();
        assert_eq!(
            raw.as_str(),
            "{\n \"value\": {\"a\": 1},\n \"field\": \"x\"\t}"
        );
        // Not borrowed from the body: found by pointer.
        let raw = parts
            .object("/changes/0", Some("value"), Some(Last::Str("x")))
            .unwrap();
        assert_eq!(raw, json!({"value": {"a": 1}, "field": "x"}));
    }

    #[test]
    fn parts_are_found_by_pointer() {
        let parts =
            Parts::new(br#"{"entry": [{"id": 1}, {"id": 2, "x": [3]}], "entry": [{"id": 4}]}"#);
        // The last of a repeated member, as in a `Value`.
        assert_eq!(parts.get("/entry/0").unwrap(), json!({"id": 4}));
        assert_eq!(parts.get("/entry/1").unwrap(), Value::Null);
        let parts = Parts::new(br#"{"entry": [{"id": 1}, {"id": 2, "x": [3]}]}"#);
        assert_eq!(
            parts.get("/entry/1").unwrap().as_str(),
            r#"{"id": 2, "x": [3]}"#
        );
        assert_eq!(parts.get("/entry/1/x/0").unwrap(), json!(3));
        assert_eq!(parts.get("/nothing/0").unwrap(), Value::Null);
        assert_eq!(
            parts.get("").unwrap(),
            json!({"entry": [{"id": 1}, {"id": 2, "x": [3]}]})
        );
        // What is returned is checked as a `Value` checks it.
        assert!(Parts::new(br#"{"a": ["\ud800"]}"#).get("/a").is_err());
    }
}
