//! Reading Cloud API answers: receipts, upload ids and Meta's `error` object
//! (`docs/providers/reference/360dialog.md` section 6.1), then the host's own error shapes and, last,
//! the HTTP status for HTML, empty or other bodies.

use crate::Host;
use serde::Deserialize;
use serde_json::Value;
use switchboard_core::codes::Kind;
use switchboard_core::{Error, ProviderDetail, Receipt, WireResponse};

fn what(host: &impl Host) -> String {
    format!("{} response", host.provider())
}

/// A 2xx send answer read without building a `Value`: only what a receipt needs, borrowed
/// from the body. An answer with an `error`, `errors` or `meta` member (what
/// [`Host::is_error_body`] looks at) or of another shape is read by the general path.
#[derive(serde::Deserialize)]
struct SendAnswer {
    #[serde(default)]
    messages: AnswerMessages,
    #[serde(default)]
    contacts: FirstContact,
    #[serde(default, deserialize_with = "present")]
    error: bool,
    #[serde(default, deserialize_with = "present")]
    errors: bool,
    #[serde(default, deserialize_with = "present")]
    meta: bool,
}

#[derive(serde::Deserialize)]
struct AnswerMessage<'a> {
    #[serde(borrow)]
    id: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    message_status: Option<std::borrow::Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
struct AnswerContact<'a> {
    #[serde(borrow)]
    wa_id: Option<std::borrow::Cow<'a, str>>,
}

/// `messages[]`: every id, and the first message's status, read straight into the receipt's
/// fields (no vector of message objects).
#[derive(Default)]
struct AnswerMessages {
    ids: Vec<String>,
    first_status: Option<String>,
}

impl<'de> Deserialize<'de> for AnswerMessages {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> serde::de::Visitor<'de> for Each {
            type Value = AnswerMessages;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of messages")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<AnswerMessages, A::Error> {
                let mut out = AnswerMessages::default();
                let mut first = true;
                while let Some(m) = seq.next_element::<AnswerMessage<'de>>()? {
                    if std::mem::take(&mut first) {
                        out.first_status = m.message_status.map(std::borrow::Cow::into_owned);
                    }
                    out.ids.extend(m.id.map(std::borrow::Cow::into_owned));
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Each)
    }
}

/// `contacts[0].wa_id`; the other contacts are skipped.
#[derive(Default)]
struct FirstContact(Option<String>);

impl<'de> Deserialize<'de> for FirstContact {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct First;
        impl<'de> serde::de::Visitor<'de> for First {
            type Value = FirstContact;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of contacts")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<FirstContact, A::Error> {
                let first = seq.next_element::<AnswerContact<'de>>()?;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(FirstContact(
                    first.and_then(|c| c.wa_id.map(std::borrow::Cow::into_owned)),
                ))
            }
        }
        d.deserialize_seq(First)
    }
}

/// `true` for a member that is there, whatever its value (`null` included).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| true)
}

/// The receipt of an ordinary success answer, or `None` for the general path.
fn plain_receipt(host: &impl Host, response: &WireResponse) -> Option<Receipt> {
    if !(200..300).contains(&response.status) {
        return None;
    }
    let answer: SendAnswer = serde_json::from_slice(&response.body).ok()?;
    if answer.error || answer.errors || answer.meta || answer.messages.ids.is_empty() {
        return None;
    }
    Some(Receipt {
        provider: host.provider(),
        message_ids: answer.messages.ids,
        status: answer.messages.first_status,
        recipient: answer.contacts.0,
        window_minutes_left: None,
        degraded: Vec::new(),
    })
}

/// The receipt of a send: `messages[].id`, with `messages[0].message_status` and
/// `contacts[0].wa_id` when given.
pub fn receipt(host: &impl Host, response: &WireResponse) -> Result<Receipt, Error> {
    // The usual answer, typed and borrowed; anything else (refusals, odd shapes) below.
    match plain_receipt(host, response) {
        Some(receipt) => Ok(receipt),
        None => general_receipt(host, response),
    }
}

