//! `dyad code`: reports in, FORMAT.md records out.
//!
//! Documents stream from the readers in batches; each batch is coded in parallel and written
//! in input order, so the output is byte-for-byte the same whatever the thread count, and
//! memory stays bounded however many reports a folder holds. With `--output FILE` the records
//! go to a temporary file beside FILE that is renamed into place only when the run finishes:
//! an interrupted run never leaves a half-written FILE behind.

use crate::summary::RunSummary;
use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use dyad_ingest::{read_sources, ReadOptions};
use dyad_pipeline::Pipeline;
use rayon::prelude::*;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// How many documents are read ahead and coded in parallel.
const BATCH: usize = 64;

#[derive(Args)]
pub struct CodeArgs {
    /// Files or folders of reports (.txt, .html/.htm, .jsonl); `-` or nothing reads JSONL
    /// from standard input.
    pub paths: Vec<PathBuf>,
    /// Publication date to assume for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Write the records to FILE instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub engine: crate::engine::EngineArgs,
    /// No progress bar and no closing summary.
    #[arg(long, short)]
    pub quiet: bool,
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

pub fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let pipeline = Pipeline::new(args.engine.pipeline_config(args.date)?).context("cannot build the pipeline")?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let options = ReadOptions {
        default_date: args.date,
    };

    let output = crate::output::AtomicOutput::create(args.output.as_deref())?;
    let mut writer = BufWriter::with_capacity(1 << 16, output);
    let mut summary = RunSummary::default();
    let progress = crate::summary::progress_bar(args.quiet);

    let mut sources = read_sources(&paths, &options).peekable();
    let mut batch = Vec::with_capacity(BATCH);
    while sources.peek().is_some() {
        batch.clear();
        for item in sources.by_ref().take(BATCH) {
            summary.read += 1;
            match item {
                Ok(doc) => batch.push(doc),
                Err(error) => {
                    progress.suspend(|| eprintln!("dyad: skipped {error}"));
                    summary.skip(error.kind.reason());
                }
            }
        }
        let coded: Vec<_> = batch.par_iter().map(|doc| pipeline.code(doc)).collect();
        for (doc, coded) in batch.iter().zip(&coded) {
            for warning in &doc.warnings {
                progress.suspend(|| eprintln!("dyad: {}: {warning}", doc.id));
            }
            for record in &coded.records {
                writeln!(writer, "{}", record.to_json_line()).context("cannot write the output")?;
            }
            summary.add(doc, coded);
            progress.inc(1);
        }
    }
    let output = writer
        .into_inner()
        .map_err(|e| e.into_error())
        .context("cannot write the output")?;
    output.commit()?;
    progress.finish_and_clear();
    summary.elapsed = started.elapsed();
    if !args.quiet {
        eprint!("{summary}");
    }
    Ok(if summary.skipped() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Standard output is the default sink; a broken pipe (`dyad code … | head`) ends quietly.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
