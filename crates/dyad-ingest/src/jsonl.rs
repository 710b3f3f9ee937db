//! JSON Lines reports: one `{"id", "text", "published"?, "outlet"?, "url"?, "title"?}` a line.
//!
//! Read one line at a time, so a file of a million reports never sits in memory. A bad line
//! is an error naming the file and line, and the lines after it still come. A line without
//! an `id` gets `<file stem>:<line>` (`news:17`), which is unique within a run and stable
//! across runs of the same file.

use crate::decode::{decode_lossy, utf8_warning};
use crate::error::{ErrorKind, IngestError};
use crate::ReadOptions;
use chrono::{DateTime, NaiveDate};
use dyad_core::Document;
use serde_json::Value;
use std::io::BufRead;
use std::path::PathBuf;

/// Reports from a JSONL stream, one per non-blank line.
pub(crate) struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    path: PathBuf,
    stem: String,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, path: PathBuf) -> JsonlReader {
        let stem = path.file_stem().map_or_else(
            || path.to_string_lossy().into_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        JsonlReader {
            reader,
            path,
            stem,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    pub(crate) fn next_document(&mut self, options: &ReadOptions) -> Option<Result<Document, IngestError>> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Err(e) => {
                    // A read error (a vanished file, a broken pipe) ends the stream.
                    self.done = true;
                    return Some(Err(IngestError::new(
                        &self.path,
                        Some(self.line + 1),
                        ErrorKind::Unreadable(e.to_string()),
                    )));
                }
                Ok(_) => {
                    self.line += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let result = parse_line(&self.buf, &self.stem, self.line, options)
                        .map_err(|kind| IngestError::new(&self.path, Some(self.line), kind));
                    // Keep a huge line's buffer from pinning memory for the rest of the file.
                    if self.buf.capacity() > 1 << 20 {
                        self.buf = Vec::new();
                    }
                    return Some(result);
                }
            }
        }
        None
    }
}

fn parse_line(bytes: &[u8], stem: &str, line: usize, options: &ReadOptions) -> Result<Document, ErrorKind> {
    if memchr::memchr(0, bytes).is_some() {
        return Err(ErrorKind::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (json, replaced) = decode_lossy(bytes);
    let value: Value = serde_json::from_str(&json).map_err(|e| ErrorKind::NotJson(e.to_string()))?;
    let Value::Object(mut fields) = value else {
        return Err(ErrorKind::NotAnObject);
    };
    let text = match fields.remove("text") {
        None | Some(Value::Null) => return Err(ErrorKind::MissingText),
        Some(Value::String(text)) => text,
        Some(_) => return Err(ErrorKind::TextNotString),
    };
    if text.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    let id = match fields.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{stem}:{line}"),
    };
    let string = |name: &str| match fields.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let mut warnings = Vec::new();
    if replaced > 0 {
        warnings.push(utf8_warning(replaced));
    }
    let published = match fields.get("published") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => {
            let date = parse_date(s);
            if date.is_none() {
                warnings.push(format!("invalid \"published\" {s:?} ignored (expected YYYY-MM-DD)"));
            }
            date
        }
        Some(other) => {
            warnings.push(format!("invalid \"published\" {other} ignored (expected YYYY-MM-DD)"));
            None
        }
    };
    let mut doc = Document {
        id,
        text,
        outlet: string("outlet"),
        url: string("url"),
        published: published.or(options.default_date),
        headline: string("title"),
        warnings,
        ..Document::default()
    };
    crate::clean(&mut doc);
    Ok(doc)
}

/// A publication date from the forms feeds use: `2024-03-05`, `2024-03-05T10:00:00Z`,
/// `2024-03-05 10:00`, or RFC 2822 (`Tue, 05 Mar 2024 10:00:00 GMT`). The date is taken as
/// written, without converting time zones: the reporter's calendar day is the one that counts.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(day) = s.get(..10) {
        let rest = &s[10..];
        if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
            if let Ok(date) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                return Some(date);
            }
        }
    }
    DateTime::parse_from_rfc2822(s).ok().map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<Result<Document, String>> {
        let mut reader = JsonlReader::new(
            Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            "feed.jsonl".into(),
        );
        std::iter::from_fn(|| reader.next_document(&ReadOptions::default()))
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn bad_lines_are_errors_and_later_lines_still_come() {
        let input = "{\"id\":\"a\",\"text\":\"One.\"}\n\n{not json}\n{\"id\":\"b\"}\n{\"text\":5}\n[1]\n{\"text\":\"Two.\",\"published\":\"2024-03-05T10:00:00Z\"}\n{\"text\":\"  \"}\n";
        let got = read_all(input);
        assert_eq!(got.len(), 7);
        assert_eq!(got[0].as_ref().unwrap().id, "a");
        assert!(
            got[1].as_ref().unwrap_err().starts_with("feed.jsonl:3: not JSON: "),
            "{:?}",
            got[1]
        );
        assert_eq!(got[2].as_ref().unwrap_err(), "feed.jsonl:4: lacks a \"text\" field");
        assert_eq!(got[3].as_ref().unwrap_err(), "feed.jsonl:5: \"text\" is not a string");
        assert_eq!(got[4].as_ref().unwrap_err(), "feed.jsonl:6: not a JSON object");
        let two = got[5].as_ref().unwrap();
        assert_eq!(
            (two.id.as_str(), two.published),
            ("feed:7", NaiveDate::from_ymd_opt(2024, 3, 5))
        );
        assert_eq!(got[6].as_ref().unwrap_err(), "feed.jsonl:8: empty report (no text)");
    }

    #[test]
    fn metadata_fields_and_invalid_date_warning() {
        let got = read_all("{\"id\":7,\"text\":\"Body.\",\"outlet\":\"IRNA\",\"url\":\"http://x\",\"title\":\"T\",\"published\":\"yesterday\"}");
        let doc = got[0].as_ref().unwrap();
        assert_eq!(doc.id, "7");
        assert_eq!(doc.outlet.as_deref(), Some("IRNA"));
        assert_eq!(doc.url.as_deref(), Some("http://x"));
        assert_eq!(doc.headline.as_deref(), Some("T"));
        assert_eq!(doc.published, None);
        assert_eq!(
            doc.warnings,
            vec!["invalid \"published\" \"yesterday\" ignored (expected YYYY-MM-DD)".to_string()]
        );
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5);
        assert_eq!(parse_date("2024-03-05"), d);
        assert_eq!(parse_date("2024-03-05 10:00"), d);
        assert_eq!(parse_date("Tue, 05 Mar 2024 10:00:00 GMT"), d);
        assert_eq!(parse_date("2024-13-05"), None);
        assert_eq!(parse_date("2024-03-05x"), None);
        assert_eq!(parse_date("März"), None);
    }
}
