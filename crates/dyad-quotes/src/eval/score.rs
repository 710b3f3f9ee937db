//! Scoring quotes against gold attributions.
//!
//! Units: a gold unit is one attribution's content (all its fragments); a predicted unit is
//! one quote, except that direct quotations sharing one cue-bearing speaker mention are one
//! unit — "“…,” Mekdad said, adding, “…”" is two quotes for us and one attribution in
//! PolNeAR. Contents are compared as sets of words (runs of letters and digits), so quote
//! marks, punctuation and spaces at the edges do not count, nor does a leading "that"
//! (PolNeAR's indirect contents include the complementizer, ours start after it).
//! - **exact**: the same words;
//! - **overlap**: shared words ≥ 50% of the longer of the two (matched one-to-one, largest
//!   overlap first);
//! - **words**: word-level precision and recall of all quoted text in a document;
//! - **speaker** (on overlap-matched pairs): our speaker span overlaps a gold source
//!   fragment; precision over matched pairs where we name a speaker, recall over matched
//!   pairs whose gold has a source;
//! - **end to end**: content overlap-matched *and* speaker right, over all units.

use super::Attribution;
use dyad_core::record::QuoteRecord;
use dyad_core::Span;
use std::fmt;

/// Matched, predicted and gold counts; precision = matched / predicted, recall = matched /
/// gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub matched: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// All the scores of one document or a whole set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub documents: usize,
    pub exact: Counts,
    pub overlap: Counts,
    pub words: Counts,
    pub speaker: Counts,
    pub end_to_end: Counts,
    /// Overlap matching restricted to gold contents in quotation marks (gold side) and our
    /// direct quotes (predicted side).
    pub direct: Counts,
    /// The same for gold contents without quotation marks and our indirect quotes.
    pub indirect: Counts,
}

impl Scores {
    pub fn add(&mut self, other: &Scores) {
        self.documents += other.documents;
        self.exact.add(other.exact);
        self.overlap.add(other.overlap);
        self.words.add(other.words);
        self.speaker.add(other.speaker);
        self.end_to_end.add(other.end_to_end);
        self.direct.add(other.direct);
        self.indirect.add(other.indirect);
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents: {}", self.documents)?;
        writeln!(
            f,
            "{:<26} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8}",
            "", "P", "R", "F1", "matched", "ours", "gold"
        )?;
        let rows = [
            ("content exact", self.exact),
            ("content overlap>=50%", self.overlap),
            ("content words", self.words),
            ("speaker (matched content)", self.speaker),
            ("content+speaker", self.end_to_end),
            ("direct (overlap)", self.direct),
            ("indirect (overlap)", self.indirect),
        ];
        for (name, c) in rows {
            writeln!(
                f,
                "{name:<26} {:>6.1}% {:>6.1}% {:>6.1}% {:>8} {:>8} {:>8}",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.matched,
                c.predicted,
                c.gold
            )?;
        }
        Ok(())
    }
}

/// A unit to match: its words (sorted word indices) and who said it.
struct Unit {
    spans: Vec<Span>,
    words: Vec<usize>,
    speakers: Vec<Span>,
    direct: bool,
}

/// A gold attribution we missed or a quote of ours that matches none (overlap matching),
/// for reading errors: `spans` are the content fragments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// True for a missed gold content, false for one of ours that matches nothing.
    pub missed: bool,
    pub spans: Vec<Span>,
}

/// The overlap-matching errors of one document, in the order gold then ours.
pub fn mismatches(text: &str, gold: &[Attribution], predicted: &[QuoteRecord]) -> Vec<Mismatch> {
    let (_, gold_units, ours, overlap) = compare(text, gold, predicted);
    let mut out = Vec::new();
    for (missed, units) in [(true, &gold_units), (false, &ours)] {
        for (n, unit) in units.iter().enumerate() {
            let matched = overlap.iter().any(|&(g, p)| if missed { g == n } else { p == n });
            if !matched {
                out.push(Mismatch {
                    missed,
                    spans: unit.spans.clone(),
                });
            }
        }
    }
    out
}

/// Score one document's quotes against its gold attributions.
pub fn score_document(text: &str, gold: &[Attribution], predicted: &[QuoteRecord]) -> Scores {
    compare(text, gold, predicted).0
}

type Comparison = (Scores, Vec<Unit>, Vec<Unit>, Vec<(usize, usize)>);

