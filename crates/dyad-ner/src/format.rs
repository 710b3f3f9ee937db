//! This model's file header; the layout itself (varint payload, version check before
//! anything is read) is dyad-perceptron's.

use crate::perceptron::HashedMap;
use crate::NerError;
pub(crate) use dyad_perceptron::{Decoder, Encoder};

/// The first bytes of every model file.
pub(crate) const MAGIC: &[u8; 8] = b"DYADNER\0";
/// Bumped whenever the payload layout, the feature templates or the meaning of the tag
/// classes change (5: BILOU tags instead of BIO, tag-pair weights in tables of their own).
pub const FORMAT_VERSION: u32 = 5;

/// Puts the header in front of an encoded payload.
pub(crate) fn seal(payload: &[u8]) -> Vec<u8> {
    dyad_perceptron::seal(MAGIC, FORMAT_VERSION, payload)
}

/// Checks the header and returns the payload.
pub(crate) fn open(bytes: &[u8]) -> Result<&[u8], NerError> {
    Ok(dyad_perceptron::open(MAGIC, FORMAT_VERSION, bytes)?)
}

/// Writes a hashed-key table of small values: its size, then the sorted keys as gaps
/// (varints), each followed by its value.
pub(crate) fn encode_byte_table(table: &HashedMap<u8>, out: &mut Encoder) {
    let mut entries: Vec<(u64, u8)> = table.iter().map(|(&k, &v)| (k, v)).collect();
    entries.sort_unstable();
    out.uint(entries.len() as u64);
    let mut last = 0u64;
    for (key, value) in entries {
        out.uint(key - last);
        out.uint(u64::from(value));
        last = key;
    }
}

/// Reads what [`encode_byte_table`] wrote; `valid` says which values `what` may hold.
pub(crate) fn decode_byte_table(
    input: &mut Decoder,
    what: &str,
    valid: impl Fn(u64) -> bool,
) -> Result<HashedMap<u8>, NerError> {
    let n = input.len()?;
    let mut table = HashedMap::with_capacity_and_hasher(n, Default::default());
    let mut key = 0u64;
    for _ in 0..n {
        key = key
            .checked_add(input.uint()?)
            .ok_or_else(|| NerError::Corrupt(format!("{what} keys out of order")))?;
        let value = input.uint()?;
        if !valid(value) {
            return Err(NerError::Corrupt(format!("{what} value {value}")));
        }
        table.insert(key, value as u8);
    }
    Ok(table)
}
