//! End-to-end tests of `dyad actors PATH…`: the entities of a run with their mentions, the
//! curator's `--unknown` list, and one entity for the spellings of one person across documents.

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

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("output is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn rows(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is JSON"))
        .collect()
}

#[test]
fn lists_the_entities_of_the_seed_reports_with_how_each_mention_was_resolved() {
    let shared = dyad_testkit::require_shared!("corpus/seeds");
    let seeds = shared.to_string_lossy().into_owned();
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&["actors", &seeds, "--format", "jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let rows = rows(&out);
    let mekdad = rows
        .iter()
        .find(|r| r["entity"] == "Faisal Mekdad")
        .expect("Faisal Mekdad is listed");
    assert_eq!(mekdad["code"], "SYRGOV");
    assert_eq!(mekdad["known"], true);
    // One entity across the reports, whatever the spelling ("Mekdad", "Mikdad").
    assert!(mekdad["documents"].as_array().unwrap().len() >= 4, "{mekdad}");
    let texts: Vec<&str> = mekdad["mention_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Mekdad") && texts.contains(&"Mikdad"), "{texts:?}");
    let hows: Vec<&str> = mekdad["mention_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["how"].as_str().unwrap())
        .collect();
    for how in ["dictionary", "alias", "coreference", "pronoun"] {
        assert!(hows.contains(&how), "no {how} mention of Mekdad: {hows:?}");
    }
    // Most mentioned first.
    let counts: Vec<u64> = rows.iter().map(|r| r["mentions"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    // The table says the same in words.
    let out = dyad(&["actors", &seeds, "--limit", "0"], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("Faisal Mekdad  SYRGOV  person, knowledge base")),
        "{table}"
    );

    // --unknown leaves out everyone the knowledge base holds.
    let out = dyad(&["actors", &seeds, "--unknown", "--format", "jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(rows_known(&out).iter().all(|known| !known));
}

fn rows_known(out: &Output) -> Vec<bool> {
    rows(out).iter().map(|r| r["known"].as_bool().unwrap()).collect()
}

#[test]
fn one_unknown_minister_spelled_two_ways_in_two_reports_is_one_entity() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "Libya signs oil deal\n\nLibyan Oil Minister Hassan Karimi said on Monday that exports would rise. Karimi met Italian officials in Rome.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.txt"),
        "Oil output rises\n\nLibyan Oil Minister Hasan Kareemi told reporters in Tripoli that output had doubled. Kareemi said more fields would reopen.\n",
    )
    .unwrap();
    // The same name as a Tunisian minister is another person.
    fs::write(
        dir.path().join("c.txt"),
        "Tunisian Oil Minister Hassan Karimi visited Algiers on Tuesday.\n",
    )
    .unwrap();
    let out = dyad(&["actors", ".", "--unknown", "--format", "jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let rows = rows(&out);
    let libyan = rows
        .iter()
        .find(|r| r["code"] == "LBYGOV")
        .unwrap_or_else(|| panic!("no Libyan minister in {rows:?}"));
    assert_eq!(libyan["names"], serde_json::json!(["Hassan Karimi", "Hasan Kareemi"]));
    assert_eq!(libyan["documents"], serde_json::json!(["a", "b"]));
    assert_eq!(libyan["merged"], true);
    assert_eq!(libyan["mentions"], 4, "{libyan}");
    // The evidence names the role and the country that gave the code.
    let evidence = libyan["evidence"].as_array().unwrap();
    assert!(
        evidence.iter().any(|e| e.as_str().unwrap().contains("minister + LBY")),
        "{evidence:?}"
    );
    let tunisian = rows
        .iter()
        .find(|r| r["code"] == "TUNGOV")
        .expect("the Tunisian minister is listed");
    assert_eq!(tunisian["merged"], false);
    assert_eq!(tunisian["documents"], serde_json::json!(["c"]));

    let out = dyad(&["actors", ".", "--unknown"], dir.path());
    let table = stdout(&out);
    assert!(
        table.contains("merged across documents: Hassan Karimi = Hasan Kareemi"),
        "{table}"
    );
}

#[test]
fn unknown_needs_paths_and_bad_paths_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&["actors", "--unknown"], dir.path());
    assert_eq!(out.status.code(), Some(2), "usage error: {}", stderr(&out));
    fs::write(
        dir.path().join("a.txt"),
        "Libyan Oil Minister Hassan Karimi said on Monday that exports would rise.\n",
    )
    .unwrap();
    let out = dyad(&["actors", "a.txt", "missing.txt", "--unknown"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
    assert!(stdout(&out).contains("Hassan Karimi"));
}

#[test]
fn a_persons_role_is_the_one_held_on_each_reports_date() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("feed.jsonl"),
        "{\"id\":\"old\",\"published\":\"2017-05-01\",\"text\":\"Faisal Mekdad met the Iraqi ambassador in Damascus.\"}\n\
         {\"id\":\"new\",\"published\":\"2021-05-01\",\"text\":\"Faisal Mekdad met the Iraqi ambassador in Damascus.\"}\n",
    )
    .unwrap();
    let out = dyad(
        &["actors", "feed.jsonl", "--format", "jsonl", "--name", "Mekdad"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let rows = rows(&out);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let mentions = rows[0]["mention_list"].as_array().unwrap();
    let rule = |doc: &str| {
        mentions.iter().find(|m| m["doc"] == doc).unwrap()["rule"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(rule("old").ends_with("(deputy foreign minister)"), "{}", rule("old"));
    assert!(
        rule("new").ends_with("(foreign minister)") && !rule("new").contains("deputy"),
        "{}",
        rule("new")
    );
    assert!(mentions.iter().all(|m| m["code"] == "SYRGOV"));
    assert_eq!(
        mentions.iter().find(|m| m["doc"] == "old").unwrap()["date"],
        "2017-05-01"
    );
}
