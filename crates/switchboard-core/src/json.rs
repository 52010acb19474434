//! Reading JSON values providers send as a number or a string (`"code": 131047` or
//! `"code": "131047"`, `"latitude": "32.1"`): one helper each, shared by every adapter.
//!
//! ```
//! use serde_json::json;
//! use switchboard_core::json;
//! assert_eq!(json::text(&json!(131047)).as_deref(), Some("131047"));
//! assert_eq!(json::text(&json!("abc")).as_deref(), Some("abc"));
//! assert_eq!(json::text(&json!("")), None);
//! assert_eq!(json::int(&json!(" 7 ")), Some(7));
//! assert_eq!(json::float(&json!("32.08")), Some(32.08));
//! assert_eq!(json::float(&json!("NaN")), None);
//! ```

use serde_json::{Number, Value};

/// A number as its text, or a non-empty string as it is; `None` otherwise.
pub fn text(v: &Value) -> Option<String> {
    Scalar::of(v).text()
}

/// An integer, or a string holding one (surrounding spaces allowed).
pub fn int(v: &Value) -> Option<i64> {
    Scalar::of(v).int()
}

/// A finite number, or a string holding one (surrounding spaces allowed).
pub fn float(v: &Value) -> Option<f64> {
    Scalar::of(v).float()
}

/// A number or a string, borrowed from a `Value` or a [`crate::lenient::Leaf`]: the one
/// place the helpers above are written.
pub(crate) enum Scalar<'v> {
    Number(&'v Number),
    Str(&'v str),
    Other,
}

impl<'v> Scalar<'v> {
    fn of(v: &'v Value) -> Self {
        match v {
            Value::Number(n) => Scalar::Number(n),
            Value::String(s) => Scalar::Str(s),
            _ => Scalar::Other,
        }
    }

    pub(crate) fn text(&self) -> Option<String> {
        match self {
            Scalar::Number(n) => Some(n.to_string()),
            Scalar::Str(s) if !s.is_empty() => Some(s.to_string()),
            _ => None,
        }
    }

    pub(crate) fn int(&self) -> Option<i64> {
        match self {
            Scalar::Number(n) => n.as_i64(),
            Scalar::Str(s) => s.trim().parse().ok(),
            Scalar::Other => None,
        }
    }

    pub(crate) fn float(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => n.as_f64(),
            Scalar::Str(s) => s.trim().parse().ok(),
            Scalar::Other => None,
        }
        .filter(|f: &f64| f.is_finite())
    }
}
