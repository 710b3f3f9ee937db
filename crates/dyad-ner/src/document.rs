//! Document-level consistency: a name is usually tagged the same way everywhere in one
//! document ("Miramar" ten times, "Burger King" in every sentence), but one sentence alone
//! often says too little. A first pass tags every sentence on its own; this module gathers
//! what it found into a [`DocumentView`] per word (how the same word, and the same run of
//! capitalised words, was tagged in the document's other sentences), and a second pass
//! tags again with those views as features (the non-local features of Ratinov & Roth 2009
//! and Krishnan & Manning 2006).

use crate::bio::{self, Position, KINDS, LABELS};
use crate::features::{span_key, DocumentView, Word};
use crate::perceptron::{HashedMap, HashedSet};
use crate::EntityKind;

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

/// One sense per discourse (Gale, Church & Yarowsky 1992), for names: a document that
/// once calls "Miramar" a place means the same place each time it writes the word, though
/// most of its sentences say too little to tell. After tagging, each name the document's
/// sentences found takes the kind it was found with most often in the document (ties keep
/// the sentence's own), and every other place the document writes the same words, where
/// the tagger found no name, gets it too (longest first) if it was found written with a
/// capital at least once (a name found only in lower case is weak evidence). Web text
/// drops capitals unevenly ("miramar florida"), so a mention need not be capitalised,
/// unless one of its words is common in lower case ("apple", "bush"). A capitalised word
/// standing alone that was part of a person's longer name is that person (see
/// [`surname`]), and an acronym of a name's initials is that name ("the Coalition
/// Provisional Authority ... the CPA"; Schwartz & Hearst 2003 find an acronym's
/// spelled-out form by the same initials test).
pub(crate) fn propagate(forms: &[&[&str]], words: &[&[Word]], tags: &mut [Vec<u8>]) {
    let mut names = FoundNames::gather(words, tags);
    names.settle(forms, words, tags);
    for ((fs, ws), ts) in forms.iter().zip(words).zip(tags.iter_mut()) {
        let mut i = 0;
        while i < ws.len() {
            match names.mention_at(fs, ws, ts, i) {
                Some((n, kind)) => {
                    set_name(&mut ts[i..i + n], kind);
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}

/// What the tagging of one document found, for [`propagate`].
#[derive(Default)]
struct FoundNames {
    /// How often each name (its words' [`span_key`]) was found with each kind index.
    kinds: HashedMap<[u32; KINDS]>,
    /// Names found written with a capital somewhere: only those go to other mentions.
    capitalised: HashedSet,
    /// The names' lengths in words, longest first.
    lengths: Vec<usize>,
    /// The capitalised words of people's longer names (see [`surname`]).
    surnames: HashedSet,
    /// The initials of names (see [`initials`]), with the names' kinds.
    acronyms: std::collections::HashMap<String, [u32; KINDS]>,
}

impl FoundNames {
    fn gather(words: &[&[Word]], tags: &[Vec<u8>]) -> FoundNames {
        let mut names = FoundNames::default();
        for (ws, ts) in words.iter().zip(tags) {
            for (a, b, kind) in bio::kind_spans(ts) {
                let key = span_key(&ws[a..b]);
                names.kinds.entry(key).or_default()[usize::from(kind)] += 1;
                if ws[a].capitalised() {
                    names.capitalised.insert(key);
                }
                if !names.lengths.contains(&(b - a)) {
                    names.lengths.push(b - a);
                }
            }
        }
        names.lengths.sort_unstable_by(|a, b| b.cmp(a));
        names
    }

    /// Gives each found name its kind found most often, and notes the surnames and
    /// acronyms of the names so settled.
    fn settle(&mut self, forms: &[&[&str]], words: &[&[Word]], tags: &mut [Vec<u8>]) {
        for ((fs, ws), ts) in forms.iter().zip(words).zip(tags.iter_mut()) {
            for (a, b, kind) in bio::kind_spans(ts) {
                let best = most_found_kind(&self.kinds[&span_key(&ws[a..b])], Some(kind));
                set_name(&mut ts[a..b], best);
                if let Some(letters) = initials(&fs[a..b]) {
                    self.acronyms.entry(letters).or_default()[usize::from(best)] += 1;
                }
                if b - a > 1 && best == EntityKind::Person as u8 {
                    let parts = ws[a..b].iter().filter(|w| w.capitalised() && !w.common_lower());
                    self.surnames.extend(parts.map(Word::lower_key));
                }
            }
        }
    }

    /// The length and kind of an untagged mention of a found name that starts at word `i`.
    fn mention_at(&self, forms: &[&str], words: &[Word], tags: &[u8], i: usize) -> Option<(usize, u8)> {
        let whole = self.lengths.iter().filter(|&&n| i + n <= words.len()).find_map(|&n| {
            let span = &words[i..i + n];
            let free = tags[i..i + n].iter().all(|&t| t == bio::OUTSIDE);
            let written = span[0].capitalised() || !span.iter().any(Word::common_lower);
            let key = span_key(span);
            let known = self.capitalised.contains(&key) && span.iter().any(Word::has_letter);
            let counts = self.kinds.get(&key).filter(|_| free && written && known)?;
            Some((n, most_found_kind(counts, None)))
        });
        whole
            .or_else(|| surname(words, tags, i, &self.surnames).then_some((1, EntityKind::Person as u8)))
            .or_else(|| {
                let counts = self.acronyms.get(forms[i]).filter(|_| tags[i] == bio::OUTSIDE)?;
                Some((1, most_found_kind(counts, None)))
            })
    }
}

/// The kind index counted most often; ties go to `own`, then to the lower index.
fn most_found_kind(counts: &[u32; KINDS], own: Option<u8>) -> u8 {
    let best = (0..KINDS).max_by_key(|&k| (counts[k], own == Some(k as u8), std::cmp::Reverse(k)));
    best.unwrap_or(0) as u8
}

/// Whether word `i` is a capitalised word standing alone (no capitalised neighbour) and
/// untagged, that the document used in a longer person's name: later mentions of a person
/// often give the surname alone ("James Perry ... Perry said").
fn surname(words: &[Word], tags: &[u8], i: usize, surnames: &HashedSet) -> bool {
    let alone = (i == 0 || !words[i - 1].capitalised()) && words.get(i + 1).is_none_or(|w| !w.capitalised());
    tags[i] == bio::OUTSIDE && words[i].capitalised() && alone && surnames.contains(&words[i].lower_key())
}

/// Lower-case words that may join the capitalised words of one name ("Housing Authority
/// *of* New Orleans", "Department of Housing *and* Urban Development").
const NAME_JOINERS: [&str; 6] = ["of", "and", "&", "for", "the", "on"];

/// The initials of a name of two or more capitalised words, joiners skipped ("Housing
/// Authority of New Orleans" → "HANO"): the acronym the document may use for it.
fn initials(name: &[&str]) -> Option<String> {
    let mut letters = String::new();
    for w in name {
        match w.chars().next() {
            Some(c) if c.is_uppercase() && w.chars().skip(1).any(char::is_lowercase) => letters.push(c),
            _ if NAME_JOINERS.contains(w) => {}
            _ => return None,
        }
    }
    (letters.chars().count() >= 2).then_some(letters)
}

/// Tags `tags`' words as one name of kind index `kind`.
fn set_name(tags: &mut [u8], kind: u8) {
    let n = tags.len();
    for (j, t) in tags.iter_mut().enumerate() {
        let position = match (j, n) {
            (_, 1) => Position::Unit,
            (0, _) => Position::Begin,
            (j, n) if j + 1 == n => Position::Last,
            _ => Position::Inside,
        };
        *t = bio::tag(kind, position);
    }
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

    /// The features of sentences of words, with `common` as the common lower-case words.
    fn analyse(forms: &[Vec<&str>], common: &[&str]) -> Vec<Vec<Word>> {
        let common: HashedSet = common.iter().map(|w| crate::features::hash_str(w)).collect();
        let lexicons = Lexicons {
            gazetteer: &Gazetteer::default(),
            common_lower: &common,
            clusters: None,
            casing: &Default::default(),
        };
        forms.iter().map(|f| words(f, None, &lexicons)).collect()
    }

    fn name(kind: crate::EntityKind, len: usize) -> Vec<u8> {
        let mut tags = vec![0; len];
        set_name(&mut tags, kind as u8);
        tags
    }

    #[test]
    fn propagation_gives_a_found_name_to_the_documents_other_mentions() {
        use crate::EntityKind::{Location, Person};
        let forms = [
            vec!["Miramar", "is", "in", "Florida", "."],
            vec!["I", "love", "Miramar", "."],
            vec!["miramar", "has", "seafood", "."],
            vec!["seafood", "and", "Apple", "pie", "and", "apple", "."],
            vec!["Apple", "said", "."],
        ];
        let ws = analyse(&forms, &["apple"]);
        let refs: Vec<&[Word]> = ws.iter().map(Vec::as_slice).collect();
        let loc = name(Location, 1)[0];
        let per = name(Person, 1)[0];
        let org = name(crate::EntityKind::Organisation, 1)[0];
        let mut tags = vec![
            vec![loc, 0, 0, loc, 0],
            vec![0, 0, 0, 0],
            vec![0, 0, per, 0],
            vec![0, 0, 0, 0, 0, 0, 0],
            vec![org, 0, 0],
        ];
        propagate(&forms.iter().map(Vec::as_slice).collect::<Vec<_>>(), &refs, &mut tags);
        // Found capitalised once: given to the capitalised and the lower-case mention.
        assert_eq!(tags[1], vec![0, 0, loc, 0]);
        assert_eq!(tags[2][0], loc);
        // "seafood" was only ever found in lower case: not given to other mentions.
        assert_eq!(tags[3][0], 0);
        // "Apple" is given to its capitalised mention, not to "apple", a common word.
        assert_eq!(tags[3][2], org);
        assert_eq!(tags[3][5], 0);
    }

    #[test]
    fn propagation_gives_each_name_its_kind_found_most_often() {
        use crate::EntityKind::{Location, Person};
        let forms = [
            vec!["Del", "Rio", "is", "nice", "."],
            vec!["Del", "Rio", "again", "."],
            vec!["Del", "Rio", "said", "hi", "to", "Rio", "."],
        ];
        let ws = analyse(&forms, &[]);
        let refs: Vec<&[Word]> = ws.iter().map(Vec::as_slice).collect();
        let loc = name(Location, 2);
        let per = name(Person, 2);
        let mut tags = vec![
            [loc.clone(), vec![0; 3]].concat(),
            [loc.clone(), vec![0; 2]].concat(),
            [per, vec![0; 5]].concat(),
        ];
        propagate(&forms.iter().map(Vec::as_slice).collect::<Vec<_>>(), &refs, &mut tags);
        assert_eq!(tags[2][..2], loc[..]);
        // A name is only given where the tagger found nothing: "Rio" alone was never found.
        assert_eq!(tags[2][5], 0);
        assert_eq!(tags[0][..2], loc[..]);
    }

    #[test]
    fn propagation_reads_a_lone_surname_as_the_person_named_in_full() {
        use crate::EntityKind::Person;
        let forms = [
            vec!["James", "Perry", "spoke", "."],
            vec!["Perry", "said", "Perry", "Street", "."],
        ];
        let ws = analyse(&forms, &[]);
        let refs: Vec<&[Word]> = ws.iter().map(Vec::as_slice).collect();
        let mut tags = vec![[name(Person, 2), vec![0; 2]].concat(), vec![0; 5]];
        propagate(&forms.iter().map(Vec::as_slice).collect::<Vec<_>>(), &refs, &mut tags);
        assert_eq!(tags[1][0], name(Person, 1)[0]);
        // Not where it is part of a longer capitalised run.
        assert_eq!(tags[1][2..4], [0, 0]);
    }

    #[test]
    fn propagation_reads_an_acronym_as_the_name_it_abbreviates() {
        use crate::EntityKind::Organisation;
        let forms = [
            vec!["the", "Housing", "Authority", "of", "New", "Orleans", "ruled", "."],
            vec!["HANO", "said", "no", "to", "HA", "."],
        ];
        let ws = analyse(&forms, &[]);
        let refs: Vec<&[Word]> = ws.iter().map(Vec::as_slice).collect();
        let f: Vec<&[&str]> = forms.iter().map(Vec::as_slice).collect();
        let mut tags = vec![[vec![0], name(Organisation, 5), vec![0; 2]].concat(), vec![0; 6]];
        propagate(&f, &refs, &mut tags);
        assert_eq!(tags[1][0], name(Organisation, 1)[0]);
        assert_eq!(tags[1][4], 0);
        assert_eq!(
            initials(&["Housing", "Authority", "of", "New", "Orleans"]).as_deref(),
            Some("HANO")
        );
        assert_eq!(initials(&["Mozilla"]), None);
        assert_eq!(initials(&["the", "UN", "Council"]), None);
    }
}
