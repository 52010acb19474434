//! Golden wire bodies: one per content kind and per Bird option. Every body also validates
//! against Bird's `CreateMessage` schema (see `common::assert_golden`).

mod common;

use common::{assert_golden, encode, example, message, CANARY_KEY, CHANNEL, WORKSPACE};
use switchboard_core::{Method, WireBody};

fn golden(name: &str, json: &str) {
    let request = encode(&message(json)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_golden(name, &request);
}

#[test]
fn request_line_and_headers() {
    let r = encode(&example("text.json")).expect("encodes");
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.operation, "messages");
    assert_eq!(
        r.url,
        format!("https://api.bird.com/workspaces/{WORKSPACE}/channels/{CHANNEL}/messages")
    );
    assert_eq!(
        r.header_value("authorization"),
        Some(format!("AccessKey {CANARY_KEY}").as_str())
    );
    assert_eq!(r.header_value("content-type"), Some("application/json"));
    assert_eq!(r.header_value("accept"), Some("application/json"));
    assert!(matches!(r.body, WireBody::Json(_)));
}

#[test]
fn text_with_link_preview() {
    assert_golden("text_preview", &encode(&example("text.json")).unwrap());
}

#[test]
fn text_plain() {
    golden(
        "text",
        r#"{"to": "+31 6 1234 5678", "text": {"body": "Hi Anna, your order #1042 has shipped."}}"#,
    );
}

#[test]
fn reply_to_is_top_level() {
    golden(
        "reply_to",
        r#"{"to": "+31612345678", "reply_to": "0a3f6c1e-52d4-4c39-9b4e-2f7a1d9e8c11",
            "text": {"body": "Thanks, we received your photo."}}"#,
    );
}

#[test]
fn reply_to_with_buttons() {
    golden(
        "reply_to_buttons",
        r#"{"to": "+31612345678", "reply_to": "0a3f6c1e-52d4-4c39-9b4e-2f7a1d9e8c11",
            "buttons": {"body": "Should we send a replacement?",
            "buttons": [{"id": "replace:yes", "title": "Yes, send it"}, {"id": "replace:refund", "title": "No, refund"}]}}"#,
    );
}

#[test]
fn image_with_caption() {
    assert_golden("image", &encode(&example("media.json")).unwrap());
}

#[test]
fn document_with_filename_and_mime_type() {
    assert_golden("document", &encode(&example("document.json")).unwrap());
}

#[test]
fn video_content_type_from_link_extension() {
    golden(
        "video_by_extension",
        r#"{"to": "+31612345678", "media": {"kind": "video", "link": "https://example.com/media/demo.MP4?v=2", "caption": "Set-up video"}}"#,
    );
}

#[test]
fn audio_with_mime_type() {
    golden(
        "audio",
        r#"{"to": "+31612345678", "media": {"kind": "audio", "link": "https://example.com/media/note", "mime_type": "audio/ogg"}}"#,
    );
}

#[test]
fn reply_buttons_as_postbacks() {
    golden(
        "buttons",
        r#"{"to": "+31612345678", "buttons": {"body": "Keep your 15:00 appointment?",
            "buttons": [{"id": "appt_keep", "title": "Keep it"}, {"id": "appt_move", "title": "Reschedule"}]}}"#,
    );
}

#[test]
fn reply_buttons_with_image_header() {
    golden(
        "buttons_image_header",
        r#"{"to": "+31612345678", "buttons": {"body": "Add the Runner 2 to your cart?",
            "header": {"media": {"kind": "image", "link": "https://example.com/media/shoe-front.jpg"}},
            "buttons": [{"id": "cart:add", "title": "Add to cart"}, {"id": "sizes", "title": "Other sizes"}]}}"#,
    );
}

#[test]
fn reply_buttons_with_document_header() {
    golden(
        "buttons_document_header",
        r#"{"to": "+31612345678", "buttons": {"body": "Please review the invoice.",
            "header": {"media": {"kind": "document", "link": "https://example.com/media/invoice-1042.pdf", "filename": "invoice-1042.pdf"}},
            "buttons": [{"id": "doc:approve", "title": "Approve"}, {"id": "doc:reject", "title": "Reject"}]}}"#,
    );
}

#[test]
fn call_to_action_url_as_link_action() {
    assert_golden("cta_url", &encode(&example("cta.json")).unwrap());
}

#[test]
fn list_with_sections_descriptions_and_button_label() {
    golden(
        "list",
        r#"{"to": "+31612345678", "list": {"body": "Choose how you want your order delivered.", "button": "Choose option",
            "sections": [
              {"title": "Standard", "rows": [{"id": "ship_std", "title": "Standard (3-5 days)", "description": "Free above 50 EUR"}]},
              {"title": "Fast", "rows": [{"id": "ship_exp", "title": "Express (1 day)", "description": "9.90 EUR"}, {"id": "ship_same", "title": "Same day"}]}
            ]}}"#,
    );
}

