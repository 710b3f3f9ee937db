//! The part-of-speech tagger: a greedy left-to-right averaged perceptron predicting the
//! (UPOS, XPOS) pair jointly, with a tag dictionary for frequent unambiguous words.
//!
//! Predicting the pair as one class keeps UPOS and XPOS consistent (no `PROPN`/`VBD`) and
//! lets XPOS's finer distinctions inform UPOS.

use crate::format::{Decoder, Encoder};
use crate::lexical::{feature, hash_str, Lexeme};
use crate::perceptron::{HashedMap, Trainer, Weights};
use crate::train::Rng;
use crate::ParseError;

const NONE_TAG: u64 = 0xFFFF;

pub(crate) struct Tagger {
    /// Class `i` is the pair `classes[i]`.
    pub(crate) classes: Vec<(String, String)>,
    pub(crate) weights: Weights,
    /// Exact form hash → class, for frequent words that always take one tag.
    dict: HashedMap<u16>,
    /// Lowercased form hash → hash of the set of classes it took in training (its
    /// "ambiguity class"): lets the tagger look at what the next words can be.
    ambiguity: HashedMap<u64>,
    /// The second pass (see `second_features`), when trained.
    pub(crate) second: Option<Weights>,
}

/// Words seen fewer times keep no ambiguity class: for rare words the class learned on the
/// training data is just their gold tag, which teaches the tagger to trust it too much.
const AMBIGUITY_MIN_COUNT: usize = 5;
const UNKNOWN_AMBIGUITY: u64 = 0xA3B1_95F0_0D1E_5EED;

fn ambiguity_at(map: &HashedMap<u64>, lex: &[Lexeme], i: isize) -> u64 {
    if i < 0 || i as usize >= lex.len() {
        return 0x0BAD;
    }
    map.get(&lex[i as usize].lower).copied().unwrap_or(UNKNOWN_AMBIGUITY)
}

fn ambiguity_classes(sentences: &[(Vec<Lexeme>, Vec<u16>)]) -> HashedMap<u64> {
    let mut sets: HashedMap<(usize, std::collections::BTreeSet<u16>)> = HashedMap::default();
    for (lex, gold) in sentences {
        for (l, &g) in lex.iter().zip(gold) {
            let e = sets.entry(l.lower).or_default();
            e.0 += 1;
            e.1.insert(g);
        }
    }
    sets.into_iter()
        .filter(|(_, (n, _))| *n >= AMBIGUITY_MIN_COUNT)
        .map(|(k, (_, set))| (k, set))
        .map(|(k, set)| {
            (
                k,
                set.iter()
                    .fold(0x1234_5678u64, |h, &c| crate::lexical::mix(h, u64::from(c))),
            )
        })
        .collect()
}

fn pad() -> Lexeme {
    let h = hash_str("<PAD>");
    Lexeme::filled(h, 1 << 11)
}

