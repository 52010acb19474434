//! Bad input never panics: arbitrary webhook bodies and signature headers, arbitrary
//! handshake URLs, arbitrary answers to decode, arbitrary media and message ids.

mod common;

use common::*;
use proptest::prelude::*;
use switchboard_core::{Adapter, WebhookRequest, WireResponse};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn webhooks_signatures_and_handshakes(body in proptest::collection::vec(any::<u8>(), 0..512),
                                          signature in ".{0,80}", url in ".{0,200}") {
        let a = signing();
        let headers = vec![("X-Hub-Signature-256".to_string(), signature)];
        let webhook = WebhookRequest { url: "https://example.com/", headers: &headers, body: &body };
        // A random header is never a valid signature of a random body.
        prop_assert!(a.verify_webhook(&webhook).is_err());
        let _ = a.parse_webhook(&webhook);
        let _ = a.answer_handshake(&url);
    }

    #[test]
    fn answers(status in 100u16..600, body in ".{0,300}") {
        let a = adapter();
        let request = a.encode(&example("text")).unwrap();
        let response = WireResponse::new(status, body.as_bytes().to_vec());
        let _ = a.decode(&request, &response);
        let _ = a.decode_upload(&response);
        let _ = a.decode_mark_read(&response);
        let _ = a.decode_media_lookup(&response);
        let _ = a.media_fetch_error(&response);
    }

    #[test]
    fn ids(id in ".{0,300}") {
        let a = adapter();
        let _ = a.encode_mark_read(&id, true);
        let _ = a.encode_media_download(&id);
    }
}
