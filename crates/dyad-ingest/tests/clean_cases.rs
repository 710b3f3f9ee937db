//! Cleaning rules on general examples: the cases are data in `tests/data/clean.toml`.

use dyad_core::Document;
use dyad_ingest::clean;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    meta_outlet: Option<String>,
    meta_title: Option<String>,
    outlet: Option<String>,
    dateline: Option<String>,
    dateline_span: Option<String>,
    headline: Option<String>,
    headline_marked: Option<bool>,
    #[serde(default)]
    dropped: Vec<(String, String)>,
}

/// The span invariants every cleaned document keeps.
fn check_spans(name: &str, doc: &Document) {
    let text = &doc.text;
    let mut spans: Vec<_> = doc.dropped.iter().map(|d| d.span).collect();
    spans.extend(doc.headline_span);
    spans.extend(doc.dateline_span);
    spans.sort();
    for pair in spans.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{name}: overlapping spans {pair:?}");
    }
    for d in &doc.dropped {
        let s = d
            .span
            .slice(text)
            .unwrap_or_else(|| panic!("{name}: span {:?} not in the text", d.span));
        assert!(
            !s.is_empty() && s.trim() == s,
            "{name}: dropped span {s:?} is empty or not trimmed"
        );
        for region in doc.body_regions() {
            assert!(
                !region.overlaps(d.span),
                "{name}: body region {region:?} overlaps dropped {:?}",
                d.span
            );
        }
    }
}

#[test]
fn cleaning_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/clean.toml");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(path).unwrap()).expect("clean.toml parses");
    assert!(cases.case.len() >= 10);
    for case in cases.case {
        let name = case.name.as_str();
        let mut doc = Document {
            text: case.text.clone(),
            outlet: case.meta_outlet.clone(),
            headline: case.meta_title.clone(),
            ..Document::default()
        };
        clean(&mut doc);
        assert_eq!(doc.outlet, case.outlet, "{name}: outlet");
        assert_eq!(doc.dateline, case.dateline, "{name}: dateline");
        assert_eq!(doc.headline, case.headline, "{name}: headline");
        let dateline_text = doc.dateline_span.map(|s| doc.text[s.start..s.end].to_string());
        assert_eq!(dateline_text, case.dateline_span, "{name}: dateline span");
        if let Some(h) = &doc.headline {
            let marked = doc.headline_span.is_some();
            let want = case.headline_marked.unwrap_or(case.meta_title.is_none());
            assert_eq!(marked, want, "{name}: headline span marked");
            if let Some(s) = doc.headline_span {
                assert_eq!(&doc.text[s.start..s.end], h, "{name}: headline span");
            }
        }
        let dropped: Vec<(String, String)> = doc
            .dropped
            .iter()
            .map(|d| {
                (
                    d.reason.as_str().to_string(),
                    doc.text[d.span.start..d.span.end].to_string(),
                )
            })
            .collect();
        assert_eq!(dropped, case.dropped, "{name}: dropped");
        check_spans(name, &doc);

        // Cleaning twice changes nothing.
        let once = doc.clone();
        clean(&mut doc);
        assert_eq!(doc, once, "{name}: clean is idempotent");
    }
}

/// Cleaning never panics and keeps its span invariants on odd text: every combination of
/// three fragments chosen to sit on the rules' edges (dashes, multibyte characters, CRLF,
/// labels, licenses, lone punctuation).
#[test]
fn odd_text_never_breaks_cleaning() {
    const FRAGMENTS: &[&str] = &[
        "",
        "\n",
        "\r\n\r\n",
        "  ",
        "\u{feff}",
        "é",
        "—",
        " – ",
        "TEHRAN —",
        "Tehran, SANA– ",
        "(AP) -",
        "X (Y):",
        "Related",
        "Check Also\n",
        "MNA",
        "© ",
        "All rights reserved.",
        "…",
        ".....",
        "End/ 2",
        "Short title line\n\n",
        "A sentence. ",
        "“Quoted.”",
        "\u{FFFD}",
    ];
    for a in FRAGMENTS {
        for b in FRAGMENTS {
            for c in FRAGMENTS {
                let text = format!("{a}{b}{c}");
                let mut doc = Document {
                    text: text.clone(),
                    ..Document::default()
                };
                clean(&mut doc);
                check_spans(&text, &doc);
                for s in doc.headline_span.iter().chain(doc.dateline_span.iter()) {
                    assert!(s.slice(&text).is_some(), "{text:?}: span {s:?}");
                }
            }
        }
    }
}

#[test]
fn sources_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<dyad_ingest::Sources>();
    assert_send::<dyad_ingest::IngestError>();
}
