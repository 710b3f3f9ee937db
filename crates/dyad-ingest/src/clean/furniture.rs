//! Site furniture at the end of a report, found by scanning backwards line by line.
//!
//! Scraped and wire reports end in material that is not the report: a "Related"/"Check Also"
//! block of teasers, a license or copyright line, an agency sign-off (`MNA`, `End/ 257`,
//! `(Reporting by …)`), rows of dots, a section label ("English Bulletin"). Each kind has a
//! recognisable *shape*; the scan walks back from the end while lines have one of those
//! shapes and stops at the first line that reads as prose. A license sentence glued to the
//! end of the last paragraph is cut as a sentence, leaving the rest of the line to be coded.
//!
//! The first line of the body is never dropped whole, so a report cannot be emptied.

use super::{floor_boundary, trim_span};
use dyad_core::{Document, DropReason, Dropped, Span};
use regex::Regex;
use std::sync::LazyLock;

/// How many non-blank lines from the end are looked at. Furniture blocks are short.
const MAX_LINES: usize = 40;
/// A teaser label must have at most this many lines after it ...
const MAX_TEASER_LINES: usize = 15;
/// ... each at most this long (teasers are titles and one-line summaries, not paragraphs).
const MAX_TEASER_LINE_BYTES: usize = 500;
/// License and sign-off lines are short; longer lines are prose.
const MAX_FURNITURE_BYTES: usize = 600;
/// How far back from the end of the last prose line a glued license sentence may start.
const TAIL_WINDOW: usize = 800;

pub(super) fn detect(doc: &mut Document, body_start: usize, first_line_end: usize) {
    let text = doc.text.as_str();
    let lines = trailing_lines(text, body_start, first_line_end);
    let mut dropped = Vec::new();
    let mut license_outlet = None;
    let mut signoff_outlet = None;

    // 1. A teaser label and everything after it.
    let is_teaser_block = |label: usize| {
        let after = &lines[label + 1..];
        lines[label].whole
            && is_teaser_label(lines[label].str(text))
            && after.len() <= MAX_TEASER_LINES
            && after.iter().all(|l| l.span.len() <= MAX_TEASER_LINE_BYTES)
    };
    let cut = (0..lines.len())
        .find(|&label| is_teaser_block(label))
        .unwrap_or(lines.len());
    dropped.extend(lines[cut..].iter().map(|l| Dropped {
        span: l.span,
        reason: DropReason::Teaser,
    }));

    // 2. Furniture lines before it, from the end backwards, until a line reads as prose.
    for line in lines[..cut].iter().rev() {
        let s = line.str(text);
        if line.whole {
            if let Some(reason) = classify_line(s) {
                if reason == DropReason::SignOff && signoff_outlet.is_none() {
                    signoff_outlet = acronym_outlet(s);
                }
                dropped.push(Dropped {
                    span: line.span,
                    reason,
                });
                continue;
            }
        }
        // License (or reporting-credit) sentences at the end of the line.
        let tail = tail_sentences(text, *line);
        let Some(first) = tail.first() else { break };
        for (span, reason) in &tail {
            if *reason == DropReason::License && license_outlet.is_none() {
                license_outlet = license_name(&text[span.start..span.end]);
            }
            dropped.push(Dropped {
                span: *span,
                reason: *reason,
            });
        }
        if !line.whole || first.0.start > line.span.start {
            break; // prose remains on this line: the furniture ends here
        }
    }

    if doc.outlet.is_none() {
        doc.outlet = license_outlet.or(signoff_outlet);
    }
    doc.dropped.extend(dropped);
}

/// A non-blank line, trimmed; `whole` when it lies after the first line of the body and may
/// be dropped entirely.
#[derive(Clone, Copy)]
struct Line {
    span: Span,
    whole: bool,
}

impl Line {
    fn str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.start..self.span.end]
    }
}

/// The last [`MAX_LINES`] non-blank lines at or after `body_start`, in text order.
fn trailing_lines(text: &str, body_start: usize, first_line_end: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut end = text.len();
    while end > body_start && lines.len() < MAX_LINES {
        let start = memchr::memrchr(b'\n', &bytes[body_start..end]).map_or(body_start, |i| body_start + i + 1);
        let span = trim_span(text, Span::new(start, end));
        if !span.is_empty() {
            lines.push(Line {
                span,
                whole: span.start >= first_line_end,
            });
        }
        end = start.saturating_sub(1);
    }
    lines.reverse();
    lines
}

/// What a whole line is, when it is furniture (licenses are handled sentence by sentence).
fn classify_line(s: &str) -> Option<DropReason> {
    if s.len() > MAX_FURNITURE_BYTES {
        return None;
    }
    if is_separator(s) {
        Some(DropReason::Separator)
    } else if END_MARK.is_match(s) || REPORTING_CREDIT.is_match(s) || ACRONYM.is_match(s) || STAFF_CODES.is_match(s) {
        Some(DropReason::SignOff)
    } else if SHARE_OR_TAGS.is_match(s) {
        Some(DropReason::Boilerplate)
    } else if is_section_label(s) {
        Some(DropReason::SectionLabel)
    } else {
        None
    }
}