fn compare(text: &str, gold: &[Attribution], predicted: &[QuoteRecord]) -> Comparison {
    let word_spans = words(text);
    let words_of = |spans: &[Span]| -> Vec<usize> {
        let mut ids: Vec<usize> = spans.iter().flat_map(|&s| words_in(&word_spans, s)).collect();
        ids.sort_unstable();
        ids.dedup();
        // PolNeAR's contents start at the complementizer ("that the talks failed"), ours
        // after it: the word does not count either way.
        if ids
            .first()
            .is_some_and(|&w| text[word_spans[w].start..word_spans[w].end].eq_ignore_ascii_case("that"))
        {
            ids.remove(0);
        }
        ids
    };
    let gold_units: Vec<Unit> = gold
        .iter()
        .map(|a| Unit {
            spans: a.content.clone(),
            words: words_of(&a.content),
            speakers: a.source.clone(),
            direct: a
                .content
                .iter()
                .any(|s| s.slice(text).is_some_and(|t| t.contains(['"', '“', '”']))),
        })
        .filter(|u| !u.words.is_empty())
        .collect();
    let ours: Vec<Unit> = group(predicted)
        .into_iter()
        .map(|(spans, speaker, direct)| Unit {
            words: words_of(&spans),
            spans,
            speakers: speaker.into_iter().collect(),
            direct,
        })
        .filter(|u| !u.words.is_empty())
        .collect();

    let mut scores = Scores {
        documents: 1,
        ..Scores::default()
    };
    let exact = match_units(&gold_units, &ours, |g, p| (g.words == p.words).then_some(g.words.len()));
    scores.exact = Counts {
        matched: exact.len(),
        predicted: ours.len(),
        gold: gold_units.len(),
    };
    let overlap = match_units(&gold_units, &ours, overlap_score);
    scores.overlap = Counts {
        matched: overlap.len(),
        predicted: ours.len(),
        gold: gold_units.len(),
    };

    let all_gold = union(gold_units.iter().map(|u| &u.words));
    let all_ours = union(ours.iter().map(|u| &u.words));
    scores.words = Counts {
        matched: intersection(&all_gold, &all_ours),
        predicted: all_ours.len(),
        gold: all_gold.len(),
    };

    let speaker_right = |&(g, p): &(usize, usize)| {
        ours[p]
            .speakers
            .iter()
            .any(|s| gold_units[g].speakers.iter().any(|t| t.overlaps(*s)))
    };
    let right = overlap.iter().filter(|pair| speaker_right(pair)).count();
    scores.speaker = Counts {
        matched: right,
        predicted: overlap.iter().filter(|&&(_, p)| !ours[p].speakers.is_empty()).count(),
        gold: overlap
            .iter()
            .filter(|&&(g, _)| !gold_units[g].speakers.is_empty())
            .count(),
    };
    scores.end_to_end = Counts {
        matched: right,
        predicted: ours.iter().filter(|u| !u.speakers.is_empty()).count(),
        gold: gold_units.iter().filter(|u| !u.speakers.is_empty()).count(),
    };
    for (direct, slot) in [(true, &mut scores.direct), (false, &mut scores.indirect)] {
        *slot = Counts {
            matched: overlap
                .iter()
                .filter(|&&(g, p)| gold_units[g].direct == direct && ours[p].direct == direct)
                .count(),
            predicted: ours.iter().filter(|u| u.direct == direct).count(),
            gold: gold_units.iter().filter(|u| u.direct == direct).count(),
        };
    }
    (scores, gold_units, ours, overlap)
}

/// Predicted units: quotes, with direct quotations that share a speaker mention and have a
/// cue merged into one.
fn group(predicted: &[QuoteRecord]) -> Vec<(Vec<Span>, Option<Span>, bool)> {
    let mut units: Vec<(Vec<Span>, Option<Span>, bool)> = Vec::new();
    for quote in predicted {
        let speaker = quote.speaker.as_ref().map(|s| s.span);
        let joinable = quote.direct && quote.cue.is_some() && speaker.is_some();
        if joinable {
            if let Some(unit) = units.iter_mut().find(|u| u.2 && u.1 == speaker) {
                unit.0.push(quote.span);
                continue;
            }
        }
        units.push((vec![quote.span], speaker, quote.direct));
    }
    units
}

/// Shared words when they are at least half of the longer unit.
fn overlap_score(g: &Unit, p: &Unit) -> Option<usize> {
    let shared = intersection(&g.words, &p.words);
    (shared > 0 && 2 * shared >= g.words.len().max(p.words.len())).then_some(shared)
}

