//! Headline detection: a short first line without final punctuation, set off by a blank line.
//!
//! Wire copy and scraped pages often begin with the title on its own line. What tells it
//! from a first paragraph is its shape, not its words: it is short, it does not end like a
//! sentence, and a blank line follows it.

use super::{line_end, skip_whitespace, trim_span};
use dyad_core::{Document, Span};

/// Headlines are rarely longer than this (in words and bytes); a longer first line is a
/// paragraph.
const MAX_WORDS: usize = 20;
const MAX_BYTES: usize = 200;
/// One- and two-word first lines are section labels ("Politics") more often than titles.
const MIN_WORDS: usize = 3;

pub(super) fn detect(doc: &mut Document) {
    let text = doc.text.as_str();
    let start = skip_whitespace(text, 0);
    if start == text.len() {
        return;
    }
    let end = line_end(text, start);
    // Bail out before looking at a long line: a 50 MB single-line report is a paragraph.
    if end - start > MAX_BYTES * 2 {
        return;
    }
    let span = trim_span(text, Span::new(start, end));
    let line = &text[span.start..span.end];

    if let Some(title) = &doc.headline {
        // Metadata gave the title; mark it in the text only when the first line is it.
        if same_title(line, title) {
            doc.headline_span = Some(span);
        }
        return;
    }
    if looks_like_headline(line) && blank_line_follows(text, end) {
        doc.headline = Some(line.to_string());
        doc.headline_span = Some(span);
    }
}

fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_like_sentence = line.ends_with(['.', '!', '?', ';', ':', ',', '…']);
    line.len() <= MAX_BYTES
        && (MIN_WORDS..=MAX_WORDS).contains(&words)
        && !ends_like_sentence
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || "\"'“‘".contains(c))
        && line.chars().any(char::is_lowercase)
}

/// True when the line ending at `end` is followed by a blank line and then more text.
fn blank_line_follows(text: &str, end: usize) -> bool {
    if end >= text.len() {
        return false;
    }
    let next = end + 1; // past the '\n'
    let next_end = line_end(text, next);
    if !text[next..next_end].trim().is_empty() || next_end >= text.len() {
        return false;
    }
    skip_whitespace(text, next_end) < text.len()
}

/// Titles from metadata and the first line of the text differ in spacing and quote style.
pub(crate) fn same_title(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .map(|c| match c {
                '‘' | '’' => '\'',
                '“' | '”' => '"',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    }
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headline(text: &str) -> Option<String> {
        let mut doc = Document {
            text: text.into(),
            ..Document::default()
        };
        detect(&mut doc);
        if let (Some(h), Some(s)) = (&doc.headline, doc.headline_span) {
            assert_eq!(&text[s.start..s.end], h);
        }
        doc.headline
    }

    #[test]
    fn short_unpunctuated_first_line_before_blank_line() {
        assert_eq!(
            headline("Assad meets Raisi in Tehran\n\nBody text here."),
            Some("Assad meets Raisi in Tehran".into())
        );
        assert_eq!(
            headline("\u{feff}  Assad meets Raisi in Tehran \r\n \r\nBody."),
            Some("Assad meets Raisi in Tehran".into())
        );
    }

    #[test]
    fn not_a_headline() {
        assert_eq!(headline("Assad met Raisi in Tehran.\n\nBody."), None); // sentence
        assert_eq!(headline("Assad meets Raisi in Tehran\nBody."), None); // no blank line
        assert_eq!(headline("Politics\n\nBody."), None); // a label
        assert_eq!(headline("Assad meets Raisi in Tehran\n\n"), None); // nothing follows
        assert_eq!(headline(&"word ".repeat(30)), None);
    }

    #[test]
    fn metadata_title_marks_matching_first_line() {
        let mut doc = Document {
            text: "Iran’s FM visits Damascus\n\nBody.".into(),
            headline: Some("Iran's FM  visits Damascus".into()),
            ..Document::default()
        };
        detect(&mut doc);
        assert_eq!(doc.headline_span, Some(Span::new(0, 27)));
        assert_eq!(doc.headline.as_deref(), Some("Iran's FM  visits Damascus"));
    }
}
