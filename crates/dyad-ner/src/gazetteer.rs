//! Name lists the tagger consults as features: which words of a sentence fall inside a
//! known person, organisation, place or demonym, and where in the name.
//!
//! The lists come from outside this crate (dyad's knowledge base and, optionally, actor
//! dictionaries such as PETRARCH2's Phoenix files, supplied by `dyad train-ner`) and only
//! ever add evidence: membership is a feature whose weight was learned, never a rule.
//! Matching is by exact case and, as a separate weaker feature, case-folded, so the alias
//! "WHO" can count for "WHO" without making every "who" an organisation. Names from a source
//! that writes everything in capitals (the Phoenix files) carry no case to match, so they
//! are a third, case-folded channel of their own whose weights are learned apart from the
//! knowledge base's.
//!
//! The model file keeps only the lookup tables (hashed word sequences → kinds), never the
//! names: dictionaries with their own licences stay where they are and the model stays small.

use crate::features::{hash_str, mix};
use crate::format::{decode_byte_table, encode_byte_table, Decoder, Encoder};
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

/// How a match was made, in the order of the feature bits: exact case, case-folded, and
/// case-folded against a source without case.
const CASES: u32 = 3;
const _: () = assert!(CASES * GazetteerKind::ALL.len() as u32 * POSITIONS <= u64::BITS);

/// Lookup tables of names by kind, tokenized like Universal Dependencies text.
#[derive(Default)]
pub struct Gazetteer {
    /// Sequence hash of the exact tokens → kind bit mask.
    exact: HashedMap<u8>,
    /// Sequence hash of the lowercased tokens → kind bit mask.
    folded: HashedMap<u8>,
    /// Sequence hash of the lowercased tokens of names from a source without case → kind
    /// bit mask.
    caseless: HashedMap<u8>,
    /// Longest name held, in words.
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

/// A name's words, or `None` when it has none or more than [`MAX_WORDS`].
fn name_words(name: &str) -> Option<Vec<String>> {
    let words = tokenize_name(name);
    (!words.is_empty() && words.len() <= MAX_WORDS).then_some(words)
}

/// The sequence hash of `words` as given.
fn sequence_key<'a>(words: impl IntoIterator<Item = &'a str>) -> u64 {
    words.into_iter().fold(sequence_start(), |h, w| mix(h, hash_str(w)))
}

/// The sequence hash of `words` lower-cased.
fn folded_key(words: &[String]) -> u64 {
    words
        .iter()
        .fold(sequence_start(), |h, w| mix(h, hash_str(&w.to_lowercase())))
}

impl Gazetteer {
    /// Builds the tables from `(name, kind)` pairs written in their usual case; names are
    /// tokenized here.
    pub fn new(names: impl IntoIterator<Item = (String, GazetteerKind)>) -> Gazetteer {
        let mut g = Gazetteer::default();
        g.add(names);
        g
    }

    /// Adds names written in their usual case: they match exactly and case-folded.
    pub fn add(&mut self, names: impl IntoIterator<Item = (String, GazetteerKind)>) {
        for (name, kind) in names {
            let Some(words) = name_words(&name) else { continue };
            let bit = 1u8 << kind as u8;
            *self
                .exact
                .entry(sequence_key(words.iter().map(String::as_str)))
                .or_default() |= bit;
            *self.folded.entry(folded_key(&words)).or_default() |= bit;
            self.max_words = self.max_words.max(words.len());
        }
    }

    /// Adds names from a source whose case says nothing (all capitals, like the PETRARCH
    /// dictionaries): they match case-folded only, as their own feature channel.
    pub fn add_caseless(&mut self, names: impl IntoIterator<Item = (String, GazetteerKind)>) {
        for (name, kind) in names {
            let Some(words) = name_words(&name) else { continue };
            *self.caseless.entry(folded_key(&words)).or_default() |= 1u8 << kind as u8;
            self.max_words = self.max_words.max(words.len());
        }
    }

    /// How many distinct word sequences it holds (a name in both case channels counts
    /// once per channel, its exact and folded forms once).
    pub fn len(&self) -> usize {
        self.exact.len() + self.caseless.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.caseless.is_empty()
    }

