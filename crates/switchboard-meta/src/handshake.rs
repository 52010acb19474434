//! The subscription handshake (`docs/providers/meta.md`, "Webhooks"): when a callback URL
//! or verify token is set in the App Dashboard, Meta calls
//! `GET <callback>?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>`.
//! The endpoint answers 200 with `hub.challenge`, verbatim, as a plain-text body when the
//! mode is `subscribe` and the token is the configured one; anything else is refused (403).

use subtle::ConstantTimeEq;
use switchboard_core::{Error, ExposeSecret, SecretString};

fn refused(reason: &str) -> Error {
    Error::InvalidSignature {
        reason: reason.to_string(),
    }
}

/// Answers a handshake `GET` to `url` (the full URL, or just its query string) with
/// `verify_token`: `Ok(challenge)` is the plain-text body of a 200; an
/// [`Error::InvalidSignature`] (a 403) when the mode is not `subscribe`, the token is
/// missing or different (compared in constant time), the challenge is missing, or no
/// `verify_token` is configured. The token is never echoed.
///
/// ```
/// use switchboard_core::SecretString;
/// use switchboard_meta::handshake::answer;
/// let token = SecretString::from("my-verify-token");
/// let url = "https://example.com/wh?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=my-verify-token";
/// assert_eq!(answer(Some(&token), url).unwrap(), "1158201444");
/// assert!(answer(Some(&token), "hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess").is_err());
/// assert!(answer(None, url).is_err());
/// ```
pub fn answer(verify_token: Option<&SecretString>, url: &str) -> Result<String, Error> {
    let query = match url.split_once('?') {
        Some((_, query)) => query,
        None if url.contains("://") => "",
        None => url,
    };
    let query = query.split('#').next().unwrap_or_default();
    let (mut mode, mut token, mut challenge) = (None, None, None);
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let slot = match key.as_ref() {
            "hub.mode" => &mut mode,
            "hub.verify_token" => &mut token,
            "hub.challenge" => &mut challenge,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.into_owned());
        }
    }
    let expected = verify_token.ok_or_else(|| {
        refused("no [meta] verify_token is configured: subscription handshakes are refused")
    })?;
    if mode.as_deref() != Some("subscribe") {
        return Err(refused("hub.mode is not subscribe"));
    }
    let token = token.ok_or_else(|| refused("hub.verify_token is missing"))?;
    if !bool::from(token.as_bytes().ct_eq(expected.expose_secret().as_bytes())) {
        return Err(refused(
            "hub.verify_token is not the configured verify_token",
        ));
    }
    challenge.ok_or_else(|| refused("hub.challenge is missing"))
}
