//! The settings each provider needs, as read from configuration.
//!
//! They live in core so that a configuration naming any provider can be read even when
//! that provider's adapter is not compiled in (the facade then reports the missing feature).
//! Secrets are [`SecretString`]s: their `Debug` shows `[REDACTED]`.

mod bird;
mod dialog360;
mod ninety_nine_digital;

pub use bird::BirdSettings;
pub use dialog360::{Dialog360Settings, Hosting};
pub use ninety_nine_digital::NinetyNineDigitalSettings;
pub use secrecy::{ExposeSecret, SecretString};
