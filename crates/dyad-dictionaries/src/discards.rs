//! Discard lists: phrases that mark a sentence (or, with `+`, a whole story) as not worth
//! coding — sports results, anniversaries, historical figures.

use std::path::Path;

use crate::problem::{read_file, DictError, DictProblem, Problems};
use crate::source::{lines, phrase};

/// How much a discard phrase throws away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiscardScope {
    /// `+PHRASE`: the whole story.
    Story,
    /// `PHRASE`: the sentence.
    Sentence,
}

/// One discard phrase, upper-cased with underscores as spaces, as PETRARCH2 compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscardEntry {
    /// The phrase, e.g. `WORLD GOLF CHAMPIONSHIPS`.
    pub phrase: String,
    /// Story or sentence.
    pub scope: DiscardScope,
    /// Line in the file.
    pub line: usize,
}

/// Reads a discard file.
pub fn load_discards(path: &Path) -> Result<(Vec<DiscardEntry>, Vec<DictProblem>), DictError> {
    let (name, bytes) = read_file(path)?;
    Ok(parse_discards(&name, &bytes))
}

/// Parses discard text; `file` names the source in problems.
pub fn parse_discards(file: &str, bytes: &[u8]) -> (Vec<DiscardEntry>, Vec<DictProblem>) {
    let mut problems = Problems::new(file);
    let mut entries: Vec<DiscardEntry> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for line in lines(bytes, &mut problems) {
        let (n, text) = (line.number, line.text.as_str());
        if text.is_empty() {
            continue;
        }
        let (scope, body) = match text.strip_prefix('+') {
            Some(rest) => (DiscardScope::Story, rest),
            None => (DiscardScope::Sentence, text),
        };
        if body.contains('[') || body.contains(']') {
            problems.skip(n, "discard phrases take no [CODE]");
            continue;
        }
        let phrase = phrase(body).to_uppercase();
        if phrase.is_empty() {
            problems.skip(n, "empty discard phrase");
            continue;
        }
        if let Some(first) = seen.insert(phrase.clone(), n) {
            problems.recover(n, format!("duplicate discard '{phrase}' (first at line {first})"));
        }
        entries.push(DiscardEntry { phrase, scope, line: n });
    }
    (entries, problems.list)
}
