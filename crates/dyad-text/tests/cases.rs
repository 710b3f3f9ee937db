//! Data-driven sentence and token cases from `tests/data/sentences.txt`, plus edge inputs.

mod check;

use dyad_core::Span;
use dyad_text::{segment, tokenize};

struct Case {
    name: String,
    input: String,
    expected: Vec<String>,
}

/// Reads the case file: `=== name`, input lines, `---`, expected sentence lines.
fn cases() -> Vec<Case> {
    let data = include_str!("data/sentences.txt");
    let mut cases: Vec<Case> = Vec::new();
    let mut in_input = false;
    for line in data.lines() {
        if let Some(name) = line.strip_prefix("=== ") {
            cases.push(Case {
                name: name.to_string(),
                input: String::new(),
                expected: Vec::new(),
            });
            in_input = true;
        } else if let Some(case) = cases.last_mut() {
            if in_input && line == "---" {
                in_input = false;
            } else if in_input {
                if !case.input.is_empty() || line.is_empty() {
                    case.input.push('\n');
                }
                case.input.push_str(line);
            } else if !line.is_empty() {
                case.expected.push(line.to_string());
            }
        }
    }
    cases
}

/// The sentences of `text` in the case file's notation.
fn render(text: &str) -> Vec<String> {
    let regions = [Span::new(0, text.len())];
    let sentences = segment(text, &regions);
    check::assert_spans_valid("case", text, &regions, &sentences);
    sentences
        .iter()
        .map(|s| {
            format!(
                "{}{}",
                if s.paragraph_start { "¶ " } else { "" },
                s.words(text).join(" ")
            )
        })
        .collect()
}

#[test]
fn sentence_cases() {
    let cases = cases();
    assert!(cases.len() >= 20, "case file lost its cases");
    let mut failures = Vec::new();
    for case in &cases {
        let got = render(&case.input);
        if got != case.expected {
            failures.push(format!(
                "=== {}\nexpected:\n  {}\ngot:\n  {}",
                case.name,
                case.expected.join("\n  "),
                got.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn sentences_stay_inside_regions() {
    let text = "Head line\n\nTEHRAN — Body one. Body two.\nMNA";
    let body = text.find("Body").unwrap();
    let regions = [Span::new(body, text.len() - 3)];
    let sentences = segment(text, &regions);
    check::assert_spans_valid("regions", text, &regions, &sentences);
    let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.words(text)).collect();
    assert_eq!(words, [vec!["Body", "one", "."], vec!["Body", "two", "."]]);
    assert!(sentences[0].paragraph_start);
    // A region boundary ends a sentence even mid-sentence.
    let regions = [Span::new(body, body + 7), Span::new(body + 7, text.len() - 3)];
    let sentences = segment(text, &regions);
    check::assert_spans_valid("split regions", text, &regions, &sentences);
    assert_eq!(sentences.len(), 3);
}

#[test]
fn empty_and_odd_regions() {
    assert!(segment("", &[]).is_empty());
    assert!(segment("", &[Span::new(0, 0)]).is_empty());
    assert!(segment("   \n\n\t  ", &[Span::new(0, 8)]).is_empty());
    assert!(segment("... --- !!!", &[Span::new(0, 11)]).is_empty());
    // Out of range and off char boundaries: clamped, not a panic.
    let text = "Tehrān said so.";
    let regions = [Span::new(4, 99)];
    let sentences = segment(text, &regions);
    assert_eq!(sentences.len(), 1);
    assert_eq!(sentences[0].words(text), ["ān", "said", "so", "."]);
    assert!(segment(text, &[Span { start: 9, end: 3 }]).is_empty());
}

#[test]
fn tokenize_keeps_abbreviation_periods() {
    let text = "Talks with Acme Inc.";
    let tokens = tokenize(text, Span::new(0, text.len()));
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.start..t.span.end]).collect();
    assert_eq!(words, ["Talks", "with", "Acme", "Inc."]);
}

#[test]
fn windows_line_endings() {
    let text = "First line.\r\n\r\nSecond line.\r\nThird line.";
    let sentences = segment(text, &[Span::new(0, text.len())]);
    let flags: Vec<bool> = sentences.iter().map(|s| s.paragraph_start).collect();
    assert_eq!(flags, [true, true, true]);
}

/// Text without final punctuation is cut into sentences a parser can take.
#[test]
fn over_long_sentences_are_capped() {
    let text = "and the talks went on, ".repeat(200);
    let sentences = segment(&text, &[Span::new(0, text.len())]);
    check::assert_spans_valid("no punctuation", &text, &[Span::new(0, text.len())], &sentences);
    assert!(sentences.len() > 1);
    assert!(sentences.iter().all(|s| s.tokens.len() <= 250));
    // Cut after a comma where there is one.
    assert!(sentences[..sentences.len() - 1]
        .iter()
        .all(|s| text[..s.span.end].ends_with(',')));
    assert_eq!(sentences.iter().filter(|s| s.paragraph_start).count(), 1);
}

/// A megabyte on one line, and pathological runs: every token valid. Linear by design (one
/// pass, bounded look-ahead); this only checks the result, no timing.
#[test]
fn long_lines_and_pathological_runs() {
    let sentence = "Syria’s U.S.-backed envoy Dr. al-Assad said, “1,000.5 tons … arrived.” ";
    let long = sentence.repeat(1_000_000 / sentence.len());
    let sentences = segment(&long, &[Span::new(0, long.len())]);
    check::assert_spans_valid("long line", &long, &[Span::new(0, long.len())], &sentences);
    assert_eq!(sentences.len(), long.matches("arrived").count());
    for run in [
        "1-".repeat(50_000) + "x",
        "a.".repeat(50_000),
        "-".repeat(100_000),
        "'".repeat(100_000),
        "a".repeat(200_000),
    ] {
        let sentences = segment(&run, &[Span::new(0, run.len())]);
        check::assert_spans_valid("run", &run, &[Span::new(0, run.len())], &sentences);
    }
}
