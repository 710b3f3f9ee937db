//! This model's file header; the layout itself (varint payload, version check before
//! anything is read) is dyad-perceptron's.

use crate::NerError;
pub(crate) use dyad_perceptron::{Decoder, Encoder};

/// The first bytes of every model file.
pub(crate) const MAGIC: &[u8; 8] = b"DYADNER\0";
/// Bumped whenever the payload layout or the feature templates change.
pub const FORMAT_VERSION: u32 = 4;

/// Puts the header in front of an encoded payload.
pub(crate) fn seal(payload: &[u8]) -> Vec<u8> {
    dyad_perceptron::seal(MAGIC, FORMAT_VERSION, payload)
}

/// Checks the header and returns the payload.
pub(crate) fn open(bytes: &[u8]) -> Result<&[u8], NerError> {
    Ok(dyad_perceptron::open(MAGIC, FORMAT_VERSION, bytes)?)
}
