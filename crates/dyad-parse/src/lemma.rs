//! The lemmatizer and morphological-feature guesser: an exception lexicon learned from the
//! treebank, backed by suffix rules learned from it for words it never saw.
//!
//! A rule is "lowercase or keep case, strip n chars, append s" (`countries` → strip 3,
//! append "y"), chosen by the longest suffix of the word seen with the same XPOS tag. Rules
//! are counted over word types, not tokens, so frequent irregular verbs do not drown out
//! the regular patterns an unseen word most likely follows.

use crate::format::{Decoder, Encoder};
use crate::perceptron::IdentityHasher;
use crate::ParseError;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// String-keyed tables hashed with FNV: building ~100k entries with SipHash was a
/// noticeable share of model load time, and the keys come from our own model file.
type Fnv = BuildHasherDefault<IdentityHasher>;

const MAX_SUFFIX: usize = 5;
const MAX_RANKED: usize = 3;
/// Fewest capitals of an all-capitals word read as shouting rather than an acronym.
const SHOUTED_MIN: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    case: Case,
    strip: usize,
    append: String,
}

/// What a rule does to the word's case before stripping: EWT lemmas lowercase common words
/// wherever they stand (`Books` → `book`) but capitalize proper nouns however they were
/// typed (`kerala` → `Kerala`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Case {
    Keep = 0,
    Lower = 1,
    Title = 2,
}

