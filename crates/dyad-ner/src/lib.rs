//! dyad's named-entity tagger: finds person, organisation and location names in a
//! tokenized sentence.
//!
//! An averaged structured perceptron over hashed word, shape, affix, context and gazetteer
//! features, decoded exactly (first-order Viterbi over BIO tags, with `I-X` allowed only
//! after `X`). Trained with our own code on Universal NER's English EWT labels and shipped
//! as `model/en_ewt.dyadner`, embedded in the binary ([`Ner::builtin`]). Tagging is linear
//! in sentence length and never fails: any list of words, including none, gets an answer.
//!
//! ```no_run
//! let ner = dyad_ner::Ner::builtin().unwrap();
//! let found = ner.tag(&["Velayati", "met", "Mikdad", "in", "Damascus", "."]);
//! for e in &found {
//!     println!("{}..{} {}", e.start, e.end, e.kind.label());
//! }
//! ```

mod bio;
mod eval;
mod features;
mod format;
mod gazetteer;
mod iob2;
mod perceptron;
mod train;

pub use eval::{evaluate, Counts, NerScores};
pub use format::FORMAT_VERSION;
pub use gazetteer::{Gazetteer, GazetteerKind};
pub use iob2::{read_iob2, read_iob2_file, Iob2File, Iob2Sentence};
pub use train::{iob2_file, train_on, TrainConfig};

use bio::TAGS;
use format::{Decoder, Encoder};
use perceptron::{HashedSet, Weights};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Everything that can go wrong reading data and model files. Tagging itself never fails.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {message}")]
    Iob2 { file: String, line: usize, message: String },
    #[error("{0}")]
    Data(String),
    #[error("not a dyad entity-tagger model (bad magic header)")]
    NotAModel,
    #[error("entity-tagger model format version {found} is not supported (this build reads version {supported}); retrain it with `dyad train-ner`")]
    Version { found: u32, supported: u32 },
    #[error("corrupt entity-tagger model: {0}")]
    Corrupt(String),
}

/// The entity types Universal NER annotates, less its OTH type (learned, never reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person = 0,
    Organisation = 1,
    Location = 2,
}

impl EntityKind {
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Organisation, EntityKind::Location];

    /// The IOB2 label: `PER`, `ORG`, `LOC`.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Location => "LOC",
        }
    }

    pub fn from_label(label: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.label() == label)
    }
}

/// A name found in a sentence: words `start..end` (indices into the words given, end
/// exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// A trained entity tagger. Immutable and `Send + Sync`: share one.
pub struct Ner {
    weights: Weights,
    /// `transitions[prev][tag]`, read from the weights once at load.
    transitions: [[i32; TAGS]; TAGS + 1],
    gazetteer: Gazetteer,
    /// Words seen in lower case in the training text often enough (see `features`).
    common_lower_words: Vec<String>,
    common_lower: HashedSet,
}

static BUILTIN_BYTES: &[u8] = include_bytes!("../model/en_ewt.dyadner");
static BUILTIN: OnceLock<Result<Ner, String>> = OnceLock::new();

