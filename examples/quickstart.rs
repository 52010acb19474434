//! The quickstart: no credentials, no internet.
//!
//! Starts loopback stand-ins for the providers (99digital, 360dialog Cloud and On-Premise,
//! Bird, Meta), then, for each one, builds an `AnyMessenger` from a configuration that names it
//! and sends every example message of `examples/messages/` through it. For each message it
//! prints the request the provider received (credentials as `***`) and the receipt, or the
//! typed error when the provider cannot carry that content.
//!
//! Last, it sends the list message to 99digital (which has no lists) with the example
//! configuration's `fidelity = "degrade"` and template catalog (`examples/templates.toml`),
//! and prints what the provider received with the report of what was changed.
//!
//! ```sh
//! cargo run --example quickstart
//! ```

mod stand_ins;

use stand_ins::{EXAMPLE_TEMPLATES, NINETY_NINE_DIGITAL};
use std::path::Path;
use switchboard::{AnyMessenger, Config, Messenger, OutboundMessage};
use switchboard_testkit::STAND_IN_KEY;

fn example_messages() -> Result<Vec<(String, OutboundMessage)>, Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/messages");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "json") {
            let name = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            out.push((
                name,
                OutboundMessage::from_json(&std::fs::read_to_string(&path)?)?,
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let messages = example_messages()?;
    for column in stand_ins::ALL {
        let stand_in = column.stand_in().await;
        let messenger = AnyMessenger::from_config(&column.stand_in_config(&stand_in))?;
        println!("\n=== {} — stand-in on {}", column.name, stand_in.uri());
        println!(
            "    config: {}",
            column
                .stand_in_toml(&stand_in)
                .replace(STAND_IN_KEY, "***")
                .replace('\n', " ")
        );
        for (name, message) in &messages {
            let seen = stand_in.received().await.len();
            let result = messenger.send(message).await;
            let received = stand_in.received().await;
            match received.get(seen) {
                Some(request) => println!(
                    "\n{name}:\n  provider received: {} {} {}\n                     {}",
                    request["method"].as_str().unwrap_or_default(),
                    request["path"].as_str().unwrap_or_default(),
                    request["headers"],
                    request["body"]
                ),
                None => println!("\n{name}:\n  nothing sent"),
            }
            match result {
                Ok(receipt) => {
                    println!("  receipt:           {}", serde_json::to_string(&receipt)?)
                }
                Err(e) => println!("  error ({}): {e}", e.kind()),
            }
        }
    }
    degraded_send(&messages).await
}

/// One send under `fidelity = "degrade"`: the list message on 99digital, with its report.
async fn degraded_send(
    messages: &[(String, OutboundMessage)],
) -> Result<(), Box<dyn std::error::Error>> {
    let stand_in = NINETY_NINE_DIGITAL.stand_in().await;
    // The example configuration: `fidelity` and the example template catalog.
    let config = Config::from_toml(&format!(
        "fidelity = \"degrade\"\n{}\n{EXAMPLE_TEMPLATES}",
        NINETY_NINE_DIGITAL.stand_in_toml(&stand_in)
    ))?;
    let messenger = AnyMessenger::from_config(&config)?;
    println!(
        "\n=== 99digital with fidelity = \"degrade\" — stand-in on {}",
        stand_in.uri()
    );
    let Some((name, list)) = messages.iter().find(|(n, _)| n == "list") else {
        return Ok(());
    };
    // Ask first, without any I/O: what would be changed?
    for change in messenger.can_send(list)? {
        println!("\n{name}: would degrade {change}");
    }
    let receipt = messenger.send(list).await?;
    if let Some(request) = stand_in.received().await.first() {
        println!(
            "  provider received: {} {} {}\n                     {}",
            request["method"].as_str().unwrap_or_default(),
            request["path"].as_str().unwrap_or_default(),
            request["headers"],
            request["body"]
        );
    }
    println!("  receipt:           {}", serde_json::to_string(&receipt)?);
    println!(
        "  degraded:          {}",
        serde_json::to_string(&receipt.degraded)?
    );
    Ok(())
}
