//! Training: an averaged structured perceptron (Collins 2002) over BILOU tags. Each sentence
//! is decoded with the current weights by the same constrained Viterbi as tagging; where the
//! best sequence differs from the gold one, the gold tags' features and transitions are
//! rewarded and the predicted ones penalised. Several runs over differently shuffled data
//! are averaged into the final weights; the settings below say what else training does to
//! generalise to names it never saw.

use crate::bio::{self, PAIR_CLASSES, TAGS};
use crate::casing::CaseStats;
use crate::document;
use crate::features::DocumentView;
use crate::features::{self, hash_str};
use crate::gazetteer::Gazetteer;
use crate::iob2::Iob2Sentence;
use crate::perceptron::{HashedSet, Trainer};
use crate::{Analysed, Ner, NerError, Stage};
use std::path::{Path, PathBuf};

/// Training settings; the defaults were chosen on the Universal NER EWT dev set (word
/// dropout 0.3 with word clusters: mean F1 0.715 over seeds 1–3, against 0.712 at 0.1 and
/// 0.711 at 0.4), and checked again under BILOU tags one change at a time (mean F1 over
/// seeds 1–3, defaults 0.7308): 8, 12 and 15 epochs 0.7315, 0.7312, 0.7288; word dropout
/// 0.2 and 0.4 0.7217, 0.7233; 5 runs 0.7326 (0.7366, 0.7323, 0.7288). None beat
/// the defaults by 0.002, the least a change had to win by. Cost-augmented training
/// (`cost` 500) did, with 15 epochs and `min_updates` 30 (mean F1 over seeds 1–5 0.7372
/// against 0.7297, better on every seed; see `cost`), and is the default since.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seeds the sentence order: same seed, same model.
    pub seed: u64,
    /// Features updated fewer times than this (in all runs together) are dropped from the
    /// model: they are most of the features and little of the accuracy.
    pub min_updates: u32,
    /// A word seen this many times in lower case counts as a common lower-case word.
    pub common_lower_min: usize,
    /// Every this-many-th training sentence with a name is also learned lower-cased (0: none).
    pub lowercase_every: usize,
    /// Independent training runs (seeds `seed`, `seed + 1`, …) whose weights are averaged.
    pub runs: usize,
    /// Probability of hiding a word's own identity features at each training occurrence, so
    /// that the tagger also learns to recognise names from their shape and context: most
    /// names in new text were never seen in training.
    pub word_dropout: f64,
    /// Use the built-in parser model's word clusters as features.
    pub clusters: bool,
    /// Train a document pass (see `document`) on the first pass's tags of the training
    /// text, each document tagged by a model trained on the other folds of this many (so
    /// that the tags are as wrong as on new text); 0: no document pass. Off by default: on
    /// UNER EWT dev it scored F1 0.7131, 0.7096, 0.7070 (seeds 1–3, 5 folds, word dropout
    /// 0.1) against 0.7107, 0.7130, 0.7133 without, for twice the tagging time; under
    /// today's defaults (BILOU, word dropout 0.3, case bands, Phoenix names) 0.7105,
    /// 0.7111, 0.7113 against 0.7306, 0.7296, 0.7323, at 240k–280k words/s in `dyad eval
    /// ner` against 470k–520k, training ≈ 140 s instead of ≈ 27 s.
    pub document_folds: usize,
    /// Whether a sentence's own first-pass tags count in its document features.
    pub document_include_own: bool,
    /// Cost-augmented training (Taskar et al. 2003; Tsochantaridis et al. 2005): while
    /// training decodes a sentence, every tag other than a word's gold tag gets this much
    /// added to its score, so that the gold sequence must win by a margin that grows with
    /// the number of wrong tags (Hamming cost), not merely win. In the units of the
    /// trainer's integer weights (each update moves a weight by 1). 0: plain perceptron.
    /// The default is 500 with 15 epochs and `min_updates` 30 (below). On UNER EWT dev (F1, seeds 1–5; defaults 0.7306,
    /// 0.7296, 0.7323, 0.7301, 0.7257, mean 0.7297): cost 500 scored 0.7353, 0.7365,
    /// 0.7366, 0.7347, 0.7354 (mean 0.7357; ORG precision up, 0.74–0.75 against
    /// 0.61–0.64), for a 3.95 MB file instead of 2.35 MB (more features pass
    /// `min_updates`); with 15 epochs 0.7393, 0.7378, 0.7392, 0.7385, 0.7370 (mean 0.7384;
    /// P 0.785–0.789, R 0.695–0.697; 4.12 MB, training ≈ 50–56 s), and with 15 epochs and
    /// `min_updates` 30 0.7383, 0.7374, 0.7371, 0.7375, 0.7357 (mean 0.7372) for 2.56 MB
    /// and the defaults' tagging speed; with 12 epochs 0.7396, 0.7401, 0.7360, 0.7355,
    /// 0.7342 (mean 0.7371). The margin must stay large against the weights, which grow
    /// with the epochs: over seeds 1–3, cost 200 scored 0.7301, 300 0.7352, 800 0.7344 (10
    /// epochs); cost 500 with 7 epochs 0.7363 and with 20 0.7295; cost 300 with 15 epochs
    /// 0.7279. At seed 1, cost 10 0.7243, 30 0.7245, 100 0.7283, 1000 0.7255. Word dropout
    /// 0.2 with cost 500 scored 0.7368 (seeds 1–3).
    pub cost: i32,
    /// The cost of tagging `O` where the gold tag is a name's (replacing `cost` there):
    /// missed names cost more than false alarms when recall lags precision. 0: `cost`.
    /// It raised recall but lowered precision more: cost 500 with miss cost 750 scored
    /// 0.7245, 0.7241, 0.7255 (seeds 1–3; R 0.713–0.715, P 0.735–0.736); miss cost alone
    /// 30 and 100 scored 0.7160 and 0.7021 at seed 1, and cost 10 with 30 0.7282.
    pub miss_cost: i32,
    /// Sentences from this index on are extra text from another domain (`--extra`): each
    /// of their features also gets a copy of its own, which training updates alongside the
    /// shared one and tagging never looks up, so that what holds only in that text can be
    /// learned there instead of in the shared weights (Daumé 2007, "Frustratingly easy
    /// domain adaptation", with no copy for the target text). `None`: all text is one.
    /// With wikigold as the extra text it did not help on UNER EWT dev: F1 0.7285, 0.7304,
    /// 0.7260 (seeds 1–3, mean 0.7283) against 0.7306, 0.7296, 0.7323 without wikigold and
    /// 0.7261 at seed 1 with plain wikigold; with cost 500, 0.7304 at seed 1 against 0.7353
    /// without wikigold and 0.7258 with plain wikigold. The copies stay in the model file
    /// (4.18 MB against 3.37 MB with plain wikigold and 2.35 MB without).
    pub other_domain_from: Option<usize>,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 15,
            seed: 1,
            min_updates: 30,
            common_lower_min: 3,
            word_dropout: 0.3,
            runs: 3,
            lowercase_every: 3,
            clusters: true,
            document_folds: 0,
            document_include_own: false,
            cost: 500,
            miss_cost: 0,
            other_domain_from: None,
        }
    }
}

