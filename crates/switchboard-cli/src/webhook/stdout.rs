//! Delivery to stdout: one JSON line per journaled event.

use std::io::Write;
use switchboard::delivery::{EventSink, SinkError};
use switchboard::journal::JournaledEvent;
use switchboard::Error;

/// An [`EventSink`] printing each event as one JSON line (its journal form, with
/// `dedupe_key`) on stdout, flushed before the cursor moves. When stdout is closed (the
/// reader exited), delivery stops with [`Error::Io`]; what was not written stays in
/// the journal for the next start.
#[derive(Debug, Default)]
pub struct StdoutSink;

/// The journal form of `events`, one JSON line each.
pub fn lines(events: &[JournaledEvent]) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::with_capacity(events.len() * 512);
    for e in events {
        serde_json::to_writer(&mut buf, e)
            .map_err(|err| Error::encode("journaled event", err.to_string()).with_source(err))?;
        buf.push(b'\n');
    }
    Ok(buf)
}

/// Writes and flushes `buf` on stdout, off the async workers.
pub async fn write_stdout(buf: Vec<u8>) -> std::io::Result<()> {
    tokio::task::spawn_blocking(move || {
        let mut out = std::io::stdout().lock();
        out.write_all(&buf)?;
        out.flush()
    })
    .await
    .unwrap_or_else(|e| Err(std::io::Error::other(e)))
}

#[async_trait::async_trait]
impl EventSink for StdoutSink {
    fn name(&self) -> String {
        "stdout".into()
    }

    async fn deliver(&mut self, events: &[JournaledEvent]) -> Result<(), SinkError> {
        let buf = lines(events).map_err(SinkError::Stop)?;
        write_stdout(buf).await.map_err(|e| {
            SinkError::Stop(
                Error::io(
                    "writing events to stdout",
                    format!(
                        "stdout was closed ({e}); events from seq {} on stay in the journal and are delivered on the next start",
                        events.first().map_or(0, |e| e.seq)
                    ),
                )
                .with_source(e),
            )
        })
    }
}
