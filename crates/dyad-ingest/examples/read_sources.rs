//! Reads paths the way `dyad code` does and prints counts: a quick check of ingest speed and
//! memory on real folders (`cargo run --release -p dyad-ingest --example read_sources -- DIR`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let (mut docs, mut bytes) = (0usize, 0usize);
    let mut errors: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut dropped: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut sources = dyad_ingest::read_sources(&paths, &dyad_ingest::ReadOptions::default());
    for result in sources.by_ref() {
        match result {
            Ok(doc) => {
                docs += 1;
                bytes += doc.text.len();
                for d in &doc.dropped {
                    *dropped.entry(d.reason.as_str()).or_default() += 1;
                }
            }
            Err(e) => *errors.entry(e.kind.reason()).or_default() += 1,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "documents {docs}, {bytes} bytes, skipped files {}, errors {errors:?}, dropped {dropped:?}",
        sources.skipped_files()
    );
    println!(
        "{secs:.2} s, {:.0} documents/s, {:.1} MB/s",
        docs as f64 / secs,
        bytes as f64 / secs / 1e6
    );
}
