//! Loads a dictionary folder and prints what was read, every problem, and the time taken.
//!
//! `cargo run --release -p dyad-dictionaries --example load_dictionaries -- DIR`

use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/petrarch2/dictionaries".to_string());
    let start = Instant::now();
    let dicts = match dyad_dictionaries::load_dir(std::path::Path::new(&dir)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let elapsed = start.elapsed();
    for f in &dicts.actors {
        let codes: usize = f.entries.iter().map(|e| e.codes.len()).sum();
        let names: usize = f.entries.iter().map(|e| e.names.len()).sum();
        println!(
            "actors  {}: {} entries, {names} names, {codes} codes",
            f.path.display(),
            f.entries.len()
        );
    }
    for f in &dicts.agents {
        println!("agents  {}: {} entries", f.path.display(), f.entries.len());
    }
    for f in &dicts.discards {
        println!("discard {}: {} entries", f.path.display(), f.entries.len());
    }
    for f in &dicts.issues {
        println!("issues  {}: {} entries", f.path.display(), f.entries.len());
    }
    for f in &dicts.verbs {
        let v = &f.entries;
        println!(
            "verbs   {}: {} synsets, {} blocks, {} verbs, {} patterns, {} transformations",
            f.path.display(),
            v.synsets.len(),
            v.blocks.len(),
            v.verbs().count(),
            v.patterns().count(),
            v.transformations.len()
        );
    }
    for p in &dicts.problems {
        println!("{p}");
    }
    println!(
        "{} problems; loaded in {:.1} ms",
        dicts.problems.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}