impl Ner {
    /// The model committed with dyad (trained on Universal NER English EWT), loaded on first use.
    pub fn builtin() -> Result<&'static Ner, NerError> {
        match BUILTIN.get_or_init(|| Ner::from_bytes(BUILTIN_BYTES).map_err(|e| e.to_string())) {
            Ok(ner) => Ok(ner),
            Err(message) => Err(NerError::Corrupt(format!("built-in model: {message}"))),
        }
    }

    fn assemble(weights: Weights, gazetteer: Gazetteer, common_lower_words: Vec<String>) -> Ner {
        let mut transitions = [[0i32; TAGS]; TAGS + 1];
        for (prev, row) in transitions.iter_mut().enumerate() {
            weights.score(&[features::transition(prev)], row);
        }
        let common_lower = common_lower_words.iter().map(|w| features::hash_str(w)).collect();
        Ner {
            weights,
            transitions,
            gazetteer,
            common_lower_words,
            common_lower,
        }
    }

    /// Reads a model file's bytes; refuses other format versions.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner, NerError> {
        let payload = format::open(bytes)?;
        let mut input = Decoder::new(payload);
        let gazetteer = Gazetteer::decode(&mut input)?;
        let common = input.strs()?;
        let weights = Weights::decode(&mut input)?;
        input.finish()?;
        if weights.classes() != TAGS {
            return Err(NerError::Corrupt(format!(
                "{} tag classes, expected {TAGS}",
                weights.classes()
            )));
        }
        Ok(Ner::assemble(weights, gazetteer, common))
    }

    /// The model file's bytes (header, version, payload).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Encoder::default();
        self.gazetteer.encode(&mut out);
        out.strs(&self.common_lower_words);
        self.weights.encode(&mut out);
        format::seal(&out.bytes)
    }

    /// Approximate bytes the loaded model holds in memory.
    pub fn memory_bytes(&self) -> usize {
        self.weights.memory() + self.gazetteer.memory() + self.common_lower_words.len() * 40
    }

    /// How many gazetteer names the model consults.
    pub fn gazetteer_len(&self) -> usize {
        self.gazetteer.len()
    }

    /// The person, organisation and location names among `words`, in order, not overlapping.
    pub fn tag(&self, words: &[&str]) -> Vec<EntitySpan> {
        bio::spans(&self.tag_bio(words))
    }

    /// One BIO tag per word.
    fn tag_bio(&self, words: &[&str]) -> Vec<u8> {
        let (emissions, pairs) = scores(words, &self.gazetteer, &self.common_lower, |feats, scores| {
            self.weights.score(feats, scores)
        });
        bio::viterbi(&emissions, &self.transitions, &pairs)
    }

    /// The IOB2 label of each word (`O`, `B-PER`, `I-PER`, …): for display and CoNLL output.
    pub fn tag_labels(&self, words: &[&str]) -> Vec<String> {
        self.tag_bio(words)
            .into_iter()
            .map(
                |t| match bio::parts(t).and_then(|(k, inside)| Some((bio::entity_kind(k)?, inside))) {
                    None => "O".to_string(),
                    Some((kind, inside)) => format!("{}-{}", if inside { "I" } else { "B" }, kind.label()),
                },
            )
            .collect()
    }
}

/// Per-word tag scores and per-word pair scores (given the previous tag) from
/// `score(features, scores)`.
fn scores(
    words: &[&str],
    gazetteer: &Gazetteer,
    common_lower: &HashedSet,
    score: impl Fn(&[u64], &mut [i32]),
) -> (Vec<[i32; TAGS]>, Vec<bio::PairScores>) {
    let analysed = features::words(words, gazetteer, common_lower);
    let case = features::case_style(words);
    let mut feats = Vec::with_capacity(64);
    let mut emissions = vec![[0i32; TAGS]; words.len()];
    for (i, scores) in emissions.iter_mut().enumerate() {
        features::extract(&analysed, case, i, &mut feats);
        score(&feats, scores);
    }
    let mut pairs = vec![[[0i32; TAGS]; TAGS + 1]; words.len()];
    let mut keys = Vec::with_capacity(8);
    for (i, table) in pairs.iter_mut().enumerate() {
        features::extract_pairs(&analysed, i, &mut feats);
        for (prev, row) in table.iter_mut().enumerate() {
            if i == 0 && prev != bio::START || i > 0 && prev == bio::START {
                continue;
            }
            keys.clear();
            keys.extend(feats.iter().map(|&b| features::pair(b, prev)));
            score(&keys, row);
        }
    }
    (emissions, pairs)
}

impl From<dyad_perceptron::ModelError> for NerError {
    fn from(e: dyad_perceptron::ModelError) -> Self {
        match e {
            dyad_perceptron::ModelError::NotAModel => NerError::NotAModel,
            dyad_perceptron::ModelError::Version { found, supported } => NerError::Version { found, supported },
            dyad_perceptron::ModelError::Corrupt(message) => NerError::Corrupt(message),
        }
    }
}
