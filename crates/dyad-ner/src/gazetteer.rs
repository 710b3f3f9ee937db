//! Name lists the tagger consults as features: which words of a sentence fall inside a
//! known person, organisation, place or demonym, and where in the name.
//!
//! The lists come from outside this crate (dyad's knowledge base, supplied by `dyad
//! train-ner`), are stored inside the model file, and only ever add evidence: membership is
//! a feature whose weight was learned, never a rule. Matching is by exact case and, as a
//! separate weaker feature, case-folded, so the alias "WHO" can count for "WHO" without
//! making every "who" an organisation.

use crate::features::{hash_str, mix};
use crate::format::{Decoder, Encoder};
use crate::perceptron::HashedMap;
use crate::NerError;

/// What a gazetteer name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GazetteerKind {
    /// A person's full name or alias.
    Person,
    /// One word of a person's name (a surname on its own is often how people are named).
    PersonPart,
    Organisation,
    /// Countries, their capitals and other places.
    Location,
    /// "Syrian", "Iranians": not entities in Universal NER, which makes the feature useful
    /// the other way.
    Demonym,
}

impl GazetteerKind {
    const ALL: [GazetteerKind; 5] = [
        GazetteerKind::Person,
        GazetteerKind::PersonPart,
        GazetteerKind::Organisation,
        GazetteerKind::Location,
        GazetteerKind::Demonym,
    ];
}

/// Longest name matched, in words.
const MAX_WORDS: usize = 8;

/// Position bits: begin, inside, last, unit (a one-word match).
const POSITIONS: u32 = 4;

/// Names by kind, tokenized like Universal Dependencies text, and their lookup tables.
#[derive(Default)]
pub struct Gazetteer {
    /// `(tokens joined by single spaces, kind)`, sorted and deduplicated.
    names: Vec<(String, GazetteerKind)>,
    /// Sequence hash of the exact tokens → kind bit mask.
    exact: HashedMap<u8>,
    /// Sequence hash of the lowercased tokens → kind bit mask.
    folded: HashedMap<u8>,
    max_words: usize,
}

