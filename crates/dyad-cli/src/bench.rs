//! `dyad bench`: tagger + parser speed and memory on real text, single-threaded.
//!
//! It counts what it parsed and checks every parse (one output token per input token,
//! exactly one root), so a fast wrong answer cannot pass.

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
}

fn default_inputs() -> Vec<PathBuf> {
    let shared = crate::parse::shared_dir();
    let mut inputs = vec![shared.join("data/ud-english-ewt/en_ewt-ud-test.conllu")];
    if let Ok(entries) = std::fs::read_dir(shared.join("corpus/seeds")) {
        let mut seeds: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
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
        let inputs = if args.input.is_empty() { vec![PathBuf::from("examples/reports")] } else { args.input.clone() };
        return crate::bench_ingest::run(&inputs, args.copies);
    }
    let inputs = if args.input.is_empty() { default_inputs() } else { args.input.clone() };
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
    let model = crate::parse::load_model(args.model.as_deref())?;
    let load_ms = started.elapsed().as_secs_f64() * 1e3;

    let mut best = f64::INFINITY;
    for _ in 0..args.repeat.max(1) {
        let started = Instant::now();
        let (mut done_sentences, mut done_tokens) = (0usize, 0usize);
        for words in &sentences {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let parsed = model.parse_words(&refs);
            ensure!(parsed.len() == words.len(), "parse returned {} tokens for {}", parsed.len(), words.len());
            let roots = parsed.iter().filter(|t| t.head == 0).count();
            ensure!(words.is_empty() || roots == 1, "a parse has {roots} roots");
            done_sentences += 1;
            done_tokens += parsed.len();
        }
        let secs = started.elapsed().as_secs_f64();
        ensure!(done_sentences == expected_sentences && done_tokens == expected_tokens, "processed {done_sentences}/{done_tokens}, expected {expected_sentences}/{expected_tokens}");
        best = best.min(secs);
    }
    println!("processed {expected_sentences} sentences, {expected_tokens} tokens per pass (tag + lemma + parse, 1 thread)");
    println!("tokens/s     {:>10.0}", expected_tokens as f64 / best);
    println!("sentences/s  {:>10.0}", expected_sentences as f64 / best);
    println!("model load   {load_ms:>10.1} ms");
    println!("model memory {:>10.1} MB (weights and lexicons)", model.memory_bytes() as f64 / 1e6);
    match peak_memory_kb() {
        Some(kb) => println!("peak memory  {:>10.1} MB (VmHWM, whole process)", kb as f64 / 1024.0),
        None => println!("peak memory  unavailable (no /proc/self/status)"),
    }
    Ok(ExitCode::SUCCESS)
}
