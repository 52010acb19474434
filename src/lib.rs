//! The workspace's root package holds the runnable examples and the cross-provider tests;
//! it is not published (users depend on the `switchboard` crate; adapter authors on
//! `switchboard-testkit` for tests). Its library only compiles the README's Rust examples
//! as doc tests, so they stay true.

/// The README's Rust examples, compiled as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