/// Splits a name into words the way UD English tokenizes text: spaces, hyphens and
/// brackets apart, "'s" split off, periods inside abbreviations kept ("U.S.").
pub(crate) fn tokenize_name(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in name.split_whitespace() {
        let mut word = String::new();
        for c in piece.chars() {
            if matches!(c, '-' | '–' | '(' | ')' | ',' | '"' | '/') {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                if c != ',' {
                    out.push(c.to_string());
                }
            } else {
                word.push(c);
            }
        }
        if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
            if !stem.is_empty() {
                let tail = word[stem.len()..].to_string();
                out.push(stem.to_string());
                out.push(tail);
                continue;
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

fn sequence_start() -> u64 {
    0x9A2E_7F11_0C3D_5B67
}

impl Gazetteer {
    /// Builds the tables from `(name, kind)` pairs; names are tokenized here.
    pub fn new(names: impl IntoIterator<Item = (String, GazetteerKind)>) -> Gazetteer {
        let mut list: Vec<(String, GazetteerKind)> = names
            .into_iter()
            .map(|(n, k)| (tokenize_name(&n).join(" "), k))
            .filter(|(n, _)| !n.is_empty() && n.split(' ').count() <= MAX_WORDS)
            .collect();
        list.sort();
        list.dedup();
        let mut g = Gazetteer {
            names: Vec::new(),
            ..Gazetteer::default()
        };
        for (name, kind) in &list {
            let words: Vec<&str> = name.split(' ').collect();
            let bit = 1u8 << *kind as u8;
            let (mut e, mut f) = (sequence_start(), sequence_start());
            for w in &words {
                e = mix(e, hash_str(w));
                f = mix(f, hash_str(&w.to_lowercase()));
            }
            *g.exact.entry(e).or_default() |= bit;
            *g.folded.entry(f).or_default() |= bit;
            g.max_words = g.max_words.max(words.len());
        }
        g.names = list;
        g
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// For each word: a bit set of (case-folded?, kind, position) for every name covering it,
    /// and the bit set of those names' kinds (exact-case matches only).
    ///
    /// A one-word case-folded match on a word that `common_lower` says is an ordinary
    /// lower-case word is ignored: "us" is not "US", "who" is not "WHO", and letting them
    /// match would teach the tagger that case-folded matches mean nothing.
    pub(crate) fn annotate(&self, words: &[&str], common_lower: impl Fn(u64) -> bool) -> Vec<(u64, u64)> {
        let mut out = vec![(0u64, 0u64); words.len()];
        if self.names.is_empty() {
            return out;
        }
        let exact: Vec<u64> = words.iter().map(|w| hash_str(w)).collect();
        let folded: Vec<u64> = words.iter().map(|w| hash_str(&w.to_lowercase())).collect();
        for start in 0..words.len() {
            let (mut e, mut f) = (sequence_start(), sequence_start());
            for end in start + 1..=(start + self.max_words).min(words.len()) {
                e = mix(e, exact[end - 1]);
                f = mix(f, folded[end - 1]);
                let exact_kinds = self.exact.get(&e).copied().unwrap_or(0);
                // A folded match that is also exact is only reported as exact.
                let mut folded_kinds = self.folded.get(&f).copied().unwrap_or(0) & !exact_kinds;
                if end - start == 1 && folded_kinds != 0 && common_lower(folded[start]) {
                    folded_kinds = 0;
                }
                for (case, kinds) in [(0u32, exact_kinds), (1, folded_kinds)] {
                    for kind in GazetteerKind::ALL {
                        if kinds & (1 << kind as u8) == 0 {
                            continue;
                        }
                        let base = (case * GazetteerKind::ALL.len() as u32 + kind as u32) * POSITIONS;
                        for (i, slot) in out[start..end].iter_mut().enumerate() {
                            let position = if end - start == 1 {
                                3
                            } else if i == 0 {
                                0
                            } else if start + i == end - 1 {
                                2
                            } else {
                                1
                            };
                            slot.0 |= 1 << (base + position);
                            if case == 0 {
                                slot.1 |= 1 << kind as u8;
                            }
                        }
                    }
                }
            }
        }
        out
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.uint(self.names.len() as u64);
        for (name, kind) in &self.names {
            out.uint(*kind as u64);
            out.str(name);
        }
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Gazetteer, NerError> {
        let n = input.len()?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            let kind = input.uint()?;
            let kind = *GazetteerKind::ALL
                .get(kind as usize)
                .ok_or_else(|| NerError::Corrupt(format!("unknown gazetteer kind {kind}")))?;
            names.push((input.str()?.to_string(), kind));
        }
        Ok(Gazetteer::new(names))
    }

    pub(crate) fn memory(&self) -> usize {
        self.names.iter().map(|(n, _)| n.len() + 32).sum::<usize>() + (self.exact.len() + self.folded.len()) * 16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tokenized_like_ud() {
        assert_eq!(tokenize_name("Al-Zaman"), ["Al", "-", "Zaman"]);
        assert_eq!(tokenize_name("  U.S.  Congress "), ["U.S.", "Congress"]);
        assert_eq!(
            tokenize_name("Doctors Without Borders (MSF)"),
            ["Doctors", "Without", "Borders", "(", "MSF", ")"]
        );
        assert_eq!(tokenize_name("People's Mujahedin"), ["People", "'s", "Mujahedin"]);
        assert!(tokenize_name("   ").is_empty());
    }

    #[test]
    fn matches_mark_kind_position_and_case() {
        let g = Gazetteer::new([
            ("United Nations".to_string(), GazetteerKind::Organisation),
            ("WHO".to_string(), GazetteerKind::Organisation),
            ("Syria".to_string(), GazetteerKind::Location),
        ]);
        let words = ["the", "United", "Nations", "and", "who", "in", "Syria"];
        let marks = g.annotate(&words, |_| false);
        let org = GazetteerKind::Organisation as u32 * POSITIONS;
        assert_eq!(marks[0], (0, 0));
        assert_eq!(marks[1].0, 1 << org);
        assert_eq!(marks[2].0, 1 << (org + 2));
        assert_eq!(marks[1].1, 1 << GazetteerKind::Organisation as u8);
        // "who" only matches case-folded, and does not count as an exact-case kind.
        let folded = (GazetteerKind::ALL.len() as u32 + GazetteerKind::Organisation as u32) * POSITIONS + 3;
        assert_eq!(marks[4], (1 << folded, 0));
        assert_eq!(marks[6].0, 1 << (GazetteerKind::Location as u32 * POSITIONS + 3));
        assert!(Gazetteer::default()
            .annotate(&["Syria"], |_| false)
            .iter()
            .all(|m| *m == (0, 0)));
        // ... unless "who" is a common lower-case word.
        let who = hash_str("who");
        assert_eq!(g.annotate(&words, |h| h == who)[4], (0, 0));
    }
}
