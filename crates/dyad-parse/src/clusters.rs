//! Word clusters learned from raw text with our own exchange algorithm (Kneser & Ney 1993,
//! Martin, Liermann & Ney 1998): words that occur between the same neighbours end up in
//! the same class, so the tagger and parser can generalize from `Tuesday` to `Wednesday`
//! and to words the treebank never saw.
//!
//! Words are moved one at a time to the class that most increases the likelihood of a
//! class bigram model; the classes are then clustered again the same way into a coarser
//! level, giving a two-level hierarchy like a Brown-cluster bit-string prefix. Everything is
//! single-threaded integer counting with a fixed visiting order, so the result is
//! deterministic.

use crate::format::{Decoder, Encoder};
use crate::lexical::{hash_str, mix, Lexeme, NO_CLUSTER};
use crate::perceptron::HashedMap;
use crate::ParseError;
use std::collections::HashMap;

/// Classes of the fine and coarse levels.
pub(crate) const FINE: usize = 256;
pub(crate) const COARSE: usize = 32;
/// Words seen fewer times in the raw text get no cluster (their contexts say too little).
const MIN_COUNT: u32 = 3;
const ITERATIONS: usize = 12;

/// The key clusters are stored under: the lowercased form with digits folded to `0`.
pub(crate) fn cluster_key(lower: &str) -> u64 {
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        let folded: String = lower
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        hash_str(&folded)
    } else {
        hash_str(lower)
    }
}

/// Lowercased, digit-folded word → (fine, coarse) class.
#[derive(Default)]
pub(crate) struct Clusters {
    map: HashedMap<(u16, u16)>,
}

impl Clusters {
    pub(crate) fn get(&self, key: u64) -> Option<(u16, u16)> {
        self.map.get(&key).copied()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// Sets the word's cluster features (a marker when it has none).
    pub(crate) fn annotate(&self, lex: &mut Lexeme) {
        lex.cluster = match self.get(lex.ckey) {
            Some((fine, coarse)) => [mix(u64::from(fine), 0xF17E), mix(u64::from(coarse), 0xC0A5)],
            None => [NO_CLUSTER; 2],
        };
    }

    /// Learns clusters from tokenized sentences (any casing).
    pub(crate) fn learn(sentences: &[Vec<String>]) -> Clusters {
        // Vocabulary by frequency (ties by spelling), rare words folded into one item.
        let mut counts: HashMap<String, u32> = HashMap::new();
        for s in sentences {
            for w in s {
                *counts.entry(fold(w)).or_default() += 1;
            }
        }
        let mut vocab: Vec<(String, u32)> = counts.into_iter().filter(|(_, n)| *n >= MIN_COUNT).collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if vocab.len() < FINE {
            return Clusters::default();
        }
        let index: HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i as u32))
            .collect();
        let rare = vocab.len() as u32;
        let boundary = rare + 1;
        let items = vocab.len() + 2;
        let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
        let mut prev = boundary;
        for s in sentences {
            for w in s {
                let id = index.get(fold(w).as_str()).copied().unwrap_or(rare);
                *bigrams.entry((prev, id)).or_default() += 1;
                prev = id;
            }
            *bigrams.entry((prev, boundary)).or_default() += 1;
            prev = boundary;
        }
        let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
        pairs.sort_unstable();
        let graph = Graph::new(items, &pairs);
        let init: Vec<u16> = (0..items).map(|i| (i % FINE) as u16).collect();
        let fine = exchange(&graph, FINE, init, ITERATIONS);

        // The coarse level: the same algorithm over the fine classes' bigram counts.
        let mut class_pairs: HashMap<(u32, u32), u32> = HashMap::new();
        for &((a, b), n) in &pairs {
            *class_pairs
                .entry((u32::from(fine[a as usize]), u32::from(fine[b as usize])))
                .or_default() += n;
        }
        let mut class_pairs: Vec<((u32, u32), u32)> = class_pairs.into_iter().collect();
        class_pairs.sort_unstable();
        let class_graph = Graph::new(FINE, &class_pairs);
        let coarse = exchange(
            &class_graph,
            COARSE,
            (0..FINE).map(|i| (i % COARSE) as u16).collect(),
            ITERATIONS * 2,
        );

