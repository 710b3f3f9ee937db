//! `dyad explain`: every stage for one sentence — tokens, tags, lemmas, the tree, actor
//! mentions and how each was resolved, the predicates the coder tried and the rule that fired
//! (or why none did), and the records that came out.

use anyhow::Context;
use clap::Args;
use dyad_core::record::Record;
use dyad_core::ParsedSentence;
use dyad_pipeline::Pipeline;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExplainArgs {
    /// The sentence (or short text) to explain. Omit it to explain a sentence of --file.
    pub text: Option<String>,
    /// A report to read instead (.txt or .html); all its sentences, or the one of --sentence.
    #[arg(long, conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// 0-based sentence number in the report (as in event records' `sentence`).
    #[arg(long)]
    pub sentence: Option<usize>,
    /// Publication date, for resolving relative dates and dated roles.
    #[arg(long, value_parser = crate::code::parse_date)]
    pub date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub engine: crate::engine::EngineArgs,
}

pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let mut doc = match (&args.text, &args.file) {
        (Some(text), None) => dyad_ingest::document_from_text("explain", text),
        (None, Some(path)) => dyad_ingest::read_document(
            path,
            &dyad_ingest::ReadOptions {
                default_date: args.date,
            },
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?,
        _ => anyhow::bail!("give a sentence to explain, or --file REPORT"),
    };
    if doc.published.is_none() {
        doc.published = args.date;
    }
    let pipeline = Pipeline::new(args.engine.pipeline_config(args.date)?).context("cannot build the pipeline")?;
    let analysis = pipeline.analyse(&doc);
    let coded = pipeline.code(&doc);
    let chosen: Vec<&ParsedSentence> = analysis
        .sentences
        .iter()
        .filter(|s| args.sentence.is_none_or(|n| s.index == n))
        .collect();
    anyhow::ensure!(
        !chosen.is_empty(),
        "no such sentence (the text has {})",
        analysis.sentences.len()
    );

    let mut out = String::new();
    for sentence in chosen {
        explain_sentence(&mut out, &pipeline, &doc, &analysis, &coded.records, sentence);
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn explain_sentence(
    out: &mut String,
    pipeline: &Pipeline,
    doc: &dyad_core::Document,
    analysis: &dyad_pipeline::Analysis,
    records: &[Record],
    s: &ParsedSentence,
) {
    let _ = writeln!(out, "# sentence {} {:?}", s.index, &doc.text[s.span.start..s.span.end]);
    let _ = writeln!(out, "## tokens (id form lemma upos xpos head deprel)");
    for (i, t) in s.tokens.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3} {:<18} {:<14} {:<6} {:<5} {:>3} {}",
            i + 1,
            t.form,
            t.lemma,
            t.upos,
            t.xpos,
            t.head,
            t.deprel
        );
    }
    let _ = writeln!(out, "## tree");
    if let Some(root) = s.root() {
        write_tree(out, s, root, 0);
    }
    let _ = writeln!(out, "## mentions");
    for m in analysis.mentions.iter().filter(|m| m.sentence == s.index) {
        let entity = m.actor.entity.as_deref().unwrap_or("-");
        let _ = writeln!(
            out,
            "{:<40} {:<10} {:<24} {:<11} {}",
            format!("{:?}", m.text),
            m.actor.code,
            entity,
            m.how.as_str(),
            m.rule
        );
    }
    let (_, trace) = pipeline
        .event_coder()
        .explain_sentence(doc, s, &analysis.mentions, analysis.published);
    let _ = writeln!(out, "## predicates");
    for p in &trace {
        let _ = writeln!(
            out,
            "{:>3} {:<14} {:<22} {}",
            p.token + 1,
            p.lemma,
            p.outcome,
            p.rule.as_deref().unwrap_or("-")
        );
    }
    let _ = writeln!(out, "## records");
    for record in records {
        let inside = match record {
            Record::Event(e) => e.sentence == s.index,
            Record::Quote(q) => s.span.overlaps(q.span),
            _ => false,
        };
        if inside {
            let _ = writeln!(out, "{}", record.to_json_line());
        }
    }
    out.push('\n');
}

fn write_tree(out: &mut String, s: &ParsedSentence, i: usize, depth: usize) {
    if depth > s.tokens.len() {
        return; // a cycle: never loop on a malformed tree
    }
    let t = &s.tokens[i];
    let _ = writeln!(out, "{}{} ({}) {}", "  ".repeat(depth), t.form, t.deprel, t.upos);
    for child in s.children(i) {
        write_tree(out, s, child, depth + 1);
    }
}