fn features(lex: &[Lexeme], amb: &HashedMap<u64>, i: usize, prev1: u64, prev2: u64, out: &mut Vec<u64>) {
    let p = pad();
    let at = |j: isize| -> Lexeme {
        if j < 0 || j as usize >= lex.len() {
            p
        } else {
            lex[j as usize]
        }
    };
    let i = i as isize;
    let w = at(i);
    let (m1, m2, p1, p2) = (at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    out.clear();
    out.extend_from_slice(&[
        feature(0, &[]),
        feature(1, &[w.lower]),
        feature(2, &[w.exact]),
        feature(3, &[w.shape]),
        feature(4, &[w.suffix[0]]),
        feature(5, &[w.suffix[1]]),
        feature(6, &[w.suffix[2]]),
        feature(7, &[w.suffix[3]]),
        feature(8, &[w.prefix[0]]),
        feature(9, &[w.prefix[1]]),
        feature(10, &[w.flags, (i == 0) as u64]),
        feature(11, &[prev1]),
        feature(12, &[prev1, prev2]),
        feature(13, &[prev1, w.lower]),
        feature(14, &[m1.lower]),
        feature(15, &[m1.suffix[2]]),
        feature(16, &[p1.lower]),
        feature(17, &[p1.suffix[2]]),
        feature(18, &[m2.lower]),
        feature(19, &[p2.lower]),
        feature(20, &[w.lower, p1.lower]),
        feature(21, &[m1.lower, w.lower]),
        feature(22, &[prev1, p1.lower]),
        feature(23, &[p1.shape]),
        feature(24, &[m1.shape]),
        feature(25, &[prev2]),
        feature(26, &[w.suffix[2], p1.suffix[1]]),
        feature(27, &[prev1, w.suffix[2]]),
        feature(28, &[p2.suffix[2]]),
        feature(29, &[w.shape, p1.shape, m1.shape]),
    ]);
    let (a0, a1, a2) = (
        ambiguity_at(amb, lex, i),
        ambiguity_at(amb, lex, i + 1),
        ambiguity_at(amb, lex, i + 2),
    );
    out.extend_from_slice(&[
        feature(30, &[a0]),
        feature(31, &[a1]),
        feature(32, &[a0, a1]),
        feature(33, &[a1, a2]),
        feature(34, &[prev1, a0, a1]),
        feature(35, &[w.lower, a1]),
        feature(36, &[a0, w.suffix[2]]),
        feature(37, &[prev1, a1]),
        feature(38, &[w.cluster[0]]),
        feature(39, &[w.cluster[1]]),
        feature(40, &[p1.cluster[0]]),
        feature(41, &[m1.cluster[0]]),
        feature(42, &[w.cluster[1], p1.cluster[1]]),
        feature(43, &[prev1, w.cluster[0]]),
        feature(44, &[p2.cluster[1]]),
        feature(45, &[w.cluster[0], w.suffix[2]]),
    ]);
}

/// Second-pass features: the first pass's tags around the word, so the tagger can look at
/// what follows (`that` before a verb, a noun before `'s`), which a left-to-right pass cannot.
fn second_features(first: &[u16], lex: &[Lexeme], i: usize, prev1: u64, out: &mut Vec<u64>) {
    let t = |j: usize| first.get(j).map_or(NONE_TAG, |&c| u64::from(c));
    let (t0, t1, t2) = (t(i), t(i + 1), t(i + 2));
    let w = &lex[i];
    out.extend_from_slice(&[
        feature(60, &[t0]),
        feature(61, &[t1]),
        feature(62, &[t1, t2]),
        feature(63, &[w.lower, t1]),
        feature(64, &[prev1, t1]),
        feature(65, &[t0, t1]),
        feature(66, &[w.suffix[2], t1]),
        feature(67, &[t2]),
        feature(68, &[w.cluster[0], t1]),
    ]);
}

/// What a pass scores with: trained weights, or a trainer learning from gold classes.
enum Scoring<'a> {
    Fixed(&'a Weights),
    Learn(&'a mut Trainer, &'a [u16]),
}

/// One greedy left-to-right pass; with `first`, the second pass's features are added.
fn pass(
    lex: &[Lexeme],
    dict: &HashedMap<u16>,
    amb: &HashedMap<u64>,
    first: Option<&[u16]>,
    mut scoring: Scoring,
    classes: usize,
) -> Vec<u16> {
    let mut tags = Vec::with_capacity(lex.len());
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0i32; classes];
    for i in 0..lex.len() {
        if let Some(&c) = dict.get(&lex[i].exact) {
            tags.push(c);
            continue;
        }
        let prev1 = if i > 0 { u64::from(tags[i - 1]) } else { NONE_TAG };
        let prev2 = if i > 1 { u64::from(tags[i - 2]) } else { NONE_TAG };
        features(lex, amb, i, prev1, prev2, &mut feats);
        if let Some(first) = first {
            second_features(first, lex, i, prev1, &mut feats);
        }
        scores.iter_mut().for_each(|s| *s = 0);
        let guess = match &mut scoring {
            Scoring::Fixed(weights) => {
                weights.score(&feats, &mut scores);
                argmax(&scores)
            }
            Scoring::Learn(trainer, gold) => {
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores);
                trainer.tick();
                trainer.update(&feats, gold[i] as usize, guess);
                guess
            }
        };
        tags.push(guess as u16);
    }
    tags
}

