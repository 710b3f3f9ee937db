//! Training the whole model from a UD treebank: lemmatizer, tagger, then a parser trained
//! on jackknifed (predicted) tags so it learns to live with the tagger's mistakes.

use crate::clusters::Clusters;
use crate::conllu::read_conllu;
use crate::corrector::{Corrector, TrainingParse};
use crate::lemma::Lemmatizer;
use crate::lexical::{hash_str, Lexeme};
use crate::parser::{GoldTree, Parser, Word};
use crate::tagger::Tagger;
use crate::{Model, ParseError};
use dyad_core::ParsedSentence;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// Training settings; the defaults were chosen on the EWT dev set.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training data for the tagger.
    pub tagger_epochs: usize,
    /// Passes over the training data for the parser.
    pub parser_epochs: usize,
    /// Independent parser training runs (differently shuffled) whose averaged weights are
    /// averaged again into the model: an ensemble at no parsing cost, but a larger model that
    /// loads slower (2 runs: +0.03 UAS, +0.13 LAS on dev, 52.6 MB in memory against 32.6;
    /// 3 runs gained no more than seed noise).
    pub parser_runs: usize,
    /// Seeds the shuffling and the oracle's exploration: same seed, same model.
    pub seed: u64,
    /// Folds for jackknifed training tags (1 = train the parser on gold tags).
    pub jackknife: usize,
    /// Probability of following the model's own wrong move during training (dynamic
    /// oracle exploration), after the first epoch.
    pub explore: f64,
    /// Parser features updated fewer times than this during training are dropped from the model:
    /// they are most of the features, little of the accuracy, and what keeps the weights
    /// small enough to stay in cache.
    pub min_updates: u32,
    /// Weights (quantized to ±32000 of the largest) smaller than this are dropped from the
    /// finished tagger and parser: tiny weights are mostly noise from rare features, and
    /// dropping them made the model smaller, faster and slightly more accurate on dev.
    pub tagger_min_weight: i16,
    pub parser_min_weight: i16,
    /// Tagger passes: 2 adds a second pass that reads the first pass's tags of the words
    /// ahead (about +0.1 UPOS on dev for twice the tagging time).
    pub tagger_passes: usize,
    /// Independent runs averaged into each pass of the final tagger (the jackknifed taggers
    /// that tag the parser's training data stay single runs, so the parser is unchanged).
    pub tagger_runs: usize,
    /// Folds of jackknifed parses the attachment corrector learns from (each parsed by a
    /// parser trained on the other folds); below 2, no corrector. With 4, seed 1: EWT dev
    /// UAS 85.81 → 85.97, LAS 82.57 → 82.61 (the same parser without and with it, 10 passes).
    pub corrector_folds: usize,
    /// Passes over those parses for the corrector. 10 scored EWT dev UAS 85.97, LAS 82.61
    /// against 85.94, 82.60 with 5, and revise more labels (`nmod`, `parataxis`,
    /// `acl:relcl` join) for 3.5–5% of tag + parse time instead of 1.5–2% (also with
    /// `MIN_FIX_RATE` 0.004: dev 85.96); affordable since the binary's allocator is mimalloc.
    pub corrector_epochs: usize,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            tagger_epochs: 6,
            parser_epochs: 15,
            parser_runs: 1,
            seed: 1,
            jackknife: 4,
            explore: 0.9,
            min_updates: 5,
            tagger_min_weight: 500,
            parser_min_weight: 200,
            tagger_passes: 2,
            tagger_runs: 1,
            corrector_folds: 4,
            corrector_epochs: 10,
        }
    }
}

/// A small deterministic generator (SplitMix64) for shuffling and exploration.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// An independent generator derived from this one's state, leaving this one as it is.
    pub(crate) fn fork(&self, k: u64) -> Rng {
        let mut forked = Rng(self.0 ^ k.wrapping_mul(0xD1B5_4A32_D192_ED03));
        forked.next();
        forked
    }

    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The `*-ud-<part>.conllu` file of a treebank folder.