        let map = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (cluster_key(w), (fine[i], coarse[fine[i] as usize])))
            .collect();
        Clusters { map }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        let mut entries: Vec<(u64, (u16, u16))> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        out.uint(entries.len() as u64);
        for (k, (fine, coarse)) in entries {
            out.bytes.extend_from_slice(&k.to_le_bytes());
            out.uint(u64::from(fine));
            out.uint(u64::from(coarse));
        }
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Clusters, ParseError> {
        let n = input.len()?;
        let mut map = HashedMap::default();
        map.reserve(n);
        for _ in 0..n {
            let k = input.u64_le()?;
            let fine = input.uint()?;
            let coarse = input.uint()?;
            if fine as usize >= FINE || coarse as usize >= COARSE {
                return Err(ParseError::Corrupt(format!(
                    "word cluster {fine}/{coarse} out of range"
                )));
            }
            map.insert(k, (fine as u16, coarse as u16));
        }
        Ok(Clusters { map })
    }

    pub(crate) fn memory(&self) -> usize {
        self.map.len() * 24
    }

    /// A hash of every (key, fine, coarse) entry in key order: equal tables, equal prints.
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut entries: Vec<(u64, (u16, u16))> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        entries
            .iter()
            .fold(mix(entries.len() as u64, 0xC1u64), |h, &(k, (f, c))| {
                mix(mix(h, k), u64::from(f) << 16 | u64::from(c))
            })
    }
}

fn fold(word: &str) -> String {
    word.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Bigram counts as adjacency lists: each item's right and left neighbours.
struct Graph {
    count: Vec<u64>,
    right: Vec<Vec<(u32, u32)>>,
    left: Vec<Vec<(u32, u32)>>,
    own: Vec<u32>,
}

impl Graph {
    fn new(items: usize, pairs: &[((u32, u32), u32)]) -> Graph {
        let mut g = Graph {
            count: vec![0; items],
            right: vec![Vec::new(); items],
            left: vec![Vec::new(); items],
            own: vec![0; items],
        };
        for &((a, b), n) in pairs {
            g.count[a as usize] += u64::from(n);
            if a == b {
                g.own[a as usize] += n;
            } else {
                g.right[a as usize].push((b, n));
                g.left[b as usize].push((a, n));
            }
        }
        g
    }
}

/// x ln x, from a table for small counts (most calls).
struct XLogX(Vec<f64>);

impl XLogX {
    fn new() -> XLogX {
        XLogX(
            (0..1 << 16)
                .map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() })
                .collect(),
        )
    }

    #[inline]
    fn f(&self, x: i64) -> f64 {
        if (x as usize) < self.0.len() {
            self.0[x as usize]
        } else {
            x as f64 * (x as f64).ln()
        }
    }
}

/// Moves items between `k` classes to maximize the class bigram likelihood
/// Σ f(N(c,d)) − 2 Σ f(N(c)); returns each item's class.
fn exchange(g: &Graph, k: usize, mut class: Vec<u16>, iterations: usize) -> Vec<u16> {
    let items = class.len();
    let xl = XLogX::new();
    let mut pair = vec![0i64; k * k];
    let mut size = vec![0i64; k];
    for a in 0..items {
        let ca = class[a] as usize;
        size[ca] += g.count[a] as i64;
        pair[ca * k + ca] += i64::from(g.own[a]);
        for &(b, n) in &g.right[a] {
            pair[ca * k + class[b as usize] as usize] += i64::from(n);
        }
    }
    let mut r = vec![0i64; k];
    let mut l = vec![0i64; k];
    let mut r_touched: Vec<usize> = Vec::with_capacity(k);
    let mut l_touched: Vec<usize> = Vec::with_capacity(k);
    for _ in 0..iterations {
        let mut moved = 0;
        for w in 0..items {
            if g.count[w] == 0 {
                continue;
            }
            // The word's neighbours by class.
            for &(b, n) in &g.right[w] {
                let c = class[b as usize] as usize;
                if r[c] == 0 {
                    r_touched.push(c);
                }
                r[c] += i64::from(n);
            }
            for &(a, n) in &g.left[w] {
                let c = class[a as usize] as usize;
                if l[c] == 0 {
                    l_touched.push(c);
                }
                l[c] += i64::from(n);
            }
            let own = i64::from(g.own[w]);
            let nw = g.count[w] as i64;
            let from = class[w] as usize;
            // Take the word out of its class.
            for &d in &r_touched {
                pair[from * k + d] -= r[d];
            }
            for &c in &l_touched {
                pair[c * k + from] -= l[c];
            }
            pair[from * k + from] -= own;
            size[from] -= nw;
            // The best class to put it in (its old one on a tie).
            let gain = |b: usize| -> f64 {
                let mut delta = 0.0;
                for &d in &r_touched {
                    if d != b {
                        let x = pair[b * k + d];
                        delta += xl.f(x + r[d]) - xl.f(x);
                    }
                }
                for &c in &l_touched {
                    if c != b {
                        let x = pair[c * k + b];
                        delta += xl.f(x + l[c]) - xl.f(x);
                    }
                }
                let x = pair[b * k + b];
                delta += xl.f(x + r[b] + l[b] + own) - xl.f(x);
                delta - 2.0 * (xl.f(size[b] + nw) - xl.f(size[b]))
            };
            let mut best = from;
            let mut best_gain = gain(from);
            for b in 0..k {
                if b != from {
                    let v = gain(b);
                    if v > best_gain + 1e-9 {
                        best = b;
                        best_gain = v;
                    }
                }
            }
            if best != from {
                moved += 1;
            }
            for &d in &r_touched {
                pair[best * k + d] += r[d];
            }
            for &c in &l_touched {
                pair[c * k + best] += l[c];
            }
            pair[best * k + best] += own;
            size[best] += nw;
            class[w] = best as u16;
            for &d in &r_touched {
                r[d] = 0;
            }
            for &c in &l_touched {
                l[c] = 0;
            }
            r_touched.clear();
            l_touched.clear();
        }
        if moved == 0 {
            break;
        }
    }
    class
}

