//! dyad's own part-of-speech tagger, lemmatizer and labelled dependency parser, trained with
//! our own code on UD English EWT.
//!
//! The whole model is word clusters learned from raw text, averaged perceptrons' worth of
//! hashed, quantized weights (two tagger passes and the parser) plus a lemma lexicon,
//! shipped in the repository as `model/en_ewt.dyadparse` and embedded in the binary
//! ([`Model::builtin`]). Tagging is two greedy left-to-right passes, the second reading the
//! first's tags of the words ahead; parsing is greedy
//! arc-hybrid with labelled transitions; both are linear in sentence length and allocate
//! a few vectors per sentence.
//!
//! ```no_run
//! let model = dyad_parse::Model::builtin().unwrap();
//! let tokens = model.parse_words(&["Velayati", "met", "Mikdad", "."]);
//! assert_eq!(tokens[1].deprel, "root");
//! ```

mod clusters;
pub mod conllu;
mod corrector;
mod eval;
mod format;
mod lemma;
mod lexical;
mod parser;
mod perceptron;
mod punct;
mod tagger;
mod train;

pub use clusters::tokenize_raw;
pub use eval::{evaluate, Scores};
pub use format::FORMAT_VERSION;
pub use train::{read_conllu_file, read_raw_text, train, train_on, treebank_file, TrainConfig};

use clusters::Clusters;
use dyad_core::{ParsedSentence, ParsedToken, Sentence, Span};
use format::{Decoder, Encoder};
use lemma::Lemmatizer;
use lexical::Lexeme;
use parser::Parser;
use std::path::PathBuf;
use std::sync::OnceLock;
use tagger::Tagger;

/// Everything that can go wrong reading treebanks and model files. Parsing itself never fails.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("line {line}: {message}")]
    Conllu { line: usize, message: String },
    #[error("treebank: {0}")]
    Treebank(String),
    #[error("not a dyad parser model (bad magic header)")]
    NotAModel,
    #[error("parser model format version {found} is not supported (this build reads version {supported}); retrain it with `dyad train-parser`")]
    Version { found: u32, supported: u32 },
    #[error("corrupt parser model: {0}")]
    Corrupt(String),
}

/// A trained tagger + lemmatizer + parser. Immutable and `Send + Sync`: share one.
pub struct Model {
    clusters: Clusters,
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parser,
}

static BUILTIN_BYTES: &[u8] = include_bytes!("../model/en_ewt.dyadparse");
static BUILTIN: OnceLock<Result<Model, String>> = OnceLock::new();

