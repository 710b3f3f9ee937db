//! Evaluation of quotes against PolNeAR's attribution annotations.
//!
//! [`read_brat`] turns one brat `.ann` file (with its text) into attributions with byte
//! spans; [`score_document`] compares them with `find_quotes`' output and [`Scores`] adds
//! documents up and prints precision, recall and F1. Reading files is the caller's job (the
//! CLI's `dyad eval quotes`): this module only parses and counts.

mod brat;
mod score;

pub use brat::{read_brat, Attribution, BratError};
pub use score::{mismatches, score_document, Counts, Mismatch, Scores};
