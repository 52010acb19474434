//! The degrade transformations and the template catalog, on the model alone.

use serde_json::json;
use switchboard_core::portability::{degrade, encode_with, Fidelity, TemplateCatalog};
use switchboard_core::{
    Capabilities, Content, Error, OutboundMessage, Provider, TemplateParams, WireRequest,
};

const ACME: Provider = Provider::new("acme");

fn msg(json: serde_json::Value) -> OutboundMessage {
    OutboundMessage::from_json(&json.to_string()).unwrap()
}

/// A provider with text and three reply buttons, nothing else.
fn caps() -> Capabilities {
    let mut c = Capabilities::none(ACME, "acme");
    c.text = true;
    c.buttons = true;
    c.max_buttons = 3;
    c
}

fn render(c: &Capabilities, m: &OutboundMessage, f: Fidelity) -> Result<WireRequest, Error> {
    encode_with(f, c, m, |m| {
        c.check(m)?;
        Ok(WireRequest::post_json(
            "send",
            "https://acme.invalid",
            m.to_json(),
        ))
    })
}

#[test]
fn a_short_list_becomes_reply_buttons_with_the_row_ids() {
    let m = msg(json!({"to": "+972501234567", "list": {
        "header": "Pick", "body": "Which one?", "button": "Open", "footer": "Thanks",
        "sections": [{"rows": [{"id": "a", "title": "Alpha"}, {"id": "b", "title": "Beta"}]}]}}));
    let r = render(&caps(), &m, Fidelity::Degrade).unwrap();
    let features: Vec<&str> = r.degraded.iter().map(|d| d.feature.as_str()).collect();
    assert_eq!(features, ["list", "buttons.header.text", "buttons.footer"]);
    assert_eq!(
        r.json().unwrap()["buttons"],
        json!({"body": "*Pick*\nWhich one?\n_Thanks_",
               "buttons": [{"id": "a", "title": "Alpha"}, {"id": "b", "title": "Beta"}]})
    );
    // Exact refuses the same message, naming the feature.
    let e = render(&caps(), &m, Fidelity::Exact).unwrap_err();
    assert!(matches!(e, Error::Unsupported { ref feature, .. } if feature == "list"));
}

#[test]
fn contact_cards_become_text() {
    let m = msg(json!({"to": "+972501234567", "contacts": [{
        "name": {"formatted_name": "Support Desk"},
        "phones": [{"phone": "+972 3 123 4567", "type": "WORK"}],
        "emails": [{"email": "help@example.com"}],
        "org": {"company": "Acme", "title": "Help"}}]}));
    let r = render(&caps(), &m, Fidelity::Degrade).unwrap();
    assert_eq!(
        r.json().unwrap()["text"]["body"],
        "*Support Desk*\nHelp, Acme\nWORK: +972 3 123 4567\nhelp@example.com"
    );
}

#[test]
fn no_faithful_form_leaves_the_refusal_standing() {
    let c = caps();
    // Removing a reaction has no text form.
    let remove =
        msg(json!({"to": "+972501234567", "reaction": {"message_id": "wamid.X", "emoji": ""}}));
    let e = render(&c, &remove, Fidelity::Degrade).unwrap_err();
    assert!(matches!(e, Error::Unsupported { ref feature, .. } if feature == "reaction"));
    // A user id is never re-addressed.
    let user = msg(json!({"to": "IL.1605856887361213", "text": {"body": "Hi"}}));
    let e = render(&c, &user, Fidelity::Degrade).unwrap_err();
    assert!(matches!(e, Error::Unsupported { ref feature, .. } if feature == "to.user_id"));
    // A header that would push the body past 1024 characters stays a refusal.
    let long = msg(json!({"to": "+972501234567", "buttons": {
        "header": {"text": "Header"}, "body": "b".repeat(1024),
        "buttons": [{"id": "y", "title": "Yes"}]}}));
    let e = render(&c, &long, Fidelity::Degrade).unwrap_err();
    assert!(
        matches!(e, Error::Unsupported { ref feature, .. } if feature == "buttons.header.text")
    );
    // Errors that are not refusals of a feature are never degraded.
    let bad = Error::configuration("x");
    assert!(degrade(&c, &bad, &long).is_none());
}

#[test]
fn what_the_provider_carries_is_never_changed() {
    let m = msg(json!({"to": "+972501234567", "buttons": {
        "body": "Ok?", "buttons": [{"id": "y", "title": "Yes"}]}}));
    let degraded = render(&caps(), &m, Fidelity::Degrade).unwrap();
    let exact = render(&caps(), &m, Fidelity::Exact).unwrap();
    assert!(degraded.degraded.is_empty());
    assert_eq!(degraded.redacted(), exact.redacted());
}

fn catalog(toml_json: serde_json::Value) -> TemplateCatalog {
    serde_json::from_value(toml_json).unwrap()
}

#[test]
fn the_catalog_maps_named_parameters_to_positions_and_sets_options() {
    let mut c = Capabilities::none(ACME, "acme hosted");
    c.template = true;
    c.template_positional = true;
    let cat = catalog(json!({"welcome": {
        "params": ["first_name", "order_id"],
        "acme": {"language": 1, "name": "welcome_v1"},
        "acme hosted": {"language": 2}}}));
    let m = msg(
        json!({"to": "+972501234567", "template": {"name": "welcome", "language": "en",
        "body": {"order_id": "7", "first_name": "Anna"}}}),
    );
    let out = cat.resolve(&c, &m).unwrap();
    let Content::Template(t) = &out.content else {
        panic!()
    };
    assert_eq!(t.name, "welcome_v1");
    assert_eq!(
        t.body,
        TemplateParams::Positional(vec!["Anna".into(), "7".into()])
    );
    // The column's table wins over the provider's.
    assert_eq!(out.options.get(ACME).unwrap()["template_language"], 2);
    // A name the catalog lacks is named in the error.
    let odd = msg(
        json!({"to": "+972501234567", "template": {"name": "welcome", "language": "en",
        "body": {"first_name": "Anna"}}}),
    );
    let e = cat.resolve(&c, &odd).unwrap_err();
    assert!(
        matches!(e, Error::InvalidMessage { ref field, ref value, .. }
        if field == "template.body" && value == "no `order_id`"),
        "{e}"
    );
    // No entry: the message as written.
    let other =
        msg(json!({"to": "+972501234567", "template": {"name": "other", "language": "en"}}));
    assert_eq!(*cat.resolve(&c, &other).unwrap(), other);
}
