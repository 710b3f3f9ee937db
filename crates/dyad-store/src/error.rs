//! The store's one error type: every failure says what it was doing and to which file, in
//! words a user can act on (a full disk, a read-only file, a database from a newer dyad).

use std::path::PathBuf;

/// Why a store operation failed. Analysis never fails here; only I/O, the database and bad
/// query arguments do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file was written by a newer dyad whose schema this build does not know.
    #[error(
        "{path}: the database has schema version {found}, but this dyad understands versions up to {supported}; \
         use a newer dyad (the database was left untouched)"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    /// A read-only open found an older schema it cannot migrate without writing.
    #[error("{path}: the database has schema version {found} (current is {supported}); run `dyad ingest` once to upgrade it")]
    OlderSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: no database there (create one with `dyad ingest`)")]
    Missing { path: PathBuf },
    #[error(
        "{path}: the database is read-only (file or folder permissions, or opened read-only); nothing was written"
    )]
    ReadOnly { path: PathBuf },
    #[error("{path}: the disk is full (or the database hit its size limit); the current batch was rolled back and the database is intact")]
    Full { path: PathBuf },
    #[error("{path}: {message}")]
    Database { path: PathBuf, message: String },
    /// A query argument that names no known code, date or option.
    #[error("{0}")]
    BadQuery(String),
    #[error("cannot write the export: {0}")]
    Export(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Classifies a SQLite error for `path`: full disks and read-only files get their own
    /// variants because the user's remedy differs.
    pub(crate) fn from_sqlite(path: &std::path::Path, error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match error.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::DiskFull) => StoreError::Full { path },
            Some(ErrorCode::CannotOpen) if !path.exists() => StoreError::Missing { path },
            _ => StoreError::Database {
                path,
                message: error.to_string(),
            },
        }
    }
}

impl From<csv::Error> for StoreError {
    fn from(error: csv::Error) -> StoreError {
        StoreError::Export(error.to_string())
    }
}
