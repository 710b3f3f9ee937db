//! Measures the predicate lexicon on gold UD parses: runs the coder on the UD-PETRARCH
//! GSR validation records (`$DYAD_SHARED/data/dev/udpetrarch-gsr-constructed`), with every
//! nominal treated as an actor (an oracle for the actor stage), and counts how many gold
//! events get their CAMEO root and exact code from some coded event.
//!
//! `cargo run -p dyad-events --example gold_parse_codes [FILE]`

use dyad_core::{Actor, Document, Mention, ParsedSentence, ParsedToken, Resolution, Span};
use dyad_events::{Config, EventCoder};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        let shared =
            std::env::var("DYAD_SHARED").unwrap_or_else(|_| format!("{}/../../../shared", env!("CARGO_MANIFEST_DIR")));
        format!("{shared}/data/dev/udpetrarch-gsr-constructed/PETR2_GSR_constructed.xml")
    });
    let xml = match std::fs::read_to_string(&path) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("skipped: cannot read {path}: {e}");
            return;
        }
    };
    let coder = EventCoder::new(Config::default());
    let (mut gold_n, mut root_ok, mut code_ok, mut emitted, mut records) = (0, 0, 0, 0, 0);
    for block in xml.split("<Sentence ").skip(1) {
        let block = block.split("</Sentence>").next().unwrap_or("");
        let gold: Vec<&str> = block
            .split("eventcode=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let Some(parse) = block.split("<Parse>").nth(1).and_then(|p| p.split("</Parse>").next()) else {
            continue;
        };
        records += 1;
        let mut text = String::new();
        let mut tokens = Vec::new();
        for line in parse.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 8 || c[0].contains('-') || c[0].contains('.') {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(c[1]);
            tokens.push(ParsedToken {
                form: c[1].into(),
                span: Span::new(start, text.len()),
                lemma: c[2].into(),
                upos: c[3].into(),
                xpos: c[4].into(),
                feats: c[5].into(),
                head: c[6].parse().unwrap_or(0),
                deprel: c[7].into(),
            });
        }
        let mentions: Vec<Mention> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                matches!(t.upos.as_str(), "NOUN" | "PROPN" | "PRON")
                    && !matches!(t.deprel.as_str(), "compound" | "flat" | "name")
            })
            .map(|(i, t)| Mention {
                sentence: 0,
                head: i,
                first: i,
                last: i,
                span: t.span,
                text: t.form.clone(),
                actor: Actor {
                    code: format!("X{i:03}"),
                    ..Actor::default()
                },
                how: Resolution::Dictionary,
                rule: "oracle".into(),
            })
            .collect();
        let sentence_lemmas: Vec<(String, String)> = tokens
            .iter()
            .map(|t| (t.upos.clone(), t.lemma.to_lowercase()))
            .collect();
        let sentence = ParsedSentence {
            index: 0,
            span: Span::new(0, text.len()),
            tokens,
        };
        let doc = Document {
            id: format!("r{records}"),
            text,
            ..Document::default()
        };
        let events = coder.code_document(&doc, &[sentence], &mentions, None);
        emitted += events.len();
        if std::env::var_os("VERBOSE").is_some() {
            let got: Vec<String> = events
                .iter()
                .map(|e| format!("{}@{}", e.cameo, e.trigger.text))
                .collect();
            let verbs: Vec<&str> = sentence_lemmas
                .iter()
                .filter(|(u, _)| u == "VERB")
                .map(|(_, l)| l.as_str())
                .collect();
            println!("gold {gold:?} got {got:?} verbs {verbs:?}");
        }
        for g in &gold {
            gold_n += 1;
            root_ok += events.iter().any(|e| e.cameo_root == g[..2]) as usize;
            code_ok += events.iter().any(|e| e.cameo == *g) as usize;
        }
    }
    println!(
        "gold-parse records {records}: gold events {gold_n}, root found {root_ok}, exact code {code_ok}, events written {emitted}"
    );
}
