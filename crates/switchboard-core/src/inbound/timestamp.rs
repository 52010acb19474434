//! Reading providers' timestamps, only into instants the JSON form can print (RFC 3339:
//! years 0000 to 9999).

use super::ItemProblem;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Unix values at or above this are milliseconds, not seconds: `docs/webhooks.md` notes
/// that millisecond values have been seen and are normalised this way
/// ("Timestamps"). 10^12 seconds would be the year 33658.
const MILLIS_FROM: i64 = 1_000_000_000_000;

fn printable(t: OffsetDateTime) -> Option<OffsetDateTime> {
    (0..=9999).contains(&t.year()).then_some(t)
}

/// Converts unix seconds (a number or a string of digits; milliseconds from 10^12 up) into
/// a timestamp. `None` when the value is no integer or lies outside the years 0000-9999
/// that RFC 3339, the event model's JSON form, can print.
pub fn unix_timestamp(value: &Value) -> Option<OffsetDateTime> {
    crate::json::int(value).and_then(from_unix)
}

/// Unix seconds (milliseconds from 10^12 up) as an instant RFC 3339 can print.
pub(crate) fn from_unix(n: i64) -> Option<OffsetDateTime> {
    let (secs, millis) = if n >= MILLIS_FROM {
        (n / 1000, n % 1000)
    } else {
        (n, 0)
    };
    let t = OffsetDateTime::from_unix_timestamp(secs).ok()?;
    printable(t + time::Duration::milliseconds(millis))
}

/// Parses an RFC 3339 timestamp; `None` when it is not one.
pub fn rfc3339_timestamp(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value, &Rfc3339)
        .ok()
        .and_then(printable)
}

/// Reads the unix timestamp in `field` of an item: absent or `null` is `Ok(None)`; a value
/// that is no timestamp, or one outside the years 0000-9999, is
/// [`ItemProblem::Timestamp`] naming the field and the value.
pub fn timestamp_field(
    value: Option<&Value>,
    field: &str,
) -> Result<Option<OffsetDateTime>, ItemProblem> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => unix_timestamp(v)
            .map(Some)
            .ok_or_else(|| ItemProblem::timestamp(field, v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    #[test]
    fn seconds_as_string_or_number() {
        let t = datetime!(2023-10-11 16:53:43 UTC);
        assert_eq!(unix_timestamp(&json!("1697043223")), Some(t));
        assert_eq!(unix_timestamp(&json!(1697043223)), Some(t));
        assert_eq!(
            unix_timestamp(&json!("1697043223123")),
            Some(t + time::Duration::milliseconds(123))
        );
    }

    #[test]
    fn outside_rfc3339_is_refused() {
        for v in [
            json!("asdf"),
            json!(-62_167_219_201_i64),
            json!(i64::MAX),
            json!(1.5),
            json!(true),
        ] {
            assert_eq!(unix_timestamp(&v), None, "{v}");
            let problem = timestamp_field(Some(&v), "messages[0].timestamp").unwrap_err();
            assert!(
                matches!(problem, ItemProblem::Timestamp { ref field, .. } if field == "messages[0].timestamp")
            );
        }
        // The year 0000 is the first RFC 3339 can print.
        assert!(unix_timestamp(&json!(-62_167_219_200_i64)).is_some());
        assert_eq!(timestamp_field(None, "t"), Ok(None));
        assert_eq!(timestamp_field(Some(&Value::Null), "t"), Ok(None));
    }

    #[test]
    fn rfc3339() {
        assert_eq!(
            rfc3339_timestamp("2025-03-30T12:35:00.300Z"),
            Some(datetime!(2025-03-30 12:35:00.3 UTC))
        );
        assert_eq!(rfc3339_timestamp("yesterday"), None);
    }
}
