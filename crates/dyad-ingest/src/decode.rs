//! Turning a file's bytes into the text every span points into.
//!
//! The rules, in one place because every offset downstream depends on them:
//! - a leading UTF-8 byte-order mark is removed (it is an encoding marker, not text), so
//!   spans index the decoded text without it;
//! - invalid UTF-8 is repaired, each maximal invalid sequence becoming one U+FFFD, and the
//!   document gets a warning saying how many bytes were replaced;
//! - CRLF line endings are kept as they are (cleaning treats `\r\n` as a line end), so the
//!   text stays byte-identical to the file apart from the two repairs above.

use crate::error::ErrorKind;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decoded text and what was repaired on the way.
pub(crate) struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Decodes a whole report, refusing binary and empty input. Takes the bytes by value so
/// valid UTF-8 (the common case) becomes the text without a copy.
pub(crate) fn decode_report(mut bytes: Vec<u8>) -> Result<Decoded, ErrorKind> {
    if memchr::memchr(0, &bytes).is_some() {
        return Err(ErrorKind::Binary);
    }
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    let (text, replaced) = match String::from_utf8(bytes) {
        Ok(text) => (text, 0),
        Err(e) => decode_lossy(e.as_bytes()),
    };
    if text.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    let mut warnings = Vec::new();
    if replaced > 0 {
        warnings.push(utf8_warning(replaced));
    }
    Ok(Decoded { text, warnings })
}

pub(crate) fn utf8_warning(replaced: usize) -> String {
    format!("invalid UTF-8 repaired ({replaced} bytes replaced)")
}

/// UTF-8 decoding that replaces invalid sequences; returns the text and the number of
/// invalid bytes. Linear in the input, and copies nothing extra when the input is valid.
pub(crate) fn decode_lossy(bytes: &[u8]) -> (String, usize) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), 0);
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            replaced += chunk.invalid().len();
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    (text, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_repairs_utf8() {
        let d = decode_report(b"\xEF\xBB\xBFcaf\xC3\xA9 \xFF\xFEok".to_vec()).unwrap();
        assert_eq!(d.text, "café \u{FFFD}\u{FFFD}ok");
        assert_eq!(
            d.warnings,
            vec!["invalid UTF-8 repaired (2 bytes replaced)".to_string()]
        );
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert_eq!(decode_report(b"abc\0def".to_vec()).err(), Some(ErrorKind::Binary));
        assert_eq!(decode_report(b" \r\n\t ".to_vec()).err(), Some(ErrorKind::Empty));
        assert_eq!(decode_report(b"\xEF\xBB\xBF\n".to_vec()).err(), Some(ErrorKind::Empty));
    }

    #[test]
    fn keeps_crlf() {
        assert_eq!(decode_report(b"a\r\nb".to_vec()).unwrap().text, "a\r\nb");
    }
}
