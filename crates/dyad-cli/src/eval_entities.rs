//! `dyad eval entities`: precision and recall of our Person and Organisation mentions against
//! re3d's entities, per source folder and overall. Reading and scoring live in
//! `dyad_actors::eval`; this file finds the files, runs the pipeline and prints.

use anyhow::Context;
use clap::Args;
use dyad_actors::eval::{self, Counts, EntityKind, Score};
use dyad_actors::KnowledgeBase;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalEntitiesArgs {
    /// re3d's root folder (one sub-folder per source, each with `documents.json` and
    /// `entities.json`); default `$DYAD_SHARED/data/dev/re3d`, DYAD_SHARED defaulting to `../shared`.
    #[arg(long)]
    re3d: Option<PathBuf>,
    /// Also print every gold entity we missed (`-`) and every mention of ours that matches
    /// no gold entity of its kind (`+`), by document.
    #[arg(long)]
    errors: bool,
    /// Score countries and country-sector actors ("Syria has accused…", "the Syrian
    /// government") as Organisation, as re3d often annotates states acting as parties.
    #[arg(long)]
    states_as_organisations: bool,
}

pub fn run(args: &EvalEntitiesArgs) -> anyhow::Result<ExitCode> {
    let root = args
        .re3d
        .clone()
        .unwrap_or_else(|| crate::parse::shared_dir().join("data/dev/re3d"));
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&root)
        .with_context(|| format!("reading {}", root.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("documents.json").is_file() && p.join("entities.json").is_file())
        .collect();
    sources.sort();
    anyhow::ensure!(
        !sources.is_empty(),
        "no re3d source folders (with documents.json and entities.json) in {}",
        root.display()
    );
    let pipeline = dyad_pipeline::Pipeline::new(dyad_pipeline::Config::default())?;
    let kb = KnowledgeBase::builtin();
    let mut total = Score::default();
    let mut rows = Vec::new();
    for dir in &sources {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let score = score_source(dir, &pipeline, kb, args)?;
        total.person.add(&score.person);
        total.organisation.add(&score.organisation);
        rows.push((name, score));
    }
    println!(
        "{:<44} {:<12} {:>5} {:>5} {:>6} {:>6} {:>6}",
        "source", "type", "gold", "ours", "P", "R", "F1"
    );
    for (name, s) in rows.iter().chain(std::iter::once(&("overall".to_string(), total))) {
        for kind in [EntityKind::Person, EntityKind::Organisation] {
            let c: &Counts = s.counts(kind);
            println!(
                "{:<44} {:<12} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                name,
                kind.as_str(),
                c.gold,
                c.predicted,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the pipeline on one source folder's documents and scores them.
fn score_source(
    dir: &Path,
    pipeline: &dyad_pipeline::Pipeline,
    kb: &KnowledgeBase,
    args: &EvalEntitiesArgs,
) -> anyhow::Result<Score> {
    let read =
        |f: &str| std::fs::read_to_string(dir.join(f)).with_context(|| format!("reading {}", dir.join(f).display()));
    let docs =
        eval::read_documents(&read("documents.json")?).with_context(|| format!("{}/documents.json", dir.display()))?;
    let gold = eval::read_entities(&read("entities.json")?, &docs)
        .with_context(|| format!("{}/entities.json", dir.display()))?;
    let mut out = Score::default();
    for d in &docs {
        let mut doc = dyad_ingest::document_from_text(&d.id, &d.text);
        if doc.text != d.text {
            // Cleaning would move the gold offsets: score the text exactly as annotated.
            doc = dyad_core::Document {
                id: d.id.clone(),
                text: d.text.clone(),
                ..Default::default()
            };
        }
        let analysis = pipeline.analyse(&doc);
        let kinds = eval::mention_kinds(kb, &analysis.mentions, args.states_as_organisations);
        let predicted: Vec<(EntityKind, dyad_core::Span)> = analysis
            .mentions
            .iter()
            .zip(&kinds)
            .filter_map(|(m, k)| k.map(|k| (k, m.span)))
            .collect();
        let shown: Vec<&dyad_core::Mention> = analysis
            .mentions
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| k.is_some())
            .map(|(m, _)| m)
            .collect();
        let doc_gold: Vec<&eval::GoldEntity> = gold.iter().filter(|g| g.doc == d.id).collect();
        let pairs: Vec<(EntityKind, dyad_core::Span)> = doc_gold.iter().map(|g| (g.kind, g.span)).collect();
        let s = eval::score(&pairs, &predicted);
        if args.errors && (!s.missed.is_empty() || !s.spurious.is_empty()) {
            println!("== {} {:?}", d.id, d.title);
            for &i in &s.missed {
                let g = doc_gold[i];
                println!(
                    "- {:<12} {:?}  …{}…",
                    g.kind.as_str(),
                    g.value,
                    context(&d.text, g.span)
                );
            }
            for &i in &s.spurious {
                let m = shown[i];
                println!(
                    "+ {:<12} {:?} {} {}",
                    predicted[i].0.as_str(),
                    m.text,
                    m.actor.code,
                    m.how.as_str()
                );
            }
        }
        out.person.add(&s.person);
        out.organisation.add(&s.organisation);
    }
    Ok(out)
}

/// A few words either side of a span, on one line.
fn context(text: &str, span: dyad_core::Span) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = floor(span.start.saturating_sub(40));
    let b = floor((span.end + 40).min(text.len()));
    text[a..b].replace('\n', " ")
}
