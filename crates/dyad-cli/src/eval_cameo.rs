//! `dyad eval events`: the event coder on real news sentences nobody here wrote — ConfliBERT's
//! CAMEO sentences, each labelled with a coarse CAMEO class, and a file marking each
//! sentence's source and target. It reports how many sentences get an event at all, how
//! often the first event's class is right, why the others got none (the predicate is not in
//! the lexicon, or no actor fills the source or the target), and whether our source and
//! target sit where the annotators put theirs. Reading and counting live in
//! `dyad_events::eval`; this file runs the stages.

use crate::engine::EngineArgs;
use anyhow::Context;
use clap::Args;
use dyad_core::record::Record;
use dyad_core::Document;
use dyad_events::eval::{class_of_root, overlaps, read_classes, read_spans, ClassScores, CLASS_NAMES};
use dyad_pipeline::Pipeline;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalEventsArgs {
    /// ConfliBERT's CAMEO folder (`cameo_class_train.tsv`, `cameo_ner_train.txt`); default
    /// `$DYAD_SHARED/data/dev/conflibert-cameo`, DYAD_SHARED defaulting to `../shared`.
    #[arg(long, value_name = "DIR")]
    conflibert: Option<PathBuf>,
    /// Also print every sentence coded with the wrong class (`!`) or not at all (`-`), and why.
    #[arg(long)]
    errors: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

/// A byte range in a sentence's text.
type Span = std::ops::Range<usize>;

/// What coding one sentence gave: the first event's root, source and target spans, and for
/// an uncoded sentence, why.
struct Coded {
    root: Option<String>,
    source: Option<Span>,
    target: Option<Span>,
    reason: String,
    predicates: Vec<String>,
}

fn code_sentence(pipeline: &Pipeline, id: String, text: String) -> Coded {
    let doc = Document {
        id,
        text,
        ..Default::default()
    };
    let analysis = pipeline.analyse(&doc);
    let coded = pipeline.code(&doc);
    // The first event that happened: a negated one ("will not lift the ban") did not.
    let first = coded.records.iter().find_map(|r| match r {
        Record::Event(e) if !e.negated => Some(e),
        _ => None,
    });
    let mut predicates = Vec::new();
    let mut outcomes: Vec<String> = Vec::new();
    // The event coder sees only mentions with a code, as in `Pipeline::code`.
    let coded_mentions: Vec<dyad_core::Mention> = analysis
        .mentions
        .iter()
        .filter(|m| !m.actor.code.is_empty())
        .cloned()
        .collect();
    for sentence in &analysis.sentences {
        let (_, trace) = pipeline
            .event_coder()
            .explain_sentence(&doc, sentence, &coded_mentions, None);
        for p in trace {
            if p.rule.is_some() {
                predicates.push(format!("{}:{}", p.lemma, p.outcome));
                outcomes.push(p.outcome);
            }
        }
    }
    let reason = if first.is_some() {
        String::new()
    } else if outcomes.is_empty() {
        "no predicate in the lexicon".into()
    } else if outcomes.iter().any(|o| o == "no source") {
        "predicate, but no source actor".into()
    } else if outcomes.iter().any(|o| o == "no target") {
        "predicate, but no target actor".into()
    } else {
        "predicate matched, event dropped (self-directed or duplicate)".into()
    };
    Coded {
        root: first.map(|e| e.cameo_root.clone()),
        source: first.map(|e| e.source.span.start..e.source.span.end),
        target: first.and_then(|e| e.target.as_ref().map(|t| t.span.start..t.span.end)),
        reason,
        predicates,
    }
}

pub fn run(args: &EvalEventsArgs) -> anyhow::Result<ExitCode> {
    let dir = args
        .conflibert
        .clone()
        .unwrap_or_else(|| crate::parse::shared_dir().join("data/dev/conflibert-cameo"));
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    let classes =
        read_classes(&read("cameo_class_train.tsv")?).map_err(|e| anyhow::anyhow!("cameo_class_train.tsv: {e}"))?;
    let spans = read_spans(&read("cameo_ner_train.txt")?).map_err(|e| anyhow::anyhow!("cameo_ner_train.txt: {e}"))?;
    let pipeline = Pipeline::new(args.engine.pipeline_config(None)?).context("cannot build the pipeline")?;

    // Classes: is there an event, and is the first one's class right?
    let coded: Vec<Coded> = classes
        .par_iter()
        .enumerate()
        .map(|(i, ex)| code_sentence(&pipeline, format!("class-{i}"), ex.text.clone()))
        .collect();
    let mut scores = ClassScores::default();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for (ex, c) in classes.iter().zip(&coded) {
        let predicted = c.root.as_deref().and_then(class_of_root);
        scores.add(ex.class, predicted);
        if c.root.is_none() {
            *reasons.entry(c.reason.clone()).or_default() += 1;
        }
        if args.errors && predicted != Some(ex.class) {
            let mark = if c.root.is_none() { "-" } else { "!" };
            let ours = c.root.as_deref().unwrap_or("none");
            let why = if c.root.is_none() { c.reason.as_str() } else { "" };
            println!(
                "{mark} gold {} ours {ours} {why} [{}] {}",
                ex.class,
                c.predicates.join(" "),
                ex.text
            );
        }
    }
    let n = scores.sentences();
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    println!("ConfliBERT CAMEO sentences: {n} ({})", dir.display());
    println!(
        "coded (≥ 1 event)   {:>5}  {:>5.1}%",
        scores.coded(),
        pct(scores.coded())
    );
    println!(
        "class right         {:>5}  {:>5.1}% of all, {:.1}% of coded",
        scores.correct(),
        pct(scores.correct()),
        100.0 * scores.correct() as f64 / scores.coded().max(1) as f64
    );
    println!("uncoded, why:");
    for (reason, count) in &reasons {
        println!("  {reason:<36} {count:>5}");
    }
    println!(
        "{:<18} {:>6} {:>6}   confusion (gold rows; columns = ours, last = none)",
        "class", "P", "R"
    );
    for (class, name) in CLASS_NAMES.iter().enumerate() {
        let (p, r) = scores.precision_recall(class);
        let row: Vec<String> = scores.confusion[class].iter().map(|c| format!("{c:>4}")).collect();
        println!("{name:<18} {p:>6.3} {r:>6.3}   {}", row.join(""));
    }

    // Spans: where we coded an event, is our source/target where the annotators put theirs?
    let span_coded: Vec<(Coded, Vec<Span>, Vec<Span>)> = spans
        .par_iter()
        .enumerate()
        .map(|(i, ex)| {
            let (text, at) = ex.text();
            let to_bytes = |r: &Span| at[r.start].start..at[r.end - 1].end;
            let sources = ex.sources.iter().map(to_bytes).collect();
            let targets = ex.targets.iter().map(to_bytes).collect();
            (code_sentence(&pipeline, format!("span-{i}"), text), sources, targets)
        })
        .collect();
    let (mut events, mut source_right, mut target_right, mut with_target) = (0, 0, 0, 0);
    for (c, sources, targets) in &span_coded {
        if c.root.is_none() {
            continue;
        }
        events += 1;
        if c.source
            .as_ref()
            .is_some_and(|s| sources.iter().any(|g| overlaps(s, g)))
        {
            source_right += 1;
        }
        if let Some(t) = &c.target {
            with_target += 1;
            if targets.iter().any(|g| overlaps(t, g)) {
                target_right += 1;
            }
        }
    }
    println!(
        "span file: {} sentences, {events} coded; source overlaps the annotated source in {source_right} ({:.1}%), target overlaps the annotated target in {target_right} of {with_target} ({:.1}%)",
        span_coded.len(),
        100.0 * source_right as f64 / events.max(1) as f64,
        100.0 * target_right as f64 / with_target.max(1) as f64
    );
    Ok(ExitCode::SUCCESS)
}
