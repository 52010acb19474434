//! Bird's answer to a send: the 202 `Message` object, or an error body.

use crate::codes;
use serde_json::Value;
use switchboard_core::{Error, Receipt, WireResponse};

/// The [`Receipt`] for a 2xx answer carrying a `Message` object (`id`, `status`), or the
/// typed error for any other answer.
pub fn receipt(response: &WireResponse) -> Result<Receipt, Error> {
    if !(200..300).contains(&response.status) {
        return Err(codes::error_for(response));
    }
    let value: Value = serde_json::from_slice(&response.body).map_err(|e| {
        Error::decode(
            "bird response",
            format!(
                "HTTP {} with a body that is not JSON ({e}): {}",
                response.status,
                response.body_excerpt()
            ),
        )
    })?;
    let id = value
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            Error::decode(
                "bird response",
                format!(
                    "HTTP {} without a message `id`: {}",
                    response.status,
                    response.body_excerpt()
                ),
            )
        })?;
    let mut receipt = Receipt::new(crate::PROVIDER, id);
    receipt.status = value
        .get("status")
        .and_then(Value::as_str)
        .map(str::to_string);
    receipt.recipient = value
        .pointer("/receiver/contacts/0/identifierValue")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(receipt)
}
