//! dyad's event coder: from parsed sentences and resolved actor mentions to the `event`
//! records of FORMAT.md — who did what to whom, when and where.
//!
//! Build an [`EventCoder`] once (it compiles the reference tables, the predicate lexicon
//! and the gazetteer) and share it across threads; [`EventCoder::code_document`] codes one
//! document. The coder reads only `dyad_core` data, so it runs the same on our parser's
//! trees and on gold CoNLL-U.
//!
//! ```no_run
//! use dyad_events::{Config, EventCoder};
//! let coder = EventCoder::new(Config::default());
//! # let (doc, sentences, mentions) = (dyad_core::Document::default(), vec![], vec![]);
//! let events = coder.code_document(&doc, &sentences, &mentions, None);
//! ```

mod coder;
mod dates;
pub mod eval;
mod gazetteer;
mod lexicon;
mod tables;
mod tree;

pub use coder::{CodingStats, EventCoder, PredicateTrace};
pub use gazetteer::{Gazetteer, Place};
pub use lexicon::{Condition, Entry, Lexicon, LexiconError, PredicatePos, Slot};
pub use tables::{quad_class, CodeInfo, GoldsteinTable, TableError, Tables};

/// A lexicon file given by the user, added after the built-in lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconSource {
    /// Shown in errors and in each event's `rule` ("my-verbs.lex:12").
    pub name: String,
    pub text: String,
}

/// How the coder codes. Every field has a documented default.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Which Goldstein scale to stamp on events (default GDELT's).
    pub goldstein: GoldsteinTable,
    /// Extra lexicon files, read after the built-in ones (their entries join the same
    /// lemma lists; more specific entries win).
    pub extra_lexicons: Vec<LexiconSource>,
    /// Leave out the built-in lexicon (use only `extra_lexicons`).
    pub no_builtin_lexicon: bool,
}

/// Why a coder could not be built.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error(transparent)]
    Table(#[from] TableError),
    #[error("{0}")]
    Gazetteer(String),
    #[error("{origin}: code {code} is not in the CAMEO tables")]
    UnknownCode { origin: String, code: String },
}
