//! Cleaning: finding the parts of a report that are not the report proper.
//!
//! Three passes, each a general rule a news editor would recognise, none a list of strings
//! from particular reports:
//! 1. [`headline`] — a short first line without final punctuation, set off by a blank line;
//! 2. [`dateline`] — the place/agency prefix at the start of the body (`TEHRAN —`,
//!    `WASHINGTON (Reuters) -`, `Tehran, SANA –`, `AhlulBayt News Agency (ABNA):`);
//! 3. [`furniture`] — site furniture at the end, scanned backwards line by line: teasers,
//!    licenses, sign-offs, separators and section labels.
//!
//! Cleaning never edits `text`; everything it finds is a span into it, trimmed of
//! surrounding whitespace, so offsets downstream stay into the text as read.

mod dateline;
mod furniture;
mod headline;

use dyad_core::{Document, Span};

/// Finds headline, dateline, outlet and site furniture in `doc.text` and records them as
/// spans on the document.
///
/// What metadata already gave (a JSONL `outlet`, an HTML `og:site_name` or title) wins over
/// what the text suggests; the text only fills what is missing. Cleaning is idempotent: it
/// recomputes `headline_span`, `dateline_span` and `dropped` from scratch each time. It runs
/// in time linear in the text (the rules look at the first line and the last few lines).
pub fn clean(doc: &mut Document) {
    doc.headline_span = None;
    doc.dateline_span = None;
    doc.dropped.clear();

    headline::detect(doc);
    let body_start = skip_whitespace(&doc.text, doc.headline_span.map_or(0, |s| s.end));
    dateline::detect(doc, body_start);
    let first_line_end = line_end(&doc.text, body_start);
    // Furniture is looked for after the dateline, so the two never overlap.
    let content_start = doc.dateline_span.map_or(body_start, |s| s.end);
    furniture::detect(doc, content_start, first_line_end.max(content_start));
    doc.dropped.sort_by_key(|d| d.span);
}

/// The first non-whitespace byte at or after `from` (or the end of the text).
pub(crate) fn skip_whitespace(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !is_space(c))
        .map_or(text.len(), |i| from + i)
}

/// Whitespace for cleaning: Unicode white space plus a stray byte-order mark (JSONL text or a
/// concatenated file can carry one mid-stream).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The end of the line containing `from`, before its `\n` (the `\r` of a CRLF is left for
/// callers to trim with the rest of the whitespace).
pub(crate) fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i)
}

/// `span` shrunk to exclude leading and trailing whitespace.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start_matches(is_space).len());
    let end = span.start + s.trim_end_matches(is_space).len();
    Span::new(start, end.max(start))
}

/// The largest char boundary at or below `at`.
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
