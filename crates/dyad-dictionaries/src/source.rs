//! Lines of a dictionary file: numbering, decoding, comment removal and bracket scanning.
//!
//! PETRARCH2's `read_FIN_line` drops `#` comments and `<!-- … -->` comments (which may span
//! lines); we do the same and keep the line numbers so every problem can be located.

use crate::problem::Problems;

/// Lines longer than this are reported and skipped rather than parsed: no dictionary line in
/// the published files is longer than a few hundred bytes, and a 10 MB line is damage.
pub(crate) const MAX_LINE_BYTES: usize = 64 * 1024;

/// One line of a file after comment removal.
pub(crate) struct Line {
    /// 1-based line number.
    pub(crate) number: usize,
    /// The text with comments removed and surrounding whitespace trimmed.
    pub(crate) text: String,
    /// The raw line was empty or whitespace only (a comment line is not blank): blank lines
    /// end synonym sets in the verb dictionary.
    pub(crate) blank: bool,
    /// The line could not be read at all; parsers close whatever entry was open.
    pub(crate) broken: bool,
}

/// Splits, decodes and strips a file. Undecodable bytes become U+FFFD (reported), so an entry
/// keeps its structure even when one name in it is damaged.
pub(crate) fn lines(bytes: &[u8], problems: &mut Problems) -> Vec<Line> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = Vec::new();
    let mut xml_comment_opened_at: Option<usize> = None;
    let mut pieces = bytes.split(|&b| b == b'\n').peekable();
    let mut number = 0;
    while let Some(raw) = pieces.next() {
        number += 1;
        if raw.is_empty() && pieces.peek().is_none() {
            break; // the empty remainder after a final newline is not a line
        }
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.len() > MAX_LINE_BYTES {
            problems.skip(
                number,
                format!("line is {} bytes long (limit {MAX_LINE_BYTES})", raw.len()),
            );
            out.push(Line {
                number,
                text: String::new(),
                blank: false,
                broken: true,
            });
            continue;
        }
        let decoded = match std::str::from_utf8(raw) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(e) => {
                problems.recover(
                    number,
                    format!(
                        "not valid UTF-8 at byte {}; read with replacement characters",
                        e.valid_up_to() + 1
                    ),
                );
                String::from_utf8_lossy(raw)
            }
        };
        let blank = decoded.trim().is_empty();
        if xml_comment_opened_at.is_none()
            && decoded.trim_start().starts_with("<!")
            && !decoded.trim_start().starts_with("<!--")
        {
            // PETRARCH2 skips any line that starts with `<!`, even a malformed `<! -- … -->`.
            out.push(Line {
                number,
                text: String::new(),
                blank: false,
                broken: false,
            });
            continue;
        }
        let text = strip_comments(&decoded, number, &mut xml_comment_opened_at);
        out.push(Line {
            number,
            text: text.trim().to_string(),
            blank,
            broken: false,
        });
    }
    if let Some(opened) = xml_comment_opened_at {
        problems.skip(opened, "unclosed <!-- comment runs to the end of the file");
    }
    out
}

/// Removes `#…` and `<!-- … -->` comments; `open` carries an XML comment across lines.
fn strip_comments(line: &str, number: usize, open: &mut Option<usize>) -> String {
    let mut kept = String::new();
    let mut rest = line;
    loop {
        if open.is_some() {
            match rest.find("-->") {
                Some(end) => {
                    *open = None;
                    rest = &rest[end + 3..];
                }
                None => return kept,
            }
        }
        let hash = rest.find('#');
        let xml = rest.find("<!--");
        match (hash, xml) {
            (Some(h), Some(x)) if x < h => {
                kept.push_str(&rest[..x]);
                *open = Some(number);
                rest = &rest[x + 4..];
            }
            (None, Some(x)) => {
                kept.push_str(&rest[..x]);
                *open = Some(number);
                rest = &rest[x + 4..];
            }
            (Some(h), _) => {
                kept.push_str(&rest[..h]);
                return kept;
            }
            (None, None) => {
                kept.push_str(rest);
                return kept;
            }
        }
    }
}

