//! What the tagger looks at: hashed views of each word (form, case, shape, affixes), the
//! gazetteer matches covering it, and the same for its neighbours two words either side.
//!
//! Every feature is a 64-bit hash so scoring is integer mixing and table lookups only. The
//! features of a word do not depend on the tags around it; a few of them (`extract_pairs`)
//! are conjoined with the previous tag, like the transition weights. That is what first-order
//! Viterbi decodes exactly, and it lets training compute every feature once.

use crate::casing::CaseStats;
use crate::gazetteer::Gazetteer;
use crate::perceptron::HashedSet;

pub(crate) use dyad_perceptron::{hash_str, mix};

/// A feature from a template number and up to a few values.
#[inline]
pub(crate) fn feature(template: u64, values: &[u64]) -> u64 {
    dyad_perceptron::seeded_feature(0x6E65_7254_A6B1_1D09, template, values)
}

/// The transition feature for the tag before (`prev` = [`crate::bio::START`] at the start).
pub(crate) fn transition(prev: usize) -> u64 {
    feature(1000, &[prev as u64])
}

/// Bits of [`Word::flags`].
const HAS_UPPER: u64 = 1;
const ALL_UPPER: u64 = 2;
const HAS_DIGIT: u64 = 4;
const HAS_HYPHEN: u64 = 8;
const TITLE: u64 = 16;
const HAS_LETTER: u64 = 32;
const HAS_PERIOD: u64 = 64;
const NON_ASCII_LETTER: u64 = 128;
/// The lowercased word is common in lowercase in the training text: a capitalised "The" or
/// "However" is then most likely just sentence case.
const COMMON_LOWER: u64 = 256;

/// The hashed views of one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Word {
    lower: u64,
    exact: u64,
    shape: u64,
    short_shape: u64,
    suffix: [u64; 4],
    prefix: [u64; 3],
    flags: u64,
    /// Gazetteer matches covering the word (see [`Gazetteer::annotate`]).
    gazetteer: u64,
    /// The kinds (not positions) of those matches.
    gazetteer_kinds: u64,
    /// Length (capped at 4) of the run of capitalised words this word is in, and the word's
    /// place in it (0 alone, 1 first, 2 inside, 3 last); 0 for words not capitalised.
    caps_run: u64,
    /// The word's (fine, coarse) cluster from the parser model's table, a marker for words
    /// without one; 0 when the model uses no clusters.
    cluster: [u64; 2],
    /// The capitalised run the word is in, lowercased and hashed as one string (0 outside
    /// runs): the key for what the document said about the same name elsewhere.
    run_key: u64,
    /// The part-of-speech tagger's XPOS tag (hashed); 0 when the model uses no tags.
    tag: u64,
    /// 1 + the word's capitalisation band in raw text (see [`CaseStats::band`]); 0 when the
    /// model has no case statistics.
    case_band: u64,
}

impl Word {
    fn new(form: &str, common_lower: &HashedSet) -> Word {
        let lower = form.to_lowercase();
        let lower_hash = hash_str(&lower);
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            let start = if chars.len() > k {
                chars[chars.len() - 1 - k].0
            } else {
                0
            };
            *s = mix(hash_str(&lower[start..]), 100 + k as u64);
        }
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            let end = chars.get(k + 1).map_or(lower.len(), |&(i, _)| i);
            *p = mix(hash_str(&lower[..end]), 200 + k as u64);
        }
        let (shape, short_shape) = shapes(form);
        let mut flags = flags(form);
        if common_lower.contains(&lower_hash) {
            flags |= COMMON_LOWER;
        }
        Word {
            lower: lower_hash,
            exact: mix(hash_str(form), 7),
            shape,
            short_shape,
            suffix,
            prefix,
            flags,
            gazetteer: 0,
            gazetteer_kinds: 0,
            caps_run: 0,
            cluster: [0; 2],
            run_key: 0,
            tag: 0,
            case_band: 0,
        }
    }

    /// The word's lowercased form, hashed: the key for what the document said about it.
    pub(crate) fn lower_key(&self) -> u64 {
        self.lower
    }

    pub(crate) fn run_key(&self) -> u64 {
        self.run_key
    }

    /// Whether the word is written capitalised.
    pub(crate) fn capitalised(&self) -> bool {
        self.flags & (TITLE | ALL_UPPER) != 0
    }

    /// Whether the word, lowercased, is common in lower case in the training text.
    pub(crate) fn common_lower(&self) -> bool {
        self.flags & COMMON_LOWER != 0
    }

    /// Whether the word has a letter: only such words carry document features.
    pub(crate) fn has_letter(&self) -> bool {
        self.flags & HAS_LETTER != 0
    }

    fn pad(side: u64) -> Word {
        let h = mix(hash_str("<PAD>"), side);
        Word {
            lower: h,
            exact: h,
            shape: h,
            short_shape: h,
            suffix: [h; 4],
            prefix: [h; 3],
            flags: 1 << 20 | side,
            gazetteer: 0,
            gazetteer_kinds: 0,
            caps_run: 0,
            cluster: [h; 2],
            run_key: 0,
            tag: h,
            case_band: 0,
        }
    }
}

