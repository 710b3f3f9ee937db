//! The built-in model: it loads, refuses other format versions, gets the key parses of
//! `data/parses.txt` right, survives odd input, and scores sensibly on EWT dev.

use dyad_core::{Sentence, Span, Token};
use dyad_parse::{Model, ParseError, FORMAT_VERSION};

fn model() -> &'static Model {
    Model::builtin().expect("the built-in model loads")
}

#[test]
fn builtin_model_loads_and_round_trips() {
    let m = model();
    let bytes = m.to_bytes();
    let again = Model::from_bytes(&bytes).unwrap();
    let words = ["Iran", "condemned", "the", "attack", "."];
    assert_eq!(m.parse_words(&words), again.parse_words(&words));
    // Loading keeps everything the file holds: writing it back gives the same bytes.
    let file = include_bytes!("../model/en_ewt.dyadparse");
    assert!(
        bytes == file.as_slice(),
        "the built-in model does not re-encode to its own bytes"
    );
}

#[test]
fn other_format_versions_are_refused() {
    let mut bytes = model().to_bytes();
    bytes[8..12].copy_from_slice(&(FORMAT_VERSION - 1).to_le_bytes());
    let err = Model::from_bytes(&bytes).err().expect("an old version is refused");
    assert!(matches!(err, ParseError::Version { found, .. } if found == FORMAT_VERSION - 1));
    assert!(err.to_string().contains("not supported"), "{err}");
    bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert!(matches!(Model::from_bytes(&bytes), Err(ParseError::Version { .. })));
    assert!(matches!(
        Model::from_bytes(b"not a model at all"),
        Err(ParseError::NotAModel)
    ));
    let mut truncated = model().to_bytes();
    truncated.truncate(truncated.len() / 2);
    assert!(Model::from_bytes(&truncated).is_err());
}

/// Runs the checks of `tests/data/parses.txt`; returns the failures.
fn check_parses(text: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut parsed = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (kind, rest) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("line {}: no `kind:`", n + 1));
        let args: Vec<&str> = rest.split_whitespace().collect();
        if kind == "sentence" {
            words = args.clone();
            parsed = model().parse_words(&words);
            continue;
        }
        let find = |w: &str| {
            words
                .iter()
                .position(|x| *x == w)
                .unwrap_or_else(|| panic!("line {}: no word {w:?}", n + 1))
        };
        let i = find(args[0]);
        let t = &parsed[i];
        let ok = match kind {
            "arc" => {
                let head = if args[2] == "-" { 0 } else { find(args[2]) + 1 };
                t.deprel == args[1] && t.head == head
            }
            "phrase" => {
                let head = find(args[2]);
                let mut at = i;
                loop {
                    let up = parsed[at].head;
                    if up == 0 {
                        break false;
                    }
                    if up - 1 == head {
                        break parsed[at].deprel == args[1];
                    }
                    at = up - 1;
                }
            }
            "lemma" => t.lemma == args[1],
            "upos" => t.upos == args[1],
            other => panic!("line {}: unknown check {other:?}", n + 1),
        };
        if !ok {
            let head = if t.head == 0 { "-" } else { words[t.head - 1] };
            failures.push(format!(
                "line {}: {line} — got {} {} {} lemma {} {}",
                n + 1,
                t.form,
                t.deprel,
                head,
                t.lemma,
                t.upos
            ));
        }
    }
    failures
}

#[test]
fn key_parses() {
    let failures = check_parses(include_str!("data/parses.txt"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "known parser errors, kept as targets"]
fn key_parses_known_failures() {
    let failures = check_parses(include_str!("data/parses_known_failures.txt"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn spans_come_from_the_sentence() {
    let text = "Yesterday, Iran condemned the attack.";
    let bounds = [(0, 9), (9, 10), (11, 15), (16, 25), (26, 29), (30, 36), (36, 37)];
    let sentence = Sentence {
        span: Span::new(0, text.len()),
        tokens: bounds.iter().map(|&(a, b)| Token { span: Span::new(a, b) }).collect(),
        paragraph_start: true,
    };
    let parsed = model().parse(text, &sentence, 4);
    assert_eq!(parsed.index, 4);
    for t in &parsed.tokens {
        assert_eq!(t.span.slice(text), Some(t.form.as_str()));
    }
    assert_eq!(parsed.tokens[parsed.root().unwrap()].form, "condemned");
}

fn assert_tree(tokens: &[dyad_core::ParsedToken], n: usize) {
    assert_eq!(tokens.len(), n);
    if n > 0 {
        assert_eq!(tokens.iter().filter(|t| t.head == 0).count(), 1, "exactly one root");
    }
    assert!(tokens
        .iter()
        .all(|t| t.head <= n && !t.deprel.is_empty() && !t.upos.is_empty()));
}

#[test]
fn odd_input_still_gets_a_tree() {
    let m = model();
    assert_tree(&m.parse_words(&[]), 0);
    assert_tree(&m.parse_words(&["."]), 1);
    assert_tree(&m.parse_words(&["!", "?", "...", "--", "("]), 5);
    assert_tree(&m.parse_words(&["قال", "المتحدث", "باسم", "الحكومة", "."]), 5);
    assert_tree(&m.parse_words(&["وزیر", "امور", "خارجه", "🇮🇷", "😀", "", " "]), 7);
    let long: Vec<String> = (0..1000)
        .map(|i| {
            if i % 13 == 12 {
                ",".to_string()
            } else {
                format!("word{}", i % 50)
            }
        })
        .collect();
    let refs: Vec<&str> = long.iter().map(String::as_str).collect();
    assert_tree(&m.parse_words(&refs), 1000);
    // Spans off character boundaries give empty words, not a panic.
    let text = "héllo wörld";
    let sentence = Sentence {
        span: Span::new(0, text.len()),
        tokens: vec![Token { span: Span::new(0, 2) }, Token { span: Span::new(3, 99) }],
        paragraph_start: false,
    };
    assert_tree(&m.parse(text, &sentence, 0).tokens, 2);
}

#[test]
fn dev_sample_scores() {
    let dir = dyad_testkit::require_shared!("data/ud-english-ewt");
    let dev = dyad_parse::read_conllu_file(&dir.join("en_ewt-ud-dev.conllu")).unwrap();
    let sample = &dev[..400];
    let s = dyad_parse::evaluate(model(), sample);
    assert_eq!(s.sentences, 400);
    assert!(s.upos > 92.0 && s.lemma > 94.0 && s.uas > 80.0 && s.las > 76.0, "{s:?}");
}

/// The built-in model's attachment corrector re-attaches words the parser hung one level
/// off, and on EWT dev that fixes more heads than it breaks.
#[test]
fn the_attachment_corrector_fixes_more_than_it_breaks() {
    let dir = dyad_testkit::require_shared!("data/ud-english-ewt");
    let dev = dyad_parse::read_conllu_file(&dir.join("en_ewt-ud-dev.conllu")).unwrap();
    assert!(model().has_corrector());
    let mut plain = Model::from_bytes(Model::builtin_bytes()).unwrap();
    plain.drop_corrector();
    assert!(!plain.has_corrector());
    let with = dyad_parse::evaluate(model(), &dev);
    let without = dyad_parse::evaluate(&plain, &dev);
    assert!(with.uas > without.uas + 0.1, "{with:?} against {without:?}");
    assert!(with.las > without.las, "{with:?} against {without:?}");
    assert_eq!(with.upos, without.upos);
}
