//! The degrade policy and the template catalog across every provider column (five: 99digital,
//! 360dialog Cloud and On-Premise, Bird, Meta): under
//! `degrade` with the example catalog every example message renders on every column, each
//! render listing its changes; what a column carries as written is never transformed.

#![cfg(all(feature = "99digital", feature = "360dialog", feature = "bird"))]

use std::path::Path;
use switchboard::portability::Fidelity;
use switchboard::{AnyMessenger, Config, Error, Messenger, OutboundMessage};
#[path = "../examples/stand_ins/mod.rs"]
mod stand_ins;

use stand_ins::{Column, BIRD, EXAMPLE_TEMPLATES, NINETY_NINE_DIGITAL};

const BASE: &str = "http://127.0.0.1:9";

fn examples() -> Vec<(String, OutboundMessage)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/messages");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let m = OutboundMessage::from_json(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (name, m)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(out.len(), 12, "the twelve example messages");
    out
}

fn messenger(column: Column, fidelity: &str, catalog: bool) -> AnyMessenger {
    let text = format!(
        "fidelity = \"{fidelity}\"\n{}\n{}",
        column.config_toml(BASE, "k"),
        if catalog { EXAMPLE_TEMPLATES } else { "" }
    );
    AnyMessenger::from_config(&Config::from_toml(&text).unwrap()).unwrap()
}

#[test]
fn every_example_renders_on_every_column_under_degrade_with_the_catalog() {
    let mut rendered = 0;
    let mut failures = Vec::new();
    for column in stand_ins::ALL {
        let exact = messenger(column, "exact", true);
        let degrade = messenger(column, "degrade", true);
        assert_eq!(degrade.fidelity(), Fidelity::Degrade);
        for (name, message) in examples() {
            let as_written = exact.render(&message);
            match degrade.render(&message) {
                Ok(request) => {
                    rendered += 1;
                    match &as_written {
                        // Carried as written: never transformed, nothing reported.
                        Ok(same) => {
                            assert_eq!(
                                request.redacted(),
                                same.redacted(),
                                "{name} on {}",
                                column.name
                            );
                            assert!(request.degraded.is_empty(), "{name} on {}", column.name);
                        }
                        // Refused as written: every change is reported.
                        Err(_) => assert!(
                            !request.degraded.is_empty(),
                            "{name} on {} rendered with no report",
                            column.name
                        ),
                    }
                    // The pure check agrees with the render.
                    assert_eq!(degrade.can_send(&message).unwrap(), request.degraded);
                }
                Err(e) => failures.push(format!("{name} on {}: {e}", column.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(rendered, 60);
}

#[test]
fn under_exact_without_a_catalog_44_of_60_render() {
    let mut rendered = 0;
    for column in stand_ins::ALL {
        let exact = messenger(column, "exact", false);
        for (_, message) in examples() {
            if let Ok(request) = exact.render(&message) {
                assert!(request.degraded.is_empty());
                rendered += 1;
            }
        }
    }
    assert_eq!(rendered, 44);
}

#[test]
fn exact_refuses_what_degrade_would_change_and_can_send_says_why() {
    let exact = messenger(NINETY_NINE_DIGITAL, "exact", false);
    let list = &examples().into_iter().find(|(n, _)| n == "list").unwrap().1;
    let err = exact.can_send(list).unwrap_err();
    assert!(matches!(err, Error::Unsupported { ref feature, .. } if feature == "list"));
    // Overridden per call: the same messenger, asked for degrade.
    let changes = exact.can_send_with(list, Fidelity::Degrade).unwrap();
    assert_eq!(changes[0].feature, "list");
    assert!(
        changes[0].action.contains("numbered text menu"),
        "{changes:?}"
    );
}

#[test]
fn the_catalog_renders_both_templates_on_every_column() {
    for column in stand_ins::ALL {
        let m = messenger(column, "degrade", true);
        for (name, message) in examples() {
            if name.starts_with("template") {
                let request = m
                    .render(&message)
                    .unwrap_or_else(|e| panic!("{name} on {}: {e}", column.name));
                let body = request.redacted()["body"].clone();
                if column == BIRD {
                    let t = &body["template"];
                    match name.as_str() {
                        "template" => {
                            assert_eq!(t["projectId"], "6c2a1d8f-9b4e-4d3a-8f72-1b3c4d5e6f70");
                            assert_eq!(t["version"], "latest");
                            assert_eq!(
                                t["parameters"],
                                serde_json::json!([
                                    {"type": "string", "key": "customer_name", "value": "Anna"},
                                    {"type": "string", "key": "image_url", "value": "https://example.com/h.jpg"},
                                    {"type": "string", "key": "order_id", "value": "#1234"},
                                ])
                            );
                        }
                        _ => assert_eq!(t["name"], "order_update_named"),
                    }
                }
            }
        }
    }
}

#[test]
fn a_user_id_recipient_is_never_degraded() {
    let bird = messenger(BIRD, "degrade", false);
    let m = OutboundMessage::from_json(r#"{"to": "IL.1605856887361213", "text": {"body": "Hi"}}"#)
        .unwrap();
    let err = bird.can_send(&m).unwrap_err();
    assert!(
        matches!(err, Error::Unsupported { ref feature, .. } if feature == "to.user_id"),
        "{err}"
    );
}
