//! What Bird cannot carry is `Unsupported`; out-of-range options and files without a content
//! type are `InvalidMessage` — all before any request.

mod common;

use common::{adapter, encode, example, message, NOW};
use switchboard_core::{Adapter, Error};
use time::Duration;

#[track_caller]
fn unsupported(json_or_example: &str, feature: &str) {
    let m = if json_or_example.ends_with(".json") {
        example(json_or_example)
    } else {
        message(json_or_example)
    };
    match encode(&m) {
        Err(Error::Unsupported {
            provider,
            feature: f,
            reason,
        }) => {
            assert_eq!(provider, switchboard_bird::PROVIDER);
            assert_eq!(f, feature);
            let expected = adapter()
                .capabilities()
                .reasons
                .iter()
                .find(|(f, _)| f.name() == feature)
                .map(|(_, r)| *r)
                .unwrap_or_else(|| panic!("no reason for {feature}"));
            assert_eq!(reason, expected);
        }
        other => panic!("{feature}: expected Unsupported, got {other:?}"),
    }
}

#[track_caller]
fn invalid(json: &str, field: &str) -> String {
    match encode(&message(json)) {
        Err(Error::InvalidMessage {
            field: f,
            limit,
            provider: None,
            ..
        }) => {
            assert_eq!(f, field);
            limit
        }
        other => panic!("{field}: expected InvalidMessage, got {other:?}"),
    }
}

#[test]
fn kinds_bird_cannot_carry() {
    unsupported("reaction.json", "reaction");
    unsupported("contacts.json", "contacts");
    unsupported(
        r#"{"to": "+31612345678", "media": {"kind": "sticker", "link": "https://example.com/s.webp"}}"#,
        "media.sticker",
    );
    unsupported(
        r#"{"to": "+31612345678", "media": {"kind": "image", "id": "123456"}}"#,
        "media.id",
    );
    unsupported(
        r#"{"to": "+31612345678", "buttons": {"body": "Hi", "header": {"media": {"kind": "video", "id": "77"}},
            "buttons": [{"id": "a", "title": "A"}]}}"#,
        "media.id",
    );
    unsupported(
        r#"{"to": "+31612345678", "media": {"kind": "image", "link": "https://example.com/a.jpg", "filename": "a.jpg"}}"#,
        "media.filename",
    );
}

#[test]
fn interactive_parts_without_a_documented_mapping() {
    // buttons.json has a text header and a footer.
    unsupported("buttons.json", "buttons.header.text");
    unsupported(
        r#"{"to": "+31612345678", "buttons": {"body": "Hi", "footer": "f", "buttons": [{"id": "a", "title": "A"}]}}"#,
        "buttons.footer",
    );
    // list.json has a header and a footer.
    unsupported("list.json", "list.header");
    unsupported(
        r#"{"to": "+31612345678", "list": {"body": "Hi", "button": "Open", "footer": "f",
            "sections": [{"rows": [{"id": "a", "title": "A"}]}]}}"#,
        "list.footer",
    );
    unsupported(
        r#"{"to": "+31612345678", "cta": {"body": "Call us", "label": "Call", "phone": "+31201234567"}}"#,
        "cta.phone",
    );
    unsupported(
        r#"{"to": "+31612345678", "cta": {"body": "Mail us", "label": "Mail", "email": "a@example.com"}}"#,
        "cta.email",
    );
    unsupported(
        r#"{"to": "+31612345678", "cta": {"body": "Track", "label": "Track", "url": "https://example.com/t", "header": {"text": "H"}}}"#,
        "cta.header",
    );
    unsupported(
        r#"{"to": "+31612345678", "cta": {"body": "Track", "label": "Track", "url": "https://example.com/t", "footer": "F"}}"#,
        "cta.footer",
    );
}

#[test]
fn template_parts_without_a_key() {
    // template.json has positional parameters, a media header and a button parameter.
    unsupported("template.json", "template.body.positional");
    unsupported(
        r#"{"to": "+31612345678", "template": {"name": "p", "language": "en", "body": {"name": "Anna"},
            "header": {"media": {"kind": "image", "link": "https://example.com/h.jpg"}}}}"#,
        "template.header.media",
    );
    unsupported(
        r#"{"to": "+31612345678", "template": {"name": "p", "language": "en", "header": {"text": "Anna"}}}"#,
        "template.header.text",
    );
    unsupported(
        r#"{"to": "+31612345678", "template": {"name": "p", "language": "en",
            "buttons": [{"index": 0, "type": "url", "text": "1234"}]}}"#,
        "template.buttons",
    );
}

#[test]
fn file_without_a_content_type() {
    let limit = invalid(
        r#"{"to": "+31612345678", "media": {"kind": "document", "link": "https://example.com/download?id=42"}}"#,
        "media.mime_type",
    );
    assert!(limit.contains("contentType"), "{limit}");
    invalid(
        r#"{"to": "+31612345678", "media": {"kind": "video", "link": "https://example.com/clip.xyz"}}"#,
        "media.mime_type",
    );
    invalid(
        r#"{"to": "+31612345678", "buttons": {"body": "Hi", "buttons": [{"id": "a", "title": "A"}],
            "header": {"media": {"kind": "document", "link": "https://example.com/file"}}}}"#,
        "buttons.header.media.mime_type",
    );
}

fn with_options(options: &str) -> String {
    format!(
        r#"{{"to": "+31612345678", "text": {{"body": "Hi"}}, "options": {{"bird": {options}}}}}"#
    )
}

