//! dyad's named-entity tagger: finds person, organisation and location names in a
//! tokenized sentence.
//!
//! An averaged structured perceptron over hashed word, shape, affix, context and gazetteer
//! features, decoded exactly (first-order Viterbi over BILOU tags, so that every name
//! opens with `B-X` and closes with `L-X`, or is one `U-X`). Trained with our own code on Universal NER's English EWT labels and shipped
//! as `model/en_ewt.dyadner`, embedded in the binary ([`Ner::builtin`]). [`Ner::tag_document`]
//! then gives each name the kind the document gives it most often, and to the document's
//! other mentions of it (one sense per discourse: see `document::propagate`). Tagging is linear
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
mod casing;
mod document;
mod eval;
mod features;
mod format;
mod gazetteer;
mod iob2;
mod perceptron;
mod train;

pub use casing::CaseStats;
pub use eval::{evaluate, tag_gold, tag_gold_with_others, Counts, NerScores};
pub use format::FORMAT_VERSION;
pub use gazetteer::{Gazetteer, GazetteerKind};
pub use iob2::{documents, read_conll_iob1, read_iob2, read_iob2_file, Iob2File, Iob2Sentence};
pub use train::{iob2_file, train_on, train_tagged, TrainConfig};

use bio::{PAIR_CLASSES, TAGS};
use features::{ClusterTable, DocumentView, Lexicons};
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
    #[error("entity-tagger model and word clusters do not match: {0}")]
    Clusters(String),
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

/// One pass's weights, with the transition table read from them once at load.
pub(crate) struct Stage {
    /// Tag weights of word features, and the transition weights.
    weights: Weights,
    /// Weights of pair-feature bases over [`PAIR_CLASSES`]: one lookup per base scores it
    /// with every previous tag at once.
    pairs: Weights,
    /// `transitions[prev][tag]`.
    transitions: [[i32; TAGS]; TAGS + 1],
}

impl Stage {
    pub(crate) fn new(weights: Weights, pairs: Weights) -> Stage {
        let mut transitions = [[0i32; TAGS]; TAGS + 1];
        for (prev, row) in transitions.iter_mut().enumerate() {
            weights.score(&[features::transition(prev)], row);
        }
        Stage {
            weights,
            pairs,
            transitions,
        }
    }

    /// One BILOU tag per word, with the document's views when this is the document pass.
    pub(crate) fn tag(&self, sentence: &Analysed, views: Option<&[DocumentView]>) -> Vec<u8> {
        let (emissions, pairs) = scores(
            sentence,
            views,
            |feats, scores| self.weights.score(feats, scores),
            |bases, scores| self.pairs.score(bases, scores),
        );
        bio::viterbi(&emissions, &self.transitions, &pairs)
    }

    fn encode(&self, out: &mut Encoder) {
        self.weights.encode(out);
        self.pairs.encode(out);
    }

    /// Reads what [`Stage::encode`] wrote; refuses tables with other class counts.
    fn decode(input: &mut Decoder) -> Result<Stage, NerError> {
        let weights = Weights::decode(input)?;
        let pairs = Weights::decode(input)?;
        for (table, what, expected) in [(&weights, "tag", TAGS), (&pairs, "tag-pair", PAIR_CLASSES)] {
            if table.classes() != expected {
                return Err(NerError::Corrupt(format!(
                    "{} {what} classes, expected {expected}",
                    table.classes()
                )));
            }
        }
        Ok(Stage::new(weights, pairs))
    }

    fn memory(&self) -> usize {
        self.weights.memory() + self.pairs.memory()
    }
}

/// A sentence's words as the features see them, and how the sentence uses case.
pub(crate) struct Analysed {
    words: Vec<features::Word>,
    case: u64,
}

/// The document pass of a model: its weights and whether a sentence's own first-pass tags
/// count in its [`DocumentView`]s.
struct DocumentPass {
    stage: Stage,
    include_own: bool,
}