impl Tagger {
    /// Tags a sentence; returns one class index per word.
    pub(crate) fn tag(&self, lex: &[Lexeme]) -> Vec<u16> {
        let n = self.classes.len();
        let first = pass(lex, &self.dict, &self.ambiguity, None, Scoring::Fixed(&self.weights), n);
        match &self.second {
            Some(second) => pass(
                lex,
                &self.dict,
                &self.ambiguity,
                Some(&first),
                Scoring::Fixed(second),
                n,
            ),
            None => first,
        }
    }

    /// Trains the first pass (`runs` averaged runs, see [`train_pass`]).
    pub(crate) fn train(
        sentences: &[(Vec<Lexeme>, Vec<u16>)],
        classes: &[(String, String)],
        epochs: usize,
        runs: usize,
        min_updates: u32,
        rng: &mut Rng,
    ) -> Tagger {
        let dict = tag_dictionary(sentences);
        let ambiguity = ambiguity_classes(sentences);
        let weights = train_pass(
            sentences,
            None,
            &dict,
            &ambiguity,
            classes.len(),
            epochs,
            runs,
            min_updates,
            rng,
        );
        Tagger {
            classes: classes.to_vec(),
            weights,
            dict,
            ambiguity,
            second: None,
        }
    }

    /// Drops weights smaller than `min_abs` from both passes (see `TrainConfig`).
    pub(crate) fn prune(&mut self, min_abs: i16) {
        self.weights = self.weights.pruned(min_abs);
        self.second = self.second.take().map(|w| w.pruned(min_abs));
    }

    /// Trains the second pass on first-pass tags of the training sentences, which must come
    /// from taggers that did not see them (jackknifed), or the pass learns to trust them blindly.
    pub(crate) fn train_second(
        &mut self,
        sentences: &[(Vec<Lexeme>, Vec<u16>)],
        first: &[Vec<u16>],
        epochs: usize,
        runs: usize,
        min_updates: u32,
        rng: &mut Rng,
    ) {
        let weights = train_pass(
            sentences,
            Some(first),
            &self.dict,
            &self.ambiguity,
            self.classes.len(),
            epochs,
            runs,
            min_updates,
            rng,
        );
        self.second = Some(weights);
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.uint(self.classes.len() as u64);
        for (u, x) in &self.classes {
            out.str(u);
            out.str(x);
        }
        let mut dict: Vec<(u64, u16)> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        out.uint(dict.len() as u64);
        for (k, v) in dict {
            out.bytes.extend_from_slice(&k.to_le_bytes());
            out.uint(u64::from(v));
        }
        let mut amb: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        out.uint(amb.len() as u64);
        for (k, v) in amb {
            out.bytes.extend_from_slice(&k.to_le_bytes());
            out.bytes.extend_from_slice(&v.to_le_bytes());
        }
        self.weights.encode(out);
        out.uint(self.second.is_some() as u64);
        if let Some(second) = &self.second {
            second.encode(out);
        }
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Tagger, ParseError> {
        let n = input.len()?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            classes.push((input.str()?.to_string(), input.str()?.to_string()));
        }
        let d = input.len()?;
        let mut dict = HashedMap::default();
        for _ in 0..d {
            let k = input.u64_le()?;
            let v = input.uint()?;
            if v as usize >= n {
                return Err(ParseError::Corrupt("tag dictionary class out of range".into()));
            }
            dict.insert(k, v as u16);
        }
        let a = input.len()?;
        let mut ambiguity = HashedMap::default();
        ambiguity.reserve(a);
        for _ in 0..a {
            let k = input.u64_le()?;
            ambiguity.insert(k, input.u64_le()?);
        }
        let weights = Weights::decode(input)?;
        let second = if input.uint()? == 1 {
            Some(Weights::decode(input)?)
        } else {
            None
        };
        if weights.classes() != n || second.as_ref().is_some_and(|w| w.classes() != n) {
            return Err(ParseError::Corrupt("tagger weights do not match its classes".into()));
        }
        Ok(Tagger {
            classes,
            weights,
            dict,
            ambiguity,
            second,
        })
    }

