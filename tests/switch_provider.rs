//! The same application code on three providers: `examples/switch_provider.rs` runs three
//! times against loopback stand-ins; only the configuration file differs, and each
//! provider receives its own wire format.

#![cfg(all(
    feature = "99digital",
    feature = "360dialog",
    feature = "bird",
    feature = "meta"
))]

#[allow(dead_code)]
#[path = "../examples/switch_provider.rs"]
mod switch_provider;

#[path = "../examples/stand_ins/mod.rs"]
mod stand_ins;

use serde_json::Value;
use stand_ins::{Column, BIRD, DIALOG360_CLOUD, NINETY_NINE_DIGITAL};
use switchboard::{AnyMessenger, Config};

/// A real inbound-text delivery of each provider (copies of the adapters' own fixtures, in
/// `tests/webhooks/`).
fn incoming_webhook(column: Column) -> &'static [u8] {
    match column.name {
        "99digital" => include_bytes!("webhooks/99digital_text.json"),
        "360dialog-cloud" | "360dialog-on-premise" => {
            include_bytes!("webhooks/360dialog_cloud_text.json")
        }
        "bird" => include_bytes!("webhooks/bird_inbound_text.json"),
        "meta" => include_bytes!("webhooks/meta_text.json"),
        other => panic!("no inbound fixture for {other}"),
    }
}

/// Runs the application with a configuration file written for `column`: the customer's
/// message arrives by the provider's webhook, the application answers. Returns the id it
/// replied to and what the provider received.
async fn run(column: Column) -> (String, switchboard::PhoneNumber, Vec<Value>) {
    let stand_in = column.stand_in().await;
    let dir = std::env::temp_dir().join(format!(
        "switchboard-switch-{}-{}",
        std::process::id(),
        column.name
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("switchboard.toml");
    std::fs::write(&file, column.stand_in_toml(&stand_in)).unwrap();

    let messenger = AnyMessenger::from_config(&Config::load(Some(&file)).unwrap()).unwrap();
    let incoming = switch_provider::first_message(
        &messenger,
        "http://localhost/",
        &[],
        incoming_webhook(column),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", column.name));
    let receipts = switch_provider::conversation(&messenger, &incoming)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", column.name));
    assert_eq!(receipts.len(), 4);
    let received = stand_in.received().await;
    assert_eq!(
        received.len(),
        4,
        "{}: one request per message",
        column.name
    );
    let customer = incoming.from.parse().unwrap();
    (incoming.id, customer, received)
}

fn paths(r: &[Value]) -> Vec<&str> {
    r.iter().map(|r| r["path"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn ninety_nine_digital_receives_its_endpoints() {
    let (incoming, customer, r) = run(NINETY_NINE_DIGITAL).await;
    // 99digital has no confirmed list format: the application fell back to text.
    assert_eq!(
        paths(&r),
        [
            "/sendMessage",
            "/sendButtons",
            "/sendMessage",
            "/sendMessage"
        ]
    );
    for req in &r {
        assert_eq!(req["body"]["to"], customer.digits(), "digits without +");
        assert_eq!(req["body"]["from"], "972771234567");
        assert_eq!(req["body"]["apiKey"], "***");
    }
    assert_eq!(r[1]["body"]["button1"], "Yes");
    assert_eq!(r[1]["body"]["button1_id"], "on_time");
    assert_eq!(r[3]["body"]["replyTo"], incoming);
}

#[tokio::test]
async fn dialog360_cloud_receives_cloud_api_payloads() {
    let (incoming, customer, r) = run(DIALOG360_CLOUD).await;
    assert_eq!(paths(&r), ["/messages"; 4]);
    for req in &r {
        assert_eq!(req["headers"]["d360-api-key"], "***");
        assert_eq!(req["body"]["messaging_product"], "whatsapp");
        assert_eq!(req["body"]["to"], customer.digits());
    }
    let kinds: Vec<_> = r
        .iter()
        .map(|q| q["body"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["text", "interactive", "interactive", "text"]);
    assert_eq!(r[1]["body"]["interactive"]["type"], "button");
    assert_eq!(r[2]["body"]["interactive"]["type"], "list");
    assert_eq!(r[3]["body"]["context"]["message_id"], incoming);
}

#[tokio::test]
async fn bird_receives_channels_api_payloads() {
    let (incoming, customer, r) = run(BIRD).await;
    assert_eq!(
        paths(&r),
        ["/workspaces/ws-demo/channels/ch-demo/messages"; 4]
    );
    for req in &r {
        assert_eq!(req["headers"]["authorization"], "AccessKey ***");
        assert_eq!(
            req["body"]["receiver"]["contacts"][0]["identifierValue"],
            customer.e164(),
            "E.164 with +"
        );
    }
    let kinds: Vec<_> = r
        .iter()
        .map(|q| q["body"]["body"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["text", "text", "list", "text"]);
    assert_eq!(
        r[1]["body"]["body"]["text"]["actions"][0]["postback"]["payload"],
        "on_time"
    );
    assert_eq!(r[3]["body"]["replyTo"]["id"], incoming);
}
