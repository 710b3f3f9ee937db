//! A report after ingest: its text as read, and what cleaning found in it.

use crate::Span;
use chrono::NaiveDate;
use serde::Serialize;

/// One report, read and cleaned, ready for sentence splitting.
///
/// `text` is the original text (after UTF-8 decoding; for HTML, the extracted article text).
/// Cleaning never edits it: headline, dateline and site furniture are recorded as spans so
/// every later offset still points into what the user gave us.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Stable id: the file stem for `.txt`/`.html`, the `id` field for JSONL.
    pub id: String,
    pub text: String,
    /// The news outlet, from metadata, the dateline credit or a license footer.
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// The headline, from metadata or detected as the first line of the text.
    pub headline: Option<String>,
    /// Where the headline sits in `text`, when it was detected there.
    pub headline_span: Option<Span>,
    /// The place of the dateline (`TEHRAN —` → "TEHRAN").
    pub dateline: Option<String>,
    /// The whole dateline/credit prefix, which is not coded.
    pub dateline_span: Option<Span>,
    /// Site furniture and boilerplate: not coded, reported in the `document` record.
    pub dropped: Vec<Dropped>,
    /// True when `text` was extracted from HTML (FORMAT.md then puts it in the record).
    pub from_html: bool,
    /// Problems repaired while reading (e.g. invalid UTF-8); the CLI reports them.
    pub warnings: Vec<String>,
}

impl Document {
    /// The parts of `text` to code: everything but the headline, the dateline and the
    /// dropped spans, in text order.
    pub fn body_regions(&self) -> Vec<Span> {
        let mut cut: Vec<Span> = self.dropped.iter().map(|d| d.span).collect();
        cut.extend(self.headline_span);
        cut.extend(self.dateline_span);
        cut.sort();
        let mut regions = Vec::new();
        let mut at = 0;
        for span in cut {
            if span.start > at {
                regions.push(Span::new(at, span.start));
            }
            at = at.max(span.end);
        }
        if at < self.text.len() {
            regions.push(Span::new(at, self.text.len()));
        }
        regions
    }
}

/// A span of the text that is not part of the report proper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dropped {
    pub span: Span,
    pub reason: DropReason,
}

/// Why a span was dropped; shown in the run summary and the `document` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropReason {
    /// "All Content by … is licensed …", "© 2024 …", "All rights reserved".
    License,
    /// "Check Also", "Related", "Read more" and the teasers after them.
    Teaser,
    /// Agency sign-offs: `MNA`, `End/ 257`, `(Reporting by …)`.
    SignOff,
    /// Rows of dots, dashes or other punctuation.
    Separator,
    /// Section labels such as "English Bulletin".
    SectionLabel,
    /// Other site furniture (navigation, share buttons, …).
    Boilerplate,
}

impl DropReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            DropReason::License => "license",
            DropReason::Teaser => "teaser",
            DropReason::SignOff => "sign-off",
            DropReason::Separator => "separator",
            DropReason::SectionLabel => "section-label",
            DropReason::Boilerplate => "boilerplate",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_regions_skip_headline_dateline_and_dropped() {
        let text = "Head\n\nTEHRAN — Body one. Body two.\nMNA".to_string();
        let doc = Document {
            text: text.clone(),
            headline_span: Some(Span::new(0, 4)),
            dateline_span: Some(Span::new(6, 17)),
            dropped: vec![Dropped {
                span: Span::new(text.len() - 3, text.len()),
                reason: DropReason::SignOff,
            }],
            ..Document::default()
        };
        let regions = doc.body_regions();
        let parts: Vec<&str> = regions.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(parts, vec!["\n\n", "Body one. Body two.\n"]);
    }
}
