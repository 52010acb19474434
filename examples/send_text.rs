//! The smallest application: build a message, send it through the provider named in the
//! configuration (`--config`-less: `SWITCHBOARD_CONFIG`, else the memory provider).
//!
//! ```sh
//! cargo run --example send_text
//! SWITCHBOARD_CONFIG=my-360dialog.toml cargo run --example send_text
//! ```

use switchboard::{AnyMessenger, Config, Messenger, OutboundMessage};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), switchboard::Error> {
    let messenger = AnyMessenger::from_config(&Config::load(None)?)?;
    let message = OutboundMessage::text("+972501234567".parse()?, "Your order shipped")?;
    println!("{}", messenger.render(&message)?.redacted());
    let receipt = messenger.send(&message).await?;
    println!(
        "sent through {}: {:?}",
        receipt.provider, receipt.message_ids
    );
    Ok(())
}
