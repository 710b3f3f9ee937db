//! Criterion benchmarks: tagging and parsing EWT dev sentences with the built-in model
//! (throughput in words), falling back to the test sentences when ../shared is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_parse::Model;
use std::path::PathBuf;

/// The `dyad` binary's allocator, so that the benchmarks time what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sentences() -> Vec<Vec<String>> {
    let shared = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dev = shared.join("data/ud-english-ewt/en_ewt-ud-dev.conllu");
    if let Ok(gold) = dyad_parse::read_conllu_file(&dev) {
        return gold
            .iter()
            .take(1000)
            .map(|s| s.tokens.iter().map(|t| t.form.clone()).collect())
            .collect();
    }
    eprintln!("NOTICE: {} not found; benchmarking the test sentences", dev.display());
    include_str!("../tests/data/parses.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("sentence:"))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn bench(c: &mut Criterion) {
    let model = Model::builtin().expect("built-in model");
    let sentences = sentences();
    let words: usize = sentences.iter().map(Vec::len).sum();
    assert!(words > 0);
    let mut group = c.benchmark_group("tag+parse");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(10);
    group.bench_function(format!("{} sentences", sentences.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sentences {
                let refs: Vec<&str> = s.iter().map(String::as_str).collect();
                n += model.parse_words(&refs).len();
            }
            assert_eq!(n, words, "every word parsed");
            n
        })
    });
    group.finish();
    let bytes = model.to_bytes();
    c.bench_function("model load", |b| {
        b.iter(|| Model::from_bytes(&bytes).map(|m| m.memory_bytes()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