/// The word's character-class shape, collapsed ("Xxxxx" → "Xx") and in full up to 6 chars
/// ("Xxxxx", "dd-dd").
fn shapes(form: &str) -> (u64, u64) {
    let mut full = String::new();
    let mut short = String::new();
    let mut last = '\0';
    for (i, c) in form.chars().enumerate() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if i < 6 {
            full.push(class);
        }
        if class != last && short.len() < 8 {
            short.push(class);
        }
        last = class;
    }
    if form.chars().count() > 6 {
        full.push('+');
    }
    (mix(hash_str(&full), 300), mix(hash_str(&short), 301))
}

fn flags(form: &str) -> u64 {
    let mut f = 0u64;
    let mut upper = 0;
    let mut lower = 0;
    for c in form.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
        if c.is_ascii_digit() {
            f |= HAS_DIGIT;
        }
        if c == '-' {
            f |= HAS_HYPHEN;
        }
        if c == '.' {
            f |= HAS_PERIOD;
        }
        if c.is_alphabetic() {
            f |= HAS_LETTER;
            if !c.is_ascii() {
                f |= NON_ASCII_LETTER;
            }
        }
    }
    if upper > 0 {
        f |= HAS_UPPER;
        if lower == 0 {
            f |= ALL_UPPER;
        }
    }
    if form.chars().next().is_some_and(char::is_uppercase) {
        f |= TITLE;
    }
    f
}

/// How the sentence uses case: all lower, mostly upper, or ordinary. In web text a sentence
/// typed all in lower case (or in capitals) says little about names by its case.
pub(crate) fn case_style(words: &[&str]) -> u64 {
    let (mut upper, mut lower) = (0usize, 0usize);
    for w in words {
        match w.chars().next() {
            Some(c) if c.is_uppercase() => upper += 1,
            Some(c) if c.is_lowercase() => lower += 1,
            _ => {}
        }
    }
    if upper == 0 {
        1
    } else if upper > 2 && upper * 2 > upper + lower {
        2
    } else {
        0
    }
}

/// The key of a run of words: their lowercased forms, in order.
pub(crate) fn span_key(words: &[Word]) -> u64 {
    words.iter().fold(0x52_554E, |h, w| mix(h, w.lower))
}

/// Where word clusters come from: the parser model's table.
pub(crate) type ClusterTable = dyad_parse::Model;

/// What a model looks a sentence's words up in, beside its weights: one bundle, so that a
/// new source of word features is added here and not to every caller's argument list.
#[derive(Clone, Copy)]
pub(crate) struct Lexicons<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    /// Words seen in lower case in the training text often enough.
    pub(crate) common_lower: &'a HashedSet,
    pub(crate) clusters: Option<&'a ClusterTable>,
    pub(crate) casing: &'a CaseStats,
}