/// [`receipt`] through a `Value`: every answer, refusals included.
fn general_receipt(host: &impl Host, response: &WireResponse) -> Result<Receipt, Error> {
    let json = success_json(host, response)?;
    let messages = json.get("messages").and_then(Value::as_array);
    let ids: Vec<String> = messages
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("id").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(Error::decode(
            what(host),
            format!(
                "HTTP {} without `messages[].id`: {}",
                response.status,
                response.body_excerpt()
            ),
        ));
    }
    let status = messages
        .and_then(|m| m.first())
        .and_then(|m| m.get("message_status"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let recipient = json
        .get("contacts")
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .and_then(|c| c.get("wa_id"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(Receipt {
        provider: host.provider(),
        message_ids: ids,
        status,
        recipient,
        window_minutes_left: None,
        degraded: Vec::new(),
    })
}

/// The media id of an upload: `{"id": ...}`.
pub fn upload_id(host: &impl Host, response: &WireResponse) -> Result<String, Error> {
    let json = success_json(host, response)?;
    media_id(host, response, json.get("id"))
}

/// `id` as a non-empty media id, or a decode error describing `response`.
pub fn media_id(
    host: &impl Host,
    response: &WireResponse,
    id: Option<&Value>,
) -> Result<String, Error> {
    id.and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::decode(
                what(host),
                format!(
                    "HTTP {} without a media id: {}",
                    response.status,
                    response.body_excerpt()
                ),
            )
        })
}

/// The JSON of a 2xx answer that is not an error ([`Host::is_error_body`]), or the typed
/// error.
pub fn success_json(host: &impl Host, response: &WireResponse) -> Result<Value, Error> {
    if !(200..300).contains(&response.status) {
        return Err(error(host, response));
    }
    let json: Value = serde_json::from_slice(&response.body).map_err(|e| {
        Error::decode(
            what(host),
            format!(
                "HTTP {} with a body that is not JSON ({e}): {}",
                response.status,
                response.body_excerpt()
            ),
        )
    })?;
    if host.is_error_body(&json) {
        return Err(error(host, response));
    }
    Ok(json)
}

/// The typed error of a refusal, whatever its shape (gotcha G8 of
/// `docs/providers/360dialog.md`): Meta's `error` object (its `code` looked up with
/// [`Host::code_kind`]), then the host's own shapes ([`Host::host_error`]), then an HTML,
/// empty or other body by HTTP status.
pub fn error(host: &impl Host, response: &WireResponse) -> Error {
    let status = response.status;
    let retry_after = response.retry_after();
    let base = ProviderDetail::new(host.provider(), String::new()).with_status(status);
    let json: Option<Value> = serde_json::from_slice(&response.body).ok();
    let shaped = json.as_ref().and_then(|json| {
        if let Some(e) = json.get("error").filter(|e| e.is_object()) {
            return Some(coded(host, status, e, "message", &base, true));
        }
        host.host_error(status, json, &base)
    });
    let (kind, detail) = shaped.unwrap_or_else(|| {
        let message = if response.body.iter().all(u8::is_ascii_whitespace) {
            "empty body".to_string()
        } else if json.is_some() {
            format!("unrecognised error body: {}", response.body_excerpt())
        } else {
            format!("body is not JSON: {}", response.body_excerpt())
        };
        let mut d = base.clone();
        d.message = message;
        (Kind::by_status(status), d)
    });
    kind.into_error(detail, retry_after)
}

/// A coded error object (Meta's `error`, or an On-Premise `errors[]` item): `code`, a title
/// (`title_key`, else `title` or `message`) and `error_data.details` / `details`. The code is
/// looked up with [`Host::code_kind`]; an unknown code falls back on the HTTP status, made
/// retryable when `transient_flag` and the object says `is_transient: true`.
pub fn coded(
    host: &impl Host,
    status: u16,
    e: &Value,
    title_key: &str,
    base: &ProviderDetail,
    transient_flag: bool,
) -> (Kind, ProviderDetail) {
    let code = e.get("code").and_then(code_number);
    let title = str_field(e, &[title_key, "title", "message"]);
    let details = e
        .get("error_data")
        .and_then(|d| d.get("details"))
        .or_else(|| e.get("details"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = match (title.is_empty(), details.is_empty() || details == title) {
        (_, true) => title,
        (true, false) => details.to_string(),
        (false, false) => format!("{title}: {details}"),
    };
    let mut detail = base.clone();
    detail.message = message;
    if let Some(code) = e.get("code").and_then(code_text) {
        detail.code = Some(code);
    }
    let known = code.and_then(|c| host.code_kind(c));
    let transient = transient_flag && e.get("is_transient").and_then(Value::as_bool) == Some(true);
    let kind = known.unwrap_or(match Kind::by_status(status) {
        Kind::Provider { .. } if transient => Kind::Provider { retryable: true },
        other => other,
    });
    (kind, detail)
}

/// The first of `keys` that is a string in `v`, else empty.
pub fn str_field(v: &Value, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

pub use switchboard_core::json::{int as code_number, text as code_text};

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_core::{Provider, WireRequest};

    struct Graph;

    impl Host for Graph {
        fn provider(&self) -> Provider {
            Provider::new("meta")
        }
        fn messages_url(&self) -> String {
            "http://127.0.0.1:9/messages".into()
        }
        fn media_url(&self) -> String {
            "http://127.0.0.1:9/media".into()
        }
        fn authorize(&self, request: WireRequest) -> WireRequest {
            request
        }
    }

    /// The typed read of a success answer gives the receipt the `Value` read gives, and
    /// leaves every other answer to it.
    #[test]
    fn the_typed_read_agrees_with_the_value_read() {
        let typed = [
            r#"{"messaging_product":"whatsapp","contacts":[{"input":"972501234567","wa_id":"972501234567"}],"messages":[{"id":"wamid.A"}]}"#,
            r#"{"messages":[{"id":"wamid.A","message_status":"held_for_quality_assessment"},{"id":"wamid.B"}],"contacts":[{"wa_id":"1"},{"wa_id":"2"}]}"#,
            r#"{"messages":[{"message_status":"accepted"},{"id":"wamid.\u0041"}]}"#,
        ];
        for body in typed {
            let response = WireResponse::new(200, body);
            let plain = plain_receipt(&Graph, &response).expect(body);
            assert_eq!(
                Some(plain),
                general_receipt(&Graph, &response).ok(),
                "{body}"
            );
        }
        assert_eq!(
            plain_receipt(&Graph, &WireResponse::new(200, typed[1])).map(|r| (
                r.message_ids,
                r.status,
                r.recipient
            )),
            Some((
                vec!["wamid.A".to_string(), "wamid.B".to_string()],
                Some("held_for_quality_assessment".to_string()),
                Some("1".to_string())
            ))
        );
        let general = [
            (200, r#"{"messages":[{"id":"wamid.A"}],"error":null}"#),
            (
                200,
                r#"{"messages":[{"id":"wamid.A"}],"error":{"code":131047,"message":"x"}}"#,
            ),
            (200, r#"{"messages":[{"id":7}]}"#),
            (200, r#"{"messages":{"id":"wamid.A"}}"#),
            (200, r#"{"messages":[]}"#),
            (200, "not json"),
            (400, r#"{"messages":[{"id":"wamid.A"}]}"#),
        ];
        for (status, body) in general {
            assert_eq!(
                plain_receipt(&Graph, &WireResponse::new(status, body)),
                None,
                "{body}"
            );
        }
    }
}
