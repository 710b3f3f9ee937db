//! `dyad actors PATH…`: the entities of a run over report files, each with its mentions and
//! how each was resolved; `--unknown` keeps the people the knowledge base does not hold (the
//! curator's actor-discovery list), most mentioned first. Spellings of one person across
//! documents are merged (`dyad_actors::RunEntities`) and the merge is shown.

use crate::store::{ActorsArgs, Format};
use anyhow::Context;
use dyad_actors::{KnowledgeBase, RunEntities, RunEntity};
use dyad_ingest::{read_sources, ReadOptions};
use dyad_pipeline::Pipeline;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Documents analysed in parallel at a time.
const BATCH: usize = 64;

pub fn run(args: &ActorsArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(args.engine.pipeline_config(args.date)?).context("cannot build the pipeline")?;
    let options = ReadOptions {
        default_date: args.date,
    };
    let mut run = RunEntities::new(KnowledgeBase::builtin());
    let mut skipped = 0usize;
    let mut sources = read_sources(&args.paths, &options).peekable();
    while sources.peek().is_some() {
        let mut batch = Vec::with_capacity(BATCH);
        for item in sources.by_ref().take(BATCH) {
            match item {
                Ok(doc) => batch.push(doc),
                Err(error) => {
                    eprintln!("dyad: skipped {error}");
                    skipped += 1;
                }
            }
        }
        let analysed: Vec<_> = batch.par_iter().map(|doc| pipeline.analyse(doc)).collect();
        for (doc, analysis) in batch.iter().zip(&analysed) {
            run.add_document(&doc.id, analysis.published, &analysis.mentions);
        }
    }
    let mut entities = if args.unknown { run.unknown() } else { run.entities() };
    if let Some(name) = &args.name {
        let want = name.to_lowercase();
        let hit = |s: &str| s.to_lowercase().contains(&want);
        entities.retain(|e| e.names.iter().any(|n| hit(n)) || hit(&e.code) || e.mentions.iter().any(|m| hit(&m.text)));
    }
    let total = entities.len();
    if let Some(n) = args.query.limit() {
        entities.truncate(n);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match args.query.format {
        Format::Table => write_table(&mut out, &entities, args.unknown, total),
        Format::Jsonl => entities.iter().try_for_each(|e| -> anyhow::Result<()> {
            serde_json::to_writer(&mut out, &Row::from(*e))?;
            out.write_all(b"\n")?;
            Ok(())
        }),
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            entities.iter().try_for_each(|e| writer.serialize(CsvRow::from(*e)))?;
            writer.flush().map_err(anyhow::Error::from)
        }
    };
    match result.and_then(|_| out.flush().map_err(anyhow::Error::from)) {
        Err(error) if crate::code::is_broken_pipe(&error) => {}
        other => other?,
    }
    Ok(if skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One entity as a JSON line: the entity, its code and the evidence for it.
#[derive(Serialize)]
struct Row<'a> {
    entity: &'a str,
    entity_id: &'a str,
    kind: &'a str,
    known: bool,
    code: &'a str,
    country: Option<&'a str>,
    sector: Option<&'a str>,
    mentions: usize,
    documents: &'a [String],
    /// The spellings merged into the entity across documents.
    names: &'a [String],
    merged: bool,
    codes: &'a std::collections::BTreeMap<String, usize>,
    /// What gave the code: the rules of the mentions that did not just corefer.
    evidence: Vec<&'a str>,
    mention_list: &'a [dyad_actors::RunMention],
}

impl<'a> From<&'a RunEntity> for Row<'a> {
    fn from(e: &'a RunEntity) -> Row<'a> {
        Row {
            entity: &e.entity,
            entity_id: &e.entity_id,
            kind: e.kind,
            known: e.known,
            code: &e.code,
            country: e.country.as_deref(),
            sector: e.sector.as_deref(),
            mentions: e.mentions.len(),
            documents: &e.documents,
            names: &e.names,
            merged: e.merged(),
            codes: &e.codes,
            evidence: evidence(e),
            mention_list: &e.mentions,
        }
    }
}

#[derive(Serialize)]
struct CsvRow<'a> {
    entity: &'a str,
    entity_id: &'a str,
    kind: &'a str,
    known: bool,
    code: &'a str,
    mentions: usize,
    documents: usize,
    names: String,
    evidence: String,
}

impl<'a> From<&'a RunEntity> for CsvRow<'a> {
    fn from(e: &'a RunEntity) -> CsvRow<'a> {
        CsvRow {
            entity: &e.entity,
            entity_id: &e.entity_id,
            kind: e.kind,
            known: e.known,
            code: &e.code,
            mentions: e.mentions.len(),
            documents: e.documents.len(),
            names: e.names.join(" | "),
            evidence: evidence(e).join(" | "),
        }
    }
}

/// The distinct rules of the mentions that resolved the entity on their own (not by
/// coreference or pronoun): the knowledge-base line, the title rule or the name rule.
fn evidence(e: &RunEntity) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for m in &e.mentions {
        if matches!(m.how.as_str(), "coreference" | "pronoun") {
            continue;
        }
        if !out.contains(&m.rule.as_str()) {
            out.push(&m.rule);
        }
    }
    out
}

fn write_table(out: &mut impl Write, entities: &[&RunEntity], unknown: bool, total: usize) -> anyhow::Result<()> {
    if entities.is_empty() {
        writeln!(
            out,
            "{}",
            if unknown {
                "(no people outside the knowledge base)"
            } else {
                "(no entities)"
            }
        )?;
    }
    for e in entities {
        let code = if e.code.is_empty() { "-" } else { &e.code };
        let source = if e.known {
            "knowledge base"
        } else {
            "not in the knowledge base"
        };
        writeln!(
            out,
            "{}  {}  {}, {}  {} mention{} in {} document{}  [{}]",
            e.entity,
            code,
            e.kind,
            source,
            e.mentions.len(),
            if e.mentions.len() == 1 { "" } else { "s" },
            e.documents.len(),
            if e.documents.len() == 1 { "" } else { "s" },
            e.entity_id
        )?;
        if e.merged() {
            writeln!(out, "  merged across documents: {}", e.names.join(" = "))?;
        }
        if e.codes.len() > 1 {
            let codes: Vec<String> = e.codes.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
            writeln!(out, "  codes: {}", codes.join(", "))?;
        }
        let ev = evidence(e);
        if !ev.is_empty() {
            writeln!(out, "  evidence: {}", ev.join("; "))?;
        }
        for m in &e.mentions {
            let date = m.date.as_deref().map(|d| format!(" {d}")).unwrap_or_default();
            writeln!(
                out,
                "    {}{} {:?}  {}  {}  ({})",
                m.doc,
                date,
                m.text,
                if m.code.is_empty() { "-" } else { &m.code },
                m.how,
                m.rule
            )?;
        }
    }
    if total > entities.len() {
        writeln!(out, "… {} more (use --limit 0 for all)", total - entities.len())?;
    }
    Ok(())
}
