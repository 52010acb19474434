//! Support code shared by switchboard's runnable examples and cross-provider tests.
//! Not published; users depend on the `switchboard` crate.

/// The README's Rust examples, compiled as doc tests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