    pub(crate) fn memory(&self) -> usize {
        self.weights.memory()
            + self.second.as_ref().map_or(0, Weights::memory)
            + (self.dict.len() + self.ambiguity.len()) * 24
    }
}

#[allow(clippy::too_many_arguments)]
fn train_pass(
    sentences: &[(Vec<Lexeme>, Vec<u16>)],
    first: Option<&[Vec<u16>]>,
    dict: &HashedMap<u16>,
    ambiguity: &HashedMap<u64>,
    classes: usize,
    epochs: usize,
    runs: usize,
    min_updates: u32,
    rng: &mut Rng,
) -> Weights {
    // Extra runs shuffle with their own generators, so the shared one (and everything trained
    // after the tagger) is the same whatever the number of runs.
    let mut forks: Vec<Rng> = (1..runs).map(|k| rng.fork(k as u64)).collect();
    let mut trainers = Vec::with_capacity(runs);
    for run in 0..runs.max(1) {
        let rng: &mut Rng = if run == 0 { &mut *rng } else { &mut forks[run - 1] };
        let mut trainer = Trainer::new(classes);
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let (lex, gold) = &sentences[s];
                let f = first.map(|f| f[s].as_slice());
                pass(lex, dict, ambiguity, f, Scoring::Learn(&mut trainer, gold), classes);
            }
        }
        trainers.push(trainer);
    }
    let refs: Vec<&Trainer> = trainers.iter().collect();
    Trainer::finish_all(&refs, min_updates)
}

/// Words seen at least 20 times that take the same tag 99.5% of the time.
fn tag_dictionary(sentences: &[(Vec<Lexeme>, Vec<u16>)]) -> HashedMap<u16> {
    let mut counts: HashedMap<HashedMap<u32>> = HashedMap::default();
    for (lex, gold) in sentences {
        for (l, &g) in lex.iter().zip(gold) {
            *counts.entry(l.exact).or_default().entry(u64::from(g)).or_default() += 1;
        }
    }
    let mut dict = HashedMap::default();
    for (word, tags) in counts {
        let total: u32 = tags.values().sum();
        let (best, n) = tags
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
            .map(|(t, n)| (*t, *n))
            .unwrap_or((0, 0));
        if total >= 20 && f64::from(n) / f64::from(total) >= 0.995 {
            dict.insert(word, best as u16);
        }
    }
    dict
}

