//! The library half of the `switchboard` command: the webhook server, reusable and testable
//! in-process.

pub mod bulk;
pub mod server;
pub mod webhook;
