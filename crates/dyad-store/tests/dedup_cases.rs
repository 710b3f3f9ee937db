//! The deduplication rule on hand-made cases (tests/data/dedup_cases.jsonl): each case lists
//! documents with their coded events, pairs of events that must share a happening ("same")
//! and pairs that must not ("apart"). Every case is also ingested in reverse document order
//! and one document per batch, and must give the same happenings.

mod common;

use common::{coded, event, TempDir};
use dyad_core::record::Record;
use dyad_core::Document;
use serde_json::Value;
use std::collections::BTreeMap;

fn case_docs(case: &Value) -> Vec<(Document, Vec<Record>)> {
    let s = |v: &Value| v.as_str().map(String::from);
    case["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|doc| {
            let id = doc["id"].as_str().unwrap();
            let events = doc["events"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(n, e)| {
                    let e = e.as_array().unwrap();
                    event(
                        id,
                        n,
                        e[0].as_str().unwrap(),
                        e[1].as_str(),
                        e[2].as_str().unwrap(),
                        e[3].as_str(),
                        e[4].as_str(),
                    )
                })
                .collect();
            coded(
                id,
                s(&doc["outlet"]).as_deref(),
                s(&doc["published"]).as_deref(),
                events,
            )
        })
        .collect()
}

/// event id → happening id
fn assignments(store: &dyad_store::Store) -> BTreeMap<String, String> {
    let filter = dyad_store::EventFilter::default();
    let mut out = Vec::new();
    store
        .export(
            dyad_store::ExportFormat::Csv,
            dyad_store::ExportUnit::Events,
            &filter,
            &mut out,
        )
        .unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (event, happening) = (col("event_id"), col("happening"));
    reader
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[event].to_string(), r[happening].to_string()))
        .collect()
}

fn event_id(reference: &str) -> String {
    let (doc, n) = reference.split_once(':').unwrap();
    format!("e:{doc}:{n}:0")
}

#[test]
fn dedup_cases_from_data_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dedup_cases.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let mut failures = Vec::new();
    for (line, case) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(case).unwrap_or_else(|e| panic!("{path}:{}: {e}", line + 1));
        let name = case["name"].as_str().unwrap();
        let docs = case_docs(&case);
        let dir = TempDir::new(&format!("case{line}"));
        let mut store = dyad_store::Store::open(&dir.db()).unwrap();
        common::ingest(&mut store, &docs);
        assert!(store.check_integrity().unwrap().is_empty(), "{name}");
        let assigned = assignments(&store);
        let pairs = |key: &str| {
            case[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (event_id(p[0].as_str().unwrap()), event_id(p[1].as_str().unwrap())))
                .collect::<Vec<_>>()
        };
        for (a, b) in pairs("same") {
            if assigned[&a] != assigned[&b] {
                failures.push(format!("{name}: {a} and {b} should be one happening"));
            }
        }
        for (a, b) in pairs("apart") {
            if assigned[&a] == assigned[&b] {
                failures.push(format!("{name}: {a} and {b} should be different happenings"));
            }
        }
        // Same happenings whatever the arrival order and batching.
        let other = TempDir::new(&format!("case{line}-rev"));
        let mut reversed = dyad_store::Store::open(&other.db()).unwrap();
        for doc in docs.iter().rev() {
            common::ingest(&mut reversed, std::slice::from_ref(doc));
        }
        assert!(reversed.check_integrity().unwrap().is_empty(), "{name}");
        if assignments(&reversed) != assigned {
            failures.push(format!("{name}: arrival order changed the happenings"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn merged_visit_counts_reports_and_outlets() {
    let dir = TempDir::new("visit-counts");
    let mut store = dyad_store::Store::open(&dir.db()).unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dedup_cases.jsonl")).unwrap();
    let case: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    common::ingest(&mut store, &case_docs(&case));
    let filter = dyad_store::EventFilter {
        actor: Some("Khamenei".into()),
        ..Default::default()
    };
    let found = store.happenings(&filter).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let h = &found[0];
    assert_eq!((h.reports, h.events), (2, 2));
    assert_eq!(h.outlets, vec!["Mehr News Agency".to_string(), "SANA".to_string()]);
    assert_eq!(h.first_report.as_deref(), Some("2022-05-08"));
    assert_eq!(h.last_report.as_deref(), Some("2022-05-09"));
    assert_eq!(h.day.as_deref(), Some("2022-05-08"));
    assert_eq!(h.place.as_deref().map(str::to_lowercase).as_deref(), Some("tehran"));
}
