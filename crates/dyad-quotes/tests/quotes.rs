//! Quote finding on hand-written UD trees: each `cases/*.conllu` file is one document with
//! its actor mentions (`# mention:`) and the quotes expected from it (`# expect:`), in order.
//!
//! - `# mention: SENT FIRST-LAST HEAD ENTITY | ID | CODE` — SENT 0-based, token ids 1-based
//!   as in CoNLL-U.
//! - `# expect: direct|indirect | CUE or - | ENTITY, text:SPEAKER TEXT, or - | QUOTE TEXT`
//! - `# newpar` before a sentence starts a new paragraph (a blank line in the text).
//!
//! The text is rebuilt from the tokens (one space between tokens unless `SpaceAfter=No`),
//! so spans are exact by construction and the test checks `&text[span] == text` everywhere.

use dyad_core::record::QuoteRecord;
use dyad_core::{Actor, Document, Mention, ParsedSentence, ParsedToken, Resolution, Span};
use std::path::Path;

struct Case {
    doc: Document,
    sentences: Vec<ParsedSentence>,
    mentions: Vec<Mention>,
    expected: Vec<String>,
}

fn read_case(path: &Path) -> Case {
    let source = std::fs::read_to_string(path).expect("fixture readable");
    let mut text = String::new();
    let mut sentences: Vec<ParsedSentence> = Vec::new();
    let mut mention_lines = Vec::new();
    let mut expected = Vec::new();
    let mut newpar = false;
    let mut tokens: Vec<ParsedToken> = Vec::new();
    let mut space_after = false;

    let finish = |tokens: &mut Vec<ParsedToken>, sentences: &mut Vec<ParsedSentence>| {
        if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
            let span = Span::new(first.span.start, last.span.end);
            sentences.push(ParsedSentence {
                index: sentences.len(),
                span,
                tokens: std::mem::take(tokens),
            });
        }
    };
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("# mention:") {
            mention_lines.push(rest.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("# expect:") {
            expected.push(rest.trim().to_string());
        } else if line.trim() == "# newpar" {
            newpar = true;
        } else if line.starts_with('#') {
        } else if line.trim().is_empty() {
            finish(&mut tokens, &mut sentences);
        } else {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 10, "{}: bad line {line:?}", path.display());
            if !text.is_empty() {
                if tokens.is_empty() {
                    text.push_str(if newpar { "\n\n" } else { " " });
                } else if space_after {
                    text.push(' ');
                }
            }
            newpar = false;
            let start = text.len();
            text.push_str(f[1]);
            space_after = !f[9].contains("SpaceAfter=No");
            tokens.push(ParsedToken {
                form: f[1].into(),
                span: Span::new(start, text.len()),
                lemma: f[2].into(),
                upos: f[3].into(),
                xpos: f[4].into(),
                feats: f[5].into(),
                head: f[6].parse().expect("numeric head"),
                deprel: f[7].into(),
            });
        }
    }
    finish(&mut tokens, &mut sentences);

    let mentions = mention_lines
        .iter()
        .map(|line| {
            let (position, actor) = line.split_once(' ').expect("mention line");
            let mut parts = actor.splitn(3, ' ');
            let range = parts.next().expect("token range");
            let head: usize = parts.next().expect("head").parse().expect("numeric head");
            let fields: Vec<&str> = parts.next().expect("actor").split('|').map(str::trim).collect();
            let sentence: usize = position.parse().expect("sentence");
            let (first, last) = range.split_once('-').expect("FIRST-LAST");
            let (first, last): (usize, usize) =
                (first.parse::<usize>().unwrap() - 1, last.parse::<usize>().unwrap() - 1);
            let tokens = &sentences[sentence].tokens;
            let span = tokens[first].span.cover(tokens[last].span);
            Mention {
                sentence,
                head: head - 1,
                first,
                last,
                span,
                text: text[span.start..span.end].to_string(),
                actor: Actor {
                    code: fields[2].into(),
                    entity: Some(fields[0].into()),
                    entity_id: Some(fields[1].into()),
                    ..Actor::default()
                },
                how: Resolution::Coreference,
                rule: "test".into(),
            }
        })
        .collect();
    let id = path.file_stem().unwrap().to_string_lossy().to_string();
    Case {
        doc: Document {
            id,
            text,
            ..Document::default()
        },
        sentences,
        mentions,
        expected,
    }
}

/// The `# expect:` line a quote would need.
fn describe(quote: &QuoteRecord) -> String {
    let speaker = match &quote.speaker {
        None => "-".to_string(),
        Some(s) => match &s.entity {
            Some(entity) => entity.clone(),
            None => format!("text:{}", s.text),
        },
    };
    format!(
        "{} | {} | {} | {}",
        if quote.direct { "direct" } else { "indirect" },
        quote.cue.as_deref().unwrap_or("-"),
        speaker,
        quote.text
    )
}

#[test]
fn cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let case = read_case(path);
        let quotes = dyad_quotes::find_quotes(&case.doc, &case.sentences, &case.mentions);
        for quote in &quotes {
            assert_eq!(
                &case.doc.text[quote.span.start..quote.span.end],
                quote.text,
                "{}",
                path.display()
            );
            assert_eq!(quote.doc, case.doc.id);
            if let Some(s) = &quote.speaker {
                assert_eq!(&case.doc.text[s.span.start..s.span.end], s.text, "{}", path.display());
            }
        }
        let got: Vec<String> = quotes.iter().map(describe).collect();
        if got != case.expected {
            failures.push(format!(
                "{}\n  text: {}\n  expected:\n    {}\n  got:\n    {}",
                path.display(),
                case.doc.text,
                case.expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(paths.len() >= 8, "fixtures missing");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn odd_input_does_not_panic() {
    let text = "\"Open \" “never closed ” ” “ \"\"".repeat(50);
    let doc = Document {
        id: "odd".into(),
        text: text.clone(),
        ..Document::default()
    };
    // A sentence whose spans fall outside the text and a tree with a cycle and a bad head.
    let bad = ParsedSentence {
        index: 0,
        span: Span::new(0, text.len() + 10),
        tokens: vec![ParsedToken {
            form: "x".into(),
            span: Span::new(0, 1),
            head: 5,
            ..ParsedToken::default()
        }],
    };
    let cyclic = ParsedSentence {
        index: 1,
        span: Span::new(0, 20),
        tokens: vec![
            ParsedToken {
                form: "\"".into(),
                span: Span::new(0, 1),
                head: 2,
                deprel: "punct".into(),
                upos: "PUNCT".into(),
                ..ParsedToken::default()
            },
            ParsedToken {
                form: "Open".into(),
                span: Span::new(1, 5),
                head: 3,
                deprel: "ccomp".into(),
                lemma: "say".into(),
                upos: "VERB".into(),
                ..ParsedToken::default()
            },
            ParsedToken {
                form: "\"".into(),
                span: Span::new(6, 7),
                head: 2,
                deprel: "ccomp".into(),
                lemma: "say".into(),
                upos: "VERB".into(),
                ..ParsedToken::default()
            },
        ],
    };
    let quotes = dyad_quotes::find_quotes(&doc, &[bad, cyclic], &[]);
    for quote in quotes {
        assert_eq!(&text[quote.span.start..quote.span.end], quote.text);
    }
}