/// A trained entity tagger. Immutable and `Send + Sync`: share one.
pub struct Ner {
    /// Tags each sentence on its own.
    first: Stage,
    /// Tags again knowing what the first pass found elsewhere in the document.
    document: Option<DocumentPass>,
    gazetteer: Gazetteer,
    /// Words seen in lower case in the training text often enough (see `features`).
    common_lower_words: Vec<String>,
    common_lower: HashedSet,
    /// How raw text capitalises words (empty: no such features).
    casing: CaseStats,
    /// The parser model whose word clusters the features use, when they do.
    clusters: Option<&'static ClusterTable>,
    /// The parser model whose part-of-speech tags the features use, when they do.
    tagger: Option<&'static dyad_parse::Model>,
    /// Whether names found in one sentence are given to their other mentions in the
    /// document (see [`Ner::set_propagation`]).
    propagate_names: bool,
}

static BUILTIN_BYTES: &[u8] = include_bytes!("../model/en_ewt.dyadner");
static BUILTIN: OnceLock<Result<Ner, String>> = OnceLock::new();

impl Ner {
    /// A copy of the built-in model of its own (for changing its settings).
    pub fn builtin_copy() -> Result<Ner, NerError> {
        Ner::from_bytes(BUILTIN_BYTES)
    }

