//! The showcase: `dyad code` on the five seed reports, checked against what a careful reader
//! found in them (`../shared/corpus/seeds.expected.jsonl`), with the scorer's matching rules.

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;

fn norm(text: &str) -> String {
    let text = text
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn code_seeds(seeds: &std::path::Path) -> BTreeMap<String, Vec<Value>> {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(seeds)
        .output()
        .expect("dyad runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut by_doc: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        by_doc
            .entry(record["doc"].as_str().unwrap().to_string())
            .or_default()
            .push(record);
    }
    by_doc
}

fn expectations(shared: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(shared.join("corpus/seeds.expected.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn seed_documents_have_outlet_dateline_and_headline() {
    let shared = dyad_testkit::require_shared!("");
    let by_doc = code_seeds(&shared.join("corpus/seeds"));
    let mut checked = 0;
    for expected in expectations(&shared).iter().filter(|e| e["kind"] == "doc") {
        let doc = expected["doc"].as_str().unwrap();
        let record = by_doc[doc]
            .iter()
            .find(|r| r["kind"] == "document")
            .expect("a document record");
        if let Some(outlet) = expected["outlet"].as_str() {
            let got = norm(record["outlet"].as_str().unwrap_or(""));
            assert!(
                !got.is_empty() && (norm(outlet).contains(&got) || got.contains(&norm(outlet))),
                "{doc}: outlet {got:?}, expected {outlet:?}"
            );
            checked += 1;
        }
        if let Some(dateline) = expected["dateline"].as_str() {
            assert_eq!(
                norm(record["dateline"].as_str().unwrap_or("")),
                norm(dateline),
                "{doc}: dateline"
            );
            checked += 1;
        }
        if let Some(headline) = expected["headline"].as_str() {
            assert_eq!(
                norm(record["headline"].as_str().unwrap_or("")),
                norm(headline),
                "{doc}: headline"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 7, "every docs expectation checked");
}

#[test]
fn nothing_is_coded_from_boilerplate() {
    let shared = dyad_testkit::require_shared!("");
    let by_doc = code_seeds(&shared.join("corpus/seeds"));
    let mut checked = 0;
    for expected in expectations(&shared) {
        let texts: Vec<String> = match expected["kind"].as_str() {
            Some("doc") => expected["boilerplate"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect(),
            Some("negative") => vec![expected["text"].as_str().unwrap().to_string()],
            _ => continue,
        };
        let doc = expected["doc"].as_str().unwrap();
        for text in texts.iter().map(|t| norm(t)).filter(|t| t.len() >= 8) {
            checked += 1;
            for record in by_doc[doc].iter().filter(|r| r["kind"] != "document") {
                let got = norm(record["text"].as_str().unwrap_or(""));
                let bad = got.contains(&text) || (got.len() > 12 && text.contains(&got));
                assert!(!bad, "{doc}: {} record coded from boilerplate {text:?}", record["kind"]);
            }
        }
        // The dropped spans cover the boilerplate.
        let record = by_doc[doc].iter().find(|r| r["kind"] == "document").unwrap();
        let source = std::fs::read_to_string(shared.join("corpus/seeds").join(format!("{doc}.txt"))).unwrap();
        let dropped: Vec<String> = record["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| norm(&source[d["span"][0].as_u64().unwrap() as usize..d["span"][1].as_u64().unwrap() as usize]))
            .collect();
        for text in texts.iter().map(|t| norm(t)) {
            assert!(
                dropped.iter().any(|d| d.contains(&text)),
                "{doc}: boilerplate {text:?} not dropped; dropped: {dropped:?}"
            );
        }
    }
    assert!(checked >= 6);
}

/// The seed scores, measured with our own scorer (`../shared/tools/score_seeds.py`), must not
/// fall below what this version reaches: a floor, raised as the coder improves.
#[test]
fn seed_scores_do_not_regress() {
    let shared = dyad_testkit::require_shared!("tools/score_seeds.py");
    let shared = shared.parent().unwrap().parent().unwrap().to_path_buf();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(shared.join("corpus/seeds"))
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("seeds.jsonl");
    std::fs::write(&records, &out.stdout).unwrap();
    let scored = match Command::new("python3")
        .arg(shared.join("tools/score_seeds.py"))
        .arg(&records)
        .output()
    {
        Ok(scored) => scored,
        Err(error) if std::env::var("CI").is_err() => {
            eprintln!("NOTICE: skipped seed_scores_do_not_regress: python3 not runnable ({error})");
            return;
        }
        Err(error) => panic!("python3 is needed to score the seeds: {error}"),
    };
    let report = String::from_utf8(scored.stdout).unwrap();
    let summary = report
        .lines()
        .find(|l| l.starts_with("seeds:"))
        .expect("scorer prints a summary line");
    let score = |what: &str| -> (usize, usize) {
        let after = summary.split(&format!("{what} ")).nth(1).unwrap();
        let pair = after.split_whitespace().next().unwrap();
        let (got, of) = pair.split_once('/').unwrap();
        (got.parse().unwrap(), of.parse().unwrap())
    };
    let floors = [
        ("actors", 60),
        ("events", 17),
        ("quotes", 6),
        ("docs", 7),
        ("negatives", 8),
    ];
    for (what, floor) in floors {
        let (got, of) = score(what);
        assert!(
            got >= floor,
            "seed {what} {got}/{of} fell below {floor}: {summary}\n{report}"
        );
    }
}
