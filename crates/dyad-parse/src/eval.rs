//! Accuracy against gold trees on gold tokenization, scored the CoNLL 2018 way: every word
//! counts (punctuation included), LAS compares the universal part of the relation.

use crate::Model;
use dyad_core::ParsedSentence;

/// Percentages (0–100) over all words of the gold sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    /// Unlabelled attachment: the head is right.
    pub uas: f64,
    /// Labelled attachment: head and universal relation (`nmod:poss` counts as `nmod`) right.
    pub las: f64,
    /// Like `las`, but the full relation with subtype must match.
    pub las_full: f64,
}

fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// Tags and parses the gold sentences' words and scores the result.
pub fn evaluate(model: &Model, gold: &[ParsedSentence]) -> Scores {
    let mut counts = [0usize; 6];
    let mut words = 0;
    for sentence in gold {
        let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.form.as_str()).collect();
        let predicted = model.parse_words(&forms);
        for (g, p) in sentence.tokens.iter().zip(&predicted) {
            words += 1;
            let head = g.head == p.head;
            let hits = [
                g.upos == p.upos,
                g.xpos == p.xpos,
                g.lemma == p.lemma,
                head,
                head && universal(&g.deprel) == universal(&p.deprel),
                head && g.deprel == p.deprel,
            ];
            for (c, hit) in counts.iter_mut().zip(hits) {
                *c += hit as usize;
            }
        }
    }
    let pct = |c: usize| if words == 0 { 0.0 } else { 100.0 * c as f64 / words as f64 };
    Scores {
        sentences: gold.len(),
        words,
        upos: pct(counts[0]),
        xpos: pct(counts[1]),
        lemma: pct(counts[2]),
        uas: pct(counts[3]),
        las: pct(counts[4]),
        las_full: pct(counts[5]),
    }
}