impl Model {
    /// The model committed with dyad (trained on UD English EWT), loaded on first use.
    pub fn builtin() -> Result<&'static Model, ParseError> {
        match BUILTIN.get_or_init(|| Model::from_bytes(BUILTIN_BYTES).map_err(|e| e.to_string())) {
            Ok(model) => Ok(model),
            Err(message) => Err(ParseError::Corrupt(format!("built-in model: {message}"))),
        }
    }

    /// The built-in model's file bytes, for a copy of it that can be changed
    /// ([`Model::drop_corrector`]).
    pub fn builtin_bytes() -> &'static [u8] {
        BUILTIN_BYTES
    }

    /// Parses without the attachment corrector from now on: for measuring what it adds.
    pub fn drop_corrector(&mut self) {
        self.parser.corrector = None;
    }

    /// Whether the parse gets a second look from an attachment corrector.
    pub fn has_corrector(&self) -> bool {
        self.parser.corrector.is_some()
    }

    /// Reads a model file's bytes; refuses other format versions.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ParseError> {
        let payload = format::open(bytes)?;
        let mut input = Decoder::new(payload);
        let mut sections = [input.section()?, input.section()?, input.section()?, input.section()?];
        input.finish()?;
        let [clusters, tagger, lemmatizer, parser] = &mut sections;
        // The sections are independent: decoding them side by side cuts load time (the
        // lemmatizer's tables and the two weight tables each take about a third).
        let (clusters, tagger, lemmatizer, parser) = std::thread::scope(|scope| {
            let lemmatizer = scope.spawn(|| whole(lemmatizer, Lemmatizer::decode));
            let parser = scope.spawn(|| whole(parser, Parser::decode));
            let clusters = whole(clusters, Clusters::decode);
            let tagger = whole(tagger, Tagger::decode);
            (clusters, tagger, joined(lemmatizer.join()), joined(parser.join()))
        });
        let (clusters, tagger, lemmatizer, parser) = (clusters?, tagger?, lemmatizer?, parser?);
        Ok(Model {
            clusters,
            tagger,
            lemmatizer,
            parser,
        })
    }

    /// The model file's bytes (header, version, payload).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Encoder::default();
        out.section(|out| self.clusters.encode(out));
        out.section(|out| self.tagger.encode(out));
        out.section(|out| self.lemmatizer.encode(out));
        out.section(|out| self.parser.encode(out));
        format::seal(&out.bytes)
    }

    /// Approximate bytes the loaded model holds in memory.
    pub fn memory_bytes(&self) -> usize {
        self.clusters.memory() + self.tagger.memory() + self.lemmatizer.memory() + self.parser.memory()
    }

    /// Tags, lemmatizes and parses one sentence of `text`; token spans are the sentence's.
    pub fn parse(&self, text: &str, sentence: &Sentence, index: usize) -> ParsedSentence {
        let words: Vec<&str> = sentence
            .tokens
            .iter()
            .map(|t| t.span.slice(text).unwrap_or(""))
            .collect();
        let mut tokens = self.parse_words(&words);
        for (token, t) in tokens.iter_mut().zip(&sentence.tokens) {
            token.span = t.span;
        }
        ParsedSentence {
            index,
            span: sentence.span,
            tokens,
        }
    }

    /// The word's (fine, coarse) cluster, `None` for words too rare to have one. Other
    /// models (the entity tagger) use the same clusters as features.
    pub fn word_cluster(&self, word: &str) -> Option<(u16, u16)> {
        self.clusters.get(clusters::cluster_key(&word.to_lowercase()))
    }

    /// Identifies the cluster table (see [`Model::word_cluster`]), so that a model trained
    /// on these clusters can refuse another table. Computed anew on each call.
    pub fn cluster_fingerprint(&self) -> u64 {
        self.clusters.fingerprint()
    }

    fn lexeme(&self, word: &str) -> Lexeme {
        train::lexeme(&self.clusters, word)
    }

    /// Each word's lexeme and tag class (an index into the tagger's classes).
    pub(crate) fn tagged(&self, words: &[&str]) -> (Vec<Lexeme>, Vec<u16>) {
        let lex: Vec<Lexeme> = words.iter().map(|w| self.lexeme(w)).collect();
        let tags = self.tagger.tag(&lex);
        (lex, tags)
    }

    /// The parser's view of tagged words.
    pub(crate) fn parser_words(&self, lex: &[Lexeme], tags: &[u16]) -> Vec<parser::Word> {
        lex.iter()
            .zip(tags)
            .map(|(l, &c)| train::word(*l, &self.tagger.classes[c as usize]))
            .collect()
    }

    /// The (UPOS, XPOS) tag of each word, as [`Model::parse_words`] gives them, without
    /// lemmatizing or parsing: for other models that use tags as features (the entity tagger).
    pub fn tag_words(&self, words: &[&str]) -> Vec<(&str, &str)> {
        let (_, tags) = self.tagged(words);
        tags.into_iter()
            .map(|c| {
                let (upos, xpos) = &self.tagger.classes[c as usize];
                (upos.as_str(), xpos.as_str())
            })
            .collect()
    }

    /// Every sentence's (UPOS, XPOS) tags from a tagger that did not see it: `folds` taggers
    /// (first pass only), each trained with this model's word clusters and tag set on the
    /// other folds. A model trained on these treebank sentences with tags as features (the
    /// entity tagger: Universal NER's English sentences are EWT's) needs them, because this
    /// model's own tags of its training sentences are far better than its tags of new text.
    /// Deterministic for a fixed `seed`; `folds` below 2 gives the gold tags.
    pub fn jackknifed_tags(&self, sentences: &[ParsedSentence], folds: usize, seed: u64) -> Vec<Vec<(String, String)>> {
        let classes = &self.tagger.classes;
        let tagged = train::tagger_examples(sentences, &self.clusters, classes);
        let epochs = TrainConfig::default().tagger_epochs;
        let predicted = train::jackknife(&tagged, classes, folds, epochs, &mut train::Rng::new(seed));
        predicted
            .iter()
            .map(|tags| tags.iter().map(|&c| classes[c as usize].clone()).collect())
            .collect()
    }

    /// Tags, lemmatizes and parses words; spans are synthesized as if the words were joined
    /// by single spaces.
    pub fn parse_words(&self, words: &[&str]) -> Vec<ParsedToken> {
        let (lex, tags) = self.tagged(words);
        let parser_words = self.parser_words(&lex, &tags);
        let (mut heads, mut labels) = self.parser.parse(&parser_words);
        self.parser.correct(&parser_words, &mut heads, &mut labels);
        let punct: Vec<bool> = tags
            .iter()
            .map(|&c| self.tagger.classes[c as usize].0 == "PUNCT")
            .collect();
        punct::attach_punctuation(words, &punct, &mut heads);
        let mut at = 0;
        words
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let (upos, xpos) = &self.tagger.classes[tags[i] as usize];
                let (lemma, feats) = self.lemmatizer.analyse(form, upos, xpos);
                let span = Span::new(at, at + form.len());
                at = span.end + 1;
                ParsedToken {
                    form: form.to_string(),
                    span,
                    lemma,
                    upos: upos.clone(),
                    xpos: xpos.clone(),
                    feats,
                    head: heads[i],
                    deprel: self.parser.labels[labels[i]].clone(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod load_profile {
    /// Where model loading spends its time (`DYAD_MODEL=<absolute path>`); run by hand in
    /// release: `cargo test --release -p dyad-parse --lib load_profile -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn load_profile() {
        let bytes = std::fs::read(std::env::var("DYAD_MODEL").expect("DYAD_MODEL")).expect("model file");
        for _ in 0..3 {
            let t = std::time::Instant::now();
            let payload = crate::format::open(&bytes).expect("header");
            let mut input = crate::format::Decoder::new(payload);
            crate::clusters::Clusters::decode(&mut input.section().unwrap()).expect("clusters");
            crate::tagger::Tagger::decode(&mut input.section().unwrap()).expect("tagger");
            let t1 = t.elapsed();
            crate::lemma::Lemmatizer::decode(&mut input.section().unwrap()).expect("lemmatizer");
            let t2 = t.elapsed();
            crate::parser::Parser::decode(&mut input.section().unwrap()).expect("parser");
            let t3 = t.elapsed();
            let t = std::time::Instant::now();
            crate::Model::from_bytes(&bytes).expect("model");
            eprintln!(
                "payload {} B: tagger {t1:?} lemmatizer {:?} parser {:?}; all in parallel {:?}",
                payload.len(),
                t2 - t1,
                t3 - t2,
                t.elapsed()
            );
        }
    }
}

#[cfg(test)]
mod speed_profile {
    /// Where parsing time goes, stage by stage, on EWT dev with the built-in model; run by
    /// hand in release: `cargo test --release -p dyad-parse --lib speed_profile -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed_profile() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-english-ewt");
        let dev = crate::read_conllu_file(&crate::treebank_file(&shared, "dev").unwrap()).unwrap();
        let model = crate::Model::builtin().unwrap();
        let words: Vec<Vec<&str>> = dev
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect())
            .collect();
        let n: usize = words.iter().map(Vec::len).sum();
        eprintln!(
            "memory MB: clusters {:.1} tagger {:.1} lemmatizer {:.1} parser {:.1}",
            model.clusters.memory() as f64 / 1e6,
            model.tagger.memory() as f64 / 1e6,
            model.lemmatizer.memory() as f64 / 1e6,
            model.parser.memory() as f64 / 1e6
        );
        for _ in 0..3 {
            let (mut lex_t, mut tag_t, mut lem_t, mut parse_t) = (0f64, 0f64, 0f64, 0f64);
            for w in &words {
                let t = std::time::Instant::now();
                let lex: Vec<crate::Lexeme> = w.iter().map(|w| model.lexeme(w)).collect();
                let t1 = t.elapsed().as_secs_f64();
                let tags = model.tagger.tag(&lex);
                let t2 = t.elapsed().as_secs_f64();
                for (i, form) in w.iter().enumerate() {
                    let (upos, xpos) = &model.tagger.classes[tags[i] as usize];
                    std::hint::black_box(model.lemmatizer.analyse(form, upos, xpos));
                }
                let t3 = t.elapsed().as_secs_f64();
                let pw: Vec<crate::parser::Word> = lex
                    .iter()
                    .zip(&tags)
                    .map(|(l, &c)| crate::train::word(*l, &model.tagger.classes[c as usize]))
                    .collect();
                std::hint::black_box(model.parser.parse(&pw));
                let t4 = t.elapsed().as_secs_f64();
                lex_t += t1;
                tag_t += t2 - t1;
                lem_t += t3 - t2;
                parse_t += t4 - t3;
            }
            let k = |s: f64| n as f64 / s / 1000.0;
            eprintln!(
                "k tokens/s: lexemes {:.0} tagger {:.0} lemmas {:.0} parser {:.0}",
                k(lex_t),
                k(tag_t),
                k(lem_t),
                k(parse_t)
            );
        }
    }
}

