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

use serde_json::Value;

/// A number as its text, or a non-empty string as it is; `None` otherwise.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// An integer, or a string holding one (surrounding spaces allowed).
pub fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A finite number, or a string holding one (surrounding spaces allowed).
pub fn float(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite())
}
