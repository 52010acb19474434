//! Named template parameters (`docs/providers/meta.md`, "Named template parameters"): each
//! body parameter carries `parameter_name`; names are checked; a text header cannot go
//! beside them (the model does not name its variable).

use serde_json::json;
use switchboard_cloud_api::{checks, encode};
use switchboard_core::{
    limits, Capabilities, Error, Header, Media, MediaKind, OutboundMessage, Provider, Template,
    TemplateParams,
};

static NAMED: Capabilities = Capabilities {
    text: true,
    template: true,
    template_positional: true,
    template_named: true,
    template_header_media: true,
    template_header_text: true,
    max_buttons: limits::BUTTONS_MAX,
    ..Capabilities::none(Provider::new("360dialog"), "test")
};

static POSITIONAL_ONLY: Capabilities = Capabilities {
    template_named: false,
    ..NAMED
};

fn named(params: &[(&str, &str)]) -> Template {
    let mut t = Template::new("order_update_named", "en");
    t.body = TemplateParams::Named(
        params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    t
}

fn message(t: Template) -> OutboundMessage {
    OutboundMessage::template("+972501234567".parse().unwrap(), t).unwrap()
}

#[test]
fn named_parameters_carry_parameter_name() {
    let m = message(named(&[("order_id", "1234"), ("first_name", "Anna")]));
    checks::check(&NAMED, &m).unwrap();
    let body = encode::body(Provider::new("360dialog"), &m)
        .unwrap()
        .to_value()
        .unwrap();
    assert_eq!(
        body["template"],
        json!({
            "name": "order_update_named",
            "language": {"code": "en"},
            "components": [{"type": "body", "parameters": [
                {"type": "text", "parameter_name": "first_name", "text": "Anna"},
                {"type": "text", "parameter_name": "order_id", "text": "1234"}
            ]}]
        })
    );
}

#[test]
fn a_media_header_goes_beside_named_parameters() {
    let mut t = named(&[("first_name", "Anna")]);
    t.header = Some(Header::Media(Media::link(
        MediaKind::Image,
        "https://example.com/a.jpg",
    )));
    let m = message(t);
    checks::check(&NAMED, &m).unwrap();
    let body = encode::body(Provider::new("360dialog"), &m)
        .unwrap()
        .to_value()
        .unwrap();
    assert_eq!(
        body["template"]["components"][0],
        json!({"type": "header", "parameters": [
            {"type": "image", "image": {"link": "https://example.com/a.jpg"}}]})
    );
}

#[test]
fn a_text_header_beside_named_parameters_is_unsupported() {
    let mut t = named(&[("first_name", "Anna")]);
    t.header = Some(Header::Text("Order".into()));
    let e = checks::check(&NAMED, &message(t)).unwrap_err();
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "template.header.text"),
        "{e:?}"
    );
}

#[test]
fn bad_parameter_names_are_invalid() {
    for bad in ["order1", "a".repeat(21).as_str()] {
        let e = checks::check(&NAMED, &message(named(&[(bad, "v")]))).unwrap_err();
        match &e {
            Error::InvalidMessage { field, limit, .. } => {
                assert_eq!(field, "template.body", "{bad:?}");
                assert!(limit.contains("1 to 20 lower-case letters"), "{limit}");
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    let ok = "a_b".repeat(6) + "cd";
    assert_eq!(ok.len(), 20);
    checks::check(&NAMED, &message(named(&[(&ok, "v")]))).unwrap();
}

#[test]
fn without_the_flag_named_parameters_are_refused() {
    let e =
        checks::check(&POSITIONAL_ONLY, &message(named(&[("first_name", "Anna")]))).unwrap_err();
    assert!(
        matches!(&e, Error::Unsupported { feature, .. } if feature == "template.body.named"),
        "{e:?}"
    );
}
