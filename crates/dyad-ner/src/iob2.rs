//! Reading Universal NER's IOB2 files: one word per line (`index<TAB>word<TAB>tag<TAB>…`),
//! `#` comment lines, a blank line after each sentence.
//!
//! PER, ORG and LOC are the entities. Universal NER also marks OTH (other names:
//! "American", "Syrian", product names) in its training file (the dev file has them removed):
//! they are kept apart in [`Iob2Sentence::others`] for training and are never scored. Any
//! other type (a few stray `B-O` tags) is read as `O` and counted in [`Iob2File::relabelled`].

use crate::bio;
use crate::{EntityKind, EntitySpan, NerError};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

/// One sentence with its gold entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iob2Sentence {
    /// The `# sent_id` comment, when there is one.
    pub id: String,
    /// The last `# newdoc id` comment before the sentence ("" before any): sentences of one
    /// document are tagged together (see [`crate::Ner::tag_document`]).
    pub doc: String,
    pub words: Vec<String>,
    pub entities: Vec<EntitySpan>,
    /// OTH names as word ranges `start..end`.
    pub others: Vec<(usize, usize)>,
}

/// A whole file.
#[derive(Debug, Clone, Default)]
pub struct Iob2File {
    pub sentences: Vec<Iob2Sentence>,
    /// Labels read as `O` (`"B-O"`, …) and how often each was seen.
    pub relabelled: BTreeMap<String, usize>,
}

/// Reads an IOB2 file; errors name the file and line.
pub fn read_iob2_file(path: &Path) -> Result<Iob2File, NerError> {
    let file = std::fs::File::open(path).map_err(|e| NerError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    read_iob2(std::io::BufReader::new(file)).map_err(|e| match e {
        NerError::Iob2 { line, message, .. } => NerError::Iob2 {
            file: path.display().to_string(),
            line,
            message,
        },
        NerError::Io { source, .. } => NerError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => other,
    })
}

/// Reads IOB2 text (see the module comment); errors carry the line number.
pub fn read_iob2(input: impl BufRead) -> Result<Iob2File, NerError> {
    let mut out = Iob2File::default();
    let mut id = String::new();
    let mut doc = String::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<Option<Iob2Tag>> = Vec::new();
    let flush =
        |id: &mut String, doc: &str, words: &mut Vec<String>, tags: &mut Vec<Option<Iob2Tag>>, out: &mut Iob2File| {
            if !words.is_empty() {
                let names = iob2_spans(tags);
                let entities = bio::entities(&names);
                let others = names
                    .into_iter()
                    .filter(|s| s.2 == bio::OTHER)
                    .map(|s| (s.0, s.1))
                    .collect();
                out.sentences.push(Iob2Sentence {
                    id: std::mem::take(id),
                    doc: doc.to_string(),
                    words: std::mem::take(words),
                    entities,
                    others,
                });
                tags.clear();
            }
            id.clear();
        };
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| NerError::Io {
            path: "<input>".into(),
            source: e,
        })?;
        let error = |message: String| NerError::Iob2 {
            file: "<input>".into(),
            line: n + 1,
            message,
        };
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            flush(&mut id, &doc, &mut words, &mut tags, &mut out);
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(v) = comment.trim().strip_prefix("sent_id =") {
                id = v.trim().to_string();
            } else if let Some(v) = comment.trim().strip_prefix("newdoc id =") {
                doc = v.trim().to_string();
            }
            continue;
        }
        let mut columns = line.split('\t');
        let (Some(_index), Some(word), Some(label)) = (columns.next(), columns.next(), columns.next()) else {
            return Err(error(format!(
                "expected index, word and tag separated by tabs, got {line:?}"
            )));
        };
        let tag = match label {
            "O" => None,
            _ => {
                let (prefix, kind) = label
                    .split_once('-')
                    .filter(|(p, k)| matches!(*p, "B" | "I") && !k.is_empty())
                    .ok_or_else(|| error(format!("tag {label:?} is neither O nor B-/I-TYPE")))?;
                let kind = match kind {
                    "OTH" => Some(bio::OTHER),
                    _ => EntityKind::from_label(kind).map(|k| k as u8),
                };
                match kind {
                    Some(kind) => Some(Iob2Tag {
                        kind,
                        inside: prefix == "I",
                    }),
                    None => {
                        *out.relabelled.entry(label.to_string()).or_default() += 1;
                        None
                    }
                }
            }
        };
        words.push(word.to_string());
        tags.push(tag);
    }
    flush(&mut id, &doc, &mut words, &mut tags, &mut out);
    Ok(out)
}

/// A word's IOB2 tag other than `O`: the kind index (an [`EntityKind`] as `u8`, or
/// [`bio::OTHER`]) and whether it is `I-` (continuing) rather than `B-`.
#[derive(Debug, Clone, Copy)]
struct Iob2Tag {
    kind: u8,
    inside: bool,
}

/// The names an IOB2 sequence spells out as `(start, end, kind index)`; a stray `I-X`
/// (not after `X`) starts a new one, as conlleval reads it.
fn iob2_spans(tags: &[Option<Iob2Tag>]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, u8)> = None;
    for (i, tag) in tags.iter().enumerate() {
        match (tag, open.as_mut()) {
            (None, _) => out.extend(open.take()),
            (Some(t), Some(s)) if t.inside && s.2 == t.kind => s.1 = i + 1,
            (Some(t), _) => {
                out.extend(open.take());
                open = Some((i, i + 1, t.kind));
            }
        }
    }
    out.extend(open);
    out
}