    /// The model committed with dyad (trained on Universal NER English EWT), loaded on first use.
    pub fn builtin() -> Result<&'static Ner, NerError> {
        match BUILTIN.get_or_init(|| Ner::from_bytes(BUILTIN_BYTES).map_err(|e| e.to_string())) {
            Ok(ner) => Ok(ner),
            Err(message) => Err(NerError::Corrupt(format!("built-in model: {message}"))),
        }
    }

    fn assemble(
        first: Stage,
        document: Option<(Stage, bool)>,
        gazetteer: Gazetteer,
        common_lower_words: Vec<String>,
        casing: CaseStats,
        clusters: Option<&'static ClusterTable>,
        tagger: Option<&'static dyad_parse::Model>,
    ) -> Ner {
        let common_lower = common_lower_words.iter().map(|w| features::hash_str(w)).collect();
        Ner {
            first,
            document: document.map(|(stage, include_own)| DocumentPass { stage, include_own }),
            gazetteer,
            common_lower_words,
            common_lower,
            casing,
            clusters,
            tagger,
            propagate_names: true,
        }
    }

    /// Reads a model file's bytes; refuses other format versions, and a model trained on
    /// other word clusters than the built-in parser model's.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner, NerError> {
        let payload = format::open(bytes)?;
        let mut input = Decoder::new(payload);
        let gazetteer = Gazetteer::decode(&mut input)?;
        let common = input.strs()?;
        let casing = CaseStats::decode(&mut input)?;
        let clusters = match input.uint()? {
            0 => None,
            _ => Some(builtin_clusters(input.u64_le()?)?),
        };
        let tagger = match input.uint()? {
            0 => None,
            _ => Some(builtin_tagger()?),
        };
        let first = Stage::decode(&mut input)?;
        let document = match input.uint()? {
            0 => None,
            own => Some((Stage::decode(&mut input)?, own == 2)),
        };
        input.finish()?;
        Ok(Ner::assemble(
            first, document, gazetteer, common, casing, clusters, tagger,
        ))
    }

    /// The model file's bytes (header, version, payload).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Encoder::default();
        self.gazetteer.encode(&mut out);
        out.strs(&self.common_lower_words);
        self.casing.encode(&mut out);
        match self.clusters {
            None => out.uint(0),
            Some(table) => {
                out.uint(1);
                out.bytes.extend_from_slice(&table.cluster_fingerprint().to_le_bytes());
            }
        }
        out.uint(u64::from(self.tagger.is_some()));
        self.first.encode(&mut out);
        match &self.document {
            None => out.uint(0),
            Some(d) => {
                out.uint(if d.include_own { 2 } else { 1 });
                d.stage.encode(&mut out);
            }
        }
        format::seal(&out.bytes)
    }

    /// Approximate bytes the loaded model holds in memory (the parser model's clusters
    /// not included).
    pub fn memory_bytes(&self) -> usize {
        self.first.memory()
            + self.document.as_ref().map_or(0, |d| d.stage.memory())
            + self.gazetteer.memory()
            + self.common_lower_words.len() * 40
            + self.casing.memory()
    }

    /// How many gazetteer names the model consults.
    pub fn gazetteer_len(&self) -> usize {
        self.gazetteer.len()
    }

    /// The person, organisation and location names among `words`, in order, not overlapping.
    /// The sentence is tagged as a document of its own; prefer [`Ner::tag_document`] when
    /// the sentences around it are at hand.
    pub fn tag(&self, words: &[&str]) -> Vec<EntitySpan> {
        bio::spans(&self.tag_bio(words))
    }

    /// The names in each sentence of one document (as [`Ner::tag`]), tagged knowing how the
    /// same words were tagged in the document's other sentences when the model has a
    /// document pass.
    pub fn tag_document<S: AsRef<[W]>, W: AsRef<str>>(&self, sentences: &[S]) -> Vec<Vec<EntitySpan>> {
        self.tag_document_bio(sentences).iter().map(|t| bio::spans(t)).collect()
    }

    /// Whether the model's features include part-of-speech tags (then tagging also runs
    /// the built-in parser model's tagger).
    pub fn uses_tags(&self) -> bool {
        self.tagger.is_some()
    }

    /// One BILOU tag per word of each sentence of a document.
    fn tag_document_bio<S: AsRef<[W]>, W: AsRef<str>>(&self, sentences: &[S]) -> Vec<Vec<u8>> {
        let forms: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.as_ref().iter().map(AsRef::as_ref).collect())
            .collect();
        let analysed: Vec<Analysed> = forms.iter().map(|f| self.analyse(f)).collect();
        let words: Vec<&[features::Word]> = analysed.iter().map(|a| a.words.as_slice()).collect();
        let mut tags = self.tag_passes(&analysed, &words);
        if self.propagate_names && analysed.len() > 1 {
            let forms: Vec<&[&str]> = forms.iter().map(Vec::as_slice).collect();
            document::propagate(&forms, &words, &mut tags);
        }
        tags
    }

    /// The tags of the model's passes (the first, then the document pass if any).
    fn tag_passes(&self, analysed: &[Analysed], words: &[&[features::Word]]) -> Vec<Vec<u8>> {
        let Some(pass) = &self.document else {
            return analysed.iter().map(|a| self.first.tag(a, None)).collect();
        };
        if analysed.len() == 1 && !pass.include_own {
            // Nothing else in the document to look at: the first pass would change nothing.
            let empty = vec![DocumentView::default(); analysed[0].words.len()];
            return vec![pass.stage.tag(&analysed[0], Some(&empty))];
        }
        let first: Vec<Vec<u8>> = analysed.iter().map(|a| self.first.tag(a, None)).collect();
        let views = document::views(words, &first, pass.include_own);
        analysed
            .iter()
            .zip(&views)
            .map(|(a, v)| pass.stage.tag(a, Some(v)))
            .collect()
    }

    /// Whether [`Ner::tag_document`] gives a name found in one sentence to the document's
    /// other mentions of it (on by default; see `document::propagate`). Off, each name is
    /// as its sentence's tagging found it: for measuring what propagation adds.
    pub fn set_propagation(&mut self, on: bool) {
        self.propagate_names = on;
    }

    /// One BILOU tag per word.
    fn tag_bio(&self, words: &[&str]) -> Vec<u8> {
        self.tag_document_bio(&[words]).pop().unwrap_or_default()
    }

    /// A sentence's [`Analysed`] words, part-of-speech tagged when the model uses tags.
    fn analyse(&self, forms: &[&str]) -> Analysed {
        let tags: Option<Vec<&str>> = self.tagger.map(|model| xpos_tags(model, forms));
        let lexicons = Lexicons {
            gazetteer: &self.gazetteer,
            common_lower: &self.common_lower,
            clusters: self.clusters,
            casing: &self.casing,
        };
        Analysed::new(forms, tags.as_deref(), &lexicons)
    }

    /// The IOB2 label of each word (`O`, `B-PER`, `I-PER`, …): for display and CoNLL output.
    pub fn tag_labels(&self, words: &[&str]) -> Vec<String> {
        bio::iob2_labels(words.len(), &self.tag(words))
    }
}

