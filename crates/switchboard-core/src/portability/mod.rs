//! Portability: the fidelity policy, the degradation report and the template catalog.
//!
//! Under [`Fidelity::Exact`] (the default) content a provider cannot carry is refused with
//! [`Error::Unsupported`]. Under [`Fidelity::Degrade`] core transforms it once, here, into the
//! closest faithful form the provider documents, driven only by the feature the adapter
//! declared it cannot carry (see `docs/portability.md` for the table of transformations and
//! their reasons). Content the provider can carry is never transformed: a transformation is
//! only ever applied to the feature an adapter refused. Every transformation is listed in a
//! [`Degradation`] carried by the rendered request and the receipt, and logged as a tracing
//! event.
//!
//! ```
//! use switchboard_core::portability::{encode_with, Fidelity};
//! use switchboard_core::{Capabilities, Error, OutboundMessage, Provider, WireRequest};
//!
//! // A provider that carries text without link previews.
//! let mut caps = Capabilities::none(Provider::new("acme"), "acme");
//! caps.text = true;
//! let encode = |m: &OutboundMessage| -> Result<WireRequest, Error> {
//!     caps.check(m)?;
//!     Ok(WireRequest::post_json("send", "https://acme.invalid/send", m.to_json()))
//! };
//! let m = OutboundMessage::from_json(
//!     r#"{"to": "+972501234567", "text": {"body": "https://example.com", "preview_url": true}}"#,
//! )?;
//! let refused = encode_with(Fidelity::Exact, &caps, &m, encode).unwrap_err();
//! assert!(matches!(refused, Error::Unsupported { ref feature, .. } if feature == "text.preview_url"));
//! let request = encode_with(Fidelity::Degrade, &caps, &m, encode)?;
//! assert_eq!(request.degraded[0].feature, "text.preview_url");
//! # Ok::<(), Error>(())
//! ```

mod catalog;
mod degrade;
mod text;

pub use catalog::{TemplateCatalog, TemplateEntry, TemplateMapping};
pub use degrade::degrade;

use crate::{Capabilities, Error, OutboundMessage, WireRequest};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What to do with content a provider cannot carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fidelity {
    /// Refuse it with [`Error::Unsupported`] (the default: silently changing what a customer
    /// sees is worse than an error).
    #[default]
    Exact,
    /// Send the closest faithful form the provider documents, and report what changed.
    Degrade,
}

impl Fidelity {
    /// The name used in configuration (`"exact"`, `"degrade"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Fidelity::Exact => "exact",
            Fidelity::Degrade => "degrade",
        }
    }
}

impl fmt::Display for Fidelity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Fidelity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "exact" => Ok(Fidelity::Exact),
            "degrade" => Ok(Fidelity::Degrade),
            other => Err(Error::configuration(format!(
                "unknown fidelity `{}`; expected exact or degrade",
                crate::error::describe_text(other)
            ))),
        }
    }
}

/// One change made to a message so that a provider could carry it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Degradation {
    /// The feature the provider cannot carry, as named in the capability matrix
    /// (`"buttons.header.text"`, `"list"`).
    pub feature: String,
    /// What was done instead, in one sentence.
    pub action: String,
}

impl Degradation {
    /// A degradation of `feature`: `action` was done instead.
    pub fn new(feature: impl Into<String>, action: impl Into<String>) -> Self {
        Degradation {
            feature: feature.into(),
            action: action.into(),
        }
    }
}

impl fmt::Display for Degradation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.feature, self.action)
    }
}

/// The most transformations applied to one message; each removes the feature it degrades,
/// so a message needs at most a few (a list with a header and a footer on a provider without
/// lists: list, header, footer).
const MAX_STEPS: usize = 12;

/// Encodes `message` with `encode` (an adapter's pure translation, which checks the
/// message first) under `fidelity`, for a provider with `caps`.
///
/// Under [`Fidelity::Exact`] this is `encode(message)`. Under [`Fidelity::Degrade`], each
/// time `encode` refuses a feature, the message is transformed by [`degrade`] and encoded
/// again; the request carries the list of changes in [`WireRequest::degraded`], and each
/// change is logged as a tracing event (target `switchboard::degrade`). A refusal that has
/// no faithful transformation (a provider-scoped user id, media by id, a reaction removal)
/// is returned as it is. Pure: no I/O.
pub fn encode_with(
    fidelity: Fidelity,
    caps: &Capabilities,
    message: &OutboundMessage,
    encode: impl Fn(&OutboundMessage) -> Result<WireRequest, Error>,
) -> Result<WireRequest, Error> {
    let first = encode(message);
    if fidelity == Fidelity::Exact {
        return first;
    }
    let mut error = match first {
        Ok(request) => return Ok(request),
        Err(e) => e,
    };
    let mut current = message.clone();
    let mut report: Vec<Degradation> = Vec::new();
    for _ in 0..MAX_STEPS {
        let Some((next, change)) = degrade(caps, &error, &current) else {
            return Err(error);
        };
        // A transformation must keep the message within the WhatsApp-wide limits (a header
        // moved into a body can make it too long): then the original refusal stands.
        if next.validate().is_err() {
            return Err(error);
        }
        tracing::info!(
            target: "switchboard::degrade",
            feature = %change.feature,
            action = %change.action,
            kind = current.content.kind(),
            "degraded"
        );
        report.push(change);
        current = next;
        match encode(&current) {
            Ok(mut request) => {
                request.degraded = report;
                return Ok(request);
            }
            Err(e) => error = e,
        }
    }
    Err(error)
}
