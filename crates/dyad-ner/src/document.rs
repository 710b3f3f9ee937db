//! Document-level consistency: a name is usually tagged the same way everywhere in one
//! document ("Miramar" ten times, "Burger King" in every sentence), but one sentence alone
//! often says too little. A first pass tags every sentence on its own; this module gathers
//! what it found into a [`DocumentView`] per word (how the same word, and the same run of
//! capitalised words, was tagged in the document's other sentences), and a second pass
//! tags again with those views as features (the non-local features of Ratinov & Roth 2009
//! and Krishnan & Manning 2006).

use crate::bio::{self, LABELS};
use crate::features::{span_key, DocumentView, Word};
use crate::perceptron::HashedMap;

/// Label counts per key, for the whole document and per sentence.
#[derive(Default)]
struct Tally {
    total: HashedMap<[u32; LABELS]>,
    own: Vec<HashedMap<[u32; LABELS]>>,
}

impl Tally {
    fn new(sentences: usize) -> Tally {
        Tally {
            total: HashedMap::default(),
            own: (0..sentences).map(|_| HashedMap::default()).collect(),
        }
    }

    fn count(&mut self, sentence: usize, key: u64, label: usize) {
        self.total.entry(key).or_default()[label] += 1;
        self.own[sentence].entry(key).or_default()[label] += 1;
    }

    /// The counts for `key` in the document, less sentence `sentence`'s own unless
    /// `include_own`.
    fn get(&self, sentence: usize, key: u64, include_own: bool) -> [u32; LABELS] {
        let mut counts = self.total.get(&key).copied().unwrap_or_default();
        if !include_own {
            if let Some(own) = self.own[sentence].get(&key) {
                for (c, o) in counts.iter_mut().zip(own) {
                    *c -= o;
                }
            }
        }
        counts
    }
}

/// Each word's view of the rest of the document, from the first pass's `tags` for each
/// sentence's `words`. With `include_own`, a sentence's own first-pass tags count too.
pub(crate) fn views(words: &[&[Word]], tags: &[Vec<u8>], include_own: bool) -> Vec<Vec<DocumentView>> {
    let mut by_word = Tally::new(words.len());
    let mut by_run = Tally::new(words.len());
    // Case of each word past the sentence start: label 0 lower case, 1 capitalised.
    let mut by_case = Tally::new(words.len());
    for (s, (ws, ts)) in words.iter().zip(tags).enumerate() {
        for (w, &t) in ws.iter().zip(ts) {
            if w.has_letter() {
                by_word.count(s, w.lower_key(), bio::label(t));
            }
        }
        for w in ws.iter().skip(1).filter(|w| w.has_letter()) {
            by_case.count(s, w.lower_key(), usize::from(w.capitalised()));
        }
        let names = bio::kind_spans(ts);
        for &(start, end, kind) in &names {
            by_run.count(s, span_key(&ws[start..end]), 1 + usize::from(kind));
        }
        // Capitalised runs the first pass did not tag as a whole name count as `O`.
        let mut i = 0;
        while i < ws.len() {
            let key = ws[i].run_key();
            if key == 0 {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < ws.len() && ws[end].run_key() == key {
                end += 1;
            }
            if !names.iter().any(|&(a, b, _)| (a, b) == (i, end)) {
                by_run.count(s, key, 0);
            }
            i = end;
        }
    }
    words
        .iter()
        .enumerate()
        .map(|(s, ws)| {
            ws.iter()
                .map(|w| DocumentView {
                    case_elsewhere: if w.has_letter() {
                        match by_case.get(s, w.lower_key(), false) {
                            [0, 0, ..] => 0,
                            [_, 0, ..] => 1,
                            [0, _, ..] => 3,
                            _ => 2,
                        }
                    } else {
                        0
                    },
                    word: if w.has_letter() {
                        by_word.get(s, w.lower_key(), include_own)
                    } else {
                        [0; LABELS]
                    },
                    run: if w.run_key() == 0 {
                        [0; LABELS]
                    } else {
                        by_run.get(s, w.run_key(), include_own)
                    },
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{words, Lexicons};
    use crate::gazetteer::Gazetteer;
    use crate::perceptron::HashedSet;

    #[test]
    fn views_count_the_other_sentences_tags_of_the_same_word_and_run() {
        let forms = [
            vec!["Burger", "King", "opened", "."],
            vec!["I", "like", "Burger", "King", "."],
            vec!["burger", "King", "."],
        ];
        let ws: Vec<Vec<Word>> = forms
            .iter()
            .map(|f| {
                let lexicons = Lexicons {
                    gazetteer: &Gazetteer::default(),
                    common_lower: &HashedSet::default(),
                    clusters: None,
                    casing: &Default::default(),
                };
                words(f, None, &lexicons)
            })
            .collect();
        let refs: Vec<&[Word]> = ws.iter().map(Vec::as_slice).collect();
        let org = 1 + crate::EntityKind::Organisation as u8;
        let (b, l) = (
            bio::tag(org - 1, bio::Position::Begin),
            bio::tag(org - 1, bio::Position::Last),
        );
        let tags = vec![vec![b, l, 0, 0], vec![0, 0, 0, 0, 0], vec![0, 0, 0]];
        let v = views(&refs, &tags, false);
        let org = usize::from(org);
        // "King" in sentence 1: once ORG (sentence 0), once O (sentence 2); not its own O.
        assert_eq!(v[1][3].word[org], 1);
        assert_eq!(v[1][3].word[0], 1);
        // Its run "Burger King" was a whole ORG name in sentence 0.
        assert_eq!(v[1][3].run[org], 1);
        assert_eq!(v[1][3].run[0], 0);
        // Sentence 0 sees sentence 1's untagged "Burger King" run as O, not its own ORG.
        assert_eq!(v[0][0].run, [1, 0, 0, 0, 0]);
        // Punctuation has no view; with `include_own` the sentence's own tags count.
        assert_eq!(v[0][3].word, [0; LABELS]);
        assert_eq!(views(&refs, &tags, true)[0][0].run[org], 1);
    }
}