#[cfg(test)]
mod prune_dev {
    /// Dev scores after dropping small weights from a model file (`DYAD_MODEL`, thresholds
    /// `DYAD_PRUNE_TAGGER`, `DYAD_PRUNE_PARSER`); a tuning aid run by hand in release.
    #[test]
    #[ignore]
    fn prune_dev() {
        let bytes = std::fs::read(std::env::var("DYAD_MODEL").expect("DYAD_MODEL")).expect("model file");
        let mut model = crate::Model::from_bytes(&bytes).unwrap();
        let t: i16 = std::env::var("DYAD_PRUNE_TAGGER")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let p: i16 = std::env::var("DYAD_PRUNE_PARSER")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        eprintln!(
            "before: tagger {:?} parser {:?}",
            model.tagger.weights.counts(),
            model.parser.weights.counts()
        );
        model.tagger.prune(t);
        model.parser.weights = model.parser.weights.pruned(p);
        eprintln!(
            "after: tagger {:?} parser {:?}",
            model.tagger.weights.counts(),
            model.parser.weights.counts()
        );
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-english-ewt");
        let dev = crate::read_conllu_file(&crate::treebank_file(&shared, "dev").unwrap()).unwrap();
        let s = crate::evaluate(&model, &dev);
        eprintln!(
            "prune {t}/{p}: UPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2}; {:.1} MB",
            s.upos,
            s.lemma,
            s.uas,
            s.las,
            model.to_bytes().len() as f64 / 1e6
        );
        let started = std::time::Instant::now();
        let n: usize = dev
            .iter()
            .map(|s| {
                let w: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
                model.parse_words(&w).len()
            })
            .sum();
        eprintln!("{:.0} tokens/s", n as f64 / started.elapsed().as_secs_f64());
        if let Ok(out) = std::env::var("DYAD_OUT") {
            std::fs::write(out, model.to_bytes()).unwrap();
        }
    }
}

/// A scoped thread's result; its panic, if any, goes on in this thread.
fn joined<T>(result: std::thread::Result<T>) -> T {
    result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Decodes one whole section: `decode` must read all of it.
fn whole<'a, T>(
    input: &mut Decoder<'a>,
    decode: impl FnOnce(&mut Decoder<'a>) -> Result<T, ParseError>,
) -> Result<T, ParseError> {
    let value = decode(input)?;
    input.finish()?;
    Ok(value)
}

impl From<dyad_perceptron::ModelError> for ParseError {
    fn from(e: dyad_perceptron::ModelError) -> Self {
        match e {
            dyad_perceptron::ModelError::NotAModel => ParseError::NotAModel,
            dyad_perceptron::ModelError::Version { found, supported } => ParseError::Version { found, supported },
            dyad_perceptron::ModelError::Corrupt(message) => ParseError::Corrupt(message),
        }
    }
}
