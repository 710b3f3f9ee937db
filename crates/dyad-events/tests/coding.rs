//! Data-driven coding tests: `tests/data/coding.conllu` holds hand-written UD parses with
//! the actor stage's mentions and the events each document must yield (see its header).

use chrono::NaiveDate;
use dyad_core::record::EventRecord;
use dyad_core::{Actor, Document, Mention, ParsedSentence, ParsedToken, Resolution, Span};
use dyad_events::{Config, EventCoder};

struct Case {
    id: String,
    doc: Document,
    sentences: Vec<ParsedSentence>,
    mentions: Vec<Mention>,
    expects: Vec<(usize, Vec<String>)>,
}

/// Reads the fixture file into documents with rebuilt text, spans and mentions.
fn read_cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut pending_mentions: Vec<(usize, Vec<String>)> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let flush = |cases: &mut Vec<Case>, rows: &mut Vec<Vec<String>>, pending: &mut Vec<(usize, Vec<String>)>| {
        if rows.is_empty() {
            return;
        }
        let case = cases.last_mut().expect("tokens before any # newdoc");
        let index = case.sentences.len();
        if !case.doc.text.is_empty() {
            case.doc.text.push(' ');
        }
        let start = case.doc.text.len();
        let mut tokens = Vec::new();
        for (k, r) in rows.iter().enumerate() {
            if k > 0 {
                case.doc.text.push(' ');
            }
            let at = case.doc.text.len();
            case.doc.text.push_str(&r[1]);
            tokens.push(ParsedToken {
                form: r[1].clone(),
                span: Span::new(at, case.doc.text.len()),
                lemma: r[2].clone(),
                upos: r[3].clone(),
                xpos: r[4].clone(),
                feats: r[5].clone(),
                head: r[6].parse().unwrap(),
                deprel: r[7].clone(),
            });
        }
        let sentence = ParsedSentence {
            index,
            span: Span::new(start, case.doc.text.len()),
            tokens,
        };
        for (_, m) in pending.drain(..) {
            let num = |i: usize| m[i].parse::<usize>().unwrap() - 1;
            let (first, last, head) = (num(0), num(1), num(2));
            let span = Span::new(sentence.tokens[first].span.start, sentence.tokens[last].span.end);
            let code = m[3].clone();
            let entity = m.get(4).map(|e| e.replace('_', " "));
            case.mentions.push(Mention {
                sentence: index,
                head,
                first,
                last,
                span,
                text: case.doc.text[span.start..span.end].to_string(),
                actor: Actor {
                    country: Some(code[..3].to_string()),
                    sector: (code.len() >= 6).then(|| code[3..6].to_string()),
                    entity_id: entity.clone(),
                    entity,
                    code,
                },
                how: Resolution::Dictionary,
                rule: "fixture".into(),
            });
        }
        case.sentences.push(sentence);
        rows.clear();
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            flush(&mut cases, &mut rows, &mut pending_mentions);
            continue;
        }
        if let Some(comment) = line.strip_prefix("# ") {
            let Some((key, value)) = comment.split_once(" = ") else {
                continue;
            };
            let words: Vec<String> = value.split_whitespace().map(str::to_string).collect();
            match key {
                "newdoc id" => {
                    flush(&mut cases, &mut rows, &mut pending_mentions);
                    cases.push(Case {
                        id: value.to_string(),
                        doc: Document {
                            id: value.to_string(),
                            ..Document::default()
                        },
                        sentences: Vec::new(),
                        mentions: Vec::new(),
                        expects: Vec::new(),
                    });
                }
                "published" => cases.last_mut().unwrap().doc.published = Some(value.parse::<NaiveDate>().unwrap()),
                "dateline" => cases.last_mut().unwrap().doc.dateline = Some(value.to_string()),
                "mention" => pending_mentions.push((n + 1, words)),
                "expect" => cases.last_mut().unwrap().expects.push((n + 1, words)),
                _ => {}
            }
            continue;
        }
        rows.push(line.split('\t').map(str::to_string).collect());
    }
    flush(&mut cases, &mut rows, &mut pending_mentions);
    cases
}

fn field(e: &EventRecord, key: &str) -> String {
    let opt = |v: Option<&str>| v.unwrap_or("null").to_string();
    match key {
        "negated" => e.negated.to_string(),
        "modality" => e.modality.clone(),
        "date" => opt(e.date.as_deref()),
        "date_text" => opt(e.date_text.as_deref()),
        "place" => opt(e.place.as_ref().map(|p| p.name.as_str())),
        "trigger" => e.trigger.text.clone(),
        other => panic!("unknown expectation key {other}"),
    }
}

