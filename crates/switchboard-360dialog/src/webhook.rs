//! Webhook parsing (`docs/providers/reference/360dialog.md` section 7): the Cloud envelope
//! (`entry[].changes[].value`, read by `switchboard_cloud_api::webhook`) and the flat
//! On-Premise payload (`contacts`/`messages`/`statuses`/`errors`, the same objects as a
//! Cloud change value). Both shapes are read whatever the configured hosting, so archives
//! of either can be replayed.

use switchboard_cloud_api::webhook::{read, Shapes};
use switchboard_core::{Error, InboundEvent};

/// Every event of a webhook body. Not JSON (or truncated): [`Error::Decode`]. JSON of an
/// unknown shape: [`InboundEvent::Unknown`] with the raw JSON.
pub fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, Error> {
    read(crate::PROVIDER, body, Shapes::EnvelopeOrFlat)
}
