//! The run summary on standard error and the progress bar, shared by `code` and `ingest`.

use dyad_core::record::Record;
use dyad_core::Document;
use dyad_pipeline::CodedDocument;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// Counts for the closing summary: nothing dropped goes uncounted.
#[derive(Debug, Default)]
pub struct RunSummary {
    pub read: usize,
    pub coded: usize,
    pub skipped_by_reason: BTreeMap<String, usize>,
    pub repaired: usize,
    pub sentences: usize,
    pub tokens: usize,
    pub mentions: usize,
    pub events: usize,
    pub quotes: usize,
    pub dropped_by_reason: BTreeMap<&'static str, usize>,
    pub elapsed: Duration,
}

impl RunSummary {
    pub fn skip(&mut self, reason: &str) {
        *self.skipped_by_reason.entry(reason.to_string()).or_default() += 1;
    }

    pub fn skipped(&self) -> usize {
        self.skipped_by_reason.values().sum()
    }

    pub fn add(&mut self, doc: &Document, coded: &CodedDocument) {
        self.coded += 1;
        self.repaired += usize::from(!doc.warnings.is_empty());
        self.sentences += coded.sentences;
        self.tokens += coded.tokens;
        for dropped in &doc.dropped {
            *self.dropped_by_reason.entry(dropped.reason.as_str()).or_default() += 1;
        }
        for record in &coded.records {
            match record {
                Record::Document(_) => {}
                Record::Mention(_) => self.mentions += 1,
                Record::Event(_) => self.events += 1,
                Record::Quote(_) => self.quotes += 1,
            }
        }
    }
}

fn by_reason<K: fmt::Display>(counts: &BTreeMap<K, usize>) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    format!(" ({})", parts.join(", "))
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.elapsed.as_secs_f64();
        writeln!(
            f,
            "dyad: {} documents read, {} coded, {} skipped{}",
            self.read,
            self.coded,
            self.skipped(),
            by_reason(&self.skipped_by_reason)
        )?;
        if self.repaired > 0 {
            writeln!(f, "dyad: {} documents repaired (invalid UTF-8)", self.repaired)?;
        }
        let dropped: usize = self.dropped_by_reason.values().sum();
        writeln!(
            f,
            "dyad: {} sentences, {} tokens; {} spans dropped{}",
            self.sentences,
            self.tokens,
            dropped,
            by_reason(&self.dropped_by_reason)
        )?;
        writeln!(
            f,
            "dyad: {} mentions, {} events, {} quotes",
            self.mentions, self.events, self.quotes
        )?;
        let rate = if seconds > 0.0 {
            self.sentences as f64 / seconds
        } else {
            0.0
        };
        writeln!(f, "dyad: {seconds:.2} s elapsed ({rate:.0} sentences/s)")
    }
}

/// A progress spinner on a terminal; hidden when standard error is not one, or when quiet.
pub fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents coded ({per_sec}) {elapsed}").expect("valid template"),
    );
    bar
}
