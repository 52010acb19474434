//! Golden wire requests: one fixture per endpoint and content kind, holding the request as
//! `switchboard render` prints it (`WireRequest::redacted`), compared as JSON. Run with
//! `UPDATE_GOLDEN=1` to rewrite the fixtures after a deliberate change (then review them).

mod common;

use common::{encode, KEY};
use serde_json::{json, Value};
use std::path::PathBuf;

fn cases() -> Vec<(&'static str, Value)> {
    let to = "+972 50-123-4567";
    vec![
        (
            "text",
            json!({"to": to, "text": {"body": "Hi *Dana*,\nyour order is ready"}}),
        ),
        (
            "text_reply_show_request",
            json!({"to": to, "reply_to": "92E004B950CCEA3C386FCFA2AAF8558A",
                   "options": {"99digital": {"show_request": true}},
                   "text": {"body": "yes, that one"}}),
        ),
        (
            "media_image",
            json!({"to": to, "media": {"kind": "image", "link": "https://example.com/front.jpg", "caption": "Front view"}}),
        ),
        (
            "media_document_local_storage",
            json!({"to": to, "options": {"99digital": {"local_storage": true}},
                   "media": {"kind": "document", "link": "https://example.com/files/invoice-1042.pdf",
                             "caption": "Invoice 1042", "mime_type": "application/pdf"}}),
        ),
        (
            "media_video_reply",
            json!({"to": to, "reply_to": "92E004B950CCEA3C386FCFA2AAF8558A",
                   "media": {"kind": "video", "link": "https://example.com/clip.mp4"}}),
        ),
        (
            "media_audio",
            json!({"to": to, "options": {"99digital": {"local_storage": false}},
                   "media": {"kind": "audio", "link": "https://example.com/note.mp3"}}),
        ),
        (
            "buttons_no_header",
            json!({"to": to, "buttons": {"body": "Confirm your appointment on Tue 10:00?",
                   "footer": "Reply with a button",
                   "buttons": [{"id": "appt_yes", "title": "Yes"}, {"id": "appt_no", "title": "No"},
                               {"id": "appt_resched", "title": "Reschedule"}]}}),
        ),
        (
            "buttons_image_header",
            json!({"to": to, "reply_to": "92E004B950CCEA3C386FCFA2AAF8558A",
                   "options": {"99digital": {"local_storage": true, "show_request": false}},
                   "buttons": {"header": {"media": {"kind": "image", "link": "https://example.com/menu.jpg"}},
                   "body": "Would you like to confirm your appointment?", "footer": "Clinic A",
                   "buttons": [{"id": "appt_1042_yes", "title": "Confirm"}, {"id": "appt_1042_move", "title": "Reschedule"}]}}),
        ),
        (
            "buttons_video_header",
            json!({"to": to, "buttons": {"header": {"media": {"kind": "video", "link": "https://example.com/tour.mp4"}},
                   "body": "Like the tour?", "buttons": [{"id": "like", "title": "Yes"}]}}),
        ),
        (
            "buttons_document_header",
            json!({"to": to, "buttons": {"header": {"media": {"kind": "document", "link": "https://example.com/terms.pdf"}},
                   "body": "Do you accept the terms?", "buttons": [{"id": "ok", "title": "Accept"}, {"id": "no", "title": "Decline"}]}}),
        ),
        (
            "cta_url",
            json!({"to": to, "cta": {"body": "Track your parcel here", "label": "Track",
                   "url": "https://example.com/track/1042"}}),
        ),
        (
            "cta_phone",
            json!({"to": to, "cta": {"body": "Questions? Call us.", "label": "Call us",
                   "phone": "+972 3-123-4567", "footer": "Sun-Thu 9-17"}}),
        ),
        (
            "cta_email_image_header",
            json!({"to": to, "cta": {"body": "Write to support", "label": "E-mail us",
                   "email": "help@example.com",
                   "header": {"media": {"kind": "image", "link": "https://example.com/logo.png"}}}}),
        ),
        (
            "location",
            json!({"to": to, "reply_to": "92E004B950CCEA3C386FCFA2AAF8558A",
                   "location": {"latitude": 32.0853, "longitude": 34.781768,
                   "name": "Store Dizengoff", "address": "Dizengoff St 50, Tel Aviv"}}),
        ),
        (
            "location_plain",
            json!({"to": to, "location": {"latitude": 37.422, "longitude": -122.084}}),
        ),
        (
            "reaction",
            json!({"to": to, "options": {"99digital": {"show_request": true}},
                   "reaction": {"message_id": "92E004B950CCEA3C386FCFA2AAF8558A", "emoji": "👍"}}),
        ),
        (
            "reaction_remove",
            json!({"to": to, "reaction": {"message_id": "92E004B950CCEA3C386FCFA2AAF8558A", "emoji": ""}}),
        ),
        (
            "contact",
            json!({"to": to, "contacts": [{
                "name": {"formatted_name": "Support Desk", "first_name": "Support"},
                "phones": [{"phone": "+972 3 123 4567", "type": "WORK", "wa_id": "97231234567"}],
                "emails": [{"email": "help@example.com", "type": "WORK"}],
                "addresses": [{"street": "Dizengoff St 50"}],
                "birthday": "1990-05-12"}]}),
        ),
        (
            "contact_local_number",
            json!({"to": to, "contacts": [{"name": {"formatted_name": "Dana"},
                   "phones": [{"phone": "050-1234567"}]}]}),
        ),
        (
            "template_image_header",
            json!({"to": to, "options": {"99digital": {"template_language": 1, "website_variable": "appt=1042"}},
                   "template": {"name": "appointment_reminder_he", "language": "he",
                   "header": {"media": {"kind": "image", "link": "https://example.com/clinic.jpg"}},
                   "body": ["Dana", "12/05 10:30"]}}),
        ),
        (
            "template_plain",
            json!({"to": to, "template": {"name": "hello_world", "language": "en_US"}}),
        ),
        (
            "template_video_ten_variables",
            json!({"to": to, "options": {"99digital": {"coupon_code": "SAVE20", "website_variable2": "param1=value2"}},
                   "template": {"name": "promo_june", "language": "en",
                   "header": {"media": {"kind": "video", "link": "https://example.com/promo.mp4"}},
                   "body": ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]}}),
        ),
        (
            "template_document_header",
            json!({"to": to, "template": {"name": "invoice_ready", "language": "he",
                   "header": {"media": {"kind": "document", "link": "https://example.com/inv.pdf"}},
                   "body": ["1042"]}}),
        ),
    ]
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn every_case_matches_its_golden_file() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for (name, message) in cases() {
        let request = encode(message).unwrap_or_else(|e| panic!("{name}: {e}"));
        let shown = request.redacted();
        let path = golden_dir().join(format!("{name}.json"));
        if update {
            let text = serde_json::to_string_pretty(&shown).expect("JSON") + "\n";
            std::fs::write(&path, text).expect("write golden");
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{name}: missing {}: {e}", path.display()));
        let expected: Value = serde_json::from_str(&text).expect("golden JSON");
        assert_eq!(shown, expected, "{name} differs from {}", path.display());

        // The wire body is the golden body with the real key in place of `***`.
        let mut wire = expected["body"].clone();
        wire["apiKey"] = json!(KEY);
        assert_eq!(request.json(), Some(wire), "{name}: wire body");
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(
            request.header_value("content-type"),
            Some("application/json")
        );
        assert_eq!(
            request.headers.len(),
            1,
            "{name}: only Content-Type, no auth header"
        );
        assert_eq!(request.secret_body_pointers, vec!["/apiKey"]);
        let endpoint = request.url.rsplit('/').next().unwrap_or_default();
        assert_eq!(
            request.operation, endpoint,
            "{name}: operation names the endpoint"
        );
    }
}

#[test]
fn every_golden_file_has_a_case() {
    let names: Vec<&str> = cases().iter().map(|(n, _)| *n).collect();
    for entry in std::fs::read_dir(golden_dir()).expect("golden dir") {
        let file = entry.expect("entry").file_name();
        let file = file.to_string_lossy();
        let stem = file.trim_end_matches(".json");
        assert!(names.contains(&stem), "stale golden file {file}");
    }
}
