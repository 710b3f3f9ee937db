//! The lemmatizer and morphological-feature guesser: an exception lexicon learned from the
//! treebank, backed by suffix rules learned from it for words it never saw.
//!
//! A rule is "lowercase or keep case, strip n chars, append s" (`countries` → strip 3,
//! append "y"), chosen by the longest suffix of the word seen with the same XPOS tag. Rules
//! are counted over word types, not tokens, so frequent irregular verbs do not drown out
//! the regular patterns an unseen word most likely follows.

use crate::format::{Decoder, Encoder};
use crate::ParseError;
use std::collections::HashMap;

const MAX_SUFFIX: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    lower: bool,
    strip: usize,
    append: String,
}

impl Rule {
    fn learn(form: &str, lemma: &str) -> Rule {
        let keep = Rule::between(form, lemma, false);
        let lower = Rule::between(&form.to_lowercase(), lemma, true);
        if lower.strip < keep.strip {
            lower
        } else {
            keep
        }
    }

    fn between(form: &str, lemma: &str, lower: bool) -> Rule {
        let f: Vec<char> = form.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let shared = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
        Rule { lower, strip: f.len() - shared, append: l[shared..].iter().collect() }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let chars: Vec<char> = if self.lower { form.to_lowercase().chars().collect() } else { form.chars().collect() };
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
    exact: HashMap<String, (String, String)>,
    /// "lowercased form\txpos" → (rule, feats), for words seen only in another casing.
    lower: HashMap<String, (Rule, String)>,
    /// "xpos\tsuffix" → the most frequent rule among word types with that suffix.
    rules: HashMap<String, Rule>,
    /// "upos\txpos" → most frequent feats.
    feats: HashMap<String, String>,
}

fn most_frequent<K: Ord + Clone>(counts: &HashMap<K, usize>) -> Option<K> {
    counts.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(k, _)| k.clone())
}

fn suffix(lower: &str, k: usize) -> &str {
    let start = lower.char_indices().rev().nth(k.saturating_sub(1)).map(|(i, _)| i).unwrap_or(0);
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
        let mut lower: HashMap<String, HashMap<(Rule, String), usize>> = HashMap::new();
        let mut feats: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (form, upos, xpos, lemma, feat) in tokens {
            if lemma == "_" && form != "_" {
                continue;
            }
            *exact.entry(format!("{form}\t{xpos}")).or_default().entry((lemma.to_string(), feat.to_string())).or_default() += 1;
            let rule = Rule::learn(form, lemma);
            *lower.entry(format!("{}\t{xpos}", form.to_lowercase())).or_default().entry((rule, feat.to_string())).or_default() += 1;
            *feats.entry(format!("{upos}\t{xpos}")).or_default().entry(feat.to_string()).or_default() += 1;
        }
        let mut rule_counts: HashMap<String, HashMap<Rule, usize>> = HashMap::new();
        for (key, lemmas) in &exact {
            let (form, xpos) = key.split_once('\t').unwrap_or((key, ""));
            let Some((lemma, _)) = most_frequent(lemmas) else { continue };
            let rule = Rule::learn(form, &lemma);
            let low = form.to_lowercase();
            for k in 0..=MAX_SUFFIX.min(low.chars().count()) {
                *rule_counts.entry(format!("{xpos}\t{}", suffix(&low, k))).or_default().entry(rule.clone()).or_default() += 1;
            }
        }
        Lemmatizer {
            exact: exact.into_iter().filter_map(|(k, v)| most_frequent(&v).map(|x| (k, x))).collect(),
            lower: lower.into_iter().filter_map(|(k, v)| most_frequent(&v).map(|x| (k, x))).collect(),
            rules: rule_counts
                .into_iter()
                .filter(|(_, v)| v.values().sum::<usize>() >= 2)
                .filter_map(|(k, v)| most_frequent(&v).map(|x| (k, x)))
                .collect(),
            feats: feats.into_iter().filter_map(|(k, v)| most_frequent(&v).map(|x| (k, x))).collect(),
        }
    }

    /// The lemma and UD features of `form` tagged `upos`/`xpos`.
    pub(crate) fn analyse(&self, form: &str, upos: &str, xpos: &str) -> (String, String) {
        let mut key = String::with_capacity(form.len() + xpos.len() + 1);
        key.push_str(form);
        key.push('\t');
        key.push_str(xpos);
        if let Some((lemma, feats)) = self.exact.get(&key) {
            return (lemma.clone(), feats.clone());
        }
        let low = form.to_lowercase();
        let default_feats = || self.feats.get(&format!("{upos}\t{xpos}")).cloned().unwrap_or_else(|| "_".to_string());
        if let Some((rule, feats)) = self.lower.get(&format!("{low}\t{xpos}")) {
            if let Some(lemma) = rule.apply(form) {
                return (lemma, feats.clone());
            }
        }
        for k in (0..=MAX_SUFFIX.min(low.chars().count())).rev() {
            if let Some(rule) = self.rules.get(&format!("{xpos}\t{}", suffix(&low, k))) {
                if let Some(lemma) = rule.apply(form) {
                    return (lemma, default_feats());
                }
            }
        }
        (form.to_string(), default_feats())
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
        for (k, r) in rules {
            out.str(k);
            encode_rule(r, out);
        }
        let mut feats: Vec<_> = self.feats.iter().collect();
        feats.sort();
        out.uint(feats.len() as u64);
        for (k, f) in feats {
            out.str(k);
            out.str(f);
        }
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Lemmatizer, ParseError> {
        let n = input.len()?;
        let mut exact = HashMap::with_capacity(n);
        for _ in 0..n {
            exact.insert(input.str()?.to_string(), (input.str()?.to_string(), input.str()?.to_string()));
        }
        let n = input.len()?;
        let mut lower = HashMap::with_capacity(n);
        for _ in 0..n {
            let k = input.str()?.to_string();
            let r = decode_rule(input)?;
            lower.insert(k, (r, input.str()?.to_string()));
        }
        let n = input.len()?;
        let mut rules = HashMap::with_capacity(n);
        for _ in 0..n {
            let k = input.str()?.to_string();
            rules.insert(k, decode_rule(input)?);
        }
        let n = input.len()?;
        let mut feats = HashMap::with_capacity(n);
        for _ in 0..n {
            feats.insert(input.str()?.to_string(), input.str()?.to_string());
        }
        Ok(Lemmatizer { exact, lower, rules, feats })
    }

    pub(crate) fn memory(&self) -> usize {
        (self.exact.len() + self.lower.len() + self.rules.len()) * 96
    }
}

fn encode_rule(r: &Rule, out: &mut Encoder) {
    out.uint(r.lower as u64);
    out.uint(r.strip as u64);
    out.str(&r.append);
}

fn decode_rule(input: &mut Decoder) -> Result<Rule, ParseError> {
    Ok(Rule { lower: input.uint()? != 0, strip: input.uint()? as usize, append: input.str()?.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_strip_and_append() {
        let r = Rule::learn("countries", "country");
        assert_eq!(r.apply("territories").as_deref(), Some("territory"));
        let r = Rule::learn("Met", "meet");
        assert!(r.lower);
        assert_eq!(r.apply("Met").as_deref(), Some("meet"));
    }

    #[test]
    fn suffix_counts_chars() {
        assert_eq!(suffix("héllo", 4), "éllo");
        assert_eq!(suffix("ab", 0), "");
    }
}