    /// For each word: a bit set of (how matched, kind, position) for every name covering
    /// it, and the bit set of those names' kinds: exact-case matches' in the low bits,
    /// caseless sources' in bits of their own above them (case-folded matches of cased names
    /// are left out: "who" is not a hint that "WHO" is near).
    ///
    /// A one-word case-folded match on a word that `common_lower` says is an ordinary
    /// lower-case word is ignored: "us" is not "US", "who" is not "WHO", and letting them
    /// match would teach the tagger that case-folded matches mean nothing.
    pub(crate) fn annotate(&self, words: &[&str], common_lower: impl Fn(u64) -> bool) -> Vec<(u64, u64)> {
        let mut out = vec![(0u64, 0u64); words.len()];
        if self.is_empty() {
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
                let mut caseless_kinds = self.caseless.get(&f).copied().unwrap_or(0);
                if end - start == 1 && common_lower(folded[start]) {
                    folded_kinds = 0;
                    caseless_kinds = 0;
                }
                for (case, kinds) in [(0u32, exact_kinds), (1, folded_kinds), (2, caseless_kinds)] {
                    mark(&mut out[start..end], case, kinds);
                }
            }
        }
        out
    }

    /// Writes the tables, keys sorted so that the same names give the same bytes.
    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.uint(self.max_words as u64);
        for table in [&self.exact, &self.folded, &self.caseless] {
            encode_byte_table(table, out);
        }
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Gazetteer, NerError> {
        let max_words = input.len()?;
        if max_words > MAX_WORDS {
            return Err(NerError::Corrupt(format!(
                "gazetteer names of {max_words} words (at most {MAX_WORDS})"
            )));
        }
        Ok(Gazetteer {
            max_words,
            exact: decode_table(input)?,
            folded: decode_table(input)?,
            caseless: decode_table(input)?,
        })
    }

    pub(crate) fn memory(&self) -> usize {
        // A hash table entry: the key, the mask and about as much again in spare room.
        (self.exact.len() + self.folded.len() + self.caseless.len()) * 24
    }
}

/// Sets the feature bits of a match of `kinds` (made the way `case` says) over `span`.
fn mark(span: &mut [(u64, u64)], case: u32, kinds: u8) {
    let len = span.len();
    for kind in GazetteerKind::ALL {
        if kinds & (1 << kind as u8) == 0 {
            continue;
        }
        let base = (case * GazetteerKind::ALL.len() as u32 + kind as u32) * POSITIONS;
        for (i, slot) in span.iter_mut().enumerate() {
            let position = if len == 1 {
                3
            } else if i == 0 {
                0
            } else if i == len - 1 {
                2
            } else {
                1
            };
            slot.0 |= 1 << (base + position);
            if case == 0 {
                slot.1 |= 1 << kind as u8;
            } else if case == 2 {
                slot.1 |= 1 << (GazetteerKind::ALL.len() as u8 + kind as u8);
            }
        }
    }
}

/// A kind-mask table, as [`encode_byte_table`] writes it.
fn decode_table(input: &mut Decoder) -> Result<HashedMap<u8>, NerError> {
    decode_byte_table(input, "gazetteer", |mask| {
        mask != 0 && mask < 1 << GazetteerKind::ALL.len()
    })
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

    #[test]
    fn caseless_names_are_their_own_folded_channel() {
        let mut g = Gazetteer::new([("Oslo".to_string(), GazetteerKind::Location)]);
        g.add_caseless([
            ("EXXON MOBIL".to_string(), GazetteerKind::Organisation),
            ("OSLO".to_string(), GazetteerKind::Location),
            ("WHO".to_string(), GazetteerKind::Organisation),
        ]);
        let channel = |case: u32, kind: GazetteerKind, position: u32| {
            1u64 << ((case * GazetteerKind::ALL.len() as u32 + kind as u32) * POSITIONS + position)
        };
        let who = hash_str("who");
        let marks = g.annotate(&["Exxon", "Mobil", "in", "Oslo", "who"], |h| h == who);
        let org = GazetteerKind::Organisation;
        assert_eq!(
            marks[0],
            (channel(2, org, 0), 1 << (GazetteerKind::ALL.len() as u32 + org as u32)),
            "a caseless name's kind is not an exact-case kind"
        );
        assert_eq!(marks[1].0, channel(2, org, 2));
        let loc = GazetteerKind::Location;
        assert_eq!(marks[3].0, channel(0, loc, 3) | channel(2, loc, 3));
        assert_eq!(marks[4], (0, 0), "a common lower-case word is not a caseless match");
    }

    #[test]
    fn tables_round_trip_without_the_names() {
        let mut g = Gazetteer::new([
            ("Kofi Annan".to_string(), GazetteerKind::Person),
            ("Annan".to_string(), GazetteerKind::PersonPart),
        ]);
        g.add_caseless([("TOYOTA MOTOR".to_string(), GazetteerKind::Organisation)]);
        let mut out = Encoder::default();
        g.encode(&mut out);
        let bytes = out.bytes;
        for name in ["Annan", "TOYOTA", "toyota"] {
            assert!(
                !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
                "{name} is stored"
            );
        }
        let mut input = Decoder::new(&bytes);
        let again = Gazetteer::decode(&mut input).unwrap();
        input.finish().unwrap();
        let words = ["Kofi", "Annan", "of", "Toyota", "Motor"];
        assert_eq!(again.annotate(&words, |_| false), g.annotate(&words, |_| false));
        assert_eq!((again.len(), again.max_words), (g.len(), 2));
        let mut out = Encoder::default();
        again.encode(&mut out);
        assert!(out.bytes == bytes, "the same tables encode to the same bytes");
    }
}
