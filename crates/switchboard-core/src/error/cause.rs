//! The underlying error an [`Error`](super::Error) came from, kept as its `source()`.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// The error a failure came from (reqwest's, an I/O or a `serde_json` error), shared so that
/// [`Error`](super::Error) stays `Clone`.
///
/// [`std::error::Error::source`] on an [`Error`](super::Error) returns the underlying error
/// itself, so it can be downcast and its own chain followed:
///
/// ```
/// use std::error::Error as _;
/// use switchboard_core::Error;
///
/// let json = serde_json::from_str::<u8>("").unwrap_err();
/// let e = Error::decode("message JSON", json.to_string()).with_source(json);
/// let source = e.source().expect("kept");
/// let json = source.downcast_ref::<serde_json::Error>().expect("serde_json's own error");
/// assert!(json.is_eof());
/// ```
#[derive(Clone)]
pub struct Cause(Arc<dyn std::error::Error + Send + Sync + 'static>);

impl Cause {
    /// Keeps `error` as a cause.
    pub fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Cause(Arc::new(error))
    }

    /// Whether this cause, or any error in its own `source()` chain, shows `text` in its
    /// `Display` or `Debug` form.
    pub(crate) fn shows(&self, text: &str) -> bool {
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(&*self.0);
        while let Some(e) = next {
            if e.to_string().contains(text) || format!("{e:?}").contains(text) {
                return true;
            }
            next = e.source();
        }
        false
    }
}

// Deliberately not `std::error::Error` itself: `source()` then hands out the underlying
// error (through this `Deref`), not a wrapper, so a caller can downcast it.
impl Deref for Cause {
    type Target = dyn std::error::Error + Send + Sync + 'static;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Cause {
    fn from(error: E) -> Self {
        Cause::new(error)
    }
}
