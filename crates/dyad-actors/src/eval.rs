//! Scoring our actor mentions against re3d's Person and Organisation entities.
//!
//! re3d (Dstl's defence and security gold set) ships, per source folder, `documents.json` and
//! `entities.json` as `mongoexport` JSON Lines; entity `begin`/`end` count Unicode characters
//! into the document's `text`, which we turn into byte spans. Pure functions only: the CLI reads
//! the files and runs the pipeline.
//!
//! How our mentions map onto re3d's types (see [`mention_kinds`]):
//! - **Person**: a knowledge-base person (dictionary or alias match), a person inferred from a
//!   title ("Syrian Foreign Minister X", how `title`) or named without one (how `inferred`, rule `name:…`), any
//!   later mention linked to one of them (names, descriptions, pronouns: re3d annotates "he"
//!   and "the Foreign Secretary" as Person too), and descriptions headed by a one-person role
//!   noun ("a Russian military spokesman"); unresolved person mentions (rule `person:…`:
//!   first-person pronouns, he/she with no antecedent, "the young man", "The Foreign
//!   Secretary") and pronouns, except possessive determiners (his, its, their), which re3d
//!   rarely marks.
//! - **Organisation**: knowledge-base organisations and armed groups, any code of an
//!   international or non-state actor (IGO, NGO, IMG, REB…), a country's bodies ("the Syrian
//!   government", "Iraqi security forces": a country and a sector) and group pronouns (rule
//!   `group:…`: we, us, they, them).
//! - Countries and capitals are neither by default. re3d does tag states acting as parties as
//!   Organisation ("Syria has accused…"), so `states_as_organisations` scores them as
//!   Organisation too, for comparison.

use crate::kb::{slug, KnowledgeBase};
use dyad_core::{Mention, Resolution, Span};
use serde::Deserialize;
use std::collections::HashSet;

/// The two re3d entity types we score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organisation,
}

impl EntityKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Organisation => "Organisation",
        }
    }
}

/// A re3d document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Re3dDocument {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(default)]
    pub title: String,
    pub text: String,
}

/// A gold Person or Organisation entity, with a byte span into its document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEntity {
    pub doc: String,
    pub kind: EntityKind,
    pub span: Span,
    pub value: String,
}

/// Why a re3d file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("line {line}: {message}")]
    Json { line: usize, message: String },
}

#[derive(Deserialize)]
struct RawEntity {
    #[serde(rename = "documentId")]
    document_id: String,
    begin: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    value: String,
}

fn json_lines<T: for<'de> Deserialize<'de>>(text: &str) -> Result<Vec<T>, EvalError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| EvalError::Json {
            line: n + 1,
            message: e.to_string(),
        })?);
    }
    Ok(out)
}

/// The documents of a `documents.json`.
pub fn read_documents(jsonl: &str) -> Result<Vec<Re3dDocument>, EvalError> {
    json_lines(jsonl)
}

/// The Person and Organisation entities of an `entities.json`, with character offsets turned
/// into byte spans of `docs`' texts. Entities of unknown documents or with offsets outside the
/// text are dropped; the same (kind, span) listed twice counts once.
pub fn read_entities(jsonl: &str, docs: &[Re3dDocument]) -> Result<Vec<GoldEntity>, EvalError> {
    let raw: Vec<RawEntity> = json_lines(jsonl)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for e in raw {
        let kind = match e.kind.as_str() {
            "Person" => EntityKind::Person,
            "Organisation" => EntityKind::Organisation,
            _ => continue,
        };
        let Some(doc) = docs.iter().find(|d| d.id == e.document_id) else {
            continue;
        };
        let (Some(start), Some(end)) = (char_to_byte(&doc.text, e.begin), char_to_byte(&doc.text, e.end)) else {
            continue;
        };
        if start >= end || !seen.insert((e.document_id.clone(), kind, start, end)) {
            continue;
        }
        out.push(GoldEntity {
            doc: e.document_id,
            kind,
            span: Span::new(start, end),
            value: e.value,
        });
    }
    out.sort_by(|a, b| (&a.doc, a.span).cmp(&(&b.doc, b.span)));
    Ok(out)
}