impl Case {
    fn apply(self, form: &str) -> String {
        match self {
            Case::Keep => form.to_string(),
            Case::Lower => form.to_lowercase(),
            // Only an all-lowercase word is capitalized: `iPhone` stays as written.
            Case::Title if form.chars().any(char::is_uppercase) => form.to_string(),
            Case::Title => {
                let mut chars = form.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
    }
}

impl Rule {
    /// The rule with the least stripping; on a tie lowercasing wins, then capitalizing, so
    /// a rule learned from a lowercase word still lowercases a capitalized one.
    fn learn(form: &str, lemma: &str) -> Rule {
        [Case::Lower, Case::Title, Case::Keep]
            .into_iter()
            .map(|case| Rule::between(&case.apply(form), lemma, case))
            .min_by_key(|r| r.strip)
            .expect("three candidates")
    }

    fn between(form: &str, lemma: &str, case: Case) -> Rule {
        let f: Vec<char> = form.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let shared = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
        Rule {
            case,
            strip: f.len() - shared,
            append: l[shared..].iter().collect(),
        }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let chars: Vec<char> = self.case.apply(form).chars().collect();
        if self.strip > chars.len() || (self.strip == chars.len() && self.append.is_empty()) {
            return None;
        }
        let mut out: String = chars[..chars.len() - self.strip].iter().collect();
        out.push_str(&self.append);
        Some(out)
    }
}

pub(crate) struct Lemmatizer {
    /// "form\txpos" → (lemma, feats), from the treebank.
    exact: HashMap<String, (String, Arc<str>), Fnv>,
    /// "lowercased form\txpos" → (rule, feats), for words seen only in another casing.
    lower: HashMap<String, (Rule, Arc<str>), Fnv>,
    /// "xpos\tsuffix" → the most frequent rule among word types with that suffix.
    rules: HashMap<String, Vec<Rule>, Fnv>,
    /// "upos\txpos" → most frequent feats.
    feats: HashMap<String, String, Fnv>,
    /// Every lemma of the treebank, lowercased: a suffix rule whose output is a known word
    /// beats a longer suffix's rule whose output is not (`bombed` → `bomb`, not `bom`).
    known: HashSet<u64, Fnv>,
    /// The same lemmas, sorted and newline-joined, for writing the model back out.
    known_words: String,
    /// Form → its most frequent lemma, for forms seen at least twice: when the tagger gives
    /// a known word a tag it never had, its usual lemma beats a suffix rule.
    by_form: HashMap<String, String, Fnv>,
    /// Tags whose rare words are almost always their own lemma, as written (`ADD`, …).
    identity_tags: Vec<String>,
}

/// Shares one allocation among the many entries with the same feature string (a few
/// hundred distinct strings over ~50k entries): fewer allocations, faster model load.
#[derive(Default)]
struct Interner(HashMap<String, Arc<str>, Fnv>);

impl Interner {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(s.to_string(), a.clone());
        a
    }
}

/// Known lemmas are kept as hashes: the set is only asked "is this a word?", and one
/// allocation per lemma was a measurable part of load time.
fn known_key(lemma_lower: &str) -> u64 {
    crate::lexical::hash_str(lemma_lower)
}

fn most_frequent<K: Ord + Clone>(counts: &HashMap<K, usize>) -> Option<K> {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
}

/// The rules seen at least twice with a suffix, most frequent first (at most
/// [`MAX_RANKED`]): when the top rule makes no known word (`provoked` → `provok`), a
/// runner-up may (`provoke`).
fn ranked_rules(counts: &HashMap<Rule, usize>) -> Vec<Rule> {
    let mut ranked: Vec<(&Rule, &usize)> = counts.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let top = ranked.first().map(|(r, _)| (*r).clone());
    let mut out: Vec<Rule> = ranked
        .into_iter()
        .filter(|(_, &n)| n >= 2)
        .take(MAX_RANKED)
        .map(|(r, _)| r.clone())
        .collect();
    if out.is_empty() {
        out.extend(top);
    }
    out
}

/// A word typed all in capitals, long enough not to be an acronym (`TEHRAN`, `PRESIDENT`),
/// in title case: capitals for emphasis say nothing about how the word is spelled, and EWT
/// lemmatizes such words as if typed normally. `None` for other words.
fn shouted(form: &str) -> Option<String> {
    let capitals = form.chars().filter(|c| c.is_uppercase()).count();
    if capitals < SHOUTED_MIN || form.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    let mut chars = form.chars();
    let first = chars.next()?;
    Some(
        std::iter::once(first)
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
    )
}

fn suffix(lower: &str, k: usize) -> &str {
    let start = lower
        .char_indices()
        .rev()
        .nth(k.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    if k == 0 {
        ""
    } else {
        &lower[start..]
    }
}

impl Lemmatizer {
    /// Learns from (form, upos, xpos, lemma, feats) tuples.
    pub(crate) fn learn<'a>(tokens: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut exact: HashMap<String, HashMap<(String, String), usize>> = HashMap::new();
        let mut forms: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut lower: HashMap<String, HashMap<(Rule, String), usize>> = HashMap::new();
        let mut feats: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut known_words = std::collections::BTreeSet::new();
        for (form, upos, xpos, lemma, feat) in tokens {
            if lemma == "_" && form != "_" {
                continue;
            }
            known_words.insert(lemma.to_lowercase());
            *forms
                .entry(form.to_string())
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            *exact
                .entry(format!("{form}\t{xpos}"))
                .or_default()
                .entry((lemma.to_string(), feat.to_string()))
                .or_default() += 1;
            let rule = Rule::learn(form, lemma);
            *lower
                .entry(format!("{}\t{xpos}", form.to_lowercase()))
                .or_default()
                .entry((rule, feat.to_string()))
                .or_default() += 1;
            *feats
                .entry(format!("{upos}\t{xpos}"))
                .or_default()
                .entry(feat.to_string())
                .or_default() += 1;
        }
        // Tags whose hapax words keep their form as lemma 95% of the time.
        let mut identity: HashMap<&str, (usize, usize)> = HashMap::new();
        for (key, lemmas) in &exact {
            let (form, xpos) = key.split_once('\t').unwrap_or((key, ""));
            if lemmas.len() == 1 && lemmas.values().sum::<usize>() == 1 {
                let e = identity.entry(xpos).or_default();
                e.0 += 1;
                e.1 += lemmas.keys().any(|(l, _)| l == form) as usize;
            }
        }
        let mut identity_tags: Vec<String> = identity
            .into_iter()
            .filter(|(_, (n, same))| *n >= 10 && *same as f64 >= 0.95 * *n as f64)
            .map(|(t, _)| t.to_string())
            .collect();
        identity_tags.sort();
        let by_form = forms
            .into_iter()
            .filter(|(_, v)| v.values().sum::<usize>() >= 2)
            .filter_map(|(k, v)| most_frequent(&v).map(|l| (k, l)))
            .collect();
        let mut rule_counts: HashMap<String, HashMap<Rule, usize>> = HashMap::new();
        for (key, lemmas) in &exact {
            let (form, xpos) = key.split_once('\t').unwrap_or((key, ""));
            let Some((lemma, _)) = most_frequent(lemmas) else {
                continue;
            };
            let rule = Rule::learn(form, &lemma);
            let low = form.to_lowercase();
            for k in 0..=MAX_SUFFIX.min(low.chars().count()) {
                *rule_counts
                    .entry(format!("{xpos}\t{}", suffix(&low, k)))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
        }
        let mut pool = Interner::default();
        Lemmatizer {
            exact: exact
                .into_iter()
                .filter_map(|(k, v)| most_frequent(&v).map(|(l, f)| (k, (l, pool.get(&f)))))
                .collect(),
            lower: lower
                .into_iter()
                .filter_map(|(k, v)| most_frequent(&v).map(|(r, f)| (k, (r, pool.get(&f)))))
                .collect(),
            rules: rule_counts
                .into_iter()
                .filter(|(_, v)| v.values().sum::<usize>() >= 2)
                .map(|(k, v)| (k, ranked_rules(&v)))
                .collect(),
            feats: feats
                .into_iter()
                .filter_map(|(k, v)| most_frequent(&v).map(|x| (k, x)))
                .collect(),
            known: known_words.iter().map(|w| known_key(w)).collect(),
            known_words: known_words.into_iter().collect::<Vec<_>>().join("\n"),
            by_form,
            identity_tags,
        }
    }

    /// The lemma and UD features of `form` tagged `upos`/`xpos`.
    pub(crate) fn analyse(&self, form: &str, upos: &str, xpos: &str) -> (String, String) {
        let mut key = String::with_capacity(form.len() + xpos.len() + 1);
        key.push_str(form);
        key.push('\t');
        key.push_str(xpos);
        if let Some((lemma, feats)) = self.exact.get(&key) {
            return (lemma.clone(), feats.to_string());
        }
        if let Some(title) = shouted(form) {
            return self.analyse(&title, upos, xpos);
        }
        let low = form.to_lowercase();
        let default_feats = || {
            self.feats
                .get(&format!("{upos}\t{xpos}"))
                .cloned()
                .unwrap_or_else(|| "_".to_string())
        };
        if let Some((rule, feats)) = self.lower.get(&format!("{low}\t{xpos}")) {
            if let Some(lemma) = rule.apply(form) {
                return (lemma, feats.to_string());
            }
        }
        if let Some(lemma) = self.by_form.get(form) {
            return (lemma.clone(), default_feats());
        }
        if self.identity_tags.iter().any(|t| t == xpos) {
            return (form.to_string(), default_feats());
        }
        let mut fallback = None;
        let suffixes: Vec<&Vec<Rule>> = (0..=MAX_SUFFIX.min(low.chars().count()))
            .rev()
            .filter_map(|k| self.rules.get(&format!("{xpos}\t{}", suffix(&low, k))))
            .collect();
        for rank in 0..MAX_RANKED {
            for ranked in &suffixes {
                let Some(rule) = ranked.get(rank) else { continue };
                let Some(lemma) = rule.apply(form) else { continue };
                if rank > 0 {
                    // A runner-up may only restore letters the top rule stripped.
                    let top = ranked[0].apply(form).unwrap_or_default();
                    if lemma.len() <= top.len() || !lemma.starts_with(&top) {
                        continue;
                    }
                }
                if self.known.contains(&known_key(&lemma.to_lowercase())) {
                    return (lemma, default_feats());
                }
                fallback.get_or_insert(lemma);
            }
        }
        (fallback.unwrap_or_else(|| form.to_string()), default_feats())
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        let mut exact: Vec<_> = self.exact.iter().collect();
        exact.sort();
        out.uint(exact.len() as u64);
        for (k, (l, f)) in exact {
            out.str(k);
            out.str(l);
            out.str(f);
        }
        let mut lower: Vec<_> = self.lower.iter().collect();
        lower.sort();
        out.uint(lower.len() as u64);
        for (k, (r, f)) in lower {
            out.str(k);
            encode_rule(r, out);
            out.str(f);
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        out.uint(rules.len() as u64);
        for (k, ranked) in rules {
            out.str(k);
            out.uint(ranked.len() as u64);
            for r in ranked {
                encode_rule(r, out);
            }
        }
        let mut feats: Vec<_> = self.feats.iter().collect();
        feats.sort();
        out.uint(feats.len() as u64);
        for (k, f) in feats {
            out.str(k);
            out.str(f);
        }
        let known: Vec<&str> = if self.known_words.is_empty() {
            Vec::new()
        } else {
            self.known_words.split('\n').collect()
        };
        out.uint(known.len() as u64);
        for k in known {
            out.str(k);
        }
        let mut by_form: Vec<_> = self.by_form.iter().collect();
        by_form.sort();
        out.uint(by_form.len() as u64);
        for (f, l) in by_form {
            out.str(f);
            out.str(l);
        }
        out.strs(&self.identity_tags);
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Lemmatizer, ParseError> {
        let n = input.len()?;
        let mut pool = Interner::default();
        let mut exact = HashMap::with_capacity_and_hasher(n, Fnv::default());
        for _ in 0..n {
            exact.insert(
                input.str()?.to_string(),
                (input.str()?.to_string(), pool.get(input.str()?)),
            );
        }
        let n = input.len()?;
        let mut lower = HashMap::with_capacity_and_hasher(n, Fnv::default());
        for _ in 0..n {
            let k = input.str()?.to_string();
            let r = decode_rule(input)?;
            lower.insert(k, (r, pool.get(input.str()?)));
        }
        let n = input.len()?;
        let mut rules = HashMap::with_capacity_and_hasher(n, Fnv::default());
        for _ in 0..n {
            let k = input.str()?.to_string();
            let count = input.len()?;
            let ranked = (0..count).map(|_| decode_rule(input)).collect::<Result<Vec<_>, _>>()?;
            rules.insert(k, ranked);
        }
        let n = input.len()?;
        let mut feats = HashMap::with_capacity_and_hasher(n, Fnv::default());
        for _ in 0..n {
            feats.insert(input.str()?.to_string(), input.str()?.to_string());
        }
        let n = input.len()?;
        let mut known = HashSet::with_capacity_and_hasher(n, Fnv::default());
        let mut known_words = String::new();
        for i in 0..n {
            let word = input.str()?;
            known.insert(known_key(word));
            if i > 0 {
                known_words.push('\n');
            }
            known_words.push_str(word);
        }
        let n = input.len()?;
        let mut by_form = HashMap::with_capacity_and_hasher(n, Fnv::default());
        for _ in 0..n {
            by_form.insert(input.str()?.to_string(), input.str()?.to_string());
        }
        let identity_tags = input.strs()?;
        Ok(Lemmatizer {
            exact,
            lower,
            rules,
            feats,
            known,
            known_words,
            by_form,
            identity_tags,
        })
    }

    pub(crate) fn memory(&self) -> usize {
        (self.exact.len() + self.lower.len() + self.rules.len() + self.by_form.len()) * 96
    }
}

fn encode_rule(r: &Rule, out: &mut Encoder) {
    out.uint(r.case as u64);
    out.uint(r.strip as u64);
    out.str(&r.append);
}

fn decode_rule(input: &mut Decoder) -> Result<Rule, ParseError> {
    let case = match input.uint()? {
        0 => Case::Keep,
        1 => Case::Lower,
        2 => Case::Title,
        other => return Err(ParseError::Corrupt(format!("lemma rule case {other}"))),
    };
    Ok(Rule {
        case,
        strip: input.uint()? as usize,
        append: input.str()?.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_strip_and_append() {
        let r = Rule::learn("countries", "country");
        assert_eq!(r.apply("territories").as_deref(), Some("territory"));
        let r = Rule::learn("Met", "meet");
        assert_eq!(r.case, Case::Lower);
        assert_eq!(r.apply("Met").as_deref(), Some("meet"));
    }

    #[test]
    fn a_runner_up_rule_may_restore_letters_to_make_a_known_word() {
        // Regular `-ed` verbs outnumber `-e` + `d` ones among `-ked` words, but `provok` is
        // no word and `provoke` is.
        let mut tokens = vec![("provoke", "VERB", "VB", "provoke", "_")];
        for (form, lemma) in [
            ("asked", "ask"),
            ("worked", "work"),
            ("looked", "look"),
            ("baked", "bake"),
            ("liked", "like"),
        ] {
            tokens.push((form, "VERB", "VBD", lemma, "_"));
        }
        let lem = Lemmatizer::learn(tokens.into_iter());
        assert_eq!(lem.analyse("provoked", "VERB", "VBD").0, "provoke");
        assert_eq!(lem.analyse("cooked", "VERB", "VBD").0, "cook");
    }

    #[test]
    fn shouted_words_are_read_in_title_case_but_acronyms_are_not() {
        assert_eq!(shouted("TEHRAN").as_deref(), Some("Tehran"));
        assert_eq!(shouted("NATO"), None);
        assert_eq!(shouted("Tehran"), None);
        // Scripts without case are never shouting (and must not loop).
        assert_eq!(shouted("دمشقدمشق"), None);
        assert_eq!(shouted("12345"), None);
    }

    #[test]
    fn suffix_counts_chars() {
        assert_eq!(suffix("héllo", 4), "éllo");
        assert_eq!(suffix("ab", 0), "");
    }
}

#[cfg(test)]
mod dev {
    use super::*;

    /// Lemma accuracy on dev with the tags of a prediction file (`DYAD_LEMMA_PRED`); a
    /// tuning aid, run by hand: `cargo test -p dyad-parse lemma_dev -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn lemma_dev() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-english-ewt");
        let train = crate::read_conllu_file(&crate::treebank_file(&shared, "train").unwrap()).unwrap();
        let gold = crate::read_conllu_file(&crate::treebank_file(&shared, "dev").unwrap()).unwrap();
        let pred = crate::read_conllu_file(std::path::Path::new(&std::env::var("DYAD_LEMMA_PRED").unwrap())).unwrap();
        let lem = Lemmatizer::learn(train.iter().flat_map(|s| {
            s.tokens.iter().map(|t| {
                (
                    t.form.as_str(),
                    t.upos.as_str(),
                    t.xpos.as_str(),
                    t.lemma.as_str(),
                    t.feats.as_str(),
                )
            })
        }));
        let (mut n, mut ok, mut ok_gold) = (0, 0, 0);
        for (g, p) in gold.iter().zip(&pred) {
            for (g, p) in g.tokens.iter().zip(&p.tokens) {
                n += 1;
                let (l, _) = lem.analyse(&g.form, &p.upos, &p.xpos);
                ok += (l == g.lemma) as usize;
                let (l2, _) = lem.analyse(&g.form, &g.upos, &g.xpos);
                ok_gold += (l2 == g.lemma) as usize;
                if l != g.lemma && p.xpos == g.xpos && std::env::var_os("DYAD_LEMMA_SHOW").is_some() {
                    eprintln!("{}\t{}>{}\t{}\t{}", g.form, g.xpos, p.xpos, g.lemma, l);
                }
            }
        }
        eprintln!(
            "lemma dev: predicted tags {:.2}  gold tags {:.2}",
            100.0 * ok as f64 / n as f64,
            100.0 * ok_gold as f64 / n as f64
        );
    }
}