/// The built-in parser model as a cluster table, if its clusters are the ones a model was
/// trained with (`fingerprint`).
fn builtin_clusters(fingerprint: u64) -> Result<&'static ClusterTable, NerError> {
    let table = dyad_parse::Model::builtin().map_err(|e| NerError::Clusters(e.to_string()))?;
    let found = table.cluster_fingerprint();
    if found != fingerprint {
        return Err(NerError::Clusters(format!(
            "the model was trained with word clusters {fingerprint:016x}, the built-in parser model has {found:016x}; retrain it with `dyad train-ner`"
        )));
    }
    Ok(table)
}

/// The built-in parser model, for a model whose features include its part-of-speech tags.
pub(crate) fn builtin_tagger() -> Result<&'static dyad_parse::Model, NerError> {
    dyad_parse::Model::builtin().map_err(|e| {
        NerError::Corrupt(format!(
            "the model uses the built-in part-of-speech tagger, which does not load: {e}"
        ))
    })
}

impl Analysed {
    /// A sentence's words as the features see them.
    pub(crate) fn new(forms: &[&str], tags: Option<&[&str]>, lexicons: &Lexicons) -> Analysed {
        Analysed {
            words: features::words(forms, tags, lexicons),
            case: features::case_style(forms),
        }
    }
}

/// The XPOS tag of each word, from the parser model's tagger.
pub(crate) fn xpos_tags<'m>(tagger: &'m dyad_parse::Model, forms: &[&str]) -> Vec<&'m str> {
    tagger.tag_words(forms).into_iter().map(|(_, xpos)| xpos).collect()
}

/// All features of word `i` (its document features last, when there is a view).
pub(crate) fn word_features(sentence: &Analysed, views: Option<&[DocumentView]>, i: usize, out: &mut Vec<u64>) {
    features::extract(&sentence.words, sentence.case, i, out);
    if let Some(views) = views {
        features::extract_document(&sentence.words, &views[i], i, out);
    }
}

/// Per-word tag scores from `score(features, scores)` and per-word pair scores (given the
/// previous tag) from `score_pairs(bases, scores)` over [`PAIR_CLASSES`].
fn scores(
    sentence: &Analysed,
    views: Option<&[DocumentView]>,
    score: impl Fn(&[u64], &mut [i32]),
    score_pairs: impl Fn(&[u64], &mut [i32]),
) -> (Vec<[i32; TAGS]>, Vec<bio::PairScores>) {
    let n = sentence.words.len();
    let mut feats = Vec::with_capacity(64);
    let mut emissions = vec![[0i32; TAGS]; n];
    for (i, scores) in emissions.iter_mut().enumerate() {
        word_features(sentence, views, i, &mut feats);
        score(&feats, scores);
    }
    let mut pairs = vec![[[0i32; TAGS]; TAGS + 1]; n];
    for (i, table) in pairs.iter_mut().enumerate() {
        features::extract_pairs(&sentence.words, i, &mut feats);
        // Rows Viterbi never reads (`START` after the first word, others before it) are
        // scored too: one lookup per base is cheaper than skipping them.
        score_pairs(&feats, table.as_flattened_mut());
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
