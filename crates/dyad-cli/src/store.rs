//! The store's commands: `dyad ingest`, `events`, `actors`, `quotes`, `dyads`, `export`.
//!
//! `ingest` reads and codes reports into a SQLite database (default `dyad.db`) in
//! transactional batches, skipping reports already stored with the same content, so an
//! interrupted ingest resumes by running it again. The query commands open the database
//! read-only (they work during an ingest) and print a table that fits a terminal, JSON Lines
//! or CSV. Bad dates and unknown codes are one-line errors with exit code 2.

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_ingest::{read_sources, ReadOptions};
use dyad_pipeline::Pipeline;
use dyad_store::{
    ActorFilter, DedupConfig, EventFilter, EventType, ExportFormat, ExportUnit, Level, Period, QuoteFilter, Store,
    DEFAULT_PATH,
};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct IngestArgs {
    /// Files or folders of reports (.txt, .html/.htm, .jsonl); `-` reads JSONL from standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The database file (created when missing).
    #[arg(long, default_value = DEFAULT_PATH)]
    pub db: PathBuf,
    /// Publication date to assume for documents that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 200)]
    pub batch: usize,
    /// Events at most this many days apart can be one happening.
    #[arg(long, default_value_t = 1)]
    pub window_days: i64,
    #[command(flatten)]
    pub engine: crate::engine::EngineArgs,
    /// No progress bar and no closing summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Jsonl,
    Csv,
}

/// The options every query shares.
#[derive(Args)]
pub struct QueryArgs {
    /// The database file.
    #[arg(long, default_value = DEFAULT_PATH)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// At most this many rows (default: 50 for tables, all otherwise; 0 = all).
    #[arg(long)]
    pub limit: Option<usize>,
}

impl QueryArgs {
    pub(crate) fn limit(&self) -> Option<usize> {
        match (self.limit, self.format) {
            (Some(0), _) => None,
            (Some(n), _) => Some(n),
            (None, Format::Table) => Some(50),
            (None, _) => None,
        }
    }
}

/// Which happenings: by actor, target, type, dates and outlet.
#[derive(Args)]
pub struct FilterArgs {
    /// Source actor: an actor-code prefix (SYR, SYRGOV) or part of an entity name (Mekdad).
    /// Meetings (CAMEO 04) match either side.
    #[arg(long)]
    pub actor: Option<String>,
    /// Target actor, like --actor.
    #[arg(long)]
    pub target: Option<String>,
    /// A PLOVER type (CONSULT) or a CAMEO code prefix (04, 042).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// First day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Last day (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Part of the name of an outlet that reported it.
    #[arg(long)]
    pub outlet: Option<String>,
}

impl FilterArgs {
    fn filter(&self, limit: Option<usize>) -> anyhow::Result<EventFilter> {
        Ok(EventFilter {
            actor: self.actor.clone(),
            target: self.target.clone(),
            event_type: self.event_type.as_deref().map(EventType::parse).transpose()?,
            since: self.since.as_deref().map(|d| date("--since", d)).transpose()?,
            until: self.until.as_deref().map(|d| date("--until", d)).transpose()?,
            outlet: self.outlet.clone(),
            limit,
        })
    }
}

fn date(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("{flag} `{text}` is not a date of the form YYYY-MM-DD"))
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Args)]
pub struct ActorsArgs {
    /// Report files or folders to code and list the entities of, instead of reading the
    /// database: each entity with its mentions and how each was resolved.
    pub paths: Vec<PathBuf>,
    /// With PATHs: list only the people the knowledge base does not hold, with the code
    /// inferred and the evidence, most mentioned first.
    #[arg(long, requires = "paths")]
    pub unknown: bool,
    /// With PATHs: publication date to assume for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = crate::code::parse_date, requires = "paths")]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub engine: crate::engine::EngineArgs,
    /// Part of an entity name, a mention's text or an actor code.
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Args)]
pub struct QuotesArgs {
    /// Part of the speaker's name or of any name the speaker was mentioned by.
    #[arg(long)]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LevelArg {
    /// Full actor codes (SYRGOV → IRNGOV).
    Code,
    /// Countries (SYR → IRN).
    Country,
}

