//! The store commands end to end through the built `dyad` binary: `kill -9` in the middle of
//! `dyad ingest` leaves a consistent database that the next run completes; ingesting the
//! seeds twice gives the same database; bad query arguments are one-line errors (exit 2).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(args: &[&str]) -> Output {
    dyad().args(args).output().expect("dyad runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-cli-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Short reports in the shape of wire copy, each with a date, an outlet and a meeting.
fn write_reports(dir: &Path, count: usize) {
    let people = [
        (
            "Syrian Foreign Minister Faisal Mekdad",
            "Iranian Foreign Minister Hossein Amir-Abdollahian",
        ),
        ("Syrian President Bashar al-Assad", "Iranian President Ebrahim Raisi"),
        (
            "Russian Foreign Minister Sergei Lavrov",
            "Turkish Foreign Minister Mevlut Cavusoglu",
        ),
    ];
    let lines: Vec<String> = (0..count)
        .map(|n| {
            let (a, b) = people[n % people.len()];
            let text = format!(
                "{a} met with {b} in Tehran on Tuesday to discuss regional developments. \
                 The two sides stressed the need to expand bilateral cooperation (report {n})."
            );
            serde_json::json!({"id": format!("r{n:05}"), "text": text, "published": format!("2023-{:02}-{:02}", 1 + n % 12, 1 + n % 28), "outlet": (["SANA", "IRNA", "TASS"][n % 3])}).to_string()
        })
        .collect();
    std::fs::write(dir.join("reports.jsonl"), lines.join("\n") + "\n").unwrap();
}

#[test]
fn kill_nine_mid_ingest_then_resume_equals_a_clean_ingest() {
    let dir = temp_dir("kill");
    write_reports(&dir, 2000);
    let input = dir.join("reports.jsonl");
    let db = dir.join("killed.db");
    let (input_s, db_s) = (input.to_str().unwrap(), db.to_str().unwrap());
    let mut child = dyad()
        .args(["ingest", input_s, "--db", db_s, "--batch", "25", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once a few batches are committed, i.e. in the middle of the run.
    let started = Instant::now();
    let mut killed = false;
    loop {
        std::thread::sleep(Duration::from_millis(1));
        if child.try_wait().unwrap().is_some() {
            break; // finished before we could kill it: the resume check still holds
        }
        let stored = dyad_store::Store::open_read_only(&db)
            .and_then(|s| s.counts())
            .map_or(0, |c| c.documents);
        if stored >= 100 {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            killed = true;
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "ingest made no progress");
    }
    if !killed {
        eprintln!("NOTICE: the ingest finished before it could be killed; only the resume was checked");
    }
    let resumed = run(&["ingest", input_s, "--db", db_s]);
    eprintln!(
        "killed: {killed}; resume: {}",
        String::from_utf8_lossy(&resumed.stderr).trim()
    );
    if killed {
        let text = String::from_utf8_lossy(&resumed.stderr).into_owned();
        assert!(
            !text.contains(" 0 unchanged"),
            "the resumed run must skip what the killed run stored: {text}"
        );
    }
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    let clean_db = dir.join("clean.db");
    let clean = run(&["ingest", input_s, "--db", clean_db.to_str().unwrap()]);
    assert!(clean.status.success(), "{}", String::from_utf8_lossy(&clean.stderr));
    // "dyad: FILE now holds N documents, …" must agree but for the file name.
    let holdings = |output: &Output| {
        let text = String::from_utf8_lossy(&output.stderr).into_owned();
        text.lines()
            .last()
            .unwrap_or_default()
            .split_once(" now holds ")
            .map(|(_, rest)| rest.to_string())
    };
    assert_eq!(holdings(&resumed), holdings(&clean));
    assert!(
        holdings(&clean).is_some_and(|h| h.starts_with("2000 documents")),
        "{:?}",
        holdings(&clean)
    );
    for format in ["plover", "gdelt"] {
        let a = run(&["export", "--format", format, "--unit", "events", "--db", db_s]);
        let b = run(&[
            "export",
            "--format",
            format,
            "--unit",
            "events",
            "--db",
            clean_db.to_str().unwrap(),
        ]);
        assert!(a.status.success() && b.status.success());
        assert_eq!(stdout(&a), stdout(&b), "{format} export differs after kill + resume");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn seeds_ingested_twice_give_the_same_database_and_queries_answer() {
    let seeds = dyad_testkit::require_shared!("corpus/seeds");
    let dir = temp_dir("seeds");
    let db = dir.join("seeds.db");
    let (seeds_s, db_s) = (seeds.to_str().unwrap(), db.to_str().unwrap());
    let first = run(&["ingest", seeds_s, "--db", db_s]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let export = |format: &str| stdout(&run(&["export", "--format", format, "--unit", "events", "--db", db_s]));
    let before = (export("plover"), export("csv"));
    let second = run(&["ingest", seeds_s, "--db", db_s]);
    assert!(second.status.success());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("5 unchanged"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!((export("plover"), export("csv")), before);

    let events = run(&["events", "--db", db_s]);
    assert!(events.status.success());
    let table = stdout(&events);
    assert!(table.starts_with("DAY"), "{table}");
    assert!(table.lines().all(|l| l.chars().count() <= 120), "{table}");
    for format in ["jsonl", "csv"] {
        assert!(run(&["events", "--db", db_s, "--format", format]).status.success());
    }
    // The Velayati–Mekdad meetings of seeds 000 and 004 are years apart: never one happening.
    let velayati = stdout(&run(&[
        "events", "--db", db_s, "--actor", "Velayati", "--type", "CONSULT", "--format", "jsonl",
    ]));
    for line in velayati.lines() {
        let h: serde_json::Value = serde_json::from_str(line).unwrap();
        let days = (h["first_day"].as_str(), h["last_day"].as_str());
        if let (Some(first), Some(last)) = days {
            assert_eq!(first[..4], last[..4], "one happening spans years: {h}");
        }
    }
    for args in [
        &["actors"][..],
        &["quotes", "--speaker", "Mekdad"],
        &["dyads", "--period", "month"],
    ] {
        let mut all = args.to_vec();
        all.extend(["--db", db_s]);
        let output = run(&all);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_dates_and_unknown_codes_are_one_line_errors_with_exit_2() {
    let dir = temp_dir("errors");
    let db = dir.join("empty.db");
    std::fs::write(
        dir.join("one.jsonl"),
        r#"{"id":"a","text":"Syria and Iran met on Monday.","published":"2023-05-01"}"#,
    )
    .unwrap();
    assert!(run(&[
        "ingest",
        dir.join("one.jsonl").to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--quiet"
    ])
    .status
    .success());
    for args in [
        vec!["events", "--since", "2023-13-01"],
        vec!["events", "--until", "yesterday"],
        vec!["events", "--type", "CONSLUT"],
        vec!["events", "--type", "99"],
        vec!["dyads", "--type", "FOO"],
        vec!["export", "--format", "csv", "--since", "01/02/2023"],
    ] {
        let mut all = args.clone();
        all.extend(["--db", db.to_str().unwrap()]);
        let output = run(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    }
    let missing = run(&["events", "--db", dir.join("nothing.db").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
