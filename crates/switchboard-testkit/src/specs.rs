//! The official provider schemas (`shared/specs/` beside the repository), for tests that
//! check wire bodies against them: one place that finds them.
//!
//! The folder is `$SWITCHBOARD_SPECS_DIR`, else the workspace's `../shared/specs`. When it
//! is missing, a test fails under CI (`CI` set: a schema check never silently skips there)
//! and elsewhere notes it on stderr and skips the schema check.

use std::path::PathBuf;

/// The variable naming the specs folder.
pub const VAR: &str = "SWITCHBOARD_SPECS_DIR";

/// The specs folder, if it exists. Under CI a missing folder panics.
pub fn dir() -> Option<PathBuf> {
    let dir = std::env::var_os(VAR).map(PathBuf::from).unwrap_or_else(|| {
        // The workspace is two levels above this crate; the specs sit beside it.
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs")
    });
    if dir.is_dir() {
        return Some(dir);
    }
    missing(&dir.display().to_string());
    None
}

/// The text of the spec file `name` in [`dir`], or `None` (after a note) when the folder
/// is missing outside CI. A missing file in a present folder panics: the tests name real
/// files.
pub fn read(name: &str) -> Option<String> {
    let path = dir()?.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} missing under CI: the schema checks need the specs (set {VAR})"
    );
    eprintln!("note: {what} not found (set {VAR}); schema checks skipped");
}