pub fn treebank_file(dir: &Path, part: &str) -> Result<PathBuf, ParseError> {
    let suffix = format!("-ud-{part}.conllu");
    let entries = std::fs::read_dir(dir).map_err(|e| ParseError::Io {
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
        .ok_or_else(|| ParseError::Treebank(format!("no *{suffix} in {}", dir.display())))
}

/// Reads a CoNLL-U file, naming the file in errors.
pub fn read_conllu_file(path: &Path) -> Result<Vec<ParsedSentence>, ParseError> {
    let file = File::open(path).map_err(|e| ParseError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    read_conllu(BufReader::new(file)).map_err(|e| match e {
        ParseError::Conllu { line, message } => ParseError::Treebank(format!("{}:{line}: {message}", path.display())),
        other => other,
    })
}

/// Reads raw text for word clusters from files and folders (walked in name order):
/// `*.txt` is running text, `*.tsv` has text in its first column, `*.conll*` has one word
/// per line (first column) and blank lines between sentences; other files are skipped.
pub fn read_raw_text(paths: &[PathBuf]) -> Result<Vec<Vec<String>>, ParseError> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    stack.reverse();
    while let Some(path) = stack.pop() {
        let io = |e| ParseError::Io {
            path: path.clone(),
            source: e,
        };
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            stack.extend(entries.into_iter().rev());
        } else {
            files.push(path);
        }
    }
    let mut sentences = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = if name.contains(".conll") {
            2
        } else if name.ends_with(".tsv") {
            1
        } else if name.ends_with(".txt") {
            0
        } else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| ParseError::Io {
            path: path.clone(),
            source: e,
        })?;
        let text = String::from_utf8_lossy(&bytes);
        match kind {
            0 => sentences.extend(crate::tokenize_raw(&text)),
            1 => sentences.extend(
                text.lines()
                    .flat_map(|l| crate::tokenize_raw(l.split('\t').next().unwrap_or(""))),
            ),
            _ => {
                let mut words = Vec::new();
                for line in text.lines() {
                    match line.split_whitespace().next() {
                        Some(w) if !line.starts_with("-DOCSTART-") => words.push(w.to_string()),
                        _ if !words.is_empty() => sentences.push(std::mem::take(&mut words)),
                        _ => {}
                    }
                }
                if !words.is_empty() {
                    sentences.push(words);
                }
            }
        }
    }
    Ok(sentences)
}

/// Trains on `<dir>/*-ud-train.conllu`, with word clusters learned from the training text
/// and the raw text of `raw` (see [`read_raw_text`]). Deterministic for a fixed `config.seed`.
pub fn train(treebank_dir: &Path, raw: &[PathBuf], config: &TrainConfig) -> Result<Model, ParseError> {
    let sentences = read_conllu_file(&treebank_file(treebank_dir, "train")?)?;
    if sentences.is_empty() {
        return Err(ParseError::Treebank("the training file has no sentences".into()));
    }
    let raw = read_raw_text(raw)?;
    Ok(train_on(&sentences, &raw, config))
}

/// Trains on sentences already read; `raw` is extra tokenized text for the word clusters.
pub fn train_on(sentences: &[ParsedSentence], raw: &[Vec<String>], config: &TrainConfig) -> Model {
    let mut rng = Rng::new(config.seed);
    let clusters = learn_clusters(sentences, raw);
    let lemmatizer = Lemmatizer::learn(sentences.iter().flat_map(|s| {
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

    let classes: Vec<(String, String)> = sentences
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| (t.upos.clone(), t.xpos.clone())))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let tagged = tagger_examples(sentences, &clusters, &classes);

    // Jackknifed first-pass tags: each fold tagged by a tagger that never saw it. They train
    // the tagger's second pass and the parser (so both learn to live with tagging errors).
    let predicted = jackknife(&tagged, &classes, config.jackknife, config.tagger_epochs, &mut rng);
    let mut tagger = Tagger::train(&tagged, &classes, config.tagger_epochs, config.tagger_runs, 1, &mut rng);
    if config.tagger_passes > 1 {
        tagger.train_second(
            &tagged,
            &predicted,
            config.tagger_epochs,
            config.tagger_runs,
            1,
            &mut rng,
        );
    }

    let labels: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.deprel.clone()))
        .chain(["root".to_string()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let trees: Vec<GoldTree> = sentences
        .iter()
        .zip(&tagged)
        .zip(&predicted)
        .map(|((s, (lex, _)), tags)| {
            let n = s.tokens.len() as u32;
            GoldTree {
                words: lex
                    .iter()
                    .zip(tags)
                    .map(|(l, &c)| word(*l, &classes[c as usize]))
                    .collect(),
                heads: s
                    .tokens
                    .iter()
                    .map(|t| if t.head == 0 { n } else { t.head as u32 - 1 })
                    .collect(),
                labels: s
                    .tokens
                    .iter()
                    .map(|t| labels.binary_search(&t.deprel).unwrap_or(0) as u16)
                    .collect(),
            }
        })
        .collect();
    let mut parser = Parser::train(
        &trees,
        &labels,
        config.parser_epochs,
        config.parser_runs,
        config.explore,
        config.min_updates,
        &mut rng,
    );
    tagger.prune(config.tagger_min_weight);
    parser.weights = parser.weights.pruned(config.parser_min_weight);
    if config.corrector_folds > 1 {
        let parses = jackknifed_parses(&trees, &labels, config);
        parser.corrector = Some(Corrector::train(
            &parses,
            &parser.label_ids,
            labels.len(),
            (config.corrector_epochs, crate::corrector::MIN_UPDATES),
            config.seed,
        ));
    }
    Model {
        clusters,
        tagger,
        lemmatizer,
        parser,
    }
}

/// Every training tree parsed by a parser trained on the other `config.corrector_folds - 1`
/// folds (with the same settings as the model's parser), with its gold heads: what the
/// corrector learns from. The folds train side by side (rayon), each with its own seed.
fn jackknifed_parses<'a>(trees: &'a [GoldTree], labels: &[String], config: &TrainConfig) -> Vec<TrainingParse<'a>> {
    let folds = config.corrector_folds;
    let parse_fold = |fold: usize| -> Vec<(usize, Vec<usize>, Vec<usize>)> {
        let rest: Vec<GoldTree> = trees
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, t)| t.clone())
            .collect();
        let mut rng = Rng::new(config.seed.wrapping_add(0x9E37 * (fold as u64 + 1)));
        let mut parser = Parser::train(
            &rest,
            labels,
            config.parser_epochs,
            1,
            config.explore,
            config.min_updates,
            &mut rng,
        );
        parser.weights = parser.weights.pruned(config.parser_min_weight);
        trees
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == fold)
            .map(|(i, t)| {
                let (heads, labels) = parser.parse(&t.words);
                (i, heads, labels)
            })
            .collect()
    };
    let mut parsed: Vec<(usize, Vec<usize>, Vec<usize>)> =
        (0..folds).into_par_iter().flat_map_iter(parse_fold).collect();
    // They come back fold by fold: put them in sentence order.
    parsed.sort_by_key(|(i, _, _)| *i);
    parsed
        .into_iter()
        .map(|(i, heads, labels)| {
            let tree = &trees[i];
            let n = tree.words.len() as u32;
            TrainingParse {
                words: &tree.words,
                heads,
                labels,
                gold: tree
                    .heads
                    .iter()
                    .map(|&h| if h == n { 0 } else { h as usize + 1 })
                    .collect(),
            }
        })
        .collect()
}

