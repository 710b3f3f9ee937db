//! `dyad eval events` on ConfliBERT's CAMEO sentences (real news nobody here wrote): the
//! coverage and class accuracy we measured are floors, so a change that loses events on
//! unseen news fails here even when the seed reports still pass.

use std::process::Command;

/// The number after `label` on the line that starts with it.
fn number_after(output: &str, label: &str) -> f64 {
    let line = output
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?} line in:\n{output}"));
    line[label.len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches('%')
        .parse()
        .unwrap()
}

#[test]
fn conflibert_sentences_keep_their_coverage_and_accuracy() {
    let conflibert = dyad_testkit::require_shared!("data/dev/conflibert-cameo");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["eval", "events", "--conflibert"])
        .arg(&conflibert)
        .output()
        .expect("dyad runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(number_after(&stdout, "ConfliBERT CAMEO sentences:"), 1349.0);
    let coded = number_after(&stdout, "coded (≥ 1 event)");
    let right = number_after(&stdout, "class right");
    // Measured: 473 coded, 378 with the right class (79.9%).
    assert!(coded >= 450.0, "coded {coded}\n{stdout}");
    assert!(right / coded >= 0.77, "class right {right} of {coded}\n{stdout}");
}
