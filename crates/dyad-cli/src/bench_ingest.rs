//! `dyad bench --ingest`: is storage the bottleneck? Codes the same reports twice on one
//! thread — once only coding, once coding and storing them in a fresh database — and reports
//! both rates and the overhead of the store (target: within 20% of coding alone).

use anyhow::Context;
use dyad_core::Document;
use dyad_ingest::{read_sources, ReadOptions};
use dyad_pipeline::{Config, Pipeline};
use dyad_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Documents per store transaction, as `dyad ingest` uses by default.
const BATCH: usize = 200;

pub fn run(paths: &[PathBuf], copies: usize) -> anyhow::Result<ExitCode> {
    let mut originals: Vec<Document> = Vec::new();
    for item in read_sources(paths, &ReadOptions::default()) {
        match item {
            Ok(doc) => originals.push(doc),
            Err(error) => eprintln!("dyad: skipped {error}"),
        }
    }
    anyhow::ensure!(!originals.is_empty(), "no reports to benchmark in {paths:?}");
    // Copies get their own ids, so each is a new report for the store (ids are in the hash).
    let docs: Vec<Document> = (0..copies.max(1))
        .flat_map(|copy| {
            originals.iter().map(move |doc| Document {
                id: format!("{}#{copy}", doc.id),
                ..doc.clone()
            })
        })
        .collect();
    let pipeline = Pipeline::new(Config::default()).context("cannot build the pipeline")?;

    let started = Instant::now();
    let (mut sentences, mut events) = (0usize, 0usize);
    for doc in &docs {
        let coded = pipeline.code(doc);
        sentences += coded.sentences;
        events += coded
            .records
            .iter()
            .filter(|r| matches!(r, dyad_core::record::Record::Event(_)))
            .count();
    }
    let code_seconds = started.elapsed().as_secs_f64();

    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let mut store = Store::open(&dir.path().join("bench.db"))?;
    let started = Instant::now();
    for chunk in docs.chunks(BATCH) {
        let coded: Vec<_> = chunk.iter().map(|doc| pipeline.code(doc)).collect();
        store.ingest_batch(
            chunk
                .iter()
                .zip(&coded)
                .map(|(doc, coded)| (doc, coded.records.as_slice())),
        )?;
    }
    let ingest_seconds = started.elapsed().as_secs_f64();
    let counts = store.counts()?;

    // A fast wrong answer must not pass: everything coded was stored.
    anyhow::ensure!(
        counts.documents as usize == docs.len(),
        "stored {} of {} documents",
        counts.documents,
        docs.len()
    );
    anyhow::ensure!(
        counts.events as usize == events,
        "stored {} of {} events",
        counts.events,
        events
    );

    let rate = |seconds: f64| docs.len() as f64 / seconds;
    println!(
        "reports: {} ({} sentences, {} events), one thread",
        docs.len(),
        sentences,
        events
    );
    println!(
        "code only:      {:>8.3} s  {:>8.0} reports/s  {:>8.0} sentences/s",
        code_seconds,
        rate(code_seconds),
        sentences as f64 / code_seconds
    );
    println!(
        "code + store:   {:>8.3} s  {:>8.0} reports/s  {:>8.0} sentences/s",
        ingest_seconds,
        rate(ingest_seconds),
        sentences as f64 / ingest_seconds
    );
    println!(
        "store overhead: {:+.1}% (target within 20%)",
        (ingest_seconds / code_seconds - 1.0) * 100.0
    );
    Ok(ExitCode::SUCCESS)
}
