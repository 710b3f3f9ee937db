//! The five seed reports of ../shared/corpus/seeds: outlet, dateline, headline and dropped
//! boilerplate exactly as seeds.expected.jsonl (its `doc` lines) says a reader expects.

use dyad_core::Document;
use dyad_ingest::{read_sources, ReadOptions};
use serde_json::Value;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[test]
fn seeds_match_expectations() {
    let seeds = dyad_testkit::require_shared!("corpus/seeds");
    let expected_path = seeds.with_extension("expected.jsonl");
    let expected: Vec<Value> = std::fs::read_to_string(&expected_path)
        .expect("seeds.expected.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("expected line is JSON"))
        .filter(|v: &Value| v["kind"] == "doc")
        .collect();
    let docs: Vec<Document> = read_sources(&[seeds], &ReadOptions::default())
        .map(|r| r.expect("seed reads"))
        .collect();
    assert_eq!(docs.len(), 5);

    for e in &expected {
        let id = e["doc"].as_str().unwrap();
        let doc = docs
            .iter()
            .find(|d| d.id == id)
            .unwrap_or_else(|| panic!("no document {id}"));
        // Outlet: the scorer accepts either name containing the other ("MNA" ⊂ "Mehr News Agency (MNA)").
        match e["outlet"].as_str() {
            Some(want) => {
                let got = norm(doc.outlet.as_deref().unwrap_or_else(|| panic!("{id}: no outlet")));
                assert!(
                    norm(want).contains(&got) || got.contains(&norm(want)),
                    "{id}: outlet {got:?}, want {want:?}"
                );
            }
            None => assert_eq!(doc.outlet, None, "{id}: outlet"),
        }
        assert_eq!(doc.dateline.as_deref(), e["dateline"].as_str(), "{id}: dateline");
        assert_eq!(doc.headline.as_deref(), e["headline"].as_str(), "{id}: headline");

        // Dropped spans are exactly the expected boilerplate, each trimmed.
        let mut dropped: Vec<&str> = doc
            .dropped
            .iter()
            .map(|d| &doc.text[d.span.start..d.span.end])
            .collect();
        let mut want: Vec<&str> = e["boilerplate"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        dropped.sort();
        want.sort();
        assert_eq!(dropped, want, "{id}: dropped spans");

        // Nothing in a dropped span, the headline or the dateline is in the body regions.
        let body: String = doc.body_regions().iter().map(|s| &doc.text[s.start..s.end]).collect();
        for b in &want {
            assert!(!body.contains(b), "{id}: boilerplate {b:?} is in the body");
        }
        if let Some(h) = &doc.headline {
            assert!(!body.contains(h.as_str()), "{id}: headline in the body");
        }
    }
}