#[test]
fn coding_fixtures() {
    let coder = EventCoder::new(Config::default());
    let cases = read_cases(include_str!("data/coding.conllu"));
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for case in &cases {
        let events = coder.code_document(&case.doc, &case.sentences, &case.mentions, case.doc.published);
        let mut unmatched: Vec<&EventRecord> = events.iter().collect();
        for (line, words) in &case.expects {
            let target = |e: &EventRecord| e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-").to_string();
            let pos = unmatched.iter().position(|e| {
                e.source.code == words[0]
                    && e.cameo == words[1]
                    && target(e) == words[2]
                    && words[3..].iter().all(|kv| {
                        let (k, v) = kv.split_once('=').unwrap();
                        field(e, k) == v.replace('_', " ")
                    })
            });
            match pos {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => failures.push(format!("{} (line {line}): no event {}", case.id, words.join(" "))),
            }
        }
        for e in unmatched {
            failures.push(format!(
                "{}: unexpected event {} {} {} (rule {}, trigger {:?}, modality {}, negated {})",
                case.id,
                e.source.code,
                e.cameo,
                e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                e.rule,
                e.trigger.text,
                e.modality,
                e.negated
            ));
        }
        for e in &events {
            assert_eq!(&case.doc.text[e.span.start..e.span.end], e.text);
            assert_eq!(&case.doc.text[e.trigger.span.start..e.trigger.span.end], e.trigger.text);
            assert!(e.id.starts_with(&format!("e:{}:{}:", case.id, e.sentence)));
            assert!(e.rule.starts_with("lexicon/"), "{}", e.rule);
            assert_eq!(e.versions.cameo, "1.1b3");
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn counts_what_it_cannot_code() {
    let coder = EventCoder::new(Config::default());
    let cases = read_cases(include_str!("data/coding.conllu"));
    let case = cases.iter().find(|c| c.id == "no_resolvable_source").unwrap();
    let (events, stats) = coder.code_document_with_stats(&case.doc, &case.sentences, &case.mentions, None);
    assert!(events.is_empty());
    assert_eq!(stats.no_source, 1);
    let dedup = cases.iter().find(|c| c.id == "dedup_within_report").unwrap();
    let (_, stats) = coder.code_document_with_stats(&dedup.doc, &dedup.sentences, &dedup.mentions, None);
    assert_eq!((stats.events, stats.duplicates), (1, 1));
}

#[test]
fn every_emittable_code_is_in_the_tables() {
    let coder = EventCoder::new(Config::default());
    let lexicon = coder.lexicon();
    assert!(lexicon.entries().len() >= 300, "{}", lexicon.entries().len());
    let mut roots = std::collections::BTreeSet::new();
    for (code, origin) in lexicon.emittable_codes() {
        let info = coder
            .tables()
            .get(&code)
            .unwrap_or_else(|| panic!("{origin}: {code} not in the tables"));
        assert!(!info.plover.is_empty());
        roots.insert(info.root().to_string());
    }
    assert_eq!(roots.len(), 20, "roots covered: {roots:?}");
}

#[test]
fn bad_user_lexicon_is_an_error_with_file_and_line() {
    let config = Config {
        extra_lexicons: vec![dyad_events::LexiconSource {
            name: "mine.lex".into(),
            text: "greet V 040\nhug V 999\n".into(),
        }],
        ..Config::default()
    };
    let err = EventCoder::try_new(config).unwrap_err().to_string();
    assert_eq!(err, "mine.lex:2: code 999 is not in the CAMEO tables");
}

#[test]
fn odd_input_does_not_panic() {
    let coder = EventCoder::new(Config::default());
    // a cycle in the heads, an out-of-range head, mentions out of range, and 500 tokens
    let mut tokens = Vec::new();
    let mut text = String::new();
    for i in 0..500 {
        let start = text.len();
        text.push_str("met ");
        let head = if i == 0 {
            2
        } else if i == 1 {
            1
        } else if i == 7 {
            9999
        } else {
            i
        };
        tokens.push(ParsedToken {
            form: "met".into(),
            span: Span::new(start, start + 3),
            lemma: "meet".into(),
            upos: "VERB".into(),
            head,
            deprel: if i % 3 == 0 { "nsubj".into() } else { "conj".into() },
            ..ParsedToken::default()
        });
    }
    let sentence = ParsedSentence {
        index: 0,
        span: Span::new(0, text.len()),
        tokens,
    };
    let mention = |first: usize, last: usize| Mention {
        sentence: 0,
        head: first,
        first,
        last,
        span: Span::new(0, 3),
        text: "met".into(),
        actor: Actor {
            code: "IRN".into(),
            ..Actor::default()
        },
        how: Resolution::Dictionary,
        rule: String::new(),
    };
    let doc = Document {
        id: "odd".into(),
        text,
        ..Document::default()
    };
    let mentions: Vec<Mention> = (0..40)
        .map(|i| mention(i * 3, i * 3))
        .chain([mention(600, 700), mention(5, 2)])
        .collect();
    let _ = coder.code_document(&doc, &[sentence], &mentions, NaiveDate::from_ymd_opt(2017, 2, 28));
}

#[test]
fn explain_names_rules_and_reasons() {
    let coder = EventCoder::new(Config::default());
    let cases = read_cases(include_str!("data/coding.conllu"));
    let case = cases.iter().find(|c| c.id == "control_verb_complement").unwrap();
    let (events, trace) = coder.explain_sentence(&case.doc, &case.sentences[0], &case.mentions, None);
    assert_eq!(events.len(), 1);
    let outcome = |lemma: &str| trace.iter().find(|t| t.lemma == lemma).map(|t| t.outcome.as_str());
    assert_eq!(outcome("call"), Some("candidate"));
    assert_eq!(outcome("withdraw"), Some("consumed"));
    let case = cases.iter().find(|c| c.id == "no_resolvable_source").unwrap();
    let (_, trace) = coder.explain_sentence(&case.doc, &case.sentences[0], &case.mentions, None);
    assert_eq!(trace[0].outcome, "no source");
    assert!(trace[0]
        .rule
        .as_deref()
        .unwrap()
        .starts_with("lexicon/cooperation.lex:"));
}
