//! One application, any provider: `conversation` sends the same conversation (a text,
//! reply buttons, a list, a reply quoting the customer) through whatever provider the
//! configuration names. It never names a provider; where a provider lacks a feature it
//! asks the messenger's capabilities and falls back.
//!
//! ```sh
//! cargo run --example switch_provider                      # memory provider
//! cargo run --example switch_provider -- my-bird.toml      # Bird, only the config differs
//! ```

use switchboard::{
    AnyMessenger, Config, Error, ListRow, ListSection, Messenger, OutboundMessage, PhoneNumber,
    Receipt, ReplyButton,
};

/// The application's conversation with a customer who wrote to us (message `incoming_id`).
pub async fn conversation(
    messenger: &AnyMessenger,
    customer: &PhoneNumber,
    incoming_id: &str,
) -> Result<Vec<Receipt>, Error> {
    let caps = messenger.capabilities();
    let mut receipts = Vec::new();

    let text = OutboundMessage::text(customer.clone(), "Hi! Your order #1234 has shipped.")?;
    receipts.push(messenger.send(&text).await?);

    let buttons = OutboundMessage::buttons(
        customer.clone(),
        "Was the delivery on time?",
        vec![
            ReplyButton::new("on_time", "Yes"),
            ReplyButton::new("late", "No"),
        ],
    )?;
    receipts.push(messenger.send(&buttons).await?);

    let menu = if caps.list {
        let rows = vec![
            ListRow::new("track", "Track my order"),
            ListRow::new("return", "Return an item").with_description("Free within 30 days"),
            ListRow::new("agent", "Talk to us"),
        ];
        OutboundMessage::list(
            customer.clone(),
            "What can we help with?",
            "Choose",
            vec![ListSection { title: None, rows }],
        )?
    } else {
        OutboundMessage::text(
            customer.clone(),
            "What can we help with? Reply 1 to track, 2 to return, 3 to talk to us.",
        )?
    };
    receipts.push(messenger.send(&menu).await?);

    let mut reply = OutboundMessage::text(customer.clone(), "Thanks, noted!")?;
    if caps.reply_to {
        reply = reply.reply_to(incoming_id)?;
    }
    receipts.push(messenger.send(&reply).await?);
    Ok(receipts)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let path = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    let config = Config::load(path.as_deref())?;
    let messenger = AnyMessenger::from_config(&config)?;
    let customer: PhoneNumber = "+972501234567".parse()?;
    for receipt in conversation(
        &messenger,
        &customer,
        "ABGGFlA5FpafAgo-sWmHBXxDFqAbn5F4iGkI",
    )
    .await?
    {
        println!("{}: {:?}", receipt.provider, receipt.message_ids);
    }
    Ok(())
}
