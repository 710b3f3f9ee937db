//! Sources are streamed: documents are read when asked for, never collected first.

use dyad_ingest::{read_sources, ReadOptions, Sources};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[test]
fn a_folder_of_thousands_is_read_lazily_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut names = Vec::new();
    for sub in ["b", "a", "c"] {
        fs::create_dir(root.join(sub)).unwrap();
        for i in 0..1000 {
            let name = format!("{sub}/{i:04}.txt");
            fs::write(root.join(&name), format!("Report {i} from folder {sub}.")).unwrap();
            names.push(name);
        }
    }
    fs::write(root.join("a/notes.md"), "not a report").unwrap();
    fs::write(root.join("a/.hidden.txt"), "hidden").unwrap();
    names.sort();

    let mut sources = read_sources(&[root.to_path_buf()], &ReadOptions::default());
    let first = sources.next().unwrap().unwrap();
    assert_eq!(first.text, "Report 0 from folder a.");

    // Change and remove files after the stream has started: a stream that read ahead would
    // see none of it. Folder `a` is already listed (its entries are sorted), so a file removed
    // there is reported as unreadable; folder `b` is listed only when the walk gets there.
    fs::write(root.join("c/0999.txt"), "Changed after the stream started.").unwrap();
    fs::remove_file(root.join("a/0500.txt")).unwrap();
    fs::remove_file(root.join("b/0001.txt")).unwrap();

    let rest: Vec<_> = sources.by_ref().collect();
    assert_eq!(rest.len(), 2998);
    let errors: Vec<usize> = (0..rest.len()).filter(|&i| rest[i].is_err()).collect();
    assert_eq!(errors, vec![499]);
    assert!(rest[499].as_ref().unwrap_err().path.ends_with("a/0500.txt"));
    assert_eq!(
        rest.last().unwrap().as_ref().unwrap().text,
        "Changed after the stream started."
    );
    let ids: Vec<String> = std::iter::once(first.id)
        .chain(rest.iter().flatten().map(|d| d.id.clone()))
        .collect();
    assert_eq!(ids.len(), 2998);
    let texts: Vec<String> = rest.iter().flatten().map(|d| d.text.clone()).collect();
    assert_eq!(
        texts[998],
        "Report 0 from folder b.",
        "sorted: a/*, then b/* ({} files)",
        names.len()
    );
    assert_eq!(
        sources.skipped_files(),
        2,
        "notes.md and .hidden.txt are skipped and counted"
    );
}

/// Counts the bytes a reader has handed out.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicUsize>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n, Ordering::SeqCst);
        Ok(n)
    }
}

#[test]
fn jsonl_is_read_a_line_at_a_time() {
    let mut input = String::new();
    for i in 0..20_000 {
        input.push_str(&format!(
            "{{\"id\":\"r{i}\",\"text\":\"Report number {i} says the talks went well.\"}}\n"
        ));
    }
    let total = input.len();
    let read = Arc::new(AtomicUsize::new(0));
    let reader = BufReader::new(Counting {
        inner: std::io::Cursor::new(input.into_bytes()),
        read: read.clone(),
    });
    let reader: Box<dyn BufRead + Send> = Box::new(reader);
    let mut sources = Sources::from_jsonl_reader(reader, "feed.jsonl", &ReadOptions::default());
    assert_eq!(sources.next().unwrap().unwrap().id, "r0");
    assert!(
        read.load(Ordering::SeqCst) < total / 10,
        "read {} of {total} bytes for one report",
        read.load(Ordering::SeqCst)
    );
    assert_eq!(sources.count(), 19_999);
}
