//! Webhook parsing (`docs/providers/reference/360dialog.md` section 7): the Cloud envelope
//! (`entry[].changes[].value`, read by `switchboard_cloud_api::webhook`) and the flat
//! On-Premise payload (`contacts`/`messages`/`statuses`/`errors`, the same objects as a
//! Cloud change value). Both shapes are read whatever the configured hosting, so archives
//! of either can be replayed.

use serde_json::Value;
use switchboard_cloud_api::webhook::{envelope, unknown, value, VALUE_KEYS};
use switchboard_core::{Error, InboundEvent};

/// Every event of a webhook body. Not JSON (or truncated): [`Error::Decode`]. JSON of an
/// unknown shape: [`InboundEvent::Unknown`] with the raw JSON.
pub fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    let provider = crate::PROVIDER;
    let json: Value = serde_json::from_slice(body)
        .map_err(|e| Error::decode("360dialog webhook", e.to_string()))?;
    let mut events = Vec::new();
    if json.get("entry").is_some() {
        envelope(provider, json, &mut events);
    } else if json.is_object() && VALUE_KEYS.iter().any(|k| json.get(k).is_some()) {
        value(provider, json, &mut events);
    } else {
        events.push(unknown(provider, "not a 360dialog webhook shape", json));
    }
    Ok(events)
}
