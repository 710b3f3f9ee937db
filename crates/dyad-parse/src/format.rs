//! This model's file header; the layout itself (varint payload, version check before
//! anything is read) is dyad-perceptron's.

use crate::ParseError;
pub(crate) use dyad_perceptron::{Decoder, Encoder};

/// The first bytes of every model file.
pub(crate) const MAGIC: &[u8; 8] = b"DYADPRS\0";
/// Bumped whenever the payload layout or the feature templates change (2: uncompressed
/// payload, case-aware lemma rules, known-lemma list; 3: word clusters, two-pass tagger,
/// lemma by form, cluster features in the parser; 4: ranked lemma rules per suffix; 5: the
/// four parts as length-prefixed sections, decoded in parallel; 6: the attachment
/// corrector after the parser's weights).
pub const FORMAT_VERSION: u32 = 6;

/// Puts the header in front of an encoded payload.
pub(crate) fn seal(payload: &[u8]) -> Vec<u8> {
    dyad_perceptron::seal(MAGIC, FORMAT_VERSION, payload)
}

/// Checks the header and returns the payload.
pub(crate) fn open(bytes: &[u8]) -> Result<&[u8], ParseError> {
    Ok(dyad_perceptron::open(MAGIC, FORMAT_VERSION, bytes)?)
}
