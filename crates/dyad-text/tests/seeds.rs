//! The sentence boundaries of the five seed reports, as a snapshot a person reads: one line
//! per sentence, `¶` where a paragraph starts, its byte span, and its text (line breaks
//! shown as `⏎`). The whole text is one region here; cleaning's cuts are ingest's business.

mod check;

use dyad_core::Span;
use std::fmt::Write;

#[test]
fn seed_sentence_boundaries() {
    let dir = dyad_testkit::require_shared!("corpus/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("seed folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    assert_eq!(paths.len(), 5, "expected the five seed reports in {}", dir.display());
    let mut listing = String::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("seed text");
        let regions = [Span::new(0, text.len())];
        let sentences = dyad_text::segment(&text, &regions);
        let name = path.file_name().unwrap().to_string_lossy();
        check::assert_spans_valid(&name, &text, &regions, &sentences);
        writeln!(listing, "== {name}: {} sentences", sentences.len()).unwrap();
        for sentence in &sentences {
            let mark = if sentence.paragraph_start { "¶" } else { " " };
            let surface = text[sentence.span.start..sentence.span.end]
                .replace("\r\n", "⏎")
                .replace('\n', "⏎");
            writeln!(
                listing,
                "{mark} {:>5}..{:<5} {surface}",
                sentence.span.start, sentence.span.end
            )
            .unwrap();
        }
    }
    insta::assert_snapshot!(listing);
}
