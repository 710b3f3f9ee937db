//! Ingest: reading reports and cleaning them into [`Document`]s.
//!
//! The first stage of dyad. It turns what a user has — `.txt` files, saved `.html` pages,
//! `.jsonl` feeds, folders of them, or JSONL on standard input — into documents whose
//! `text` is exactly what was read (decoded; extracted, for HTML), and marks what is not the
//! report proper (headline, dateline, licenses, teasers, sign-offs) as spans to skip.
//!
//! - [`read_sources`] streams documents from paths; each bad report is an [`IngestError`]
//!   naming its file (and line) and the stream goes on.
//! - [`clean`] is the cleaning, also usable on documents built elsewhere.
//!
//! Text conventions (what spans index): the file's bytes decoded as UTF-8, with a leading
//! byte-order mark removed and invalid sequences replaced by U+FFFD (with a warning on the
//! document); line endings (`\n` or `\r\n`) and surrounding whitespace are kept as they are.

mod clean;
mod decode;
mod error;
mod html;
mod jsonl;
mod read;

pub use clean::clean;
pub use dyad_core::Document;
pub use error::{ErrorKind, IngestError};
pub use read::{
    document_from_html, document_from_text, read_document, read_sources, read_stdin, ReadOptions, Sources, STDIN,
};