#[test]
fn tags_out_of_range() {
    let eleven: Vec<String> = (0..11).map(|i| format!("\"t{i}\"")).collect();
    invalid(
        &with_options(&format!(r#"{{"tags": [{}]}}"#, eleven.join(","))),
        "options.bird.tags",
    );
    let long = "x".repeat(51);
    invalid(
        &with_options(&format!(r#"{{"tags": ["ok", "{long}"]}}"#)),
        "options.bird.tags[1]",
    );
    invalid(&with_options(r#"{"tags": [""]}"#), "options.bird.tags[0]");
    invalid(
        &with_options(r#"{"tags": ["sale!"]}"#),
        "options.bird.tags[0]",
    );
    invalid(
        &with_options(r#"{"tags": ["ünïcode"]}"#),
        "options.bird.tags[0]",
    );
    // Ten tags of 50 characters are fine.
    let ten: Vec<String> = (0..10)
        .map(|i| format!("\"{}{i}\"", "a".repeat(49)))
        .collect();
    assert!(encode(&message(&with_options(&format!(
        r#"{{"tags": [{}]}}"#,
        ten.join(",")
    ))))
    .is_ok());
}

#[test]
fn scheduled_for_window() {
    let field = "options.bird.scheduled_for";
    let at = |d: Duration| {
        (NOW + d)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    // 35 days ahead: accepted; one second more: refused.
    let ok = with_options(&format!(
        r#"{{"scheduled_for": "{}"}}"#,
        at(Duration::days(35))
    ));
    assert!(encode(&message(&ok)).is_ok());
    let late = with_options(&format!(
        r#"{{"scheduled_for": "{}"}}"#,
        at(Duration::days(35) + Duration::seconds(1))
    ));
    assert_eq!(invalid(&late, field), "no more than 35 days ahead");
    // In the past: Bird sends at once, so it is accepted.
    let past = with_options(&format!(
        r#"{{"scheduled_for": "{}"}}"#,
        at(-Duration::days(1))
    ));
    assert!(encode(&message(&past)).is_ok());
    invalid(&with_options(r#"{"scheduled_for": "tomorrow"}"#), field);
    invalid(
        &with_options(r#"{"scheduled_for": "2025-04-01 08:00"}"#),
        field,
    );
}

#[test]
fn scheduled_for_is_checked_against_the_real_clock_in_encode() {
    // Far in the future relative to any real "now".
    let m = message(&with_options(
        r#"{"scheduled_for": "2999-01-01T00:00:00Z"}"#,
    ));
    assert!(matches!(
        adapter().encode(&m),
        Err(Error::InvalidMessage { ref field, .. }) if field == "options.bird.scheduled_for"
    ));
}

#[test]
fn cap_frequency_needs_the_marketing_use_case() {
    let field = "options.bird.cap_frequency";
    invalid(&with_options(r#"{"cap_frequency": true}"#), field);
    invalid(
        &with_options(r#"{"cap_frequency": true, "use_case": "transactional"}"#),
        field,
    );
    assert!(encode(&message(&with_options(r#"{"cap_frequency": false}"#))).is_ok());
}

#[test]
fn other_option_rules() {
    invalid(
        &with_options(r#"{"template_version": "latest"}"#),
        "options.bird.template_version",
    );
    invalid(
        r#"{"to": "+31612345678", "template": {"name": "p", "language": "en"}, "options": {"bird": {"template_version": " "}}}"#,
        "options.bird.template_version",
    );
    invalid(
        &with_options(r#"{"reference": ""}"#),
        "options.bird.reference",
    );
    invalid(
        &with_options(r#"{"use_case": " "}"#),
        "options.bird.use_case",
    );
    invalid(
        &with_options(&format!(r#"{{"validity": {}}}"#, u64::MAX)),
        "options.bird.validity",
    );
}

#[test]
fn reply_to_a_whatsapp_wamid_is_refused() {
    // reply.json quotes a wamid: Bird quotes by its own message id.
    match encode(&example("reply.json")) {
        Err(Error::InvalidMessage { field, limit, .. }) => {
            assert_eq!(field, "reply_to");
            assert!(limit.contains("not a WhatsApp wamid"), "{limit}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn reply_to_an_id_that_is_not_birds_is_refused() {
    // Bird's message ids are UUIDs; another provider's id cannot be quoted on Bird.
    let m = message(
        r#"{"to": "+31612345678", "reply_to": "ABGGFlA5FpafAgo-sWmHBXxDFqAbn5F4iGkI",
            "text": {"body": "Hi"}}"#,
    );
    match encode(&m) {
        Err(Error::InvalidMessage {
            field,
            limit,
            value,
            ..
        }) => {
            assert_eq!(field, "reply_to");
            assert!(limit.contains("UUID"), "{limit}");
            assert!(value.contains("ABGGFlA5FpafAgo"), "{value}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_huge_reply_to_is_echoed_cut() {
    let mut m = message(r#"{"to": "+31612345678", "text": {"body": "Hi"}}"#);
    m.reply_to = Some("x".repeat(10_000_000));
    let e = encode(&m).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidMessage { field, .. } if field == "reply_to"),
        "{}",
        e.kind()
    );
    assert!(e.to_string().len() < 1_000, "{}", e.to_string().len());
}

#[test]
fn message_limits_are_checked_again_before_encoding() {
    let mut m = message(r#"{"to": "+31612345678", "text": {"body": "Hi"}}"#);
    m.content = switchboard_core::Content::Text(switchboard_core::Text {
        body: String::new(),
        preview_url: false,
    });
    assert!(matches!(
        adapter().encode(&m),
        Err(Error::InvalidMessage { ref field, .. }) if field == "text.body"
    ));
}

#[test]
fn user_id_recipients_are_refused() {
    // Bird's receiver documents phone-number identifiers only.
    unsupported(
        r#"{"to": "IL.1605856887361213", "text": {"body": "hi"}}"#,
        "to.user_id",
    );
}
