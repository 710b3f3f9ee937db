//! `dyad bench`: speed and memory on real text, single-threaded, in two parts:
//!
//! 1. the tagger + parser alone, on gold words (EWT test) and the seed reports;
//! 2. end to end — cleaning, splitting, parsing, actors, events, quotes, records — on real
//!    news reports (the seeds and PolNeAR's dev articles), with each stage's share, so the
//!    claim "coding adds at most 30% to the parse" is a measured number.
//!
//! It counts what it processed and checks it (one output token per input token, exactly one
//! root; the same sentence and record counts on every pass), so a fast wrong answer cannot pass.

use anyhow::{ensure, Context};
use clap::Args;
use dyad_core::Span;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct BenchArgs {
    /// CoNLL-U files (their gold words are parsed) or UTF-8 text reports (split and
    /// tokenized first, not timed). Default: EWT test plus the seed reports in the shared folder.
    #[arg(long)]
    pub input: Vec<PathBuf>,
    /// A model file instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Parse without the attachment corrector (to measure what it costs).
    #[arg(long)]
    pub no_corrector: bool,
    /// Passes over the input; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Instead: time coding alone against coding and storing (`--input` reports, default the
    /// example reports), to show whether the store is the bottleneck.
    #[arg(long)]
    pub ingest: bool,
    /// With --ingest: how many copies of the input to code.
    #[arg(long, default_value_t = 40)]
    pub copies: usize,
    /// Reports (`.txt` files or folders of them) for the end-to-end part. Default: the seed
    /// reports and PolNeAR's dev articles in the shared folder.
    #[arg(long)]
    pub reports: Vec<PathBuf>,
    /// Only the end-to-end part.
    #[arg(long, conflicts_with = "parse_only")]
    pub end_to_end: bool,
    /// Only the tagger + parser part.
    #[arg(long)]
    pub parse_only: bool,
}