/// A small deterministic generator (SplitMix64) for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The `*-<part>.iob2` file of a Universal NER folder (`part` is `train` or `dev`).
pub fn iob2_file(dir: &Path, part: &str) -> Result<PathBuf, NerError> {
    let suffix = format!("-{part}.iob2");
    let entries = std::fs::read_dir(dir).map_err(|e| NerError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(&suffix))
        .collect();
    found.sort();
    found
        .into_iter()
        .next()
        .ok_or_else(|| NerError::Data(format!("no *{suffix} in {}", dir.display())))
}

/// Words written in lower case at least `min` times in the training text, sorted.
fn common_lower_words(sentences: &[Iob2Sentence], min: usize) -> Vec<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for s in sentences {
        for w in &s.words {
            if w.chars().any(char::is_lowercase) && !w.chars().any(char::is_uppercase) {
                *counts.entry(w.as_str()).or_default() += 1;
            }
        }
    }
    let mut words: Vec<String> = counts
        .into_iter()
        .filter(|&(_, n)| n >= min)
        .map(|(w, _)| w.to_string())
        .collect();
    words.sort();
    words
}

/// One training sentence's features (all words' lists concatenated) and gold tags.
struct Instance {
    features: Vec<u64>,
    /// Each word's pair-feature bases (see `features::extract_pairs`), concatenated.
    pairs: Vec<u64>,
    pair_ends: Vec<usize>,
    /// `ends[i]`: where word `i`'s features end in `features`.
    ends: Vec<usize>,
    gold: Vec<u8>,
    /// From another domain (see [`TrainConfig::other_domain_from`]).
    other_domain: bool,
}

