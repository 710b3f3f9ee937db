//! End-to-end tests of `dyad code`: inputs, bad inputs, exit codes and output guarantees.

use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("dyad runs")
}

fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is JSON"))
        .collect()
}

fn documents(output: &Output) -> Vec<Value> {
    records(output)
        .into_iter()
        .filter(|r| r["kind"] == "document")
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const REPORT: &str = "Iran and Syria hold talks\n\nTEHRAN — Iranian Foreign Minister Hossein Amir-Abdollahian met his Syrian counterpart in Tehran on Monday.\n\nThe two ministers discussed bilateral relations.\n";

#[test]
fn codes_a_folder_of_text_reports() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), REPORT).unwrap();
    fs::write(
        dir.path().join("b.txt"),
        "Russia and Turkey signed an agreement on Friday.\n",
    )
    .unwrap();
    let out = dyad(&["code", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let docs = documents(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc"], "a");
    assert_eq!(docs[0]["headline"], "Iran and Syria hold talks");
    assert_eq!(docs[0]["dateline"], "TEHRAN");
    assert_eq!(docs[0]["sentences"], 2);
    assert_eq!(docs[1]["doc"], "b");
    assert!(
        stderr(&out).contains("2 documents read, 2 coded, 0 skipped"),
        "summary: {}",
        stderr(&out)
    );
}

#[test]
fn every_span_in_the_output_points_at_its_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), REPORT).unwrap();
    let out = dyad(&["code", "a.txt"], dir.path());
    for record in records(&out) {
        if let (Some(text), Some(span)) = (record["text"].as_str(), record["span"].as_array()) {
            let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
            assert_eq!(&REPORT[start..end], text, "record {record}");
        }
    }
}

#[test]
fn bad_documents_are_reported_and_skipped_and_the_rest_coded() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("1_good.txt"), REPORT).unwrap();
    fs::write(dir.path().join("2_empty.txt"), "").unwrap();
    fs::write(dir.path().join("3_binary.txt"), b"PK\x03\x04\x00\x00binary\x00data").unwrap();
    fs::write(
        dir.path().join("4_latin1.txt"),
        b"Caf\xe9 owners met the minister in Beirut.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("5_feed.jsonl"),
        "{\"id\":\"j1\",\"text\":\"Egypt condemned the attack.\"}\nnot json at all\n{\"id\":\"j3\"}\n{\"id\":\"j4\",\"text\":\"Jordan hosted the talks.\"}\n",
    )
    .unwrap();
    let out = dyad(&["code", ".", "missing.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1), "some documents were skipped");
    let ids: Vec<String> = documents(&out)
        .iter()
        .map(|d| d["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["1_good", "4_latin1", "j1", "j4"]);
    let err = stderr(&out);
    for needle in [
        "2_empty.txt",
        "3_binary.txt",
        "5_feed.jsonl:2",
        "5_feed.jsonl:3",
        "missing.txt",
    ] {
        assert!(
            err.lines().any(|l| l.contains(needle) && l.contains("skipped")),
            "no skip line for {needle} in:\n{err}"
        );
    }
    assert!(
        err.lines().any(|l| l.contains("4_latin1") && l.contains("UTF-8")),
        "no repair notice in:\n{err}"
    );
    assert!(err.contains("5 skipped"), "summary counts skips:\n{err}");
}

#[test]
fn reads_jsonl_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "-", "--date", "2024-05-02"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"s1\",\"text\":\"Qatar mediated the talks.\",\"outlet\":\"Al Jazeera\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let docs = documents(&out);
    assert_eq!(docs[0]["doc"], "s1");
    assert_eq!(docs[0]["outlet"], "Al Jazeera");
    assert_eq!(docs[0]["published"], "2024-05-02");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&["code", "--date", "yesterday", "x.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"));
}

#[test]
fn output_file_is_complete_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), REPORT).unwrap();
    let out = dyad(&["code", "a.txt", "--output", "out.jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert!(written.starts_with("{\"kind\":\"document\""));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
    // An output in a folder that does not exist is an error before anything is coded.
    let out = dyad(&["code", "a.txt", "--output", "no/such/dir/out.jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/dir/out.jsonl"));
}

#[test]
fn output_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/reports");
    let first = dyad(&["code", "."], &root);
    let second = dyad(&["code", "."], &root);
    assert_eq!(first.status.code(), Some(0), "stderr: {}", stderr(&first));
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn explain_prints_every_stage_of_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&["explain", "Iranian Foreign Minister Hossein Amir-Abdollahian met Syrian President Bashar al-Assad in Damascus on Monday.", "--date", "2023-05-02"], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    for section in ["## tokens", "## tree", "## mentions", "## predicates", "## records"] {
        assert!(text.contains(section), "no {section} in:\n{text}");
    }
    assert!(text.contains("meet"), "the lemma of `met` is shown:\n{text}");
    assert!(
        text.contains("SYRGOV") && text.contains("IRNGOV"),
        "both actors resolved:\n{text}"
    );
    let out = dyad(&["explain"], dir.path());
    assert_eq!(out.status.code(), Some(2), "nothing to explain is a usage error");
}

#[test]
fn ingest_bench_stores_everything_it_coded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = dyad(&["bench", "--ingest", "--copies", "1"], &root);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("reports: 5 "), "{text}");
    assert!(text.contains("store overhead:"), "{text}");
}
