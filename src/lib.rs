//! Support code shared by switchboard's runnable examples and cross-provider tests.
//! Not published; users depend on the `switchboard` crate.