impl Instance {
    fn new(sentence: &Analysed, views: Option<&[DocumentView]>, gold: Vec<u8>) -> Instance {
        let n = sentence.words.len();
        let mut all = Vec::with_capacity(n * 56);
        let mut ends = Vec::with_capacity(n);
        let mut feats = Vec::with_capacity(64);
        let (mut pairs, mut pair_ends) = (Vec::new(), Vec::new());
        for i in 0..n {
            crate::word_features(sentence, views, i, &mut feats);
            all.extend_from_slice(&feats);
            ends.push(all.len());
            features::extract_pairs(&sentence.words, i, &mut feats);
            pairs.extend_from_slice(&feats);
            pair_ends.push(pairs.len());
        }
        Instance {
            features: all,
            ends,
            pairs,
            pair_ends,
            gold,
            other_domain: false,
        }
    }
}

/// A training sentence as the tagger sees it: the original or a lower-cased copy of
/// sentence `source`.
struct Example {
    source: usize,
    analysed: Analysed,
    gold: Vec<u8>,
    lowered: bool,
}

/// Trains a tagger on gold sentences with `gazetteer`'s names as features. Deterministic
/// for a fixed `config.seed`; fails only when there is nothing to learn from (or when
/// `config.clusters` is set and the parser model cannot be loaded).
pub fn train_on(sentences: &[Iob2Sentence], gazetteer: Gazetteer, config: &TrainConfig) -> Result<Ner, NerError> {
    train_tagged(sentences, None, gazetteer, CaseStats::default(), config)
}

/// [`train_on`] with part-of-speech tags as features: `xpos` holds each training
/// sentence's XPOS tags as the built-in parser model's tagger would get them wrong on new
/// text (jackknifed: see `dyad_parse::Model::jackknifed_tags`), and the model will tag
/// new text with that tagger. A sentence whose tags do not match its words in number is
/// tagged by the built-in tagger. `casing` (how raw text capitalises words, see
/// [`CaseStats::count`]) adds its features unless empty.
pub fn train_tagged(
    sentences: &[Iob2Sentence],
    xpos: Option<&[Vec<String>]>,
    gazetteer: Gazetteer,
    casing: CaseStats,
    config: &TrainConfig,
) -> Result<Ner, NerError> {
    let words: usize = sentences.iter().map(|s| s.words.len()).sum();
    if words == 0 {
        return Err(NerError::Data("the training data has no words".into()));
    }
    let common_words = common_lower_words(sentences, config.common_lower_min);
    let common: HashedSet = common_words.iter().map(|w| hash_str(w)).collect();
    let clusters = if config.clusters {
        Some(dyad_parse::Model::builtin().map_err(|e| NerError::Clusters(e.to_string()))?)
    } else {
        None
    };
    let tagger = if xpos.is_some() {
        Some(crate::builtin_tagger()?)
    } else {
        None
    };

    // Web text often drops capitals ("flights to miami"): every `lowercase_every`-th sentence
    // with a name is also learned in lower case, so names are not only known by their capitals.
    let lowered: Vec<usize> = if config.lowercase_every == 0 {
        Vec::new()
    } else {
        (0..sentences.len())
            .filter(|&i| !sentences[i].entities.is_empty())
            .step_by(config.lowercase_every)
            .collect()
    };
    let lexicons = features::Lexicons {
        gazetteer: &gazetteer,
        common_lower: &common,
        clusters,
        casing: &casing,
    };
    let example = |source: usize, lowered: bool| {
        let s = &sentences[source];
        let lower: Vec<String> = s.words.iter().map(|w| w.to_lowercase()).collect();
        let forms: Vec<&str> = if lowered { &lower } else { &s.words }
            .iter()
            .map(String::as_str)
            .collect();
        let tags: Option<Vec<&str>> =
            tagger.map(
                |model| match xpos.and_then(|x| x.get(source)).filter(|t| t.len() == forms.len()) {
                    Some(given) => given.iter().map(String::as_str).collect(),
                    None => crate::xpos_tags(model, &forms),
                },
            );
        Example {
            source,
            analysed: Analysed::new(&forms, tags.as_deref(), &lexicons),
            gold: bio::tags(forms.len(), &s.entities, &s.others),
            lowered,
        }
    };
    let examples: Vec<Example> = (0..sentences.len())
        .filter(|&i| !sentences[i].words.is_empty())
        .map(|i| example(i, false))
        .chain(lowered.iter().map(|&i| example(i, true)))
        .collect();
    let other_domain = |e: &Example| config.other_domain_from.is_some_and(|from| e.source >= from);
    let instances: Vec<Instance> = examples
        .iter()
        .map(|e| Instance {
            other_domain: other_domain(e),
            ..Instance::new(&e.analysed, None, e.gold.clone())
        })
        .collect();
    let first = train_weights(&instances.iter().collect::<Vec<_>>(), config);
    let document = if config.document_folds > 0 {
        let views = jackknife_views(sentences, &examples, &instances, config);
        let second: Vec<Instance> = examples
            .iter()
            .map(|e| {
                let mut v = views[e.source].clone();
                if e.lowered {
                    // A lower-cased sentence has no capitalised runs to look up.
                    v.iter_mut().for_each(|v| v.run = Default::default());
                }
                Instance {
                    other_domain: other_domain(e),
                    ..Instance::new(&e.analysed, Some(&v), e.gold.clone())
                }
            })
            .collect();
        Some((
            train_weights(&second.iter().collect::<Vec<_>>(), config),
            config.document_include_own,
        ))
    } else {
        None
    };
    Ok(Ner::assemble(
        first,
        document,
        gazetteer,
        common_words,
        casing,
        clusters,
        tagger,
    ))
}