#[derive(Args)]
pub struct DyadsArgs {
    /// The time unit of the series.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub period: PeriodArg,
    /// Group actors by full code or by country.
    #[arg(long, value_enum, default_value_t = LevelArg::Code)]
    pub level: LevelArg,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    Plover,
    Gdelt,
    Icews,
    Csv,
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum UnitArg {
    /// One row per happening (deduplicated), with its report counts.
    Happenings,
    /// One row per coded event.
    Events,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// The file to write (written to a temporary file and renamed when complete);
    /// standard output when missing (not for Parquet).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = UnitArg::Happenings)]
    pub unit: UnitArg,
    /// The database file.
    #[arg(long, default_value = DEFAULT_PATH)]
    pub db: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run_ingest(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let default_date = args.date.as_deref().map(|d| date("--date", d)).transpose()?;
    anyhow::ensure!(args.batch > 0, "--batch must be at least 1");
    let mut store = Store::open_with(
        &args.db,
        DedupConfig {
            window_days: args.window_days,
        },
    )?;
    let pipeline = Pipeline::new(args.engine.pipeline_config(default_date)?).context("cannot build the pipeline")?;
    let options = ReadOptions { default_date };
    let progress = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    progress
        .set_style(indicatif::ProgressStyle::with_template("{spinner} {pos} reports {msg}").expect("valid template"));

    let mut total = dyad_store::IngestSummary::default();
    let mut skipped = 0usize;
    let mut sources = read_sources(&args.paths, &options).peekable();
    while sources.peek().is_some() {
        let mut batch = Vec::with_capacity(args.batch);
        for item in sources.by_ref().take(args.batch) {
            match item {
                Ok(doc) => batch.push(doc),
                Err(error) => {
                    progress.suspend(|| eprintln!("dyad: skipped {error}"));
                    skipped += 1;
                }
            }
        }
        // Reports already stored with the same content are not coded again: this is what
        // makes a second run after an interruption continue where the first stopped.
        let mut todo = Vec::with_capacity(batch.len());
        for doc in batch {
            if store.contains(&doc)? {
                total.unchanged += 1;
                progress.inc(1);
            } else {
                todo.push(doc);
            }
        }
        let coded: Vec<_> = todo.par_iter().map(|doc| pipeline.code(doc)).collect();
        for doc in &todo {
            for warning in &doc.warnings {
                progress.suspend(|| eprintln!("dyad: {}: {warning}", doc.id));
            }
        }
        let summary = store.ingest_batch(
            todo.iter()
                .zip(&coded)
                .map(|(doc, coded)| (doc, coded.records.as_slice())),
        )?;
        total += summary;
        progress.inc(todo.len() as u64);
        progress.set_message(format!("{} events", total.events));
    }
    progress.finish_and_clear();
    if !args.quiet {
        let counts = store.counts()?;
        eprintln!(
            "dyad: {} reports: {} new, {} replaced, {} unchanged, {} skipped; {} events, {} quotes stored in {:.1}s",
            total.added + total.replaced + total.unchanged + skipped,
            total.added,
            total.replaced,
            total.unchanged,
            skipped,
            total.events,
            total.quotes,
            started.elapsed().as_secs_f64()
        );
        eprintln!(
            "dyad: {} now holds {} documents, {} events in {} happenings, {} quotes",
            args.db.display(),
            counts.documents,
            counts.events,
            counts.happenings,
            counts.quotes
        );
    }
    Ok(if skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn run_events(args: &EventsArgs) -> anyhow::Result<ExitCode> {
    let filter = args.filter.filter(args.query.limit())?;
    let store = Store::open_read_only(&args.query.db)?;
    let happenings = store.happenings(&filter)?;
    let total = if args.query.format == Format::Table {
        store.count_happenings(&filter)?
    } else {
        0
    };
    let table = || Table {
        headers: &[
            "DAY", "SOURCE", "TARGET", "CAMEO", "PLOVER", "RPTS", "OUTL", "PLACE", "ID",
        ],
        widths: &[10, 19, 19, 5, 12, 4, 4, 10, 17],
        right: &[false, false, false, false, false, true, true, false, false],
        rows: happenings
            .iter()
            .map(|h| {
                vec![
                    h.day.clone().unwrap_or_else(|| "?".into()),
                    side(&h.source),
                    h.target.as_ref().map(side).unwrap_or_else(|| "-".into()),
                    h.cameo.clone(),
                    if h.negated {
                        format!("not {}", h.plover)
                    } else {
                        h.plover.clone()
                    },
                    h.reports.to_string(),
                    h.outlets.len().to_string(),
                    h.place.clone().unwrap_or_default(),
                    h.id.clone(),
                ]
            })
            .collect(),
    };
    if args.query.format == Format::Csv {
        let flat: Vec<FlatHappening> = happenings.iter().map(FlatHappening::from).collect();
        return print_rows(args.query.format, &flat, table, total);
    }
    print_rows(args.query.format, &happenings, table, total)
}

fn side(side: &dyad_store::Side) -> String {
    match &side.entity {
        Some(entity) => format!("{} {entity}", side.code),
        None => side.code.clone(),
    }
}

pub fn run_actors(args: &ActorsArgs) -> anyhow::Result<ExitCode> {
    if !args.paths.is_empty() {
        return crate::actors_run::run(args);
    }
    let store = Store::open_read_only(&args.query.db)?;
    let actors = store.actors(&ActorFilter {
        name: args.name.clone(),
        limit: args.query.limit(),
    })?;
    let table = || Table {
        headers: &["ENTITY", "CODE", "CTRY", "MENTIONS", "DOCS", "ENTITY ID"],
        widths: &[32, 10, 4, 8, 6, 14],
        right: &[false, false, false, true, true, false],
        rows: actors
            .iter()
            .map(|a| {
                vec![
                    a.entity.clone().unwrap_or_else(|| "(unnamed)".into()),
                    a.code.clone(),
                    a.country.clone().unwrap_or_default(),
                    a.mentions.to_string(),
                    a.documents.to_string(),
                    a.entity_id.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    };
    print_rows(args.query.format, &actors, table, 0)
}

pub fn run_quotes(args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.query.db)?;
    let quotes = store.quotes(&QuoteFilter {
        speaker: args.speaker.clone(),
        limit: args.query.limit(),
    })?;
    let table = || Table {
        headers: &["DOC", "SPEAKER", "CUE", "QUOTE"],
        widths: &[20, 20, 10, 56],
        right: &[false, false, false, false],
        rows: quotes
            .iter()
            .map(|q| {
                vec![
                    q.doc.clone(),
                    q.speaker.clone().unwrap_or_else(|| "?".into()),
                    q.cue.clone().unwrap_or_default(),
                    format!(
                        "{}{}",
                        if q.direct { "" } else { "~ " },
                        q.text.split_whitespace().collect::<Vec<_>>().join(" ")
                    ),
                ]
            })
            .collect(),
    };
    if args.query.format == Format::Csv {
        let flat: Vec<FlatQuote> = quotes.iter().map(FlatQuote::from).collect();
        return print_rows(args.query.format, &flat, table, 0);
    }
    print_rows(args.query.format, &quotes, table, 0)
}

pub fn run_dyads(args: &DyadsArgs) -> anyhow::Result<ExitCode> {
    let filter = args.filter.filter(None)?;
    let store = Store::open_read_only(&args.query.db)?;
    let period = match args.period {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let level = match args.level {
        LevelArg::Code => Level::Code,
        LevelArg::Country => Level::Country,
    };
    let mut series = store.dyads(&filter, period, level)?;
    let total = series.len() as u64;
    if let Some(limit) = args.query.limit() {
        series.truncate(limit);
    }
    let table = || Table {
        headers: &["PERIOD", "SOURCE", "TARGET", "EVENTS", "REPORTS", "GOLDSTEIN"],
        widths: &[10, 12, 12, 7, 7, 9],
        right: &[false, false, false, true, true, true],
        rows: series
            .iter()
            .map(|d| {
                vec![
                    d.period.clone(),
                    d.source.clone(),
                    d.target.clone(),
                    d.events.to_string(),
                    d.reports.to_string(),
                    format!("{:.2}", d.goldstein_mean),
                ]
            })
            .collect(),
    };
    print_rows(args.query.format, &series, table, total)
}

pub fn run_export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let filter = args.filter.filter(None)?;
    let format = match args.format {
        ExportFormatArg::Plover => ExportFormat::Plover,
        ExportFormatArg::Gdelt => ExportFormat::Gdelt,
        ExportFormatArg::Icews => ExportFormat::Icews,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Parquet => ExportFormat::Parquet,
    };
    let unit = match args.unit {
        UnitArg::Happenings => ExportUnit::Happenings,
        UnitArg::Events => ExportUnit::Events,
    };
    let store = Store::open_read_only(&args.db)?;
    let rows = match &args.output {
        None => {
            anyhow::ensure!(format != ExportFormat::Parquet, "Parquet is binary: give --output FILE");
            match store.export(format, unit, &filter, BufWriter::with_capacity(1 << 16, io::stdout())) {
                Err(dyad_store::StoreError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS)
                }
                other => other?,
            }
        }
        Some(path) => {
            // Write beside the target and rename at the end: an interrupted export never
            // leaves a half-written file under the requested name.
            let partial = partial_path(path);
            let file =
                std::fs::File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
            let result = store.export(format, unit, &filter, BufWriter::with_capacity(1 << 16, file));
            match result {
                Ok(rows) => {
                    std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))?;
                    rows
                }
                Err(error) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(error).with_context(|| format!("cannot write {}", path.display()));
                }
            }
        }
    };
    eprintln!(
        "dyad: exported {rows} {}",
        if unit == ExportUnit::Events {
            "events"
        } else {
            "happenings"
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// A plain, padded table: long cells are cut with `…` so every line fits its widths.
struct Table<'a> {
    headers: &'a [&'a str],
    widths: &'a [usize],
    right: &'a [bool],
    rows: Vec<Vec<String>>,
}

fn fit(text: &str, width: usize, right: bool) -> String {
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let count = text.chars().count();
    let cut = if count > width {
        format!("{}…", text.chars().take(width.saturating_sub(1)).collect::<String>())
    } else {
        text
    };
    if right {
        format!("{cut:>width$}")
    } else {
        format!("{cut:<width$}")
    }
}

impl Table<'_> {
    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let line = |cells: Vec<String>| -> String {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| fit(c, self.widths[i], self.right[i]))
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        writeln!(out, "{}", line(self.headers.iter().map(|h| h.to_string()).collect()))?;
        for row in &self.rows {
            writeln!(out, "{}", line(row.clone()))?;
        }
        Ok(())
    }
}

fn print_rows<T: Serialize>(
    format: Format,
    items: &[T],
    table: impl FnOnce() -> Table<'static>,
    total: u64,
) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = (|| -> anyhow::Result<()> {
        match format {
            Format::Table => {
                table().write(&mut out)?;
                if total > items.len() as u64 {
                    writeln!(out, "… {} more (use --limit 0 for all)", total - items.len() as u64)?;
                }
            }
            Format::Jsonl => {
                for item in items {
                    serde_json::to_writer(&mut out, item)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Csv => {
                // Flat structs only: the csv crate writes the header from the field names.
                let mut writer = csv::Writer::from_writer(&mut out);
                for item in items {
                    writer.serialize(item)?;
                }
                writer.flush()?;
            }
        }
        out.flush()?;
        Ok(())
    })();
    match result {
        Err(error) if is_broken_pipe(&error) => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A quote as one flat CSV row.
#[derive(Serialize)]
struct FlatQuote<'a> {
    doc: &'a str,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    speaker: Option<&'a str>,
    speaker_code: Option<&'a str>,
    direct: bool,
    cue: Option<&'a str>,
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> From<&'a dyad_store::StoredQuote> for FlatQuote<'a> {
    fn from(q: &'a dyad_store::StoredQuote) -> FlatQuote<'a> {
        FlatQuote {
            doc: &q.doc,
            outlet: q.outlet.as_deref(),
            published: q.published.as_deref(),
            speaker: q.speaker.as_deref(),
            speaker_code: q.speaker_code.as_deref(),
            direct: q.direct,
            cue: q.cue.as_deref(),
            text: &q.text,
            start: q.span[0],
            end: q.span[1],
        }
    }
}

/// A happening as one flat CSV row (the same columns whether or not it has a target).
#[derive(Serialize)]
struct FlatHappening<'a> {
    id: &'a str,
    day: Option<&'a str>,
    first_day: Option<&'a str>,
    last_day: Option<&'a str>,
    first_report: Option<&'a str>,
    last_report: Option<&'a str>,
    reports: u64,
    /// Joined with `;`.
    outlets: String,
    events: u64,
    source_code: &'a str,
    source_country: Option<&'a str>,
    source_entity: Option<&'a str>,
    target_code: Option<&'a str>,
    target_country: Option<&'a str>,
    target_entity: Option<&'a str>,
    cameo: &'a str,
    plover: &'a str,
    quad: u8,
    goldstein: f64,
    negated: bool,
    place: Option<&'a str>,
    representative: &'a str,
}

impl<'a> From<&'a dyad_store::Happening> for FlatHappening<'a> {
    fn from(h: &'a dyad_store::Happening) -> FlatHappening<'a> {
        let target = h.target.as_ref();
        FlatHappening {
            id: &h.id,
            day: h.day.as_deref(),
            first_day: h.first_day.as_deref(),
            last_day: h.last_day.as_deref(),
            first_report: h.first_report.as_deref(),
            last_report: h.last_report.as_deref(),
            reports: h.reports,
            outlets: h.outlets.join(";"),
            events: h.events,
            source_code: &h.source.code,
            source_country: h.source.country.as_deref(),
            source_entity: h.source.entity.as_deref(),
            target_code: target.map(|t| t.code.as_str()),
            target_country: target.and_then(|t| t.country.as_deref()),
            target_entity: target.and_then(|t| t.entity.as_deref()),
            cameo: &h.cameo,
            plover: &h.plover,
            quad: h.quad,
            goldstein: h.goldstein,
            negated: h.negated,
            place: h.place.as_deref(),
            representative: &h.representative,
        }
    }
}
