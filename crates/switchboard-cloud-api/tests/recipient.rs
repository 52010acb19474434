//! Recipients in the Cloud body: a phone number in `to`, a business-scoped user id in
//! `recipient` and never in `to` (docs/messages.md, "Recipients"; Meta's body as
//! `docs/providers/reference/meta-cloud.md` section 6.3 shows it).

use serde_json::json;
use switchboard_cloud_api::encode::body;
use switchboard_core::{OutboundMessage, Provider};

#[test]
fn a_user_id_goes_in_recipient_a_phone_in_to() {
    let to_user: OutboundMessage = serde_json::from_value(
        json!({"to": "DE.8812345678901234", "text": {"body": "Thanks for your message"}}),
    )
    .unwrap();
    // The exact bytes: keys in the order serde_json prints a map (sorted).
    assert_eq!(
        std::str::from_utf8(
            body(Provider::new("360dialog"), &to_user)
                .unwrap()
                .json()
                .unwrap()
                .as_bytes()
        )
        .unwrap(),
        r#"{"messaging_product":"whatsapp","recipient":"DE.8812345678901234","recipient_type":"individual","text":{"body":"Thanks for your message"},"type":"text"}"#
    );
    let to_phone: OutboundMessage =
        serde_json::from_value(json!({"to": "+4915112345678", "text": {"body": "Hi"}})).unwrap();
    let b = body(Provider::new("360dialog"), &to_phone)
        .unwrap()
        .to_value()
        .unwrap();
    assert_eq!(b["to"], "4915112345678");
    assert!(b.get("recipient").is_none());
}