/// Which document each sentence is in (see [`crate::iob2::documents`]).
fn document_numbers(sentences: &[Iob2Sentence]) -> Vec<usize> {
    let mut numbers = vec![0; sentences.len()];
    for (d, range) in crate::iob2::documents(sentences).into_iter().enumerate() {
        numbers[range].fill(d);
    }
    numbers
}

/// Every training sentence's document views, from first-pass tags by models that did not
/// see the sentence's document (`config.document_folds` folds of whole documents).
fn jackknife_views(
    sentences: &[Iob2Sentence],
    examples: &[Example],
    instances: &[Instance],
    config: &TrainConfig,
) -> Vec<Vec<DocumentView>> {
    let docs = document_numbers(sentences);
    let folds = config.document_folds.max(2);
    let mut tags: Vec<Vec<u8>> = sentences.iter().map(|s| vec![0; s.words.len()]).collect();
    for fold in 0..folds {
        let training: Vec<&Instance> = examples
            .iter()
            .zip(instances)
            .filter(|(e, _)| docs[e.source] % folds != fold)
            .map(|(_, i)| i)
            .collect();
        let stage = train_weights(&training, config);
        for e in examples.iter().filter(|e| !e.lowered && docs[e.source] % folds == fold) {
            tags[e.source] = stage.tag(&e.analysed, None);
        }
    }
    let analysed: Vec<Option<&Analysed>> = {
        let mut by_source = vec![None; sentences.len()];
        for e in examples.iter().filter(|e| !e.lowered) {
            by_source[e.source] = Some(&e.analysed);
        }
        by_source
    };
    let mut views: Vec<Vec<DocumentView>> = vec![Vec::new(); sentences.len()];
    let mut start = 0;
    while start < sentences.len() {
        let end = (start..sentences.len())
            .find(|&i| docs[i] != docs[start])
            .unwrap_or(sentences.len());
        let members: Vec<usize> = (start..end).filter(|&i| analysed[i].is_some()).collect();
        let words: Vec<&[crate::features::Word]> = members
            .iter()
            .filter_map(|&i| analysed[i].map(|a| a.words.as_slice()))
            .collect();
        let doc_tags: Vec<Vec<u8>> = members.iter().map(|&i| tags[i].clone()).collect();
        for (&i, v) in members
            .iter()
            .zip(document::views(&words, &doc_tags, config.document_include_own))
        {
            views[i] = v;
        }
        start = end;
    }
    views
}

