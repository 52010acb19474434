//! # switchboard-testkit
//!
//! Test kit for switchboard adapters, ours or your own: the provider-neutral **contract
//! suite** and its runner, loopback **provider stand-ins**, a **recording transport**, and
//! the messages the suite sends. Use it as a dev-dependency; an adapter crate itself stays
//! pure (no reqwest, no tokio).
//!
//! - [`contract`]: one column per adapter configuration, checked against the adapter crate's
//!   own expectations file, in a few lines with [`contract_suite!`]:
//!
//!   ```ignore
//!   // tests/contract.rs of your adapter crate
//!   use switchboard_testkit::contract::Column;
//!   switchboard_testkit::contract_suite!(Column::<AcmeAdapter>::new(
//!       "acme",
//!       concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/acme.json"),
//!       |base, key| serde_json::json!({"api_key": key, "base_url": base}),
//!   ));
//!   ```
//!
//!   `SWITCHBOARD_BLESS=1 cargo test --test contract` writes the requests your adapter
//!   sends into the file, for review. The memory provider runs as a column too
//!   ([`contract::memory`]).
//! - [`messages`]: the contract cases, the past-limit messages and the example messages,
//!   embedded.
//! - [`RecordingTransport`]: records requests and answers from a script, so an adapter runs
//!   end to end through [`switchboard::HttpMessenger`] without a server.
//! - [`StandIn`] and [`answer`]: a wiremock server on 127.0.0.1 answering with a provider's
//!   documented answer; [`chaos::ChaosStandIn`]: a 360dialog Cloud stand-in answering each
//!   message as a plan says (rate limits, resets, timeouts), for bulk sending.
//! - [`loopback`]: a minimal hyper server answering one fixed answer and recording nothing,
//!   for throughput benchmarks (in-process or in a child process).
//! - [`specs`]: where the official schemas are (fail under CI when missing, skip elsewhere).
//! - `postgres` (feature `postgres`): a fresh database per test from
//!   `SWITCHBOARD_TEST_POSTGRES`.

pub mod chaos;
pub mod contract;
pub mod loopback;
pub mod messages;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod recording;
pub mod specs;
mod stand_in;

pub use recording::RecordingTransport;
pub use stand_in::{answer, StandIn, STAND_IN_KEY};
