//! Test support: the one place that says where `../shared` is.
//!
//! Tests that read the shared datasets call [`shared_dir`] (or the [`require_shared!`] macro).
//! The path comes from `DYAD_SHARED`, defaulting to `../shared` beside the workspace root.
//! When it is missing, tests fail under CI (`CI=true`) — a green CI must have run them — and
//! elsewhere they are skipped with a visible notice on standard error.

use std::path::{Path, PathBuf};

/// The workspace root (this crate lives at `<root>/crates/dyad-testkit`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crate sits two levels below the root")
        .to_path_buf()
}

/// The configured shared folder, whether or not it exists.
pub fn shared_path() -> PathBuf {
    match std::env::var_os("DYAD_SHARED") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => workspace_root().join("../shared"),
    }
}

/// `Some(path)` to the shared folder (or a path inside it) when it exists. When it does not:
/// panics under CI, otherwise prints a skip notice naming `test` and returns `None`.
pub fn shared_dir(test: &str, relative: &str) -> Option<PathBuf> {
    let path = shared_path().join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!(
            "{test}: {} not found (set DYAD_SHARED); CI must run this test",
            path.display()
        );
    }
    eprintln!(
        "NOTICE: skipped {test}: {} not found (set DYAD_SHARED to run it)",
        path.display()
    );
    None
}

/// `let dir = require_shared!("data/ud-english-ewt");` — returns from the test when skipped.
#[macro_export]
macro_rules! require_shared {
    ($relative:expr) => {
        match $crate::shared_dir(module_path!(), $relative) {
            Some(path) => path,
            None => return,
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_holds_the_workspace_manifest() {
        assert!(workspace_root().join("Cargo.toml").exists());
        assert!(workspace_root().join("crates/dyad-testkit").exists());
    }
}
