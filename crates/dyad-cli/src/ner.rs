//! `dyad train-ner` and `dyad eval ner`: the named-entity tagger's commands, and the
//! gazetteer it takes from the actor knowledge base.
//!
//! The gazetteer is built here rather than in dyad-ner so that dyad-ner does not depend on
//! dyad-actors (the actor resolver is the tagger's user, so the dependency points the other
//! way); the names end up inside the model file.

use anyhow::Context;
use clap::Args;
use dyad_actors::KnowledgeBase;
use dyad_ner::{Gazetteer, GazetteerKind, Ner, NerScores, TrainConfig};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct TrainNerArgs {
    /// A Universal NER folder holding `*-train.iob2` (and `*-dev.iob2` for the report).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub output: PathBuf,
    /// Passes over the training data.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Seed for the sentence order: same seed, same model.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Drop features updated fewer times than this during training.
    #[arg(long)]
    pub min_updates: Option<u32>,
    /// Also learn every N-th training sentence with a name in lower case (0: none).
    #[arg(long)]
    pub lowercase_every: Option<usize>,
    /// Independent training runs whose weights are averaged.
    #[arg(long)]
    pub runs: Option<usize>,
    /// Probability of hiding a word's identity features at a training occurrence.
    #[arg(long)]
    pub word_dropout: Option<f64>,
    /// Train without the knowledge-base gazetteer (to measure what it adds).
    #[arg(long)]
    pub no_gazetteer: bool,
    /// Train without the parser model's word clusters as features.
    #[arg(long)]
    pub no_clusters: bool,
    /// Folds for the document pass's first-pass tags of the training text (0: no document pass).
    #[arg(long)]
    pub document_folds: Option<usize>,
    /// Let a sentence's own first-pass tags count in its document features.
    #[arg(long)]
    pub document_include_own: bool,
    /// Extra training text in CoNLL-2003 format with IOB1 tags (MISC read as OTH), e.g.
    /// wikigold; may be repeated.
    #[arg(long)]
    pub extra: Vec<PathBuf>,
}

#[derive(Args)]
pub struct EvalNerArgs {
    /// Gold IOB2 file (default: the Universal NER English EWT dev file under ../shared).
    pub file: Option<PathBuf>,
    /// A model file from `dyad train-ner` instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Also print every missed and spurious entity with its sentence.
    #[arg(long)]
    pub errors: bool,
}

/// dyad's own name lists as gazetteer entries: the knowledge base's people (and the
/// capitalised words of their names), organisations, countries with their capitals, and
/// demonyms, plus the event coder's place gazetteer (news cities and regions).
pub(crate) fn kb_gazetteer(kb: &KnowledgeBase) -> Gazetteer {
    let mut names: Vec<(String, GazetteerKind)> = Vec::new();
    for p in &kb.people {
        for name in std::iter::once(&p.name).chain(&p.aliases) {
            names.push((name.clone(), GazetteerKind::Person));
            for part in name.split_whitespace() {
                if part.chars().count() > 2 && part.chars().next().is_some_and(char::is_uppercase) {
                    names.push((part.to_string(), GazetteerKind::PersonPart));
                }
            }
        }
    }
    for o in &kb.orgs {
        names.extend(
            std::iter::once(&o.name)
                .chain(&o.aliases)
                .map(|n| (n.clone(), GazetteerKind::Organisation)),
        );
    }
    if let Ok(places) = dyad_events::Gazetteer::builtin() {
        names.extend(
            places
                .places()
                .iter()
                .map(|p| (p.name.clone(), GazetteerKind::Location)),
        );
    }
    for c in &kb.countries {
        let places = std::iter::once(&c.name).chain(&c.aliases).chain(&c.capitals);
        names.extend(places.map(|n| (n.clone(), GazetteerKind::Location)));
        names.extend(
            c.adjectives
                .iter()
                .chain(&c.people)
                .map(|n| (n.clone(), GazetteerKind::Demonym)),
        );
    }
    Gazetteer::new(names)
}

fn default_dir() -> PathBuf {
    crate::parse::shared_dir().join("data/dev/uner-ewt")
}

fn read(path: &Path) -> anyhow::Result<dyad_ner::Iob2File> {
    let file = dyad_ner::read_iob2_file(path)?;
    if file.sentences.is_empty() {
        anyhow::bail!("{}: no sentences", path.display());
    }
    Ok(file)
}