/// A row of dots, dashes, asterisks, underscores and the like.
fn is_separator(s: &str) -> bool {
    s.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && s.chars().all(|c| c.is_whitespace() || ".-_*=~•·—–―#+/\\|".contains(c))
}

/// "Teaser" labels that introduce links to other articles.
static TEASER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            check\ also | see\ also | also\ read | read\ (?:more|also|next)
          | related(?:\ (?:news|articles?|stories|posts|content|topics|coverage|reading|links|items))?
          | more\ (?:news|stories|from\ [\w\ ]{1,30}|on\ this(?:\ story|\ topic)?)
          | recommended(?:\ for\ you|\ stories|\ articles|\ reading)?
          | you\ (?:may|might)\ also\ (?:like|be\ interested\ in)
          | most\ (?:read|popular|viewed|shared) | further\ reading | latest\ (?:news|stories)
          | top\ stories | trending(?:\ now)?
        )\s*(?:[:»>›|…]+.*)?$",
    )
    .expect("valid regex")
});

fn is_teaser_label(s: &str) -> bool {
    s.len() <= MAX_TEASER_LINE_BYTES && TEASER_LABEL.is_match(s)
}

/// End-of-story marks: `End/ 257`, `/end`, `ENDS`, `-30-`, `(END)`.
static END_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[-–—/(\[]\s*)?(?:end(?:s|it)?(?:\s*/\s*\d*)?|-30-)(?:\s*[-–—/)\]])?$").expect("valid regex")
});

/// Wire credits: `(Reporting by …; Editing by …)`, "The Associated Press contributed to this report."
static REPORTING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|edited|prepared)\s+by\b[^()]*\)|(?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^.]*\.?|[^.]{0,120}\bcontributed\s+(?:to\s+)?(?:this\s+)?report(?:ing)?\.?)$",
    )
    .expect("valid regex")
});

/// An agency acronym on its own line: `MNA`, `IRNA`, `- AFP`, `(AP)`.
static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–—/(]?\s*(?P<acr>\p{Lu}[\p{Lu}0-9]{1,6})\s*\)?$").expect("valid regex"));

/// Staff and desk codes: `HJ/PR`, `ams/jj`, `MNA/TT`.
static STAFF_CODES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}{1,8}(?:/\p{Lu}{1,8})+|\p{Ll}{2,6}(?:[/-]\p{Ll}{2,6})+)$").expect("valid regex")
});

/// Share buttons and tag lists left over from a page.
static SHARE_OR_TAGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:tags|keywords|topics|filed\s+under)\s*:.*|(?:(?:share(?:\s+this(?:\s+article|\s+story)?|\s+on\s+\w+)?|print|e-?mail|tweet|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|copy\s+link|follow\s+us(?:\s+on\s+\w+)?)[\s|:,•·]*)+)$",
    )
    .expect("valid regex")
});

fn acronym_outlet(s: &str) -> Option<String> {
    ACRONYM
        .captures(s)
        .map(|c| c["acr"].to_string())
        .filter(|a| !a.eq_ignore_ascii_case("END") && !a.eq_ignore_ascii_case("ENDS"))
}

/// A short title-case label with no sentence punctuation: "English Bulletin", "World News".
fn is_section_label(s: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &["of", "and", "the", "in", "on", "for", "to", "a", "an", "at", "by", "&"];
    let words: Vec<&str> = s.split_whitespace().collect();
    s.len() <= 50
        && (1..=5).contains(&words.len())
        && s.chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || "&-'’".contains(c))
        && words
            .iter()
            .enumerate()
            .all(|(i, w)| w.chars().next().is_some_and(char::is_uppercase) || (i > 0 && FUNCTION_WORDS.contains(w)))
}

/// License lines: copyright notices, "All rights reserved", Creative Commons terms. A line
/// that merely starts with the word "Copyright" needs a ©, a year or "by" after it, so a
/// sentence about copyright law is not taken for a notice.
static LICENSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          ^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|by\b))
        | \ball\s+rights\s+reserved\b
        | \blicen[cs]ed\s+under\s+(?:a\s+|the\s+)?(?:creative\s+commons|cc[\s-]by|[\w.\s-]{0,40}\blicen[cs]e\b)
        | \bcreative\s+commons\b
        | \bmay\s+not\s+be\s+(?:published|reproduced|republished|redistributed|rewritten|copied)\b
        | ^all\s+(?:content|materials?|text)\b.{0,120}\b(?:licen[cs]|copyright|reserved|reproduc)",
    )
    .expect("valid regex")
});

fn is_license(s: &str) -> bool {
    s.len() <= MAX_FURNITURE_BYTES && LICENSE.is_match(s)
}