/// Computes the [`Word`]s of a sentence, gazetteer matches, clusters and part-of-speech
/// tags (`tags`: one XPOS per form) included.
pub(crate) fn words(forms: &[&str], tags: Option<&[&str]>, lexicons: &Lexicons) -> Vec<Word> {
    let Lexicons {
        gazetteer,
        common_lower,
        clusters,
        casing,
    } = *lexicons;
    let mut words: Vec<Word> = forms.iter().map(|f| Word::new(f, common_lower)).collect();
    if !casing.is_empty() {
        for w in &mut words {
            w.case_band = 1 + casing.band(w.lower);
        }
    }
    for (w, tag) in words.iter_mut().zip(tags.unwrap_or_default()) {
        w.tag = mix(hash_str(tag), 0x7A6);
    }
    if let Some(table) = clusters {
        for (w, form) in words.iter_mut().zip(forms) {
            w.cluster = match table.word_cluster(form) {
                Some((fine, coarse)) => [mix(u64::from(fine), 0xF17E), mix(u64::from(coarse), 0xC0A5)],
                None => [mix(hash_str("<NO-CLUSTER>"), 1), mix(hash_str("<NO-CLUSTER>"), 2)],
            };
        }
    }
    let capitalised = |w: &Word| w.flags & (TITLE | ALL_UPPER) != 0;
    let mut start = 0;
    while start < words.len() {
        if !capitalised(&words[start]) {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < words.len() && capitalised(&words[end]) {
            end += 1;
        }
        let len = (end - start).min(4) as u64;
        let run_key = span_key(&words[start..end]);
        for (i, w) in words[start..end].iter_mut().enumerate() {
            let place = if end - start == 1 {
                0
            } else if i == 0 {
                1
            } else if start + i + 1 == end {
                3
            } else {
                2
            };
            w.caps_run = len * 4 + place;
            w.run_key = run_key;
        }
        start = end;
    }
    let marks = gazetteer.annotate(forms, |h| common_lower.contains(&h));
    for (w, (bits, kinds)) in words.iter_mut().zip(marks) {
        w.gazetteer = bits;
        w.gazetteer_kinds = kinds;
    }
    words
}

/// The bases of word `i`'s features that are conjoined with the previous tag (their weights
/// are kept per (previous tag, tag) pair: see `bio::pair_class`), written to `out` (cleared
/// first).
pub(crate) fn extract_pairs(words: &[Word], i: usize, out: &mut Vec<u64>) {
    let w = words[i];
    let m1 = if i > 0 { words[i - 1] } else { Word::pad(1) };
    out.clear();
    out.extend_from_slice(&[
        feature(60, &[w.lower]),
        feature(61, &[w.short_shape]),
        feature(
            62,
            &[
                w.flags & (TITLE | ALL_UPPER | COMMON_LOWER),
                m1.flags & (TITLE | ALL_UPPER),
            ],
        ),
        feature(63, &[m1.lower]),
    ]);
}

/// Where [`extract`] puts the features that name the word itself (its form, alone or with a
/// neighbour); training drops them now and then (see `TrainConfig::word_dropout`).
pub(crate) const WORD_IDENTITY: [usize; 7] = [1, 2, 20, 21, 30, 32, 33];
/// The same for [`extract_pairs`].
pub(crate) const PAIR_WORD_IDENTITY: [usize; 1] = [0];

/// Appends the features of word `i` to `out` (cleared first).
pub(crate) fn extract(words: &[Word], case: u64, i: usize, out: &mut Vec<u64>) {
    let at = |j: isize| -> Word {
        if j < 0 {
            Word::pad(1)
        } else if j as usize >= words.len() {
            Word::pad(2)
        } else {
            words[j as usize]
        }
    };
    let k = i as isize;
    let w = words[i];
    let (m1, m2, p1, p2) = (at(k - 1), at(k - 2), at(k + 1), at(k + 2));
    let first = u64::from(i == 0);
    let case_flags = w.flags & (HAS_UPPER | ALL_UPPER | TITLE | COMMON_LOWER);
    out.clear();
    out.extend_from_slice(&[
        feature(0, &[]),
        feature(1, &[w.lower]),
        feature(2, &[w.exact]),
        feature(3, &[w.shape]),
        feature(4, &[w.short_shape]),
        feature(5, &[w.suffix[0]]),
        feature(6, &[w.suffix[1]]),
        feature(7, &[w.suffix[2]]),
        feature(8, &[w.suffix[3]]),
        feature(9, &[w.prefix[0]]),
        feature(10, &[w.prefix[1]]),
        feature(11, &[w.prefix[2]]),
        feature(12, &[w.flags, first]),
        feature(13, &[case_flags, first, case]),
        feature(14, &[m1.lower]),
        feature(15, &[p1.lower]),
        feature(16, &[m2.lower]),
        feature(17, &[p2.lower]),
        feature(18, &[m1.exact]),
        feature(19, &[p1.exact]),
        feature(20, &[m1.lower, w.lower]),
        feature(21, &[w.lower, p1.lower]),
        feature(22, &[m1.lower, p1.lower]),
        feature(23, &[m2.lower, m1.lower]),
        feature(24, &[p1.lower, p2.lower]),
        feature(25, &[m1.short_shape, w.short_shape, p1.short_shape]),
        feature(26, &[w.short_shape, p1.short_shape]),
        feature(27, &[m1.short_shape, w.short_shape]),
        feature(28, &[m1.suffix[2]]),
        feature(29, &[p1.suffix[2]]),
        feature(30, &[first, w.lower]),
        feature(31, &[m1.flags, w.flags & (TITLE | ALL_UPPER), p1.flags]),
        feature(32, &[w.exact, p1.short_shape]),
        feature(33, &[m1.short_shape, w.exact]),
        feature(34, &[m1.lower, w.short_shape]),
        feature(35, &[w.short_shape, p1.lower]),
        feature(36, &[m1.gazetteer_kinds, w.gazetteer_kinds, p1.gazetteer_kinds]),
        feature(37, &[w.gazetteer_kinds, case_flags]),
        feature(40, &[w.caps_run, first]),
        feature(41, &[w.caps_run, w.short_shape]),
        feature(42, &[w.caps_run, m1.lower]),
        feature(43, &[w.caps_run, p1.lower]),
        feature(46, &[m2.short_shape, m1.short_shape, w.short_shape]),
        feature(47, &[w.short_shape, p1.short_shape, p2.short_shape]),
        feature(48, &[p1.suffix[2], w.short_shape]),
        feature(49, &[m1.suffix[2], w.short_shape]),
    ]);
    if w.cluster[0] != 0 {
        out.extend_from_slice(&[
            feature(80, &[w.cluster[0]]),
            feature(81, &[w.cluster[1]]),
            feature(82, &[m1.cluster[0]]),
            feature(83, &[p1.cluster[0]]),
            feature(84, &[m1.cluster[1], w.cluster[1]]),
            feature(85, &[w.cluster[1], p1.cluster[1]]),
            feature(86, &[w.cluster[0], w.flags & (TITLE | ALL_UPPER)]),
            feature(87, &[m2.cluster[1]]),
            feature(88, &[p2.cluster[1]]),
            feature(89, &[w.cluster[0], w.caps_run]),
            feature(94, &[m1.cluster[0], w.short_shape]),
            feature(95, &[w.short_shape, p1.cluster[0]]),
        ]);
    }
    // Part-of-speech tags, when the model was trained with them (`dyad train-ner --pos-tags`,
    // off by default: on UNER EWT dev they lowered F1, see README).
    if w.tag != 0 {
        out.extend_from_slice(&[
            feature(100, &[w.tag]),
            feature(101, &[m1.tag]),
            feature(102, &[p1.tag]),
            feature(103, &[m1.tag, w.tag]),
            feature(104, &[w.tag, p1.tag]),
            feature(105, &[w.tag, case_flags]),
            feature(106, &[w.tag, w.short_shape]),
        ]);
    }
    // How raw text writes the word (see `casing`), when the model learned that, with how
    // this sentence writes it: a capital on a word raw text capitalises says more than one
    // on a word it writes in lower case. Alone, with the word's shape, its neighbours' bands
    // or its context these scored lower on UNER EWT dev (see README).
    if w.case_band != 0 {
        out.push(feature(116, &[w.case_band, w.flags & (TITLE | ALL_UPPER), case]));
    }
    let mut bits = w.gazetteer;
    while bits != 0 {
        let bit = bits.trailing_zeros();
        bits &= bits - 1;
        out.push(feature(38, &[u64::from(bit)]));
        out.push(feature(39, &[u64::from(bit), case_flags]));
    }
}

/// What the first pass said about a word's other occurrences in its document: how often
/// its lowercased form was tagged with each label (`O`, then each kind index, see
/// [`crate::bio`]), and how often a name with the same words as its capitalised run was
/// found with each kind. Both zero when the document has nothing to say.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DocumentView {
    pub(crate) word: [u32; crate::bio::LABELS],
    pub(crate) run: [u32; crate::bio::LABELS],
    /// How the word's other occurrences in the document are written past a sentence's
    /// first word: 0 nowhere else, 1 always lower case, 2 both, 3 always capitalised. Web
    /// text drops capitals unevenly ("tampa bay" next to "Tampa Bay").
    pub(crate) case_elsewhere: u8,
}

/// The label counted most often (ties to the lower label), `None` when nothing was counted.
fn majority(counts: &[u32; crate::bio::LABELS]) -> Option<usize> {
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    (n > 0).then_some(best)
}

/// Appends word `i`'s document features (from the first pass, see [`DocumentView`]).
pub(crate) fn extract_document(words: &[Word], view: &DocumentView, i: usize, out: &mut Vec<u64>) {
    let w = words[i];
    let caps = w.flags & (TITLE | ALL_UPPER);
    if let Some(m) = majority(&view.word) {
        let total: u32 = view.word.iter().sum();
        let unanimous = u64::from(view.word[m] == total);
        out.push(feature(90, &[m as u64]));
        out.push(feature(91, &[m as u64, caps, unanimous]));
        for (label, &n) in view.word.iter().enumerate() {
            if n > 0 && label != m {
                out.push(feature(92, &[label as u64]));
            }
        }
    }
    if let Some(m) = majority(&view.run) {
        out.push(feature(93, &[m as u64, w.caps_run]));
    }
    if view.case_elsewhere != 0 {
        out.push(feature(
            96,
            &[u64::from(view.case_elsewhere), caps, w.flags & COMMON_LOWER],
        ));
    }
}
