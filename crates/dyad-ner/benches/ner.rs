//! Criterion benchmark: tagging Universal NER EWT dev sentences with the built-in model, one
//! sentence at a time and a document at a time (throughput in words), falling back to a few
//! built-in sentences when ../shared is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_ner::Ner;
use std::path::PathBuf;

/// The `dyad` binary's allocator, so that the benchmarks time what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The dev file's sentences, grouped by document.
fn documents() -> Vec<Vec<Vec<String>>> {
    let shared = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dev = shared.join("data/dev/uner-ewt/en_ewt-ud-dev.iob2");
    if let Ok(file) = dyad_ner::read_iob2_file(&dev) {
        return dyad_ner::documents(&file.sentences)
            .into_iter()
            .map(|r| file.sentences[r].iter().map(|s| s.words.clone()).collect())
            .collect();
    }
    eprintln!("NOTICE: {} not found; benchmarking built-in sentences", dev.display());
    [
        "Velayati on Wednesday met Deputy Foreign Minister Fayssal Mikdad in Damascus .",
        "I bought a Dell laptop at Best Buy in Seattle .",
    ]
    .iter()
    .map(|s| vec![s.split(' ').map(str::to_string).collect()])
    .collect()
}

fn bench(c: &mut Criterion) {
    let ner = Ner::builtin().expect("built-in model");
    let documents = documents();
    let sentences: Vec<Vec<String>> = documents.iter().flatten().cloned().collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let expected: usize = sentences
        .iter()
        .map(|s| ner.tag(&s.iter().map(String::as_str).collect::<Vec<_>>()).len())
        .sum();
    assert!(words > 0 && expected > 0, "{words} words, {expected} entities");
    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(10);
    group.bench_function(format!("tag {} sentences", sentences.len()), |b| {
        b.iter(|| {
            let mut found = 0;
            for s in &sentences {
                let refs: Vec<&str> = s.iter().map(String::as_str).collect();
                found += ner.tag(&refs).len();
            }
            assert_eq!(found, expected, "same entities every pass");
            found
        })
    });
    let expected: usize = documents
        .iter()
        .map(|d| ner.tag_document(d).iter().map(Vec::len).sum::<usize>())
        .sum();
    assert!(expected > 0, "{expected} entities");
    group.bench_function(format!("tag {} documents", documents.len()), |b| {
        b.iter(|| {
            let found: usize = documents
                .iter()
                .map(|d| ner.tag_document(d).iter().map(Vec::len).sum::<usize>())
                .sum();
            assert_eq!(found, expected, "same entities every pass");
            found
        })
    });
    group.finish();
    let bytes = ner.to_bytes();
    c.bench_function("ner model load", |b| {
        b.iter(|| Ner::from_bytes(&bytes).map(|m| m.memory_bytes()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