pub fn run_train(args: &TrainNerArgs) -> anyhow::Result<ExitCode> {
    let dir = args.data.clone().unwrap_or_else(default_dir);
    let defaults = TrainConfig::default();
    let config = TrainConfig {
        epochs: args.epochs.unwrap_or(defaults.epochs),
        seed: args.seed.unwrap_or(defaults.seed),
        min_updates: args.min_updates.unwrap_or(defaults.min_updates),
        word_dropout: args.word_dropout.unwrap_or(defaults.word_dropout),
        runs: args.runs.unwrap_or(defaults.runs),
        lowercase_every: args.lowercase_every.unwrap_or(defaults.lowercase_every),
        clusters: !args.no_clusters,
        document_folds: args.document_folds.unwrap_or(defaults.document_folds),
        document_include_own: args.document_include_own || defaults.document_include_own,
        ..defaults
    };
    let train_path = dyad_ner::iob2_file(&dir, "train")?;
    let mut train = read(&train_path)?;
    for path in &args.extra {
        let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
        let extra = dyad_ner::read_conll_iob1(std::io::BufReader::new(file))
            .with_context(|| format!("reading {}", path.display()))?;
        eprintln!("adding {} sentences from {}", extra.sentences.len(), path.display());
        train.sentences.extend(extra.sentences);
    }
    let words: usize = train.sentences.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training on {} ({} sentences, {words} words) with {config:?}",
        train_path.display(),
        train.sentences.len()
    );
    for (label, n) in &train.relabelled {
        eprintln!("  read {n} {label} tags as O (not PER/ORG/LOC)");
    }
    let gazetteer = if args.no_gazetteer {
        Gazetteer::default()
    } else {
        kb_gazetteer(KnowledgeBase::builtin())
    };
    eprintln!(
        "gazetteer: {} names from the knowledge base and the place gazetteer",
        gazetteer.len()
    );
    let started = Instant::now();
    let ner = dyad_ner::train_on(&train.sentences, gazetteer, &config)?;
    let bytes = ner.to_bytes();
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.output, &bytes).with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "trained in {:.1} s; wrote {} ({:.2} MB)",
        started.elapsed().as_secs_f64(),
        args.output.display(),
        bytes.len() as f64 / 1e6
    );
    if let Ok(dev) = dyad_ner::iob2_file(&dir, "dev") {
        let gold = read(&dev)?;
        print_scores(&dev, &dyad_ner::evaluate(&ner, &gold.sentences));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_scores(path: &Path, s: &NerScores) {
    println!(
        "{}: {} sentences, {} words; entity-level (exact span and type)",
        path.display(),
        s.sentences,
        s.words
    );
    println!(
        "{:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "type", "gold", "found", "right", "P", "R", "F1"
    );
    let kinds = dyad_ner::EntityKind::ALL
        .iter()
        .map(|k| k.label())
        .zip(s.by_kind.iter());
    for (label, c) in kinds.chain(std::iter::once(("overall", &s.overall))) {
        println!(
            "{label:<8} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
            c.gold,
            c.predicted,
            c.correct,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
}

pub fn run_eval(args: &EvalNerArgs) -> anyhow::Result<ExitCode> {
    let ner: &Ner = match &args.model {
        None => Ner::builtin()?,
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let ner = Ner::from_bytes(&bytes).with_context(|| format!("loading {}", path.display()))?;
            Box::leak(Box::new(ner))
        }
    };
    let path = match &args.file {
        Some(p) => p.clone(),
        None => dyad_ner::iob2_file(&default_dir(), "dev")?,
    };
    let gold = read(&path)?;
    if args.errors {
        print_errors(ner, &gold.sentences);
    }
    let started = Instant::now();
    let scores = dyad_ner::evaluate(ner, &gold.sentences);
    let seconds = started.elapsed().as_secs_f64();
    print_scores(&path, &scores);
    println!(
        "tagged {} documents in {seconds:.2} s ({:.0} words/s, one core)",
        dyad_ner::documents(&gold.sentences).len(),
        scores.words as f64 / seconds.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}

/// Missed (`-`) and spurious (`+`) entities, one sentence at a time.
fn print_errors(ner: &Ner, gold: &[dyad_ner::Iob2Sentence]) {
    for (s, found) in gold.iter().zip(dyad_ner::tag_gold(ner, gold)) {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let missed: Vec<_> = s.entities.iter().filter(|e| !found.contains(e)).collect();
        let spurious: Vec<_> = found.iter().filter(|e| !s.entities.contains(e)).collect();
        if missed.is_empty() && spurious.is_empty() {
            continue;
        }
        println!("# {}: {}", s.id, words.join(" "));
        for (sign, list) in [("-", missed), ("+", spurious)] {
            for e in list {
                println!("{sign} {} {}", e.kind.label(), words[e.start..e.end].join(" "));
            }
        }
    }
}
