//! A canary credential, configured for every provider, never shows: not in `Debug` of the
//! configuration or the messenger, not in dry-run output, not in any error (including a
//! provider answer that echoes it back), not in logs at TRACE level.

#![cfg(all(
    feature = "99digital",
    feature = "360dialog",
    feature = "bird",
    feature = "meta"
))]

use std::io::Write;
use std::sync::{Arc, Mutex};
#[path = "../examples/stand_ins/mod.rs"]
mod stand_ins;

use stand_ins::Column;
use switchboard::{AnyMessenger, Config, Messenger, OutboundMessage};
use switchboard_testkit::StandIn;
use wiremock::ResponseTemplate;

const CANARY: &str = "CANARY-7d41e0-SECRET";

#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn message() -> OutboundMessage {
    OutboundMessage::text("+972501234567".parse().unwrap(), "hello").unwrap()
}

async fn exercise(column: Column, answer: ResponseTemplate) -> Vec<String> {
    let stand_in = StandIn::start_with(answer).await;
    let text = column.config_toml(&stand_in.uri(), CANARY) + "\n[http]\ntimeout_ms = 2000\n";
    let mut shown = Vec::new();
    let config = Config::from_toml(&text).unwrap();
    shown.push(format!("{config:?}"));
    let messenger = AnyMessenger::from_config(&config).unwrap();
    shown.push(format!("{messenger:?}"));
    let rendered = messenger.render(&message()).unwrap();
    shown.push(format!("{rendered:?}"));
    shown.push(rendered.redacted().to_string());
    match messenger.send(&message()).await {
        Ok(r) => shown.push(format!("{r:?}")),
        Err(e) => {
            shown.push(format!("{e:?}"));
            shown.push(e.to_string());
        }
    }
    // The request did carry the key: the canary is real, not absent by accident.
    let raw = stand_in.server.received_requests().await.unwrap();
    assert_eq!(raw.len(), 1);
    let carried = raw[0]
        .headers
        .values()
        .any(|v| v.to_str().unwrap_or_default().contains(CANARY))
        || String::from_utf8_lossy(&raw[0].body).contains(CANARY);
    assert!(carried, "{}: the key was not sent at all", column.name);
    shown
}

#[test]
fn the_canary_never_shows() {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer({
            let logs = logs.clone();
            move || logs.clone()
        })
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            for column in stand_ins::ALL {
                let answers = [
                    // The provider's documented success.
                    switchboard_testkit::answer(&column.success()),
                    // A refusal that echoes the key back, as 99digital's showRequest does.
                    ResponseTemplate::new(401).set_body_raw(
                        format!("{{\"status\":\"FAIL\",\"reason\":3,\"error\":{{\"code\":0,\"message\":\"bad key {CANARY}\"}},\"apiKey\":\"{CANARY}\",\"request\":{{\"apiKey\":\"{CANARY}\"}}}}"),
                        "application/json",
                    ),
                    ResponseTemplate::new(502).set_body_raw(format!("<html>upstream said {CANARY}</html>"), "text/html"),
                ];
                for answer in answers {
                    for shown in exercise(column, answer).await {
                        assert!(!shown.contains(CANARY), "{}: the canary shows in {shown}", column.name);
                    }
                }
            }
        });
    });
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("switchboard.send"),
        "the send spans were logged"
    );
    assert!(!logs.contains(CANARY), "the canary shows in the logs");
}
