//! `dyad parse`, `dyad train-parser` and `dyad eval parse`: the tagger/parser's commands.

use anyhow::Context;
use clap::Args;
use dyad_core::Span;
use dyad_parse::{conllu, Model, TrainConfig};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct ParseArgs {
    /// Reports to parse: `.conllu` files are re-parsed on their own words; any other file is
    /// read as UTF-8 text, split into sentences and tokenized. Standard input when none.
    pub paths: Vec<PathBuf>,
    /// A model file from `dyad train-parser` instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

#[derive(Args)]
pub struct TrainParserArgs {
    /// A UD treebank folder holding `*-ud-train.conllu` (and `*-ud-dev.conllu` for the report).
    #[arg(long)]
    pub treebank: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub output: PathBuf,
    /// Passes over the training data for the parser.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Independent parser training runs averaged into the model.
    #[arg(long)]
    pub parser_runs: Option<usize>,
    /// Independent tagger training runs averaged into the model.
    #[arg(long)]
    pub tagger_runs: Option<usize>,
    /// Tagger weights smaller than this (of ±32000) are left out of the model.
    #[arg(long)]
    pub tagger_min_weight: Option<i16>,
    /// Parser weights smaller than this (of ±32000) are left out of the model.
    #[arg(long)]
    pub parser_min_weight: Option<i16>,
    /// Passes over the training data for the tagger.
    #[arg(long)]
    pub tagger_epochs: Option<usize>,
    /// Folds for jackknifed training tags (1 = gold tags).
    #[arg(long)]
    pub jackknife: Option<usize>,
    /// Seed for shuffling and oracle exploration: same seed, same model.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Tagger passes (2: a second pass reads the first pass's tags of the words ahead).
    #[arg(long)]
    pub tagger_passes: Option<usize>,
    /// Parser features updated fewer times than this in training are left out of the model.
    #[arg(long)]
    pub min_updates: Option<u32>,
    /// Folds of jackknifed parses for the attachment corrector (0: train no corrector)
    #[arg(long)]
    pub corrector_folds: Option<usize>,
    /// Passes over the jackknifed parses for the attachment corrector
    #[arg(long)]
    pub corrector_epochs: Option<usize>,
    /// Raw text for the word clusters (files or folders of `.txt`, `.tsv`, `.conll`).
    /// Default: the raw text of the shared dev data (PolNeAr train, ConfliBERT CAMEO, wikigold).
    #[arg(long)]
    pub raw_text: Vec<PathBuf>,
}

#[derive(Args)]
pub struct EvalParseArgs {
    /// Gold CoNLL-U file (gold tokenization is used; tags and trees are predicted).
    pub file: PathBuf,
    /// A model file instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Parse without the attachment corrector (to measure what it adds).
    #[arg(long)]
    pub no_corrector: bool,
}

/// The shared data folder: `$DYAD_SHARED`, else `../shared`.
pub(crate) fn shared_dir() -> PathBuf {
    match std::env::var_os("DYAD_SHARED") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from("../shared"),
    }
}

pub(crate) fn load_model(path: Option<&Path>) -> anyhow::Result<&'static Model> {
    load_model_with(path, true)
}

/// [`load_model`], without the parser's attachment corrector unless `corrector`.
pub(crate) fn load_model_with(path: Option<&Path>, corrector: bool) -> anyhow::Result<&'static Model> {
    let mut model = match (path, corrector) {
        (None, true) => return Ok(Model::builtin()?),
        (None, false) => Model::from_bytes(Model::builtin_bytes())?,
        (Some(path), _) => {
            let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            Model::from_bytes(&bytes).with_context(|| format!("loading {}", path.display()))?
        }
    };
    if !corrector {
        model.drop_corrector();
    }
    Ok(Box::leak(Box::new(model)))
}

fn read_gold(path: &Path) -> anyhow::Result<Vec<conllu::ConlluSentence>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    conllu::read_conllu_sentences(std::io::BufReader::new(file)).with_context(|| format!("reading {}", path.display()))
}