/// The averaged weights of `config.runs` runs over `instances`, tag and pair tables
/// quantized alike (their scores are added).
fn train_weights(instances: &[&Instance], config: &TrainConfig) -> Stage {
    let runs: Vec<(Trainer, Trainer)> = (0..config.runs.max(1) as u64)
        .map(|run| train_run(instances, config, config.seed.wrapping_add(run)))
        .collect();
    let tags: Vec<&Trainer> = runs.iter().map(|(t, _)| t).collect();
    let pairs: Vec<&Trainer> = runs.iter().map(|(_, p)| p).collect();
    let mut tables = Trainer::finish_tables(&[&tags, &pairs], config.min_updates).into_iter();
    match (tables.next(), tables.next()) {
        (Some(weights), Some(pairs)) => Stage::new(weights, pairs),
        _ => unreachable!("two tables in, two tables out"),
    }
}

/// One run of the structured perceptron over `instances`, shuffled by `seed`: the tag
/// weights (word features and transitions) and the pair weights (over `PAIR_CLASSES`),
/// whose averaging clocks tick together.
fn train_run(instances: &[&Instance], config: &TrainConfig, seed: u64) -> (Trainer, Trainer) {
    let mut trainer = Trainer::new(TAGS);
    let mut pair_trainer = Trainer::new(PAIR_CLASSES);
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let transition_features: Vec<u64> = (0..=TAGS).map(features::transition).collect();
    let mut feats: Vec<u64> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut pair_feats: Vec<u64> = Vec::new();
    let mut pair_ends: Vec<usize> = Vec::new();
    for _ in 0..config.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let inst = instances[s];
            trainer.tick();
            pair_trainer.tick();
            // This pass's view of the sentence: some words' identity features hidden.
            feats.clear();
            ends.clear();
            pair_feats.clear();
            pair_ends.clear();
            let (mut start, mut pair_start) = (0, 0);
            for i in 0..inst.gold.len() {
                let (end, pair_end) = (inst.ends[i], inst.pair_ends[i]);
                let hide = config.word_dropout > 0.0 && rng.unit() < config.word_dropout;
                for (k, &f) in inst.features[start..end].iter().enumerate() {
                    if !(hide && features::WORD_IDENTITY.contains(&k)) {
                        push_feature(&mut feats, f, inst.other_domain);
                    }
                }
                for (k, &f) in inst.pairs[pair_start..pair_end].iter().enumerate() {
                    if !(hide && features::PAIR_WORD_IDENTITY.contains(&k)) {
                        push_feature(&mut pair_feats, f, inst.other_domain);
                    }
                }
                ends.push(feats.len());
                pair_ends.push(pair_feats.len());
                (start, pair_start) = (end, pair_end);
            }

            let mut transitions = [[0i32; TAGS]; TAGS + 1];
            for (row, &f) in transitions.iter_mut().zip(&transition_features) {
                trainer.score(&[f], row);
            }
            let mut emissions = vec![[0i32; TAGS]; inst.gold.len()];
            let mut pairs = vec![[[0i32; TAGS]; TAGS + 1]; inst.gold.len()];
            for i in 0..inst.gold.len() {
                let range = if i == 0 { 0 } else { ends[i - 1] }..ends[i];
                trainer.score(&feats[range], &mut emissions[i]);
                let pair_range = if i == 0 { 0 } else { pair_ends[i - 1] }..pair_ends[i];
                pair_trainer.score(&pair_feats[pair_range], pairs[i].as_flattened_mut());
            }
            add_costs(&mut emissions, &inst.gold, config);
            let guess = bio::viterbi(&emissions, &transitions, &pairs);
            if guess == inst.gold {
                continue;
            }
            for i in 0..guess.len() {
                let range = if i == 0 { 0 } else { ends[i - 1] }..ends[i];
                let (g, p) = (usize::from(inst.gold[i]), usize::from(guess[i]));
                trainer.update(&feats[range], g, p);
                let gold_prev = if i == 0 {
                    bio::START
                } else {
                    usize::from(inst.gold[i - 1])
                };
                let guess_prev = if i == 0 { bio::START } else { usize::from(guess[i - 1]) };
                if (gold_prev, g) != (guess_prev, p) {
                    trainer.adjust(transition_features[gold_prev], g, 1);
                    trainer.adjust(transition_features[guess_prev], p, -1);
                    let pair_range = if i == 0 { 0 } else { pair_ends[i - 1] }..pair_ends[i];
                    for &base in &pair_feats[pair_range] {
                        pair_trainer.adjust(base, bio::pair_class(gold_prev, g), 1);
                        pair_trainer.adjust(base, bio::pair_class(guess_prev, p), -1);
                    }
                }
            }
        }
    }
    (trainer, pair_trainer)
}

