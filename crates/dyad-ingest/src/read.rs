//! Sources: files, folders and standard input, streamed as documents.
//!
//! `read_sources` returns an iterator that holds at most one open file (or one folder walk
//! plus one JSONL file) at a time and reads each report only when it is asked for, so a
//! folder of 100,000 reports or a JSONL file of a million lines is coded in bounded memory.
//! Folders are walked recursively in file-name order (the only thing held per folder is the
//! sorted list of its entries' names), so runs are deterministic. In folders, only `.txt`,
//! `.html`, `.htm` and `.jsonl` files are read; other files and hidden entries (names
//! starting with `.`) are skipped and counted ([`Sources::skipped_files`]). A file named
//! explicitly with another extension is an error.

use crate::decode::decode_report;
use crate::error::{ErrorKind, IngestError};
use crate::jsonl::JsonlReader;
use crate::{clean, html};
use chrono::NaiveDate;
use dyad_core::Document;
use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// How sources are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The publication date to assume for documents that carry none (`dyad code --date`).
    /// Event dates like "on Tuesday" are resolved against it.
    pub default_date: Option<NaiveDate>,
}

/// The path that names standard input.
pub const STDIN: &str = "-";

/// Documents from files, folders and `-` (JSONL on standard input), in order. An empty
/// `paths` yields nothing: the CLI passes `-` (or calls [`read_stdin`]) when given no path.
///
/// ```no_run
/// use dyad_ingest::{read_sources, ReadOptions};
/// for result in read_sources(&["reports/".into()], &ReadOptions::default()) {
///     match result {
///         Ok(doc) => println!("{}: {} bytes", doc.id, doc.text.len()),
///         Err(e) => eprintln!("{e}"), // `reports/x.txt: binary file (contains NUL bytes)`
///     }
/// }
/// ```
pub fn read_sources(paths: &[PathBuf], options: &ReadOptions) -> Sources {
    Sources {
        pending: paths.iter().cloned().collect(),
        options: options.clone(),
        walk: None,
        jsonl: None,
        skipped_files: 0,
    }
}

/// JSONL reports from standard input (what `dyad code` does with `-` or no path).
pub fn read_stdin(options: &ReadOptions) -> Sources {
    read_sources(&[PathBuf::from(STDIN)], options)
}

/// Reads and cleans one `.txt`, `.html` or `.htm` file.
pub fn read_document(path: &Path, options: &ReadOptions) -> Result<Document, IngestError> {
    let err = |kind| IngestError::new(path, None, kind);
    let kind = FileKind::of(path).ok_or_else(|| err(ErrorKind::UnsupportedExtension(extension(path))))?;
    if kind == FileKind::Jsonl {
        return Err(err(ErrorKind::UnsupportedExtension(extension(path))));
    }
    let bytes = std::fs::read(path).map_err(|e| err(ErrorKind::Unreadable(e.to_string())))?;
    let decoded = decode_report(bytes).map_err(err)?;
    let id = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let mut doc = if kind == FileKind::Html {
        let doc = html_document(id, &decoded.text);
        if doc.text.trim().is_empty() {
            return Err(err(ErrorKind::Empty));
        }
        doc
    } else {
        Document {
            id,
            text: decoded.text,
            ..Document::default()
        }
    };
    doc.published = doc.published.or(options.default_date);
    doc.warnings = decoded.warnings;
    clean(&mut doc);
    Ok(doc)
}

/// A cleaned document from text already in memory (tests, the server, other front ends).
pub fn document_from_text(id: &str, text: &str) -> Document {
    let mut doc = Document {
        id: id.to_string(),
        text: text.to_string(),
        ..Document::default()
    };
    clean(&mut doc);
    doc
}

/// A cleaned document from an HTML page already in memory; `text` is the extracted article.
pub fn document_from_html(id: &str, page: &str) -> Document {
    let mut doc = html_document(id.to_string(), page);
    clean(&mut doc);
    doc
}