/// The outlet a license names: "All Content by Mehr News Agency is licensed …",
/// "© 2024 Reuters. All rights reserved.", "Copyright 2024 The Associated Press."
fn license_name(s: &str) -> Option<String> {
    static CONTENT_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:content|materials?|articles?)\s+(?:by|of|from|on)\s+(?P<name>[^.,;]{2,60}?)\s+(?:is|are)\s+licen[cs]ed").expect("valid regex")
    });
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:©|\(c\)|copyright)(?:\s*©|\s*\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<name>[^.,;|©]{2,60}?)\s*(?:[.,;|]|$|\ball\s+rights)")
            .expect("valid regex")
    });
    let name = CONTENT_BY.captures(s).or_else(|| COPYRIGHT.captures(s))?["name"]
        .trim()
        .to_string();
    let plausible = name.chars().next().is_some_and(char::is_uppercase) && name.split_whitespace().count() <= 7;
    plausible.then_some(name)
}

/// The license or credit sentences that end `line`, as (span, reason), in text order; empty
/// when the line's last sentence is prose. Only the last [`TAIL_WINDOW`] bytes are searched,
/// so a 50 MB single-line report costs no more than a short one.
fn tail_sentences(text: &str, line: Line) -> Vec<(Span, DropReason)> {
    static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"[.!?…]["'”’)\]]*\s+"#).expect("valid regex"));
    let window_start = floor_boundary(text, line.span.end.saturating_sub(TAIL_WINDOW)).max(line.span.start);
    let window = &text[window_start..line.span.end];
    // Sentence starts: the line's start (when inside the window) and after each boundary.
    let mut starts: Vec<usize> = Vec::new();
    if window_start == line.span.start {
        starts.push(window_start);
    }
    starts.extend(
        BOUNDARY
            .find_iter(window)
            .map(|m| window_start + m.end())
            .filter(|&s| s < line.span.end),
    );
    let mut found = Vec::new();
    let mut end = line.span.end;
    for &start in starts.iter().rev() {
        let span = trim_span(text, Span::new(start, end));
        let s = &text[span.start..span.end];
        let reason = if is_license(s) {
            DropReason::License
        } else if s.len() <= MAX_FURNITURE_BYTES && REPORTING_CREDIT.is_match(s) {
            DropReason::SignOff
        } else {
            break;
        };
        found.push((span, reason));
        end = start;
    }
    found.reverse();
    // "© 2024 Reuters. All rights reserved." is one notice: merge neighbours of one reason.
    let mut merged: Vec<(Span, DropReason)> = Vec::with_capacity(found.len());
    for (span, reason) in found {
        match merged.last_mut() {
            Some((last, last_reason)) if *last_reason == reason => *last = last.cover(span),
            _ => merged.push((span, reason)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shapes() {
        assert_eq!(classify_line("....................."), Some(DropReason::Separator));
        assert_eq!(classify_line("* * *"), Some(DropReason::Separator));
        assert_eq!(classify_line("End/ 257"), Some(DropReason::SignOff));
        assert_eq!(classify_line("/end"), Some(DropReason::SignOff));
        assert_eq!(classify_line("MNA"), Some(DropReason::SignOff));
        assert_eq!(
            classify_line("(Reporting by Parisa Hafezi; Editing by Alex Richardson)"),
            Some(DropReason::SignOff)
        );
        assert_eq!(classify_line("English Bulletin"), Some(DropReason::SectionLabel));
        assert_eq!(
            classify_line("Share on Facebook | Twitter"),
            Some(DropReason::Boilerplate)
        );
        assert_eq!(classify_line("He left."), None);
        assert_eq!(classify_line("The talks will resume in Geneva next week"), None);
        assert!(is_license("Copyright 2024 The Associated Press."));
        assert!(is_license("Copyright © Example Media"));
        assert!(!is_license("Copyright claims against the broadcaster were dismissed."));
    }

    #[test]
    fn outlets_from_furniture() {
        assert_eq!(acronym_outlet("MNA").as_deref(), Some("MNA"));
        assert_eq!(acronym_outlet("END"), None);
        assert_eq!(
            license_name("All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.").as_deref(),
            Some("Mehr News Agency")
        );
        assert_eq!(
            license_name("© 2024 Reuters. All rights reserved.").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            license_name("Copyright 2024 The Associated Press. All rights reserved.").as_deref(),
            Some("The Associated Press")
        );
    }

    #[test]
    fn teaser_labels() {
        for s in [
            "Check Also",
            "Related:",
            "RELATED ARTICLES",
            "Read more: Iran and Syria sign deal",
            "See also",
            "Also read",
        ] {
            assert!(is_teaser_label(s), "{s}");
        }
        for s in ["Related talks were held in Geneva.", "Read the full statement here"] {
            assert!(!is_teaser_label(s), "{s}");
        }
    }
}