/// One-to-one matching, best score first (ties: text order), as (gold, predicted) pairs.
fn match_units(gold: &[Unit], ours: &[Unit], score: impl Fn(&Unit, &Unit) -> Option<usize>) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (g, gu) in gold.iter().enumerate() {
        for (p, pu) in ours.iter().enumerate() {
            let disjoint = gu.words.last() < pu.words.first() || pu.words.last() < gu.words.first();
            if !disjoint {
                if let Some(s) = score(gu, pu) {
                    candidates.push((s, g, p));
                }
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gold_used, mut ours_used) = (vec![false; gold.len()], vec![false; ours.len()]);
    let mut pairs = Vec::new();
    for (_, g, p) in candidates {
        if !gold_used[g] && !ours_used[p] {
            gold_used[g] = true;
            ours_used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Byte spans of the words (runs of letters and digits) of `text`.
fn words(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push(Span::new(s, text.len()));
    }
    spans
}

/// Indices of the words that `span` overlaps.
fn words_in(words: &[Span], span: Span) -> std::ops::Range<usize> {
    let first = words.partition_point(|w| w.end <= span.start);
    let end = words.partition_point(|w| w.start < span.end);
    first..end.max(first)
}

fn union<'a>(sets: impl Iterator<Item = &'a Vec<usize>>) -> Vec<usize> {
    let mut all: Vec<usize> = sets.flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Size of the intersection of two sorted, deduplicated lists.
fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::record::SpeakerRecord;

    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    }

    fn quote(text: &str, content: &str, speaker: Option<&str>, direct: bool) -> QuoteRecord {
        QuoteRecord {
            doc: "d".into(),
            text: content.into(),
            span: at(text, content),
            direct,
            cue: Some("said".into()),
            speaker: speaker.map(|s| SpeakerRecord {
                entity: None,
                entity_id: None,
                code: None,
                text: s.into(),
                span: at(text, s),
            }),
        }
    }

    const TEXT: &str = "“We will win the war now,” Mekdad said, adding, “They lost.” \
                        Officials said that the talks had failed badly. Velayati said Syria was strong today.";

    fn gold() -> Vec<Attribution> {
        vec![
            Attribution {
                id: "E1".into(),
                content: vec![at(TEXT, "“We will win the war now,”"), at(TEXT, "“They lost.”")],
                source: vec![at(TEXT, "Mekdad")],
                cue: vec![at(TEXT, "said")],
            },
            Attribution {
                id: "E2".into(),
                content: vec![at(TEXT, "that the talks had failed badly")],
                source: vec![at(TEXT, "Officials")],
                cue: vec![],
            },
            Attribution {
                id: "E3".into(),
                content: vec![at(TEXT, "Syria was strong today")],
                source: vec![at(TEXT, "Velayati")],
                cue: vec![],
            },
        ]
    }

    #[test]
    fn split_quote_is_one_unit_and_exact() {
        let ours = vec![
            quote(TEXT, "We will win the war now,", Some("Mekdad"), true),
            quote(TEXT, "They lost.", Some("Mekdad"), true),
            // 3 of the gold's 5 words: overlap, not exact; wrong speaker.
            quote(TEXT, "the talks had", Some("Velayati"), false),
        ];
        let s = score_document(TEXT, &gold(), &ours);
        assert_eq!(
            s.exact,
            Counts {
                matched: 1,
                predicted: 2,
                gold: 3
            }
        );
        assert_eq!(
            s.overlap,
            Counts {
                matched: 2,
                predicted: 2,
                gold: 3
            }
        );
        assert_eq!(
            s.speaker,
            Counts {
                matched: 1,
                predicted: 2,
                gold: 2
            }
        );
        assert_eq!(
            s.end_to_end,
            Counts {
                matched: 1,
                predicted: 2,
                gold: 3
            }
        );
        // Words (a leading "that" does not count): gold 8 + 5 + 4 = 17; ours 8 + 3 = 11, all inside gold.
        assert_eq!(
            s.words,
            Counts {
                matched: 11,
                predicted: 11,
                gold: 17
            }
        );
        assert_eq!(
            s.direct,
            Counts {
                matched: 1,
                predicted: 1,
                gold: 1
            }
        );
        assert_eq!(
            s.indirect,
            Counts {
                matched: 1,
                predicted: 1,
                gold: 2
            }
        );
        assert!((s.overlap.precision() - 1.0).abs() < 1e-9);
        assert!((s.overlap.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.overlap.f1() - 0.8).abs() < 1e-9);
        let errors = mismatches(TEXT, &gold(), &ours);
        assert_eq!(
            errors,
            vec![Mismatch {
                missed: true,
                spans: vec![at(TEXT, "Syria was strong today")]
            }]
        );
    }

    #[test]
    fn under_half_is_no_match_and_sums_add_up() {
        let ours = vec![quote(TEXT, "the talks", None, false)];
        let s = score_document(TEXT, &gold(), &ours);
        assert_eq!(s.overlap.matched, 0);
        assert_eq!(s.speaker, Counts::default());
        let mut total = Scores::default();
        total.add(&s);
        total.add(&s);
        assert_eq!(total.documents, 2);
        assert_eq!(
            total.overlap,
            Counts {
                matched: 0,
                predicted: 2,
                gold: 6
            }
        );
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
