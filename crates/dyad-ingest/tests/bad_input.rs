//! Bad input: each is reported as one line naming the file (and line), and what comes
//! after it is still read.

use dyad_ingest::{read_sources, ErrorKind, IngestError, ReadOptions};
use std::fs;
use std::path::{Path, PathBuf};

fn read(paths: &[PathBuf]) -> Vec<Result<dyad_core::Document, IngestError>> {
    read_sources(paths, &ReadOptions::default()).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn error_of(result: &Result<dyad_core::Document, IngestError>) -> &IngestError {
    result
        .as_ref()
        .err()
        .unwrap_or_else(|| panic!("expected an error, got {:?}", result.as_ref().map(|d| &d.id)))
}

#[test]
fn each_bad_file_is_one_error_line_and_the_next_file_still_comes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let empty = write(d, "a_empty.txt", b"");
    let blank = write(d, "b_blank.txt", b" \n\r\n\t \n");
    let binary = write(d, "c_binary.txt", b"PK\x03\x04\0\0\x14\0binary");
    let good = write(d, "d_good.txt", b"The minister met the envoy on Monday.");
    let missing = d.join("e_missing.txt");
    let unknown = write(d, "f_report.pdf", b"%PDF-1.4");
    let paths = [
        empty.clone(),
        blank.clone(),
        binary.clone(),
        good,
        missing.clone(),
        unknown.clone(),
    ];
    let got = read(&paths);
    assert_eq!(got.len(), 6);

    let cases: [(&PathBuf, &str, &str); 5] = [
        (&empty, "empty", "empty report (no text)"),
        (&blank, "empty", "empty report (no text)"),
        (&binary, "binary", "binary file (contains NUL bytes)"),
        (&missing, "unreadable", "cannot read: "),
        (&unknown, "unsupported-type", "unsupported file type \"pdf\""),
    ];
    let errors: Vec<&IngestError> = [0, 1, 2, 4, 5].iter().map(|&i| error_of(&got[i])).collect();
    for (e, (path, reason, message)) in errors.iter().zip(cases) {
        assert_eq!(&e.path, path);
        assert_eq!(e.line, None);
        assert_eq!(e.kind.reason(), reason);
        let line = e.to_string();
        assert!(line.starts_with(&format!("{}: {message}", path.display())), "{line}");
        assert!(!line.contains('\n'), "one line: {line}");
    }
    assert_eq!(got[3].as_ref().unwrap().id, "d_good");
}

#[test]
fn html_without_article_text_is_empty_and_html_is_found_in_folders() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.HTML",
        b"<html><head><script>var a;</script></head><body><nav>Home</nav></body></html>",
    );
    write(
        dir.path(),
        "b.htm",
        b"<html><body><p>LONDON (Reuters) - Talks began.</p></body></html>",
    );
    let got = read(&[dir.path().to_path_buf()]);
    assert_eq!(got.len(), 2);
    assert_eq!(error_of(&got[0]).kind, ErrorKind::Empty);
    let doc = got[1].as_ref().unwrap();
    assert!(doc.from_html);
    assert_eq!(doc.outlet.as_deref(), Some("Reuters"));
}

#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "locked.txt", b"Some text.");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("NOTICE: skipped permission case: running as a user that can read mode-000 files (root)");
        return;
    }
    let got = read(std::slice::from_ref(&path));
    assert!(matches!(error_of(&got[0]).kind, ErrorKind::Unreadable(_)));
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "latin1.txt", b"Caf\xe9 talks in M\xfcnchen ended.");
    let got = read(&[path]);
    let doc = got[0].as_ref().unwrap();
    assert_eq!(doc.text, "Caf\u{FFFD} talks in M\u{FFFD}nchen ended.");
    assert_eq!(
        doc.warnings,
        vec!["invalid UTF-8 repaired (2 bytes replaced)".to_string()]
    );
}

#[test]
fn bom_and_crlf_keep_offsets_into_the_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bom.txt",
        "\u{feff}Iran and Syria sign accord\r\n\r\nDAMASCUS — The deal was signed.\r\n".as_bytes(),
    );
    let got = read(&[path]);
    let doc = got[0].as_ref().unwrap();
    assert!(!doc.text.starts_with('\u{feff}'), "the BOM is not part of the text");
    let h = doc.headline_span.unwrap();
    assert_eq!(&doc.text[h.start..h.end], "Iran and Syria sign accord");
    let d = doc.dateline_span.unwrap();
    assert_eq!(&doc.text[d.start..d.end], "DAMASCUS — ");
}

#[test]
fn fifty_megabyte_single_line_is_read_and_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "The minister met the envoy and both sides stressed the need for dialogue. ";
    let mut text = sentence.repeat(50_000_000 / sentence.len());
    text.push_str("© 2024 Example Agency. All rights reserved.");
    let path = write(dir.path(), "huge.txt", text.as_bytes());
    let got = read(&[path]);
    let doc = got[0].as_ref().unwrap();
    assert!(doc.text.len() > 50_000_000 - sentence.len());
    assert_eq!(doc.headline, None);
    assert_eq!(doc.dateline, None);
    assert_eq!(doc.dropped.len(), 1);
    let s = doc.dropped[0].span;
    assert_eq!(&doc.text[s.start..s.end], "© 2024 Example Agency. All rights reserved.");
    assert_eq!(doc.outlet.as_deref(), Some("Example Agency"));
}

#[test]
fn jsonl_bad_lines_name_file_and_line_and_good_lines_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"one\",\"text\":\"First report.\"}\n");
    input.extend_from_slice(b"this is not json\n");
    input.extend_from_slice(b"\n   \n");
    input.extend_from_slice(b"{\"id\":\"two\",\"title\":\"no text here\"}\n");
    input.extend_from_slice(b"{\"id\":\"three\",\"text\":[\"a\"]}\n");
    input.extend_from_slice(b"{\"text\":\"Caf\xe9 report.\",\"published\":\"2024-02-30\"}\n");
    input.extend_from_slice(b"{\"id\":\"five\",\"text\":\"Last report.\"}");
    let path = write(dir.path(), "feed.jsonl", &input);
    let got = read(std::slice::from_ref(&path));
    assert_eq!(got.len(), 6);
    assert_eq!(got[0].as_ref().unwrap().id, "one");
    let p = path.display();
    assert!(error_of(&got[1]).to_string().starts_with(&format!("{p}:2: not JSON: ")));
    assert_eq!(error_of(&got[2]).to_string(), format!("{p}:5: lacks a \"text\" field"));
    assert_eq!(
        error_of(&got[3]).to_string(),
        format!("{p}:6: \"text\" is not a string")
    );
    let four = got[4].as_ref().unwrap();
    assert_eq!(four.id, "feed:7");
    assert_eq!(four.text, "Caf\u{FFFD} report.");
    assert_eq!(four.published, None);
    assert_eq!(four.warnings.len(), 2, "{:?}", four.warnings);
    assert_eq!(got[5].as_ref().unwrap().id, "five");
}

#[test]
fn default_date_applies_only_where_none_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "feed.jsonl",
        b"{\"id\":\"a\",\"text\":\"A.\"}\n{\"id\":\"b\",\"text\":\"B.\",\"published\":\"2020-01-02\"}\n",
    );
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 1);
    let options = ReadOptions { default_date: day };
    let docs: Vec<_> = read_sources(&[path], &options).map(Result::unwrap).collect();
    assert_eq!(docs[0].published, day);
    assert_eq!(docs[1].published, chrono::NaiveDate::from_ymd_opt(2020, 1, 2));
}
