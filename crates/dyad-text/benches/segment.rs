//! Throughput of `segment` on the seed reports (repeated to ~8 MB) and on a 1 MB single line:
//! `cargo bench -p dyad-text`. Asserts the sentence counts it measured, so a fast wrong
//! answer cannot pass, and reports MB/s, sentences/s and tokens/s on one core.

use dyad_core::Span;
use std::time::Instant;

fn measure(name: &str, text: &str, expected_sentences: usize) {
    let regions = [Span::new(0, text.len())];
    let mut best = f64::MAX;
    let (mut sentences, mut tokens) = (0, 0);
    for _ in 0..5 {
        let started = Instant::now();
        let result = dyad_text::segment(text, &regions);
        best = best.min(started.elapsed().as_secs_f64());
        sentences = result.len();
        tokens = result.iter().map(|s| s.tokens.len()).sum::<usize>();
    }
    assert_eq!(sentences, expected_sentences, "{name}: sentence count changed");
    let mb = text.len() as f64 / 1e6;
    println!(
        "{name}: {mb:.1} MB in {:.1} ms: {:.1} MB/s, {:.0} sentences/s, {:.0} tokens/s",
        best * 1e3,
        mb / best,
        sentences as f64 / best,
        tokens as f64 / best
    );
}

fn main() {
    let shared = std::env::var_os("DYAD_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let seeds = shared.join("corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        eprintln!(
            "NOTICE: skipped seed benchmark: {} not found (set DYAD_SHARED)",
            seeds.display()
        );
        return;
    };
    let mut corpus = String::new();
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        corpus.push_str(&std::fs::read_to_string(path).expect("seed text"));
        corpus.push_str("\n\n");
    }
    let per_copy = dyad_text::segment(&corpus, &[Span::new(0, corpus.len())]).len();
    let copies = 8_000_000 / corpus.len();
    measure("seeds", &corpus.repeat(copies), per_copy * copies);

    let line = "Syria’s U.S.-backed envoy Dr. al-Assad said, “1,000.5 tons … arrived.” ";
    let copies = 1_000_000 / line.len();
    measure("one 1 MB line", &line.repeat(copies), copies);
}
