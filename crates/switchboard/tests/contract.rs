//! The memory provider as a contract column (`switchboard-testkit`): every case accepted
//! and recorded unchanged, or refused, as `tests/contract/memory.json` lists.

use switchboard_testkit::contract::{block_on, memory};

const EXPECTATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/memory.json");

#[test]
fn every_case_is_recorded_unchanged_or_refused() {
    block_on(memory::run_cases(EXPECTATIONS.as_ref()));
}

#[test]
fn under_degrade_every_case_is_carried_as_written() {
    block_on(memory::run_degraded());
}

#[test]
fn past_limit_messages_never_reach_the_provider() {
    memory::run_past_limits();
}