/// A line split at its bracketed blocks: `NAME [A] [B 990101-]` → head `NAME`, blocks `A`,
/// `B 990101-`. `faults` names unbalanced brackets and stray text after the blocks.
pub(crate) struct Bracketed<'a> {
    pub(crate) head: &'a str,
    pub(crate) blocks: Vec<&'a str>,
    pub(crate) faults: Vec<String>,
}

pub(crate) fn split_brackets(text: &str) -> Bracketed<'_> {
    let mut faults = Vec::new();
    let mut blocks = Vec::new();
    let (head, mut rest) = match text.find('[') {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    if head.contains(']') {
        faults.push("']' without '['".to_string());
    }
    while let Some(after) = rest.strip_prefix('[') {
        match after.find(']') {
            Some(end) => {
                let inner = &after[..end];
                if inner.contains('[') {
                    faults.push(format!("'[' inside [{inner}]"));
                } else {
                    blocks.push(inner);
                }
                rest = after[end + 1..].trim_start();
            }
            None => {
                faults.push(format!("unclosed bracket in '[{after}'"));
                rest = "";
            }
        }
        if !rest.is_empty() && !rest.starts_with('[') {
            let stray = match rest.find('[') {
                Some(i) => &rest[..i],
                None => rest,
            };
            faults.push(format!("unexpected text '{}' after a bracket", stray.trim()));
            rest = &rest[stray.len()..];
        }
    }
    Bracketed {
        head: head.trim(),
        blocks,
        faults,
    }
}

/// PETRARCH's phrase form: underscores join words; runs of spaces collapse.
pub(crate) fn phrase(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The regular English plural of a phrase's last word, as PETRARCH generates it for agents
/// and issue nouns: consonant+Y → IES; S, SH, CH, X, Z → +ES; otherwise +S. Case follows
/// the word (upper-case dictionaries get upper-case endings).
pub(crate) fn regular_plural(phrase: &str) -> Option<String> {
    let last = phrase.chars().last()?;
    if !last.is_alphabetic() {
        return None;
    }
    let upper = last.is_uppercase();
    let lower = phrase.to_lowercase();
    let suffix = |s: &str| {
        if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    };
    let mut chars = lower.chars().rev();
    let (l1, l2) = (chars.next()?, chars.next());
    let vowel = |c: Option<char>| matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u'));
    if l1 == 'y' && !vowel(l2) {
        let stem = &phrase[..phrase.len() - last.len_utf8()];
        return Some(format!("{stem}{}", suffix("ies")));
    }
    if matches!(l1, 's' | 'x' | 'z') || ((l1 == 'h') && matches!(l2, Some('s' | 'c'))) {
        return Some(format!("{phrase}{}", suffix("es")));
    }
    Some(format!("{phrase}{}", suffix("s")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_of_both_kinds_are_removed_across_lines() {
        let mut p = Problems::new("t.txt");
        let ls = lines(b"A # one\n<!-- x\n y --> B\nC <!-- z --> D\n", &mut p);
        let texts: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["A", "", "B", "C  D"]);
        assert!(p.list.is_empty());
    }

    #[test]
    fn brackets_are_split_and_faults_named() {
        let b = split_brackets("NAME_ [A] [B 990101-]");
        assert_eq!((b.head, b.blocks.clone()), ("NAME_", vec!["A", "B 990101-"]));
        assert!(b.faults.is_empty());
        let b = split_brackets("NAME [A");
        assert_eq!(b.faults.len(), 1);
        let b = split_brackets("NAME [A] junk [B]");
        assert_eq!(b.blocks, vec!["A", "B"]);
        assert_eq!(b.faults.len(), 1);
    }

    #[test]
    fn plurals_follow_english_spelling() {
        assert_eq!(regular_plural("ARMY").as_deref(), Some("ARMIES"));
        assert_eq!(regular_plural("BOSS").as_deref(), Some("BOSSES"));
        assert_eq!(regular_plural("ATTORNEY").as_deref(), Some("ATTORNEYS"));
        assert_eq!(regular_plural("CHURCH").as_deref(), Some("CHURCHES"));
        assert_eq!(regular_plural("police officer").as_deref(), Some("police officers"));
        assert_eq!(regular_plural("G7"), None);
    }
}