/// The documents of a file as ranges of sentences: runs of sentences with the same
/// non-empty [`Iob2Sentence::doc`]; a sentence without one is a document of its own.
pub fn documents(sentences: &[Iob2Sentence]) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        match ranges.last_mut() {
            Some(r) if !s.doc.is_empty() && s.doc == sentences[i - 1].doc => r.end = i + 1,
            _ => ranges.push(i..i + 1),
        }
    }
    ranges
}

/// Reads CoNLL-2003-style text (`word … TAG` separated by spaces, a blank line after each
/// sentence, `-DOCSTART-` lines between documents) with IOB1 tags, where `I-X` starts a
/// name unless it continues an `X` and `B-X` only separates two adjacent names. `MISC`
/// names are read as OTH, their counterpart in Universal NER. Documents are numbered
/// `doc-1`, `doc-2`, ….
pub fn read_conll_iob1(input: impl BufRead) -> Result<Iob2File, NerError> {
    let mut text = String::new();
    let mut doc = 0usize;
    let mut prev_kind = String::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| NerError::Io {
            path: "<input>".into(),
            source: e,
        })?;
        let line = line.trim();
        if line.is_empty() {
            text.push('\n');
            prev_kind.clear();
            continue;
        }
        let mut columns = line.split_whitespace();
        let word = columns.next().unwrap_or_default();
        if word == "-DOCSTART-" {
            doc += 1;
            text.push_str(&format!("\n# newdoc id = doc-{doc}\n"));
            prev_kind.clear();
            continue;
        }
        let label = columns.last().ok_or_else(|| NerError::Iob2 {
            file: "<input>".into(),
            line: n + 1,
            message: format!("expected a word and a tag, got {line:?}"),
        })?;
        let (prefix, kind) = label.split_once('-').unwrap_or(("O", ""));
        let kind = if kind == "MISC" { "OTH" } else { kind };
        let tag = match prefix {
            "I" if kind == prev_kind => format!("I-{kind}"),
            "I" | "B" => format!("B-{kind}"),
            _ => "O".to_string(),
        };
        prev_kind = if tag == "O" { String::new() } else { kind.to_string() };
        text.push_str(&format!("0\t{word}\t{tag}\n"));
    }
    read_iob2(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = Al-Zaman : American forces\n1\tAl\tB-ORG\t-\tx\n2\t-\tI-ORG\n3\tZaman\tI-ORG\n4\t:\tO\n5\tAmerican\tB-OTH\n6\tforces\tO\n7\t.\tB-O\n\n# sent_id = s2\n1\tin\tO\n2\tNew\tB-LOC\n3\tYork\tI-LOC\n4\tJohn\tI-PER\n";

    #[test]
    fn reads_sentences_entities_and_counts_relabelled_tags() {
        let f = read_iob2(SAMPLE.as_bytes()).unwrap();
        assert_eq!(f.sentences.len(), 2);
        assert_eq!(f.sentences[0].id, "s1");
        assert_eq!((f.sentences[0].doc.as_str(), f.sentences[1].doc.as_str()), ("d1", "d1"));
        assert_eq!(
            f.sentences[0].words,
            ["Al", "-", "Zaman", ":", "American", "forces", "."]
        );
        assert_eq!(
            f.sentences[0].entities,
            vec![EntitySpan {
                start: 0,
                end: 3,
                kind: Organisation
            }]
        );
        assert_eq!(f.sentences[0].others, vec![(4, 5)]);
        assert_eq!(f.relabelled.get("B-O"), Some(&1));
        assert_eq!(f.relabelled.len(), 1);
        // A stray I-PER after a location starts a new person.
        assert_eq!(
            f.sentences[1].entities,
            vec![
                EntitySpan {
                    start: 1,
                    end: 3,
                    kind: Location
                },
                EntitySpan {
                    start: 3,
                    end: 4,
                    kind: Person
                }
            ]
        );
    }

    #[test]
    fn conll_iob1_names_start_at_i_and_misc_is_other() {
        let text = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nmet O\nAnn I-PER\nBob B-PER\nin O\nJapanese I-MISC\n\n-DOCSTART- O\n\nParis I-LOC\n";
        let f = read_conll_iob1(text.as_bytes()).unwrap();
        assert_eq!(f.sentences.len(), 2);
        assert_eq!(
            (f.sentences[0].doc.as_str(), f.sentences[1].doc.as_str()),
            ("doc-1", "doc-2")
        );
        let span = |start, end, kind| EntitySpan { start, end, kind };
        assert_eq!(
            f.sentences[0].entities,
            vec![span(0, 3, Organisation), span(4, 5, Person), span(5, 6, Person)]
        );
        assert_eq!(f.sentences[0].others, vec![(7, 8)]);
        assert_eq!(f.sentences[1].entities, vec![span(0, 1, Location)]);
    }

    #[test]
    fn bad_lines_are_reported_with_their_line() {
        let err = read_iob2("1\tParis\tB-LOC\n2 Texas\n".as_bytes()).unwrap_err();
        assert!(matches!(err, NerError::Iob2 { line: 2, .. }), "{err}");
        let err = read_iob2("1\tParis\tX-LOC\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("X-LOC"), "{err}");
        let err = read_iob2_file(Path::new("/no/such/file.iob2")).unwrap_err();
        assert!(err.to_string().contains("/no/such/file.iob2"), "{err}");
    }
}