/// Splits raw text into sentences of words roughly the way UD English tokenizes: lines are
/// sentences, punctuation is split off, and clitics (`n't`, `'s`, `'ll`, …) are separate words.
pub fn tokenize_raw(text: &str) -> Vec<Vec<String>> {
    let mut sentences = Vec::new();
    for line in text.lines() {
        let mut words = Vec::new();
        for chunk in line.split_whitespace() {
            let chunk = chunk.replace(['’', '‘'], "'");
            let mut core = chunk.as_str();
            let mut trailing = Vec::new();
            while let Some(c) = core.chars().next().filter(|c| is_edge_punct(*c)) {
                words.push(c.to_string());
                core = &core[c.len_utf8()..];
            }
            while let Some(c) = core.chars().next_back().filter(|c| is_edge_punct(*c)) {
                trailing.push(c.to_string());
                core = &core[..core.len() - c.len_utf8()];
            }
            if !core.is_empty() {
                let lower = core.to_lowercase();
                let clitic = ["n't", "'s", "'re", "'ll", "'ve", "'m", "'d"]
                    .iter()
                    .find(|c| lower.ends_with(*c) && lower.len() > c.len())
                    .map(|c| c.len());
                match clitic {
                    Some(n) => {
                        words.push(core[..core.len() - n].to_string());
                        words.push(core[core.len() - n..].to_string());
                    }
                    None => words.push(core.to_string()),
                }
            }
            words.extend(trailing.into_iter().rev());
        }
        if !words.is_empty() {
            sentences.push(words);
        }
    }
    sentences
}

fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '"' | '(' | ')' | '[' | ']' | '{' | '}' | '“' | '”' | '\'' | '—' | '…'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_splits_punctuation_and_clitics() {
        let s = tokenize_raw("He didn't say \"no.\"\nIt's Iran's call, (maybe).");
        assert_eq!(s[0], ["He", "did", "n't", "say", "\"", "no", ".", "\""]);
        assert_eq!(s[1], ["It", "'s", "Iran", "'s", "call", ",", "(", "maybe", ")", "."]);
    }

    fn letters(mut n: usize) -> String {
        let mut s = String::new();
        loop {
            s.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
            if n == 0 {
                return s;
            }
        }
    }

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let days = ["monday", "tuesday", "wednesday", "thursday"];
        let people = ["iran", "syria", "russia", "turkey"];
        let mut sentences = Vec::new();
        for i in 0..400 {
            let day = days[i % 4];
            let who = people[(i / 4) % 4];
            sentences.push(
                format!("{who} met officials on {day} in the capital")
                    .split(' ')
                    .map(str::to_string)
                    .collect(),
            );
            // Filler words so the vocabulary exceeds the class count.
            sentences.push(
                (0..FINE + 10)
                    .map(|j| format!("w{}{}", letters(j), letters(i % 3)))
                    .collect(),
            );
        }
        let c = Clusters::learn(&sentences);
        let class = |w: &str| c.get(cluster_key(w)).expect("clustered").0;
        assert!(days.iter().all(|d| class(d) == class("monday")));
        assert!(people.iter().all(|p| class(p) == class("iran")));
        assert_ne!(class("monday"), class("iran"));
    }
}
