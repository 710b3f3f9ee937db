//! Problems found while reading a dictionary, and the one error type (I/O).

use std::fmt;
use std::path::PathBuf;

/// What the reader did with a line it found fault with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemAction {
    /// The line (or the part named) was not loaded.
    Skipped,
    /// The line was loaded with the reading stated in the message.
    Recovered,
}

/// One fault in a dictionary file, located by file name and 1-based line number, so a curator
/// can open the file at the right place: `Phoenix.agents.txt:1927: agent has no [~CODE]; skipped`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictProblem {
    /// The file name (not the whole path), as it appears in messages.
    pub file: String,
    /// 1-based line number; 0 for faults of the file as a whole.
    pub line: usize,
    /// What is wrong, and what was done about it.
    pub message: String,
    /// Whether the line was skipped or read in a stated way.
    pub action: ProblemAction,
}

impl fmt::Display for DictProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = match self.action {
            ProblemAction::Skipped => "skipped",
            ProblemAction::Recovered => "loaded anyway",
        };
        write!(f, "{}:{}: {} ({action})", self.file, self.line, self.message)
    }
}

/// Reading a dictionary fails only when the file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// The file or folder could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// Collects problems for one file, so parsers need not repeat the file name.
pub(crate) struct Problems {
    pub(crate) file: String,
    pub(crate) list: Vec<DictProblem>,
}

impl Problems {
    pub(crate) fn new(file: &str) -> Self {
        Problems {
            file: file.to_string(),
            list: Vec::new(),
        }
    }

    pub(crate) fn skip(&mut self, line: usize, message: impl Into<String>) {
        self.push(line, message.into(), ProblemAction::Skipped);
    }

    pub(crate) fn recover(&mut self, line: usize, message: impl Into<String>) {
        self.push(line, message.into(), ProblemAction::Recovered);
    }

    fn push(&mut self, line: usize, message: String, action: ProblemAction) {
        self.list.push(DictProblem {
            file: self.file.clone(),
            line,
            message,
            action,
        });
    }
}

/// Reads a whole file, naming it in the error.
pub(crate) fn read_file(path: &std::path::Path) -> Result<(String, Vec<u8>), DictError> {
    let bytes = std::fs::read(path).map_err(|source| DictError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((name, bytes))
}
