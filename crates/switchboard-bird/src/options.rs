//! Bird's typed options: checked, then written as top-level `CreateMessage` fields with the
//! names of section 2 of the reference (`capFrequency`, `scheduledFor`, ...).

use serde_json::{json, Map, Value};
use switchboard_core::{rfc3339_timestamp, BirdOptions, Error};
use time::{Duration, OffsetDateTime};

/// Most tags on one message.
pub const TAGS_MAX: usize = 10;
/// Most characters in one tag.
pub const TAG_MAX_CHARS: usize = 50;
/// How far ahead a message may be scheduled.
pub const SCHEDULE_MAX_AHEAD: Duration = Duration::days(35);

fn field(name: &str) -> String {
    format!("options.bird.{name}")
}

/// Checks `options` against Bird's rules, with `now` as the current time, and writes them
/// into the request `body`. `is_template` says whether the message is a template.
pub fn apply(
    options: &BirdOptions,
    is_template: bool,
    now: OffsetDateTime,
    body: &mut Map<String, Value>,
) -> Result<(), Error> {
    if !options.tags.is_empty() {
        body.insert("tags".into(), json!(tags(&options.tags)?));
    }
    if let Some(at) = &options.scheduled_for {
        check_schedule(at, now)?;
        body.insert("scheduledFor".into(), json!(at));
    }
    if let Some(validity) = options.validity {
        if validity > i64::MAX as u64 {
            return Err(Error::invalid(
                field("validity"),
                format!("at most {} seconds", i64::MAX),
                validity.to_string(),
            ));
        }
        body.insert("validity".into(), json!(validity));
    }
    if let Some(flag) = options.ignore_quiet_hours {
        body.insert("ignoreQuietHours".into(), json!(flag));
    }
    if let Some(flag) = options.ignore_global_holdout {
        body.insert("ignoreGlobalHoldout".into(), json!(flag));
    }
    if let Some(use_case) = &options.use_case {
        if use_case.trim().is_empty() {
            return Err(Error::invalid(
                field("use_case"),
                "not empty",
                format!("{use_case:?}"),
            ));
        }
        body.insert(
            "meta".into(),
            json!({ "extraInformation": { "useCase": use_case } }),
        );
    }
    if let Some(flag) = options.cap_frequency {
        if flag && options.use_case.as_deref() != Some("marketing") {
            return Err(Error::invalid(
                field("cap_frequency"),
                "true only with use_case = \"marketing\" (Bird's meta.extraInformation.useCase)",
                match &options.use_case {
                    Some(u) => format!("true with use_case {u:?}"),
                    None => "true without use_case".to_string(),
                },
            ));
        }
        body.insert("capFrequency".into(), json!(flag));
    }
    if let Some(flag) = options.enable_link_tracking {
        body.insert("enableLinkTracking".into(), json!(flag));
    }
    if let Some(reference) = &options.reference {
        if reference.is_empty() {
            return Err(Error::invalid(field("reference"), "not empty", "\"\""));
        }
        body.insert("reference".into(), json!(reference));
    }
    if let Some(version) = &options.template_version {
        if !is_template {
            return Err(Error::invalid(
                field("template_version"),
                "set only on template messages",
                format!("{version:?} on a non-template message"),
            ));
        }
        if version.trim().is_empty() {
            return Err(Error::invalid(
                field("template_version"),
                "not empty (a version id or \"latest\")",
                format!("{version:?}"),
            ));
        }
    }
    Ok(())
}

/// The tags, checked (at most 10, each 1-50 characters of `[a-zA-Z0-9-_ ]`) and lower-cased.
pub fn tags(tags: &[String]) -> Result<Vec<String>, Error> {
    if tags.len() > TAGS_MAX {
        return Err(Error::invalid(
            field("tags"),
            format!("at most {TAGS_MAX} tags"),
            format!("{} tags", tags.len()),
        ));
    }
    tags.iter()
        .enumerate()
        .map(|(i, tag)| {
            let n = tag.chars().count();
            if n == 0 || n > TAG_MAX_CHARS {
                return Err(Error::invalid(
                    format!("options.bird.tags[{i}]"),
                    format!("1 to {TAG_MAX_CHARS} characters"),
                    switchboard_core::error::describe_text(tag),
                ));
            }
            if let Some(c) = tag
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' ')))
            {
                return Err(Error::invalid(
                    format!("options.bird.tags[{i}]"),
                    "only letters, digits, '-', '_' and spaces",
                    format!("{tag:?} (contains {c:?})"),
                ));
            }
            Ok(tag.to_ascii_lowercase())
        })
        .collect()
}

/// Checks that `at` is an RFC 3339 time no more than 35 days after `now`.
pub fn check_schedule(at: &str, now: OffsetDateTime) -> Result<OffsetDateTime, Error> {
    let when = rfc3339_timestamp(at).ok_or_else(|| {
        Error::invalid(
            field("scheduled_for"),
            "an RFC 3339 time such as 2025-04-01T08:00:00Z",
            format!("{at:?}"),
        )
    })?;
    if when - now > SCHEDULE_MAX_AHEAD {
        return Err(Error::invalid(
            field("scheduled_for"),
            "no more than 35 days ahead",
            format!("{at:?} ({} days ahead)", (when - now).whole_days()),
        ));
    }
    Ok(when)
}
