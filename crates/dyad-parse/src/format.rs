//! The model file's byte layout: a magic header, a format version, then a payload of
//! varint-coded sections.
//!
//! The payload is stored uncompressed: varint-coded hashed weights are close to random
//! bytes, so deflate saved only a quarter of the size (11.6 → 8.6 MB) while inflating took
//! most of the model's load time. The version is checked before anything else is read, so
//! a file from an older (or newer) format is refused with a clear message instead of being
//! misread as weights.

use crate::ParseError;

/// The first bytes of every model file.
pub(crate) const MAGIC: &[u8; 8] = b"DYADPRS\0";
/// Bumped whenever the payload layout or the feature templates change (2: uncompressed
/// payload, case-aware lemma rules, known-lemma list; 3: word clusters, two-pass tagger,
/// lemma by form, cluster features in the parser).
pub const FORMAT_VERSION: u32 = 3;

/// Puts the header in front of an encoded payload.
pub(crate) fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 12);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Checks the header and returns the payload.
pub(crate) fn open(bytes: &[u8]) -> Result<&[u8], ParseError> {
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        return Err(ParseError::NotAModel);
    }
    let found = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if found != FORMAT_VERSION {
        return Err(ParseError::Version {
            found,
            supported: FORMAT_VERSION,
        });
    }
    Ok(&bytes[12..])
}

/// Appends varint-coded values to a payload.
#[derive(Default)]
pub(crate) struct Encoder {
    pub(crate) bytes: Vec<u8>,
}

impl Encoder {
    pub(crate) fn uint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub(crate) fn int(&mut self, value: i64) {
        self.uint(((value << 1) ^ (value >> 63)) as u64);
    }

    pub(crate) fn str(&mut self, value: &str) {
        self.uint(value.len() as u64);
        self.bytes.extend_from_slice(value.as_bytes());
    }

    pub(crate) fn strs(&mut self, values: &[String]) {
        self.uint(values.len() as u64);
        for v in values {
            self.str(v);
        }
    }
}

/// Reads what [`Encoder`] wrote; every read is bounds-checked.
pub(crate) struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Decoder<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Decoder<'a> {
        Decoder { bytes, at: 0 }
    }

    pub(crate) fn uint(&mut self) -> Result<u64, ParseError> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let byte = *self.bytes.get(self.at).ok_or_else(|| truncated(self.at))?;
            self.at += 1;
            if shift > 63 {
                return Err(ParseError::Corrupt(format!("varint too long at byte {}", self.at)));
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    pub(crate) fn int(&mut self) -> Result<i64, ParseError> {
        let v = self.uint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A count that must be plausible for the remaining bytes (guards huge allocations).
    pub(crate) fn len(&mut self) -> Result<usize, ParseError> {
        let n = self.uint()? as usize;
        if n > self.bytes.len().saturating_sub(self.at).saturating_mul(8) + 8 {
            return Err(ParseError::Corrupt(format!(
                "implausible length {n} at byte {}",
                self.at
            )));
        }
        Ok(n)
    }

    pub(crate) fn str(&mut self) -> Result<&'a str, ParseError> {
        let n = self.len()?;
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| truncated(self.at))?;
        let s = std::str::from_utf8(&self.bytes[self.at..end])
            .map_err(|_| ParseError::Corrupt(format!("invalid UTF-8 at byte {}", self.at)))?;
        self.at = end;
        Ok(s)
    }

    pub(crate) fn strs(&mut self) -> Result<Vec<String>, ParseError> {
        let n = self.len()?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    pub(crate) fn finish(&self) -> Result<(), ParseError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(ParseError::Corrupt(format!(
                "{} trailing bytes",
                self.bytes.len() - self.at
            )))
        }
    }
}

fn truncated(at: usize) -> ParseError {
    ParseError::Corrupt(format!("payload ends early at byte {at}"))
}

impl Decoder<'_> {
    /// Eight raw little-endian bytes (hashes do not shrink as varints).
    pub(crate) fn u64_le(&mut self) -> Result<u64, ParseError> {
        let bytes = self.bytes.get(self.at..self.at + 8).ok_or_else(|| truncated(self.at))?;
        self.at += 8;
        Ok(u64::from_le_bytes(bytes.try_into().expect("8 bytes")))
    }
}