/// Marks a feature's copy for text from another domain (see
/// [`TrainConfig::other_domain_from`]).
const OTHER_DOMAIN: u64 = 0xD0_4A17;

/// Pushes feature `f`, and its other-domain copy when the sentence is from another domain.
fn push_feature(out: &mut Vec<u64>, f: u64, other_domain: bool) {
    out.push(f);
    if other_domain {
        out.push(features::mix(f, OTHER_DOMAIN));
    }
}

/// Adds `config`'s costs (see [`TrainConfig::cost`]) to every non-gold tag's score: the
/// training decoder then finds the sequence that most violates the margin.
fn add_costs(emissions: &mut [[i32; TAGS]], gold: &[u8], config: &TrainConfig) {
    if config.cost == 0 && config.miss_cost == 0 {
        return;
    }
    let miss = if config.miss_cost == 0 {
        config.cost
    } else {
        config.miss_cost
    };
    for (scores, &g) in emissions.iter_mut().zip(gold) {
        for (t, score) in scores.iter_mut().enumerate() {
            if t != usize::from(g) {
                *score += if t == usize::from(bio::OUTSIDE) {
                    miss
                } else {
                    config.cost
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerKind;
    use crate::iob2::read_iob2;
    use crate::EntityKind;

    fn sample() -> Vec<Iob2Sentence> {
        let mut text = String::new();
        let people = ["Smith", "Jones", "Brown", "Taylor"];
        let places = ["Paris", "Cairo", "Lima", "Oslo"];
        for (i, p) in people.iter().enumerate() {
            text.push_str(&format!("# newdoc id = doc{}\n", i / 2));
            let place = places[(i + 1) % places.len()];
            text.push_str(&format!("1\tMr.\tO\n2\t{p}\tB-PER\n3\tvisited\tO\n4\t{place}\tB-LOC\n5\twith\tO\n6\tAcme\tB-ORG\n7\tCorp\tI-ORG\n8\t.\tO\n\n"));
            text.push_str("1\tthe\tO\n2\tAmerican\tB-OTH\n3\tsaid\tO\n4\tit\tO\n5\t.\tO\n\n");
        }
        read_iob2(text.as_bytes()).unwrap().sentences
    }

    /// Settings for the tiny sample: few epochs, every feature kept, no clusters.
    fn small_config() -> TrainConfig {
        TrainConfig {
            epochs: 5,
            min_updates: 1,
            common_lower_min: 1,
            clusters: false,
            ..TrainConfig::default()
        }
    }

    #[test]
    fn training_is_deterministic_and_learns_the_sample() {
        let sentences = sample();
        let config = TrainConfig {
            document_folds: 0,
            ..small_config()
        };
        let gazetteer = || Gazetteer::new([("Oslo".to_string(), GazetteerKind::Location)]);
        let a = train_on(&sentences, gazetteer(), &config).unwrap();
        let b = train_on(&sentences, gazetteer(), &config).unwrap();
        assert!(a.to_bytes() == b.to_bytes(), "same seed, same model");
        for s in &sentences {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            assert_eq!(a.tag(&words), s.entities, "{words:?}");
        }
        let again = Ner::from_bytes(&a.to_bytes()).unwrap();
        assert_eq!(
            again.tag(&["Mr.", "Smith", "visited", "Oslo"])[0].kind,
            EntityKind::Person
        );
    }

    #[test]
    fn oth_names_are_found_but_not_reported() {
        let sentences = sample();
        let ner = train_on(&sentences, Gazetteer::default(), &small_config()).unwrap();
        let (found_all, others): (Vec<_>, Vec<_>) = crate::tag_gold_with_others(&ner, &sentences).into_iter().unzip();
        assert_eq!(found_all, crate::tag_gold(&ner, &sentences));
        assert_eq!(others.len(), sentences.len());
        for ((s, found), names) in sentences.iter().zip(found_all).zip(&others) {
            assert_eq!(names, &s.others, "{:?}", s.words);
            assert_eq!(found, s.entities, "{:?}", s.words);
        }
        assert!(others.iter().any(|o| o == &[(1, 2)]), "\"American\" is found as OTH");
    }

    #[test]
    fn document_pass_and_clusters_train_round_trip_and_are_checked() {
        let sentences = sample();
        let config = TrainConfig {
            clusters: true,
            document_folds: 2,
            ..small_config()
        };
        let ner = train_on(&sentences, Gazetteer::default(), &config).unwrap();
        let bytes = ner.to_bytes();
        let again = Ner::from_bytes(&bytes).unwrap();
        assert!(again.to_bytes() == bytes);
        let doc: Vec<Vec<&str>> = sentences[..4]
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let found = again.tag_document(&doc);
        assert_eq!(found.len(), 4);
        for (s, f) in sentences[..4].iter().zip(&found) {
            assert_eq!(f, &s.entities);
        }
        // Another cluster table (here: a changed fingerprint) is refused by name.
        let print = dyad_parse::Model::builtin()
            .unwrap()
            .cluster_fingerprint()
            .to_le_bytes();
        let at = bytes
            .windows(8)
            .position(|w| w == print)
            .expect("the fingerprint is stored");
        let mut other = bytes.clone();
        other[at] ^= 1;
        let err = Ner::from_bytes(&other).err().expect("other clusters are refused");
        assert!(matches!(err, NerError::Clusters(_)), "{err}");
        assert!(err.to_string().contains("train-ner"), "{err}");
    }

    #[test]
    fn part_of_speech_tags_train_round_trip_and_tag_new_text() {
        let sentences = sample();
        let config = small_config();
        // Given tags for the first sentence only (wrong in number for the second: it is
        // tagged by the built-in tagger); the rest are missing and tagged likewise.
        let xpos = vec![
            vec!["NNP", "NNP", "VBD", "NNP", "IN", "NNP", "NNP", "."]
                .into_iter()
                .map(String::from)
                .collect(),
            vec!["DT".to_string()],
        ];
        let ner = train_tagged(
            &sentences,
            Some(&xpos),
            Gazetteer::default(),
            CaseStats::default(),
            &config,
        )
        .unwrap();
        assert!(ner.uses_tags() && !train_on(&sentences, Gazetteer::default(), &config).unwrap().uses_tags());
        let bytes = ner.to_bytes();
        let again = Ner::from_bytes(&bytes).unwrap();
        assert!(again.uses_tags() && again.to_bytes() == bytes);
        for s in &sentences {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            assert_eq!(again.tag(&words), s.entities, "{words:?}");
        }
    }

    #[test]
    fn every_truncation_of_a_model_is_an_error() {
        // Cuts land in every table, the tag-pair tables included.
        let ner = train_on(&sample(), Gazetteer::default(), &small_config()).unwrap();
        let bytes = ner.to_bytes();
        for cut in 0..bytes.len() {
            assert!(
                Ner::from_bytes(&bytes[..cut]).is_err(),
                "cut at {cut} of {}",
                bytes.len()
            );
        }
    }

    #[test]
    fn costs_go_to_every_tag_but_the_gold_one() {
        let config = TrainConfig {
            cost: 3,
            miss_cost: 7,
            ..TrainConfig::default()
        };
        let per = bio::tag(0, bio::Position::Unit);
        let mut emissions = vec![[0i32; TAGS]; 2];
        add_costs(&mut emissions, &[bio::OUTSIDE, per], &config);
        assert_eq!(emissions[0][usize::from(bio::OUTSIDE)], 0);
        assert!(emissions[0].iter().skip(1).all(|&s| s == 3));
        assert_eq!(emissions[1][usize::from(per)], 0);
        assert_eq!(emissions[1][usize::from(bio::OUTSIDE)], 7, "a missed name costs more");
        let plain = TrainConfig { miss_cost: 0, ..config };
        let mut emissions = vec![[0i32; TAGS]; 1];
        add_costs(&mut emissions, &[per], &plain);
        assert_eq!(emissions[0][usize::from(bio::OUTSIDE)], 3, "0: the plain cost");
        let off = TrainConfig {
            cost: 0,
            miss_cost: 0,
            ..config
        };
        let mut emissions = vec![[0i32; TAGS]; 1];
        add_costs(&mut emissions, &[per], &off);
        assert!(emissions[0].iter().all(|&s| s == 0), "cost 0: a plain perceptron");
    }

    #[test]
    fn nothing_to_learn_is_an_error() {
        assert!(matches!(
            train_on(&[], Gazetteer::default(), &TrainConfig::default()),
            Err(NerError::Data(_))
        ));
    }
}
