//! The one error type of ingest: a report that could not be read, named by file and line.

use std::fmt;
use std::path::PathBuf;

/// A report that was skipped, and why.
///
/// Its `Display` is one line, `path:line: what is wrong` (or `path: what is wrong` when no
/// line applies), which is what the CLI prints on standard error before moving on to the
/// next report. [`ErrorKind::reason`] gives a short key for counting skips by reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The file (or `<stdin>`) the report came from.
    pub path: PathBuf,
    /// The 1-based line, for JSONL reports.
    pub line: Option<usize>,
    pub kind: ErrorKind,
}

/// What was wrong with a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("empty report (no text)")]
    Empty,
    #[error("binary file (contains NUL bytes)")]
    Binary,
    #[error("cannot read: {0}")]
    Unreadable(String),
    #[error("unsupported file type {0:?} (expected .txt, .html, .htm or .jsonl)")]
    UnsupportedExtension(String),
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a JSON object")]
    NotAnObject,
    #[error("lacks a \"text\" field")]
    MissingText,
    #[error("\"text\" is not a string")]
    TextNotString,
}

impl ErrorKind {
    /// A short, stable key for the run summary ("skipped: 3 binary, 1 not-json").
    pub fn reason(&self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::Unreadable(_) => "unreadable",
            ErrorKind::UnsupportedExtension(_) => "unsupported-type",
            ErrorKind::NotJson(_) | ErrorKind::NotAnObject => "not-json",
            ErrorKind::MissingText | ErrorKind::TextNotString => "no-text",
        }
    }
}

impl IngestError {
    pub(crate) fn new(path: impl Into<PathBuf>, line: Option<usize>, kind: ErrorKind) -> IngestError {
        IngestError {
            path: path.into(),
            line,
            kind,
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.kind),
            None => write!(f, "{}: {}", self.path.display(), self.kind),
        }
    }
}

impl std::error::Error for IngestError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_on_one_line_with_path_and_line() {
        let e = IngestError::new(
            "a/b.jsonl",
            Some(7),
            ErrorKind::NotJson("expected value at line 1 column 1".into()),
        );
        assert_eq!(
            e.to_string(),
            "a/b.jsonl:7: not JSON: expected value at line 1 column 1"
        );
        let e = IngestError::new("x.txt", None, ErrorKind::Binary);
        assert_eq!(e.to_string(), "x.txt: binary file (contains NUL bytes)");
    }
}