/// Byte offset of the `n`th character (`n == chars` gives the text's length).
fn char_to_byte(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

/// The re3d type each mention of one document counts as, or `None` when it is not scored.
pub fn mention_kinds(
    kb: &KnowledgeBase,
    mentions: &[Mention],
    states_as_organisations: bool,
) -> Vec<Option<EntityKind>> {
    let people: HashSet<String> = kb.people.iter().map(|p| p.entity_id()).collect();
    let orgs: HashSet<String> = kb.orgs.iter().map(|o| format!("dyad:{}", slug(&o.name))).collect();
    // People inferred from titles in this document, so their later name mentions count too.
    let inferred: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.how == Resolution::Title || m.rule.starts_with("name:"))
        .filter_map(|m| m.actor.entity_id.as_deref())
        .collect();
    mentions
        .iter()
        .map(|m| {
            let id = m.actor.entity_id.as_deref();
            let person = id.is_some_and(|id| people.contains(id) || inferred.contains(id));
            match m.how {
                // re3d rarely marks possessive determiners ("his", "its", "their").
                Resolution::Pronoun if matches!(m.text.to_lowercase().as_str(), "his" | "its" | "their" | "hers") => {
                    None
                }
                _ if person => Some(EntityKind::Person),
                _ if m.rule.starts_with("group:") => Some(EntityKind::Organisation),
                Resolution::Pronoun => Some(EntityKind::Person),
                _ if m.rule.starts_with("person:") => Some(EntityKind::Person),
                Resolution::Title => Some(EntityKind::Person),
                Resolution::Inferred if m.rule.starts_with("name:") => Some(EntityKind::Person),
                Resolution::Inferred if describes_person(&m.text) => Some(EntityKind::Person),
                _ if id.is_some_and(|id| orgs.contains(id)) || non_state(&m.actor.code) => {
                    Some(EntityKind::Organisation)
                }
                // A country's body ("the Syrian regime", "Iraqi security forces").
                _ if m.actor.country.is_some() && m.actor.sector.is_some() => Some(EntityKind::Organisation),
                _ if states_as_organisations && m.actor.country.is_some() => Some(EntityKind::Organisation),
                _ => None,
            }
        })
        .collect()
}

/// A description headed by a role noun for one person ("a Russian military spokesman").
fn describes_person(text: &str) -> bool {
    let last = text
        .split_whitespace()
        .next_back()
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    crate::resolve::PERSON_NOUNS.contains(&last.as_str()) || last.ends_with("minister")
}

/// Codes of international and non-state actors (CAMEO's IGO, NGO, IMG, REB, MNC… prefixes).
fn non_state(code: &str) -> bool {
    ["IGO", "NGO", "IMG", "REB", "MNC", "UIS", "INS"]
        .iter()
        .any(|p| code.starts_with(p))
}

/// Counts for one kind: gold entities found (some predicted span of the kind overlaps them)
/// and predictions confirmed (they overlap some gold span of the kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub gold: usize,
    pub gold_found: usize,
    pub predicted: usize,
    pub predicted_correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.gold_found += o.gold_found;
        self.predicted += o.predicted;
        self.predicted_correct += o.predicted_correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The scores of one document or a set of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Score {
    pub person: Counts,
    pub organisation: Counts,
    /// Indices into the gold list of entities no prediction of their kind overlapped.
    pub missed: Vec<usize>,
    /// Indices into the predictions that overlapped no gold entity of their kind.
    pub spurious: Vec<usize>,
}

impl Score {
    pub fn counts(&self, kind: EntityKind) -> &Counts {
        match kind {
            EntityKind::Person => &self.person,
            EntityKind::Organisation => &self.organisation,
        }
    }

    fn counts_mut(&mut self, kind: EntityKind) -> &mut Counts {
        match kind {
            EntityKind::Person => &mut self.person,
            EntityKind::Organisation => &mut self.organisation,
        }
    }
}