/// Index of the highest score; ties go to the lowest index (deterministic).
pub(crate) fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod dev {
    /// UPOS/XPOS accuracy on dev of a tagger trained on train with the default settings; a
    /// tuning aid, run by hand: `cargo test --release -p dyad-parse tagger_dev -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn tagger_dev() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-english-ewt");
        let train = crate::read_conllu_file(&crate::treebank_file(&shared, "train").unwrap()).unwrap();
        let dev = crate::read_conllu_file(&crate::treebank_file(&shared, "dev").unwrap()).unwrap();
        let classes: Vec<(String, String)> = train
            .iter()
            .flat_map(|s| s.tokens.iter().map(|t| (t.upos.clone(), t.xpos.clone())))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let dev_data = shared.join("../dev");
        let raw = crate::read_raw_text(&[
            dev_data.join("polnear/data/train/text"),
            dev_data.join("conflibert-cameo/cameo_class_train.tsv"),
            dev_data.join("wikigold/wikigold.conll.txt"),
        ])
        .unwrap();
        let started = std::time::Instant::now();
        let clusters = crate::train::learn_clusters(&train, &raw);
        eprintln!("{} words clustered in {:?}", clusters.len(), started.elapsed());
        let encode = |s: &dyad_core::ParsedSentence| {
            let lex: Vec<_> = s
                .tokens
                .iter()
                .map(|t| {
                    if std::env::var_os("DYAD_NOCL").is_some() {
                        super::Lexeme::new(&t.form)
                    } else {
                        crate::train::lexeme(&clusters, &t.form)
                    }
                })
                .collect();
            let tags: Vec<u16> = s
                .tokens
                .iter()
                .map(|t| classes.binary_search(&(t.upos.clone(), t.xpos.clone())).unwrap_or(0) as u16)
                .collect();
            (lex, tags)
        };
        let data: Vec<_> = train.iter().map(encode).collect();
        let epochs = std::env::var("DYAD_TAGGER_EPOCHS")
            .ok()
            .and_then(|e| e.parse().ok())
            .unwrap_or(crate::TrainConfig::default().tagger_epochs);
        let mut rng = crate::train::Rng::new(1);
        let min: u32 = std::env::var("DYAD_TAGGER_MIN")
            .ok()
            .and_then(|e| e.parse().ok())
            .unwrap_or(1);
        let runs = std::env::var("DYAD_TAGGER_RUNS")
            .ok()
            .and_then(|e| e.parse().ok())
            .unwrap_or(crate::TrainConfig::default().tagger_runs);
        let first = crate::train::jackknife(&data, &classes, 4, epochs, &mut rng);
        let mut tagger = super::Tagger::train(&data, &classes, epochs, runs, min, &mut rng);
        if std::env::var_os("DYAD_ONE_PASS").is_none() {
            tagger.train_second(&data, &first, epochs, runs, min, &mut rng);
        }
        if let Some(min) = std::env::var("DYAD_TAGGER_PRUNE").ok().and_then(|e| e.parse().ok()) {
            tagger.prune(min);
        }
        eprintln!("tagger memory {:.1} MB", tagger.memory() as f64 / 1e6);
        let (mut n, mut upos, mut xpos) = (0, 0, 0);
        for s in &dev {
            let (lex, _) = encode(s);
            for (t, c) in s.tokens.iter().zip(tagger.tag(&lex)) {
                n += 1;
                upos += (classes[c as usize].0 == t.upos) as usize;
                xpos += (classes[c as usize].1 == t.xpos) as usize;
            }
        }
        eprintln!(
            "tagger dev: UPOS {:.2} XPOS {:.2}",
            100.0 * upos as f64 / n as f64,
            100.0 * xpos as f64 / n as f64
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexical::Lexeme;
    use crate::train::Rng;

    type Tagged = Vec<(Vec<Lexeme>, Vec<u16>)>;

    fn data() -> (Tagged, Vec<(String, String)>) {
        let classes = vec![
            ("DET".to_string(), "DT".to_string()),
            ("NOUN".to_string(), "NN".to_string()),
        ];
        let sentences = ["the dog", "a cat", "the cat", "a dog"]
            .iter()
            .map(|s| (s.split(' ').map(Lexeme::new).collect(), vec![0, 1]))
            .collect();
        (sentences, classes)
    }

    #[test]
    fn extra_runs_leave_the_shared_generator_where_one_run_leaves_it() {
        // The parser is trained after the tagger with the same generator: more tagger runs
        // must not change what it draws.
        let (sentences, classes) = data();
        let (mut one, mut three) = (Rng::new(7), Rng::new(7));
        let a = Tagger::train(&sentences, &classes, 2, 1, 1, &mut one);
        let b = Tagger::train(&sentences, &classes, 2, 3, 1, &mut three);
        assert_eq!(one.unit(), three.unit());
        let words: Vec<Lexeme> = ["a", "dog"].into_iter().map(Lexeme::new).collect();
        assert_eq!(a.tag(&words), vec![0, 1]);
        assert_eq!(b.tag(&words), vec![0, 1]);
    }
}