/// First-pass tags of every sentence from taggers trained on the other `folds - 1` folds
/// (gold tags when `folds` is 1).
pub(crate) fn jackknife(
    tagged: &[(Vec<Lexeme>, Vec<u16>)],
    classes: &[(String, String)],
    folds: usize,
    epochs: usize,
    rng: &mut Rng,
) -> Vec<Vec<u16>> {
    let mut predicted: Vec<Vec<u16>> = tagged.iter().map(|(_, g)| g.clone()).collect();
    if folds > 1 {
        for fold in 0..folds {
            let rest: Vec<(Vec<Lexeme>, Vec<u16>)> = tagged
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let tagger = Tagger::train(&rest, classes, epochs, 1, 1, rng);
            for (i, (lex, _)) in tagged.iter().enumerate().filter(|(i, _)| i % folds == fold) {
                predicted[i] = tagger.tag(lex);
            }
        }
    }
    predicted
}

/// Clusters over the treebank's own words plus the raw text.
pub(crate) fn learn_clusters(sentences: &[ParsedSentence], raw: &[Vec<String>]) -> Clusters {
    let mut text: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.form.clone()).collect())
        .collect();
    text.extend_from_slice(raw);
    Clusters::learn(&text)
}

pub(crate) fn lexeme(clusters: &Clusters, form: &str) -> Lexeme {
    let mut lex = Lexeme::new(form);
    clusters.annotate(&mut lex);
    lex
}

/// Each sentence's lexemes and gold tag classes (indices into the sorted `classes`), as the
/// tagger trains on them.
pub(crate) fn tagger_examples(
    sentences: &[ParsedSentence],
    clusters: &Clusters,
    classes: &[(String, String)],
) -> Vec<(Vec<Lexeme>, Vec<u16>)> {
    let class_of =
        |t: &dyad_core::ParsedToken| classes.binary_search(&(t.upos.clone(), t.xpos.clone())).unwrap_or(0) as u16;
    sentences
        .iter()
        .map(|s| {
            (
                s.tokens.iter().map(|t| lexeme(clusters, &t.form)).collect(),
                s.tokens.iter().map(class_of).collect(),
            )
        })
        .collect()
}

/// The parser's view of a tagged word.
pub(crate) fn word(lex: Lexeme, (upos, xpos): &(String, String)) -> Word {
    Word {
        lex,
        xpos: hash_str(xpos),
        upos: upos_hash(upos),
    }
}

/// A UPOS tag as the parser's words hold it (apart from XPOS hashes of the same string).
pub(crate) fn upos_hash(upos: &str) -> u64 {
    hash_str(upos) ^ 0x5555
}
