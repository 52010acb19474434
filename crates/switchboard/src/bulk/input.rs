//! Reading a campaign file (one message per line, in the JSON form) into a journal.

use super::journal::{BulkJournal, NewLine};
use serde::Serialize;
use std::path::Path;
use switchboard_core::{Error, OutboundMessage};
use tokio::io::AsyncBufReadExt;

/// Lines are handed to the journal this many at a time.
const CHUNK: usize = 5_000;

/// At most this many malformed lines are kept in a [`Loaded`] (all are journaled).
const KEEP_MALFORMED: usize = 1_000;

/// What loading a campaign file found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Loaded {
    /// Message lines in the file (blank lines are not counted).
    pub lines: u64,
    /// Lines new to the journal.
    pub added: u64,
    /// Lines that are not a valid message, as `(line number, error)`: the first 1 000.
    pub malformed: Vec<(u64, String)>,
    /// How many lines are malformed in all.
    pub malformed_count: u64,
}

/// Reads one line's text into a [`NewLine`]: a line that is not a valid message (bad JSON,
/// a broken limit) is journaled as `failed` with its error kind and an error naming the line.
pub fn parse_line(line: u64, bytes: &[u8]) -> NewLine {
    let (body, malformed) = match std::str::from_utf8(bytes) {
        Ok(text) => {
            let malformed = OutboundMessage::from_json(text)
                .err()
                .map(|e| (e.kind().to_string(), format!("line {line}: {e}")));
            (text.to_string(), malformed)
        }
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some((
                "decode".to_string(),
                format!("line {line}: could not decode message JSON: not UTF-8 ({e})"),
            )),
        ),
    };
    NewLine {
        line,
        body,
        malformed,
    }
}

/// Loads the file at `path` into `journal`: every non-blank line, numbered from 1 as in the
/// file. Lines already journaled keep their state; a journal written for another file is an
/// [`Error::Configuration`], a file that cannot be read an [`Error::Io`]. A malformed line does not stop the load: it is journaled as
/// `failed` and listed in the result.
pub async fn load_file<J: BulkJournal + ?Sized>(journal: &J, path: &Path) -> Result<Loaded, Error> {
    let file = tokio::fs::File::open(path).await.map_err(|e| {
        Error::io(format!("reading the messages file {}", path.display()), &e).with_source(e)
    })?;
    let mut reader = tokio::io::BufReader::new(file);
    let mut loaded = Loaded::default();
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut buf = Vec::new();
    let mut number: u64 = 0;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).await.map_err(|e| {
            let operation = format!(
                "reading the messages file {} after line {number}",
                path.display()
            );
            Error::io(operation, &e).with_source(e)
        })?;
        if n == 0 {
            break;
        }
        number += 1;
        let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = parse_line(number, text);
        loaded.lines += 1;
        if let Some((_, error)) = &line.malformed {
            loaded.malformed_count += 1;
            if loaded.malformed.len() < KEEP_MALFORMED {
                loaded.malformed.push((number, error.clone()));
            }
        }
        chunk.push(line);
        if chunk.len() == CHUNK {
            loaded.added += journal.load(std::mem::take(&mut chunk)).await?;
        }
    }
    if !chunk.is_empty() {
        loaded.added += journal.load(chunk).await?;
    }
    Ok(loaded)
}