#[test]
fn list_without_section_title() {
    golden(
        "list_single_section",
        r#"{"to": "+31612345678", "list": {"body": "Choose a store to see its hours", "button": "Stores",
            "sections": [{"rows": [{"id": "store:ams", "title": "Amsterdam"}, {"id": "store:utr", "title": "Utrecht"}]}]}}"#,
    );
}

#[test]
fn location_with_name_and_address() {
    assert_golden("location", &encode(&example("location.json")).unwrap());
}

#[test]
fn location_coordinates_only() {
    golden(
        "location_coordinates",
        r#"{"to": "+31612345678", "location": {"latitude": 52.3702, "longitude": 4.8952}}"#,
    );
}

#[test]
fn template_named_parameters() {
    assert_golden(
        "template_named",
        &encode(&example("template_named.json")).unwrap(),
    );
}

/// Without a project id the template is addressed by its platform name (`docs/providers/reference/bird.md` section 6), never by
/// sending its name as `projectId`.
#[test]
fn template_by_platform_name_sends_no_project_id() {
    let request = encode(&example("template_named.json")).unwrap();
    let template = &request.redacted()["body"]["template"];
    assert_eq!(template["name"], "order_update_named");
    assert!(template.get("projectId").is_none(), "{template}");
    assert!(template.get("version").is_none(), "{template}");
}

#[test]
fn template_version_option_and_locale_with_region() {
    golden(
        "template_version",
        r#"{"to": "+31612345678", "template": {"name": "spring_sale", "language": "en_US",
            "body": {"name": "Anna", "url": "?campaignid=spring24"}},
            "options": {"bird": {"template_project_id": "7d3b2e9a-0c5f-4e4b-9a83-2c4d5e6f7081",
                                 "template_version": "9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19"}}}"#,
    );
}

#[test]
fn template_without_parameters() {
    golden(
        "template_no_params",
        r#"{"to": "+31612345678", "template": {"name": "welcome", "language": "nl"},
            "options": {"bird": {"template_project_id": "5b1f0c7e-8f3a-4c2d-9e61-0a2b3c4d5e6f"}}}"#,
    );
}

/// One golden per option, each on a plain text message.
#[test]
fn each_option() {
    let cases = [
        ("option_tags", r#"{"tags": ["Spring-Sale", "news letter"]}"#),
        (
            "option_scheduled_for",
            r#"{"scheduled_for": "2025-04-01T08:00:00Z"}"#,
        ),
        ("option_validity", r#"{"validity": 3600}"#),
        (
            "option_ignore_quiet_hours",
            r#"{"ignore_quiet_hours": true}"#,
        ),
        (
            "option_ignore_global_holdout",
            r#"{"ignore_global_holdout": true}"#,
        ),
        (
            "option_cap_frequency",
            r#"{"cap_frequency": true, "use_case": "marketing"}"#,
        ),
        ("option_use_case", r#"{"use_case": "transactional"}"#),
        (
            "option_enable_link_tracking",
            r#"{"enable_link_tracking": true}"#,
        ),
        (
            "option_reference",
            r#"{"reference": "crm-campaign-77:contact-9912"}"#,
        ),
    ];
    for (name, options) in cases {
        golden(
            name,
            &format!(
                r#"{{"to": "+31612345678", "text": {{"body": "Spring sale starts tomorrow!"}}, "options": {{"bird": {options}}}}}"#
            ),
        );
    }
}

#[test]
fn all_options_together() {
    golden(
        "options_all",
        r#"{"to": "+31612345678", "text": {"body": "Spring sale starts tomorrow!"},
            "options": {"bird": {"tags": ["spring-sale", "newsletter"], "scheduled_for": "2025-04-01T08:00:00Z",
              "validity": 3600, "ignore_quiet_hours": false, "enable_link_tracking": true, "cap_frequency": true,
              "use_case": "marketing", "reference": "crm-campaign-77:contact-9912"}}}"#,
    );
}

#[test]
fn options_of_other_providers_are_ignored() {
    let with = encode(&message(
        r#"{"to": "+31612345678", "text": {"body": "Hi"}, "options": {"99digital": {"local_storage": true}}}"#,
    ))
    .unwrap();
    let without = encode(&message(
        r#"{"to": "+31612345678", "text": {"body": "Hi"}}"#,
    ))
    .unwrap();
    assert_eq!(with.json(), without.json());
}
