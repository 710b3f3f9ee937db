//! The model-file byte layout shared by dyad's trained models: a magic header, a format
//! version, then a payload of varint-coded sections.
//!
//! The payload is stored uncompressed: varint-coded hashed weights are close to random
//! bytes, so deflate saved only a quarter of the size (11.6 → 8.6 MB for the parser) while
//! inflating took most of the load time. The version is checked before anything else is read,
//! so a file from an older (or newer) format is refused with a clear message instead of
//! being misread as weights.

use crate::ModelError;

/// Puts the header (`magic`, then `version`) in front of an encoded payload.
pub fn seal(magic: &[u8; 8], version: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 12);
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Checks the header and returns the payload.
pub fn open<'a>(magic: &[u8; 8], version: u32, bytes: &'a [u8]) -> Result<&'a [u8], ModelError> {
    if bytes.len() < 12 || &bytes[..8] != magic {
        return Err(ModelError::NotAModel);
    }
    let found = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if found != version {
        return Err(ModelError::Version {
            found,
            supported: version,
        });
    }
    Ok(&bytes[12..])
}

/// Appends varint-coded values to a payload.
#[derive(Default)]
pub struct Encoder {
    pub bytes: Vec<u8>,
}

impl Encoder {
    pub fn uint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub fn int(&mut self, value: i64) {
        self.uint(((value << 1) ^ (value >> 63)) as u64);
    }

    pub fn str(&mut self, value: &str) {
        self.uint(value.len() as u64);
        self.bytes.extend_from_slice(value.as_bytes());
    }

    pub fn strs(&mut self, values: &[String]) {
        self.uint(values.len() as u64);
        for v in values {
            self.str(v);
        }
    }

    /// Writes what `write` encodes as one length-prefixed section, which a reader can set
    /// aside unread ([`Decoder::section`]) and decode on another thread.
    pub fn section(&mut self, write: impl FnOnce(&mut Encoder)) {
        let mut inner = Encoder::default();
        write(&mut inner);
        self.uint(inner.bytes.len() as u64);
        self.bytes.extend_from_slice(&inner.bytes);
    }
}

/// Reads what [`Encoder`] wrote; every read is bounds-checked.
#[derive(Clone)]
pub struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Decoder<'a> {
    pub fn new(bytes: &'a [u8]) -> Decoder<'a> {
        Decoder { bytes, at: 0 }
    }

    pub fn uint(&mut self) -> Result<u64, ModelError> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let byte = *self.bytes.get(self.at).ok_or_else(|| truncated(self.at))?;
            self.at += 1;
            if shift > 63 {
                return Err(ModelError::Corrupt(format!("varint too long at byte {}", self.at)));
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    pub fn int(&mut self) -> Result<i64, ModelError> {
        let v = self.uint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A count that must be plausible for the remaining bytes (guards huge allocations).
    /// It reads a length from the payload; it is not the decoder's own length.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&mut self) -> Result<usize, ModelError> {
        let n = self.uint()? as usize;
        if n > self.bytes.len().saturating_sub(self.at).saturating_mul(8) + 8 {
            return Err(ModelError::Corrupt(format!(
                "implausible length {n} at byte {}",
                self.at
            )));
        }
        Ok(n)
    }

    pub fn str(&mut self) -> Result<&'a str, ModelError> {
        let n = self.len()?;
        let at = self.at;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).map_err(|_| ModelError::Corrupt(format!("invalid UTF-8 at byte {at}")))
    }

    /// The next `n` raw bytes.
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| truncated(self.at))?;
        let bytes = &self.bytes[self.at..end];
        self.at = end;
        Ok(bytes)
    }

    pub fn strs(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.len()?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    /// A decoder over the next section written by [`Encoder::section`]; this one moves past it.
    pub fn section(&mut self) -> Result<Decoder<'a>, ModelError> {
        let n = self.uint()? as usize;
        Ok(Decoder::new(self.take(n)?))
    }

    pub fn finish(&self) -> Result<(), ModelError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(ModelError::Corrupt(format!(
                "{} trailing bytes",
                self.bytes.len() - self.at
            )))
        }
    }
}

fn truncated(at: usize) -> ModelError {
    ModelError::Corrupt(format!("payload ends early at byte {at}"))
}

impl Decoder<'_> {
    /// Eight raw little-endian bytes (hashes do not shrink as varints).
    pub fn u64_le(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_can_be_set_aside_and_read_later() {
        let mut out = Encoder::default();
        out.section(|o| o.str("first"));
        out.section(|o| {
            o.uint(300);
            o.int(-7);
        });
        out.uint(9);
        let mut input = Decoder::new(&out.bytes);
        let mut first = input.section().unwrap();
        let mut second = input.section().unwrap();
        assert_eq!(input.uint().unwrap(), 9);
        input.finish().unwrap();
        assert_eq!((second.uint().unwrap(), second.int().unwrap()), (300, -7));
        assert_eq!(first.str().unwrap(), "first");
        second.finish().unwrap();
    }

    #[test]
    fn a_section_longer_than_the_payload_is_an_error() {
        let mut out = Encoder::default();
        out.section(|o| o.str("cut short"));
        let cut = &out.bytes[..out.bytes.len() - 3];
        assert!(matches!(Decoder::new(cut).section(), Err(ModelError::Corrupt(_))));
    }
}
