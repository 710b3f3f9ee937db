//! Issue lists: phrases that tag a story with a topic, grouped in `<ISSUE CATEGORY="…">` blocks.
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:teacher [TEACHERS]          # n: singular and plural
//! pre+n:school [EARLY_CHILDHOOD_EDUCATION]   # +: "pre school" and "pre-school"
//! ~financial literacy           # ~: a phrase that must not be coded
//! </ISSUE>
//! ```
//! `v:` generates the regular verb forms (base, -s, -ed, -ing).

use std::path::Path;

use crate::problem::{read_file, DictError, DictProblem, Problems};
use crate::source::{lines, regular_plural, split_brackets};

/// Expansion stops here: a phrase with many `+` and `n:` marks multiplies quickly.
const MAX_FORMS: usize = 256;

/// One issue phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueEntry {
    /// The phrase as written, without the `~` (e.g. `pre+n:school`).
    pub pattern: String,
    /// Every surface form the pattern stands for (`pre school`, `pre-school`, `pre schools`, …).
    pub forms: Vec<String>,
    /// The issue code; `None` for a `~` phrase, which blocks coding of the text it matches.
    pub code: Option<String>,
    /// The enclosing `<ISSUE CATEGORY="…">`, if any.
    pub category: Option<String>,
    /// Line in the file.
    pub line: usize,
}

/// Reads an issue file.
pub fn load_issues(path: &Path) -> Result<(Vec<IssueEntry>, Vec<DictProblem>), DictError> {
    let (name, bytes) = read_file(path)?;
    Ok(parse_issues(&name, &bytes))
}

/// Parses issue text; `file` names the source in problems.
pub fn parse_issues(file: &str, bytes: &[u8]) -> (Vec<IssueEntry>, Vec<DictProblem>) {
    let mut problems = Problems::new(file);
    let mut entries = Vec::new();
    let mut category: Option<(String, usize)> = None;
    for line in lines(bytes, &mut problems) {
        let (n, text) = (line.number, line.text.as_str());
        if text.is_empty() {
            continue;
        }
        if text.starts_with("</ISSUE") {
            if category.take().is_none() {
                problems.recover(n, "</ISSUE> without an open <ISSUE>");
            }
            continue;
        }
        if text.starts_with("<ISSUE") {
            if let Some((open, at)) = &category {
                problems.recover(n, format!("<ISSUE> opened while '{open}' (line {at}) is still open"));
            }
            match attribute(text, "CATEGORY") {
                Some(c) if text.ends_with('>') => category = Some((c.to_string(), n)),
                _ => {
                    problems.skip(n, "<ISSUE> tag without CATEGORY=\"…\" or closing '>'");
                    category = None;
                }
            }
            continue;
        }
        let (pattern, code) = if let Some(rest) = text.strip_prefix('~') {
            if rest.contains('[') {
                problems.skip(n, "a '~' phrase takes no [CODE]");
                continue;
            }
            (rest.trim(), None)
        } else {
            let parts = split_brackets(text);
            if let Some(fault) = parts.faults.first() {
                problems.skip(n, fault.clone());
                continue;
            }
            match parts.blocks.as_slice() {
                [code] if !code.trim().is_empty() => (parts.head, Some(code.trim().to_string())),
                [] => {
                    problems.skip(n, "issue phrase has no [CODE]");
                    continue;
                }
                _ => {
                    problems.skip(n, "issue phrase needs exactly one non-empty [CODE]");
                    continue;
                }
            }
        };
        if pattern.is_empty() {
            problems.skip(n, "empty issue phrase");
            continue;
        }
        let forms = match expand(pattern) {
            Ok(forms) => forms,
            Err(why) => {
                problems.skip(n, why);
                continue;
            }
        };
        let category = category.as_ref().map(|(c, _)| c.clone());
        entries.push(IssueEntry {
            pattern: pattern.to_string(),
            forms,
            code,
            category,
            line: n,
        });
    }
    if let Some((open, at)) = category {
        problems.recover(at, format!("<ISSUE CATEGORY=\"{open}\"> is never closed"));
    }
    (entries, problems.list)
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Every form of a pattern: words multiply out their `+` and `n:`/`v:` alternatives.
fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let mut forms = vec![String::new()];
    for word in pattern.split_whitespace() {
        let alternatives = word_forms(word)?;
        let mut next = Vec::with_capacity(forms.len() * alternatives.len());
        for form in &forms {
            for alt in &alternatives {
                next.push(if form.is_empty() {
                    alt.clone()
                } else {
                    format!("{form} {alt}")
                });
            }
        }
        if next.len() > MAX_FORMS {
            return Err(format!("'{pattern}' expands to more than {MAX_FORMS} forms"));
        }
        forms = next;
    }
    Ok(forms)
}

/// Forms of one word: `a+b` joins with a space and a hyphen; `n:` adds the plural and `v:`
/// the regular verb forms to the part it marks.
fn word_forms(word: &str) -> Result<Vec<String>, String> {
    let mut out_forms: Vec<String> = vec![String::new()];
    let pieces: Vec<&str> = word.split('+').collect();
    for (i, piece) in pieces.iter().enumerate() {
        let alternatives = piece_forms(piece)?;
        let mut next = Vec::new();
        for form in &out_forms {
            for alt in &alternatives {
                if i == 0 {
                    next.push(alt.clone());
                } else {
                    next.push(format!("{form} {alt}"));
                    next.push(format!("{form}-{alt}"));
                }
            }
        }
        out_forms = next;
    }
    Ok(out_forms)
}

fn piece_forms(piece: &str) -> Result<Vec<String>, String> {
    if let Some(noun) = piece.strip_prefix("n:") {
        if noun.is_empty() {
            return Err("'n:' marks no word".to_string());
        }
        let mut v = vec![noun.to_string()];
        v.extend(regular_plural(noun));
        return Ok(v);
    }
    if let Some(verb) = piece.strip_prefix("v:") {
        if verb.is_empty() {
            return Err("'v:' marks no word".to_string());
        }
        let stem = verb.strip_suffix('e').unwrap_or(verb);
        let third = regular_plural(verb).unwrap_or_else(|| format!("{verb}s"));
        return Ok(vec![verb.to_string(), third, format!("{stem}ed"), format!("{stem}ing")]);
    }
    if piece.is_empty() {
        return Err("'+' with nothing on one side".to_string());
    }
    Ok(vec![piece.to_string()])
}