/// The article of a page and its metadata, not yet cleaned.
fn html_document(id: String, page: &str) -> Document {
    let article = html::extract(page);
    Document {
        id,
        text: article.text,
        outlet: article.outlet,
        url: article.url,
        published: article.published,
        headline: article.title,
        from_html: true,
        ..Document::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Text,
    Html,
    Jsonl,
}

impl FileKind {
    fn of(path: &Path) -> Option<FileKind> {
        match extension(path).to_ascii_lowercase().as_str() {
            "txt" => Some(FileKind::Text),
            "html" | "htm" => Some(FileKind::Html),
            "jsonl" => Some(FileKind::Jsonl),
            _ => None,
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map_or_else(String::new, |e| e.to_string_lossy().into_owned())
}

/// The stream of documents; see [`read_sources`].
pub struct Sources {
    pending: VecDeque<PathBuf>,
    options: ReadOptions,
    walk: Option<walkdir::IntoIter>,
    jsonl: Option<JsonlReader>,
    skipped_files: usize,
}

impl Sources {
    /// JSONL reports from any reader (a decompressed stream, a socket); `name` is what error
    /// messages call it and where ids without an `id` field come from.
    pub fn from_jsonl_reader(
        reader: impl std::io::BufRead + Send + 'static,
        name: impl Into<PathBuf>,
        options: &ReadOptions,
    ) -> Sources {
        let mut sources = read_sources(&[], options);
        sources.jsonl = Some(JsonlReader::new(Box::new(reader), name.into()));
        sources
    }

    /// Files in folders that were not read: other extensions and hidden entries.
    pub fn skipped_files(&self) -> usize {
        self.skipped_files
    }

    /// Opens the explicit path `path`: a folder starts a walk, a JSONL file a line reader, a
    /// text or HTML file is read at once.
    fn open(&mut self, path: PathBuf) -> Option<Result<Document, IngestError>> {
        if path.as_os_str() == STDIN {
            let stdin = BufReader::new(std::io::stdin());
            self.jsonl = Some(JsonlReader::new(Box::new(stdin), PathBuf::from("<stdin>")));
            return None;
        }
        match std::fs::metadata(&path) {
            Err(e) => Some(Err(IngestError::new(&path, None, ErrorKind::Unreadable(e.to_string())))),
            Ok(meta) if meta.is_dir() => {
                // Hidden entries are skipped (and counted) in `next`.
                self.walk = Some(
                    walkdir::WalkDir::new(&path)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter(),
                );
                None
            }
            Ok(_) => self.open_file(path, true),
        }
    }

    fn open_file(&mut self, path: PathBuf, explicit: bool) -> Option<Result<Document, IngestError>> {
        match FileKind::of(&path) {
            Some(FileKind::Jsonl) => match File::open(&path) {
                Ok(file) => {
                    self.jsonl = Some(JsonlReader::new(Box::new(BufReader::new(file)), path));
                    None
                }
                Err(e) => Some(Err(IngestError::new(&path, None, ErrorKind::Unreadable(e.to_string())))),
            },
            Some(_) => Some(read_document(&path, &self.options)),
            None if explicit => Some(Err(IngestError::new(
                &path,
                None,
                ErrorKind::UnsupportedExtension(extension(&path)),
            ))),
            None => {
                self.skipped_files += 1;
                None
            }
        }
    }
}

impl Iterator for Sources {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(jsonl) = &mut self.jsonl {
                match jsonl.next_document(&self.options) {
                    Some(result) => return Some(result),
                    None => self.jsonl = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    None => self.walk = None,
                    Some(Err(e)) => {
                        let path = e.path().map_or_else(PathBuf::new, Path::to_path_buf);
                        let message = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
                        return Some(Err(IngestError::new(path, None, ErrorKind::Unreadable(message))));
                    }
                    Some(Ok(entry)) => {
                        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
                        if hidden {
                            self.skipped_files += 1;
                            if entry.file_type().is_dir() {
                                walk.skip_current_dir();
                            }
                        } else if !entry.file_type().is_dir() {
                            if let Some(result) = self.open_file(entry.into_path(), false) {
                                return Some(result);
                            }
                        }
                    }
                }
                continue;
            }
            let path = self.pending.pop_front()?;
            if let Some(result) = self.open(path) {
                return Some(result);
            }
        }
    }
}
