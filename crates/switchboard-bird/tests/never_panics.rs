//! Bad input: any bytes into the webhook parser, any option values and texts into the
//! encoder — a typed result, never a panic.

mod common;

use common::{adapter, NOW};
use proptest::prelude::*;
use switchboard_bird::BirdOptions;
use switchboard_core::{Adapter, Error, OutboundMessage, WebhookRequest};

proptest! {
    #[test]
    fn webhook_parser_takes_any_bytes(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let hook = WebhookRequest { url: "https://h.example/x", headers: &[], body: &body };
        match adapter().parse_webhook(&hook) {
            Ok(_) | Err(Error::Decode { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }

    #[test]
    fn webhook_parser_takes_any_event_shape(
        event in "[a-z.]{0,24}",
        kind in "(text|image|file|location|list|read|clicked|[a-z]{0,8})",
        status in "[a-z_]{0,16}",
    ) {
        let body = serde_json::json!({
            "service": "channels",
            "event": event,
            "payload": {"id": "x", "messageId": "m", "type": kind, "status": status,
                "sender": {"contact": {"identifierValue": "+31612345678"}},
                "body": {"type": kind, "text": {"actions": [{"type": "postback"}]}, "file": {"files": [{}]}}}
        });
        let bytes = body.to_string();
        let hook = WebhookRequest { url: "https://h.example/x", headers: &[], body: bytes.as_bytes() };
        prop_assert!(adapter().parse_webhook(&hook).is_ok());
    }

    #[test]
    fn signature_check_takes_any_header(sig in ".{0,64}", ts in ".{0,16}") {
        let h = vec![
            ("messagebird-signature".to_string(), sig),
            ("messagebird-request-timestamp".to_string(), ts),
        ];
        let hook = WebhookRequest { url: "https://h.example/x", headers: &h, body: b"{}" };
        let result = adapter().verify_webhook(&hook);
        prop_assert!(
            matches!(result, Err(Error::InvalidSignature { .. })),
            "expected InvalidSignature, got {:?}",
            result
        );
    }

    #[test]
    fn encoder_takes_any_options(
        tags in proptest::collection::vec(".{0,60}", 0..12),
        scheduled in proptest::option::of(".{0,30}"),
        use_case in proptest::option::of("(marketing|[a-z ]{0,10})"),
        cap in proptest::option::of(any::<bool>()),
        validity in proptest::option::of(any::<u64>()),
        reference in proptest::option::of(".{0,20}"),
    ) {
        let Ok(mut m) = OutboundMessage::text("+31612345678".parse().unwrap(), "Hi") else {
            return Err(TestCaseError::fail("message"));
        };
        let options = BirdOptions {
            tags,
            scheduled_for: scheduled,
            validity,
            use_case,
            cap_frequency: cap,
            reference,
            ..BirdOptions::default()
        };
        prop_assert!(m.options.set(switchboard_bird::PROVIDER, &options).is_ok());
        match adapter().encode_at(&m, NOW) {
            Ok(r) => prop_assert!(r.json().is_some()),
            Err(Error::InvalidMessage { field, .. }) => {
                prop_assert!(field.starts_with("options.bird."), "{}", field)
            }
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }
}
