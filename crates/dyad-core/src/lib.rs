//! dyad's shared vocabulary: the plain data that flows between the pipeline's stages.
//!
//! Every stage crate (ingest, text, parse, actors, events, store) reads and writes these
//! types and nothing of each other's internals, so any stage can be fed data produced by
//! another route — e.g. the event coder can run on a gold CoNLL-U parse. This crate
//! depends on nothing of ours and does no I/O.

mod actor;
mod document;
mod parsed;
pub mod record;
mod sentence;
mod span;

pub use actor::{Actor, Mention, Resolution};
pub use document::{Document, DropReason, Dropped};
pub use parsed::{ParsedSentence, ParsedToken};
pub use sentence::{Sentence, Token};
pub use span::Span;
