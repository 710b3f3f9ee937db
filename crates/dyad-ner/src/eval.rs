//! Entity-level scoring the CoNLL way: a predicted entity counts only when its span and its
//! type both match a gold entity exactly.

use crate::iob2::Iob2Sentence;
use crate::{EntityKind, EntitySpan, Ner};

/// Counts for one entity type (or all of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
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
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per type (in [`EntityKind::ALL`] order) and overall.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScores {
    pub sentences: usize,
    pub words: usize,
    pub by_kind: [Counts; 3],
    pub overall: Counts,
}

impl NerScores {
    /// Adds one sentence's gold and predicted entities.
    pub fn add(&mut self, words: usize, gold: &[EntitySpan], predicted: &[EntitySpan]) {
        self.sentences += 1;
        self.words += words;
        for (k, kind) in EntityKind::ALL.iter().enumerate() {
            let g: Vec<&EntitySpan> = gold.iter().filter(|s| s.kind == *kind).collect();
            let p: Vec<&EntitySpan> = predicted.iter().filter(|s| s.kind == *kind).collect();
            let c = Counts {
                gold: g.len(),
                predicted: p.len(),
                correct: p.iter().filter(|s| g.contains(s)).count(),
            };
            self.by_kind[k].add(c);
            self.overall.add(c);
        }
    }
}

/// Tags every gold document (see [`crate::iob2::documents`]) and scores the entities found.
pub fn evaluate(ner: &Ner, gold: &[Iob2Sentence]) -> NerScores {
    let mut scores = NerScores::default();
    for (s, found) in gold.iter().zip(tag_gold(ner, gold)) {
        scores.add(s.words.len(), &s.entities, &found);
    }
    scores
}

/// The tagger's names in each gold sentence, tagged a document at a time.
pub fn tag_gold(ner: &Ner, gold: &[Iob2Sentence]) -> Vec<Vec<EntitySpan>> {
    gold_tags(ner, gold)
        .iter()
        .map(|tags| crate::bio::spans(tags))
        .collect()
}

/// Words `start..end` of a sentence.
pub type WordRange = (usize, usize);

/// [`tag_gold`]'s names in each gold sentence, and the OTH names (see `bio`) it found there
/// as word ranges `start..end`, from one tagging. The tagger learns OTH names only to leave
/// them out of its output, so a gold name it found as OTH is a name it did see and typed
/// wrong: this tells such misses from names it never saw.
pub fn tag_gold_with_others(ner: &Ner, gold: &[Iob2Sentence]) -> Vec<(Vec<EntitySpan>, Vec<WordRange>)> {
    gold_tags(ner, gold)
        .iter()
        .map(|tags| {
            let others = crate::bio::kind_spans(tags)
                .into_iter()
                .filter(|&(_, _, kind)| kind == crate::bio::OTHER)
                .map(|(start, end, _)| (start, end))
                .collect();
            (crate::bio::spans(tags), others)
        })
        .collect()
}

/// Each gold sentence's BILOU tags, tagged a document at a time.
fn gold_tags(ner: &Ner, gold: &[Iob2Sentence]) -> Vec<Vec<u8>> {
    crate::iob2::documents(gold)
        .into_iter()
        .flat_map(|range| {
            let words: Vec<&[String]> = gold[range].iter().map(|s| s.words.as_slice()).collect();
            ner.tag_document_bio(&words)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    #[test]
    fn only_exact_span_and_type_count() {
        let span = |start, end, kind| EntitySpan { start, end, kind };
        let mut s = NerScores::default();
        let gold = [span(0, 2, Person), span(3, 4, Location), span(5, 7, Organisation)];
        let predicted = [span(0, 2, Person), span(3, 4, Organisation), span(5, 6, Organisation)];
        s.add(8, &gold, &predicted);
        assert_eq!(
            s.overall,
            Counts {
                gold: 3,
                predicted: 3,
                correct: 1
            }
        );
        assert_eq!(
            s.by_kind[Person as usize],
            Counts {
                gold: 1,
                predicted: 1,
                correct: 1
            }
        );
        assert_eq!(
            s.by_kind[Organisation as usize],
            Counts {
                gold: 1,
                predicted: 2,
                correct: 0
            }
        );
        assert!((s.overall.f1() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