fn default_inputs() -> Vec<PathBuf> {
    let shared = crate::parse::shared_dir();
    let mut inputs = vec![shared.join("data/ud-english-ewt/en_ewt-ud-test.conllu")];
    if let Ok(entries) = std::fs::read_dir(shared.join("corpus/seeds")) {
        let mut seeds: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        seeds.sort();
        inputs.extend(seeds);
    }
    inputs
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    if args.ingest {
        let inputs = if args.input.is_empty() {
            vec![PathBuf::from("examples/reports")]
        } else {
            args.input.clone()
        };
        return crate::bench_ingest::run(&inputs, args.copies);
    }
    if !args.end_to_end {
        bench_parser(args)?;
    }
    if !args.parse_only {
        if !args.end_to_end {
            println!();
        }
        bench_end_to_end(args)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn bench_parser(args: &BenchArgs) -> anyhow::Result<()> {
    let inputs = if args.input.is_empty() {
        default_inputs()
    } else {
        args.input.clone()
    };
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for path in &inputs {
        let before = sentences.len();
        if path.extension().is_some_and(|e| e == "conllu") {
            let gold = dyad_parse::read_conllu_file(path)?;
            sentences.extend(gold.iter().map(|s| s.tokens.iter().map(|t| t.form.clone()).collect()));
        } else {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            for s in dyad_text::segment(&text, &[Span::new(0, text.len())]) {
                sentences.push(s.words(&text).into_iter().map(str::to_string).collect());
            }
        }
        println!("input {}: {} sentences", path.display(), sentences.len() - before);
    }
    let expected_sentences = sentences.len();
    let expected_tokens: usize = sentences.iter().map(Vec::len).sum();
    ensure!(expected_tokens > 0, "no tokens to parse");

    let started = Instant::now();
    let model = crate::parse::load_model_with(args.model.as_deref(), !args.no_corrector)?;
    let load_ms = started.elapsed().as_secs_f64() * 1e3;

    let mut best = f64::INFINITY;
    for _ in 0..args.repeat.max(1) {
        let started = Instant::now();
        let (mut done_sentences, mut done_tokens) = (0usize, 0usize);
        for words in &sentences {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let parsed = model.parse_words(&refs);
            ensure!(
                parsed.len() == words.len(),
                "parse returned {} tokens for {}",
                parsed.len(),
                words.len()
            );
            let roots = parsed.iter().filter(|t| t.head == 0).count();
            ensure!(words.is_empty() || roots == 1, "a parse has {roots} roots");
            done_sentences += 1;
            done_tokens += parsed.len();
        }
        let secs = started.elapsed().as_secs_f64();
        ensure!(
            done_sentences == expected_sentences && done_tokens == expected_tokens,
            "processed {done_sentences}/{done_tokens}, expected {expected_sentences}/{expected_tokens}"
        );
        best = best.min(secs);
    }
    println!(
        "processed {expected_sentences} sentences, {expected_tokens} tokens per pass (tag + lemma + parse, 1 thread)"
    );
    println!("tokens/s     {:>10.0}", expected_tokens as f64 / best);
    println!("sentences/s  {:>10.0}", expected_sentences as f64 / best);
    println!("model load   {load_ms:>10.1} ms");
    println!(
        "model memory {:>10.1} MB (weights and lexicons)",
        model.memory_bytes() as f64 / 1e6
    );
    match peak_memory_kb() {
        Some(kb) => println!("peak memory  {:>10.1} MB (VmHWM, whole process)", kb as f64 / 1024.0),
        None => println!("peak memory  unavailable (no /proc/self/status)"),
    }
    Ok(())
}

fn default_reports() -> Vec<PathBuf> {
    let shared = crate::parse::shared_dir();
    vec![
        shared.join("corpus/seeds"),
        shared.join("data/dev/polnear/data/dev/text"),
    ]
}

/// `.txt` files named, or inside the folders named (not recursively), in sorted order.
fn report_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).with_context(|| format!("reading folder {}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Cleaning plus the whole pipeline, one thread, with each stage's share of the time.
fn bench_end_to_end(args: &BenchArgs) -> anyhow::Result<()> {
    let paths = if args.reports.is_empty() {
        default_reports()
    } else {
        args.reports.clone()
    };
    let files = report_files(&paths)?;
    let mut reports: Vec<(String, String)> = Vec::with_capacity(files.len());
    for file in &files {
        let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let id = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        reports.push((id, text));
    }
    ensure!(!reports.is_empty(), "no .txt reports in {paths:?}");
    let pipeline =
        dyad_pipeline::Pipeline::new(dyad_pipeline::Config::default()).context("cannot build the pipeline")?;

    let mut best: Option<(std::time::Duration, std::time::Duration, dyad_pipeline::StageTimes)> = None;
    let mut counted: Option<(usize, usize, usize)> = None;
    for _ in 0..args.repeat.max(1) {
        let mut times = dyad_pipeline::StageTimes::default();
        let mut clean = std::time::Duration::ZERO;
        let (mut sentences, mut tokens, mut records) = (0usize, 0usize, 0usize);
        for (id, text) in &reports {
            let started = Instant::now();
            let doc = dyad_ingest::document_from_text(id, text);
            clean += started.elapsed();
            let coded = pipeline.code_timed(&doc, &mut times);
            sentences += coded.sentences;
            tokens += coded.tokens;
            records += coded.records.len();
        }
        // Every pass must code the same thing.
        if let Some(previous) = counted {
            ensure!(
                previous == (sentences, tokens, records),
                "passes disagree: {previous:?} then {:?}",
                (sentences, tokens, records)
            );
        }
        counted = Some((sentences, tokens, records));
        let total = clean + times.total();
        if best.as_ref().is_none_or(|(t, _, _)| total < *t) {
            best = Some((total, clean, times));
        }
    }
    let (total, clean, times) = best.expect("at least one pass");
    let (sentences, tokens, records) = counted.expect("at least one pass");
    ensure!(sentences > 0 && tokens > 0, "the reports held no sentences");
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let share = |d: std::time::Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!(
        "end to end: {} reports, {sentences} sentences, {tokens} tokens, {records} records per pass (1 thread)",
        reports.len()
    );
    for (stage, time) in [
        ("clean", clean),
        ("segment", times.segment),
        ("parse", times.parse),
        ("names", times.names),
        ("actors", times.actors),
        ("events", times.events),
        ("quotes", times.quotes),
        ("records", times.records),
    ] {
        println!("  {stage:<8} {:>9.1} ms {:>5.1}%", ms(time), share(time));
    }
    println!("tokens/s     {:>10.0}", tokens as f64 / total.as_secs_f64());
    println!(
        "sentences/s  {:>10.0} (end to end; target ≥ 3,000)",
        sentences as f64 / total.as_secs_f64()
    );
    let coding = times.coding().as_secs_f64() / times.parse.as_secs_f64();
    println!(
        "coding adds  {:>10.1}% to the parse (names + actors + events + quotes + records; target ≤ 30%)",
        100.0 * coding
    );
    Ok(())
}