pub fn run_parse(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let write_text = |name: &str, text: &str, out: &mut dyn Write| -> anyhow::Result<()> {
        let sentences = dyad_text::segment(text, &[Span::new(0, text.len())]);
        for (i, sentence) in sentences.iter().enumerate() {
            let parsed = model.parse(text, sentence, i);
            conllu::write_sentence(out, &parsed, &format!("{name}-{}", i + 1), text)?;
        }
        Ok(())
    };
    if args.paths.is_empty() {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
        write_text("stdin", &text, &mut out)?;
    }
    for path in &args.paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.extension().is_some_and(|e| e == "conllu") {
            for s in read_gold(path)? {
                let words: Vec<&str> = s.parsed.tokens.iter().map(|t| t.form.as_str()).collect();
                let mut tokens = model.parse_words(&words);
                for (t, g) in tokens.iter_mut().zip(&s.parsed.tokens) {
                    t.span = g.span;
                }
                let parsed = dyad_core::ParsedSentence {
                    tokens,
                    ..s.parsed.clone()
                };
                conllu::write_sentence(&mut out, &parsed, &s.id, &s.text)?;
            }
        } else {
            let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            write_text(&name, &text, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The raw text the committed model's clusters were learned from.
pub(crate) fn default_raw_text() -> Vec<PathBuf> {
    let dev = shared_dir().join("data/dev");
    vec![
        dev.join("polnear/data/train/text"),
        dev.join("conflibert-cameo/cameo_class_train.tsv"),
        dev.join("wikigold/wikigold.conll.txt"),
    ]
}

pub fn run_train(args: &TrainParserArgs) -> anyhow::Result<ExitCode> {
    let treebank = args
        .treebank
        .clone()
        .unwrap_or_else(|| shared_dir().join("data/ud-english-ewt"));
    let defaults = TrainConfig::default();
    let config = TrainConfig {
        parser_epochs: args.epochs.unwrap_or(defaults.parser_epochs),
        parser_runs: args.parser_runs.unwrap_or(defaults.parser_runs),
        tagger_runs: args.tagger_runs.unwrap_or(defaults.tagger_runs),
        tagger_min_weight: args.tagger_min_weight.unwrap_or(defaults.tagger_min_weight),
        parser_min_weight: args.parser_min_weight.unwrap_or(defaults.parser_min_weight),
        tagger_epochs: args.tagger_epochs.unwrap_or(defaults.tagger_epochs),
        jackknife: args.jackknife.unwrap_or(defaults.jackknife),
        seed: args.seed.unwrap_or(defaults.seed),
        tagger_passes: args.tagger_passes.unwrap_or(defaults.tagger_passes),
        min_updates: args.min_updates.unwrap_or(defaults.min_updates),
        corrector_folds: args.corrector_folds.unwrap_or(defaults.corrector_folds),
        corrector_epochs: args.corrector_epochs.unwrap_or(defaults.corrector_epochs),
        ..defaults
    };
    eprintln!("training on {} with {config:?}", treebank.display());
    let started = Instant::now();
    let raw = if args.raw_text.is_empty() {
        default_raw_text()
    } else {
        args.raw_text.clone()
    };
    let model = dyad_parse::train(&treebank, &raw, &config)?;
    let bytes = model.to_bytes();
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
    if let Ok(dev) = dyad_parse::treebank_file(&treebank, "dev") {
        let gold = dyad_parse::read_conllu_file(&dev)?;
        print_scores(&dev, &dyad_parse::evaluate(&model, &gold));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_scores(path: &Path, s: &dyad_parse::Scores) {
    println!(
        "{}: {} sentences, {} words (gold tokenization, punctuation included)",
        path.display(),
        s.sentences,
        s.words
    );
    println!("UPOS   {:6.2}", s.upos);
    println!("XPOS   {:6.2}", s.xpos);
    println!("Lemma  {:6.2}", s.lemma);
    println!("UAS    {:6.2}", s.uas);
    println!("LAS    {:6.2}   (full relation with subtype: {:.2})", s.las, s.las_full);
}

pub fn run_eval(args: &EvalParseArgs) -> anyhow::Result<ExitCode> {
    let model = load_model_with(args.model.as_deref(), !args.no_corrector)?;
    let gold: Vec<_> = read_gold(&args.file)?.into_iter().map(|s| s.parsed).collect();
    print_scores(&args.file, &dyad_parse::evaluate(model, &gold));
    Ok(ExitCode::SUCCESS)
}
