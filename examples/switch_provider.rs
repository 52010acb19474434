//! One application, any provider: a customer writes to us (the provider's webhook), and
//! `conversation` answers with the same conversation (a text, reply buttons, a list, a reply
//! quoting the customer's message) through whatever provider the configuration names. It
//! never names a provider; where a provider lacks a feature it asks the messenger's
//! capabilities and falls back.
//!
//! ```sh
//! cargo run --example switch_provider                                # memory provider
//! cargo run --example switch_provider -- my-bird.toml webhook.json   # a delivery Bird posted
//! ```

use switchboard::{
    AnyMessenger, Config, Error, InboundContent, InboundEvent, InboundMessage, ListRow,
    ListSection, Messenger, OutboundMessage, Receipt, Recipient, ReplyButton, WebhookRequest,
};

/// The customer's first message in a webhook delivery, parsed by the configured provider.
pub fn first_message(
    messenger: &AnyMessenger,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<InboundMessage, Error> {
    let events = messenger.receive_webhook(&WebhookRequest { url, headers, body })?;
    events
        .into_iter()
        .find_map(|e| match e {
            InboundEvent::Message(m) => Some(m),
            _ => None,
        })
        .ok_or_else(|| Error::decode("webhook", "the delivery holds no message"))
}

/// The application's conversation with a customer who just wrote to us.
pub async fn conversation(
    messenger: &AnyMessenger,
    incoming: &InboundMessage,
) -> Result<Vec<Receipt>, Error> {
    // A phone number, or the user id of a customer who hides their number.
    let customer: Recipient = incoming.from.parse()?;
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

    let mut reply = OutboundMessage::text(customer, "Thanks, noted!")?;
    if caps.reply_to {
        reply = reply.reply_to(incoming.id.as_str())?;
    }
    receipts.push(messenger.send(&reply).await?);
    Ok(receipts)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let path = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    let messenger = AnyMessenger::from_config(&Config::load(path.as_deref())?)?;
    let incoming = match std::env::args_os().nth(2) {
        Some(webhook) => {
            let body = std::fs::read(&webhook)
                .map_err(|e| Error::configuration(format!("cannot read the webhook file: {e}")))?;
            first_message(&messenger, "http://localhost/", &[], &body)?
        }
        // The memory provider receives no webhooks: pretend the customer wrote.
        None => {
            let mut m = InboundMessage::new(
                messenger.provider(),
                "incoming-1",
                "972501234567",
                InboundContent::Text {
                    body: "Where is my order?".into(),
                },
            );
            m.sender_name = Some("Anna".into());
            m
        }
    };
    for receipt in conversation(&messenger, &incoming).await? {
        println!("{}: {:?}", receipt.provider, receipt.message_ids);
    }
    Ok(())
}
