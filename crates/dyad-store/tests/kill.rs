//! `kill -9` in the middle of an ingest: the test binary re-runs itself as a child that
//! ingests forever (new reports, then corrected versions of them), the parent kills it with
//! SIGKILL at an arbitrary moment, and the database must be consistent, hold whole batches
//! only, and, after the ingest is run again, equal a database built in one go.

mod common;

use common::{coded, event, TempDir};
use dyad_core::record::Record;
use dyad_core::Document;
use dyad_store::{EventFilter, Store};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "DYAD_STORE_KILL_CHILD_DB";
const DOCS: usize = 600;
const BATCH: usize = 50;

fn corpus(version: usize) -> Vec<(Document, Vec<Record>)> {
    let countries = ["IRN", "TUR", "RUS", "USA", "IRQ", "LBN"];
    (0..DOCS)
        .map(|n| {
            let id = format!("doc{n:04}");
            let day = format!("2023-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
            let events = (0..3)
                .map(|k| {
                    let target = format!("{}GOV", countries[(n + k) % countries.len()]);
                    let cameo = ["040", "051", "1056"][(n + k + version) % 3];
                    event(&id, k, "SYRGOV", Some(&target), cameo, Some(&day), None)
                })
                .collect();
            let (mut doc, records) = coded(&id, Some(["SANA", "MNA", "ABNA"][n % 3]), Some(&day), events);
            doc.text.push_str(&format!(" v{version}"));
            (doc, records)
        })
        .collect()
}

/// Ingests `docs` in batches, skipping what is stored (how `dyad ingest` resumes).
fn ingest_all(store: &mut Store, docs: &[(Document, Vec<Record>)]) {
    for batch in docs.chunks(BATCH) {
        let todo: Vec<_> = batch.iter().filter(|(d, _)| !store.contains(d).unwrap()).collect();
        store.ingest_batch(todo.iter().map(|(d, r)| (d, r.as_slice()))).unwrap();
    }
}

fn happenings(store: &Store) -> Vec<(String, u64, u64, Vec<String>)> {
    let mut all: Vec<_> = store
        .happenings(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|h| (h.id, h.reports, h.events, h.outlets))
        .collect();
    all.sort();
    all
}

#[test]
fn kill_nine_mid_ingest_leaves_a_consistent_database_that_resumes() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        // The child: ingest version after version until killed.
        let mut store = Store::open(path.as_ref()).unwrap();
        for version in 0.. {
            ingest_all(&mut store, &corpus(version));
        }
        return;
    }
    let dir = TempDir::new("kill");
    let db = dir.db();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "kill_nine_mid_ingest_leaves_a_consistent_database_that_resumes",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &db)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill at an arbitrary point of the next.
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let documents = Store::open_read_only(&db)
            .ok()
            .and_then(|s| s.counts().ok())
            .map_or(0, |c| c.documents);
        if documents >= 3 * BATCH as u64 {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "the child ingest ended early");
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the child ingest made no progress"
        );
    }
    std::thread::sleep(Duration::from_millis(7));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.check_integrity().unwrap(), Vec::<String>::new());
    let counts = store.counts().unwrap();
    assert_eq!(
        counts.documents % BATCH as u64,
        0,
        "only whole batches are committed: {counts:?}"
    );
    assert_eq!(counts.events, counts.documents * 3);

    // Run the ingest again: it continues, and the result equals a database built in one go.
    let docs = corpus(0);
    ingest_all(&mut store, &docs);
    let fresh_dir = TempDir::new("kill-fresh");
    let mut fresh = Store::open(&fresh_dir.db()).unwrap();
    ingest_all(&mut fresh, &docs);
    assert_eq!(store.counts().unwrap(), fresh.counts().unwrap());
    assert_eq!(happenings(&store), happenings(&fresh));
    assert!(store.check_integrity().unwrap().is_empty());
}