/// Overlap scoring of one document's predictions against its gold entities: a gold entity is
/// found when a prediction of the same kind shares at least one byte with it, and a prediction
/// is correct when it shares a byte with a gold entity of its kind. Overlap rather than exact
/// spans because the two disagree on titles ("Syrian President Bashar al-Assad" is one mention
/// for us, a Person "Bashar al-Assad" for re3d).
pub fn score(gold: &[(EntityKind, Span)], predicted: &[(EntityKind, Span)]) -> Score {
    let mut sc = Score::default();
    for (i, &(kind, span)) in gold.iter().enumerate() {
        let c = sc.counts_mut(kind);
        c.gold += 1;
        if predicted.iter().any(|&(k, p)| k == kind && p.overlaps(span)) {
            c.gold_found += 1;
        } else {
            sc.missed.push(i);
        }
    }
    for (i, &(kind, span)) in predicted.iter().enumerate() {
        let c = sc.counts_mut(kind);
        c.predicted += 1;
        if gold.iter().any(|&(k, g)| k == kind && g.overlaps(span)) {
            c.predicted_correct += 1;
        } else {
            sc.spurious.push(i);
        }
    }
    sc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_become_byte_spans() {
        let docs =
            read_documents("{ \"_id\" : \"d1\", \"title\" : \"t\", \"text\" : \"Café owner Ahmed met UN staff.\" }\n")
                .unwrap();
        let ents = "{ \"_id\" : \"a\", \"documentId\" : \"d1\", \"begin\" : 11, \"end\" : 16, \"type\" : \"Person\", \"value\" : \"Ahmed\", \"confidence\" : 1 }\n\
                    { \"_id\" : \"b\", \"documentId\" : \"d1\", \"begin\" : 21, \"end\" : 23, \"type\" : \"Organisation\", \"value\" : \"UN\" }\n\
                    { \"_id\" : \"c\", \"documentId\" : \"d1\", \"begin\" : 21, \"end\" : 23, \"type\" : \"Organisation\", \"value\" : \"UN\" }\n\
                    { \"_id\" : \"d\", \"documentId\" : \"d1\", \"begin\" : 0, \"end\" : 4, \"type\" : \"Location\", \"value\" : \"Café\" }\n";
        let gold = read_entities(ents, &docs).unwrap();
        assert_eq!(gold.len(), 2);
        assert_eq!(&docs[0].text[gold[0].span.start..gold[0].span.end], "Ahmed");
        assert_eq!(&docs[0].text[gold[1].span.start..gold[1].span.end], "UN");
        assert!(read_documents("{ not json").is_err());
    }

    #[test]
    fn overlap_scoring_arithmetic() {
        use EntityKind::*;
        let s = |a, b| Span::new(a, b);
        let gold = [
            (Person, s(0, 10)),
            (Person, s(20, 30)),
            (Person, s(40, 45)),
            (Organisation, s(50, 60)),
        ];
        // One person found by a wider mention, one found twice, one missed; the organisation
        // is hit only by a person prediction (wrong kind); one spurious organisation.
        let pred = [
            (Person, s(0, 12)),
            (Person, s(22, 25)),
            (Person, s(26, 30)),
            (Person, s(50, 55)),
            (Organisation, s(70, 75)),
        ];
        let sc = score(&gold, &pred);
        assert_eq!(
            sc.person,
            Counts {
                gold: 3,
                gold_found: 2,
                predicted: 4,
                predicted_correct: 3
            }
        );
        assert_eq!(
            sc.organisation,
            Counts {
                gold: 1,
                gold_found: 0,
                predicted: 1,
                predicted_correct: 0
            }
        );
        assert_eq!(sc.missed, vec![2, 3]);
        assert_eq!(sc.spurious, vec![3, 4]);
        assert!((sc.person.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((sc.person.precision() - 0.75).abs() < 1e-9);
        assert_eq!(Counts::default().precision(), 0.0);
    }
}
