//! The memory provider ([`MemoryMessenger`]) as a contract column: nothing goes on a wire, so
//! a case's expectation is what the messenger did with it (`{"accepted": "<message id>"}`
//! with the message recorded unchanged, or the refusal), from the facade's
//! `tests/contract/memory.json`.

use super::{blessing, cases, check_past_limits, expect, finish};
use serde_json::{json, Value};
use std::path::Path;
use switchboard::portability::Fidelity;
use switchboard::{Error, MemoryMessenger, Messenger};

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every case is accepted and recorded unchanged, or refused, as `expectations` lists.
pub async fn run_cases(expectations: &Path) {
    let bless = blessing();
    let mut file = read(expectations);
    let mut failures = Vec::new();
    for (name, message) in &cases() {
        let memory = MemoryMessenger::new();
        let got = match memory.send(message).await {
            Ok(receipt) => {
                if memory.sent() != std::slice::from_ref(message) {
                    failures.push(format!("{name}: accepted but not recorded unchanged"));
                }
                json!({"accepted": receipt.message_id()})
            }
            Err(Error::Unsupported { feature, .. }) => json!({"unsupported": feature}),
            Err(e) => json!({"refused": e.kind()}),
        };
        expect(
            &mut file,
            "cases",
            name,
            got,
            bless,
            expectations,
            &mut failures,
        );
    }
    finish("memory", expectations, &file, bless, &failures, "contract");
}

/// Under `degrade`, every case the memory provider accepts is accepted unchanged with an
/// empty report (it carries everything the model expresses).
pub async fn run_degraded() {
    let mut failures = Vec::new();
    for (name, message) in &cases() {
        let memory = MemoryMessenger::new();
        match memory.send_with(message, Fidelity::Degrade).await {
            Ok(receipt) if receipt.degraded.is_empty() && memory.sent() == [message.clone()] => {}
            other => failures.push(format!("{name}: {other:?}")),
        }
    }
    assert!(failures.is_empty(), "memory:\n{}", failures.join("\n"));
}

/// Every past-limit message is refused when it is read: the memory provider never sees it.
pub fn run_past_limits() {
    check_past_limits();
}
