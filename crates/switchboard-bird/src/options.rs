//! Bird's typed options: checked, then written as top-level `CreateMessage` fields with the
//! names of `docs/providers/reference/bird.md` section 2 (`capFrequency`, `scheduledFor`, ...).

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use switchboard_core::{rfc3339_timestamp, Error, OutboundMessage};
use time::{Duration, OffsetDateTime};

/// Options only Bird understands, sent as top-level fields of Bird's `CreateMessage` body.
///
/// JSON form (inside a message's `options`):
/// `{"bird": {"tags": ["spring-sale"], "scheduled_for": "2025-04-01T08:00:00Z", "validity": 3600}}`.
/// The Bird adapter checks every value before any request; an out-of-range value is an
/// [`Error::InvalidMessage`] naming `options.bird.<field>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirdOptions {
    /// `tags`: at most 10, each 1-50 characters of letters, digits, `-`, `_` and space.
    /// Bird lower-cases tags; the adapter sends them lower-cased.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// `scheduledFor`: an RFC 3339 time, no more than 35 days ahead. A time in the past or
    /// within 10 minutes may be sent at once (Bird's rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_for: Option<String>,
    /// `validity`: for how many seconds the message stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<u64>,
    /// `ignoreQuietHours`: send as soon as possible, ignoring quiet-hours settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_quiet_hours: Option<bool>,
    /// `ignoreGlobalHoldout`: do not check the global holdout (transactional sends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_global_holdout: Option<bool>,
    /// `capFrequency`: apply the platform's frequency capping. `true` only with
    /// `use_case = "marketing"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_frequency: Option<bool>,
    /// `meta.extraInformation.useCase` (`"marketing"` enables `cap_frequency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_case: Option<String>,
    /// `enableLinkTracking`: append web-tracking parameters to links (test/campaign
    /// messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_link_tracking: Option<bool>,
    /// `reference`: your own reference for the message, echoed on its events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The template `version` (default `latest` with a project id); only for template
    /// messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_version: Option<String>,
    /// The template's Studio project id (`projectId`, `docs/providers/reference/bird.md` section 6),
    /// usually set by the configuration's template catalog
    /// (`[templates.<name>.bird] project_id`). Without it the template is addressed by its
    /// platform name (`name`); only for template messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_project_id: Option<String>,
}

/// The Bird options `message` carries, `None` when it carries none; an unknown key is an
/// [`Error::InvalidMessage`] naming `options.bird`.
pub fn read(message: &OutboundMessage) -> Result<Option<BirdOptions>, Error> {
    message.options.parse(crate::PROVIDER)
}

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
    template_field(
        "template_project_id",
        options.template_project_id.as_deref(),
        is_template,
        "not empty (a Studio project id)",
    )?;
    template_field(
        "template_version",
        options.template_version.as_deref(),
        is_template,
        "not empty (a version id or \"latest\")",
    )?;
    Ok(())
}

/// A template option (`name`, with `value` when set): only on a template message, and not
/// blank (`not_blank` is the rule shown).
fn template_field(
    name: &str,
    value: Option<&str>,
    is_template: bool,
    not_blank: &str,
) -> Result<(), Error> {
    let Some(value) = value else {
        return Ok(());
    };
    if !is_template {
        return Err(Error::invalid(
            field(name),
            "set only on template messages",
            format!("{value:?} on a non-template message"),
        ));
    }
    if value.trim().is_empty() {
        return Err(Error::invalid(field(name), not_blank, format!("{value:?}")));
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
