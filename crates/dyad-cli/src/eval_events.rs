//! `dyad eval petrarch` and `dyad eval quotes`.
//!
//! `eval quotes` runs our stages on PolNeAR's articles and scores the quotes found against
//! its attribution annotations (content spans and sources); the reading and scoring live in
//! `dyad_quotes::eval`, this file finds the files and runs the stages.

use anyhow::Context;
use clap::{Args, ValueEnum};
use dyad_core::{Document, Mention, ParsedSentence, ParsedToken};
use dyad_quotes::eval::{mismatches, read_brat, score_document, Scores};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalPetrarchArgs {
    /// A PETRARCH validation record file (`PETR.UnitTest.records.xml`, UD-PETRARCH's
    /// `PETR_Validate_records_2_02.xml`, …). The files' own parses are ignored: dyad parses
    /// each record's text itself.
    records: PathBuf,
    /// The folder holding the dictionaries the file's `<Environment>` names (looked up
    /// there, then beside the record file).
    #[arg(long, value_name = "DIR")]
    dictionaries: PathBuf,
    /// Also print each record's missed (`-`) and extra (`+`) events.
    #[arg(long)]
    errors: bool,
}

/// Code every active record's text with the file's verb dictionary, matching only the
/// file's actor dictionaries, and compare with the expected (source, target, code) sets.
pub fn run_petrarch(args: &EvalPetrarchArgs) -> anyhow::Result<ExitCode> {
    let file = dyad_petrarch::read_records(&args.records)?;
    for problem in &file.problems {
        eprintln!("dyad: {problem}");
    }
    let beside = args.records.parent().unwrap_or(Path::new("."));
    let setup = dyad_petrarch::load_setup(&file.environment, &args.dictionaries, beside)
        .with_context(|| format!("{}: reading the dictionaries", args.dictionaries.display()))?;
    if !setup.problems.is_empty() {
        eprintln!("dyad: {} dictionary lines skipped or repaired", setup.problems.len());
    }
    let coder = dyad_petrarch::VerbCoder::new(&setup.verbs)
        .with_agents(&setup.agents)
        .with_discards(&setup.discards);
    let active: Vec<&dyad_petrarch::Record> = file.records.iter().filter(|r| r.active).collect();
    // Actor codes depend on the date (PETRARCH2's date restrictions), so the records are
    // coded in groups by date, with the actor dictionaries read as of that date.
    let mut by_date: std::collections::BTreeMap<Option<chrono::NaiveDate>, Vec<usize>> = Default::default();
    for (k, record) in active.iter().enumerate() {
        by_date.entry(record.date).or_default().push(k);
    }
    let mut scored: Vec<Option<dyad_petrarch::RecordScore>> = vec![None; active.len()];
    for (date, members) in by_date {
        let phrases = match date {
            Some(date) => setup.actor_phrases_on(date),
            None => setup.actor_phrases(),
        };
        let actor_entries = phrases
            .into_iter()
            .map(|a| dyad_actors::DictionaryEntry {
                phrase: a.phrase,
                code: a.code,
                from: a.from,
                to: a.to,
                rule: a.rule,
            })
            .collect();
        let config = dyad_pipeline::Config {
            actor_entries,
            dictionaries_only: true,
            ..dyad_pipeline::Config::default()
        };
        let pipeline = dyad_pipeline::Pipeline::new(config)?;
        let scores: Vec<(usize, dyad_petrarch::RecordScore)> = members
            .par_iter()
            .map(|&k| {
                let record = active[k];
                let mut doc = dyad_ingest::document_from_text(&record.id, &record.text);
                doc.published = record.date;
                let analysis = pipeline.analyse(&doc);
                // A story-wide discard phrase anywhere drops the record's events.
                let story_discarded = analysis
                    .sentences
                    .iter()
                    .any(|s| coder.discarded(s) == Some(dyad_dictionaries::DiscardScope::Story));
                let coded: Vec<dyad_petrarch::Expected> = analysis
                    .sentences
                    .iter()
                    .filter(|_| !story_discarded)
                    .flat_map(|s| coder.code_sentence(s, &analysis.mentions))
                    .map(|e| e.triple())
                    .collect();
                (k, dyad_petrarch::score_record(&record.expected, &coded))
            })
            .collect();
        for (k, score) in scores {
            scored[k] = Some(score);
        }
    }
    let scored: Vec<dyad_petrarch::RecordScore> = scored.into_iter().map(Option::unwrap_or_default).collect();
    let mut totals = dyad_petrarch::Totals::default();
    for (record, score) in active.iter().zip(&scored) {
        totals.add(score);
        if args.errors && !score.exact() {
            println!("{} (line {}): {}", record.id, record.line, record.text);
            for (sign, list) in [("-", &score.missed), ("+", &score.extra)] {
                for e in list {
                    println!("  {sign} {} {} {}", e.source, e.target, e.code);
                }
            }
        }
    }
    println!(
        "{}: {} active records of {}; verbs {}, {} actor files, {} agents (dictionaries only, our own parse)",
        args.records.display(),
        active.len(),
        file.records.len(),
        setup.verb_file.display(),
        setup.actors.len(),
        setup.agents.len()
    );
    print!("{totals}");
    Ok(ExitCode::SUCCESS)
}

/// Which PolNeAR subset to score on (the test subset is kept unseen on purpose).
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Split {
    Dev,
    Train,
}

impl Split {
    fn folder(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Train => "train",
        }
    }
}

#[derive(Args)]
pub struct EvalQuotesArgs {
    /// PolNeAR's root folder (holding `data/<split>/text` and `data/<split>/attributions`);
    /// default `$DYAD_SHARED/data/dev/polnear`, with DYAD_SHARED defaulting to `../shared`.
    #[arg(long)]
    polnear: Option<PathBuf>,
    /// The subset to score on.
    #[arg(long, value_enum, default_value_t = Split::Dev)]
    split: Split,
    /// Score only the first N articles (in file-name order).
    #[arg(long)]
    limit: Option<usize>,
    /// Also print every gold content we missed (`-`) and every quote of ours that matches
    /// none (`+`), by article.
    #[arg(long)]
    errors: bool,
    /// Parser model file to use instead of the built-in one (from `dyad train-parser`).
    #[arg(long)]
    model: Option<PathBuf>,
}

pub fn run_quotes(args: &EvalQuotesArgs) -> anyhow::Result<ExitCode> {
    let root = match &args.polnear {
        Some(dir) => dir.clone(),
        None => crate::parse::shared_dir().join("data/dev/polnear"),
    };
    let parser = match crate::parse::load_model(args.model.as_deref()) {
        Ok(model) => Some(model),
        Err(error) if args.model.is_none() => {
            eprintln!("dyad: warning: {error:#}; scoring on sentences without tags or trees");
            None
        }
        Err(error) => return Err(error),
    };
    // Printed with the scores, so a number is never read without what produced it.
    let stages = match parser {
        Some(_) => "cleaning, text, parse, actors",
        None => "text only (no parser model): set-off direct quotes without speakers",
    };
    let annotate = |doc: &Document| annotate(doc, parser);
    let (scores, errors) = evaluate(&root, args.split, args.limit, args.errors, &annotate)?;
    for line in errors {
        println!("{line}");
    }
    println!("PolNeAR {} ({}), stages: {stages}", args.split.folder(), root.display());
    print!("{scores}");
    Ok(ExitCode::SUCCESS)
}

/// Our stages up to actor resolution for one document: segment, then parse when a model is
/// given (without one, sentences carry tokens without tags or trees).
///
/// Our stages up to actors: cleaning (headline and site furniture out of the body; the text
/// itself is untouched, so gold offsets still hold), sentences, parse, resolved mentions.
fn annotate(doc: &Document, parser: Option<&dyad_parse::Model>) -> (Vec<ParsedSentence>, Vec<Mention>) {
    let mut cleaned = doc.clone();
    dyad_ingest::clean(&mut cleaned);
    let sentences = dyad_text::segment(&doc.text, &cleaned.body_regions());
    let parsed = sentences
        .iter()
        .enumerate()
        .map(|(index, sentence)| match parser {
            Some(model) => model.parse(&doc.text, sentence, index),
            None => ParsedSentence {
                index,
                span: sentence.span,
                tokens: sentence
                    .tokens
                    .iter()
                    .map(|t| ParsedToken {
                        form: doc.text[t.span.start..t.span.end].to_string(),
                        span: t.span,
                        ..ParsedToken::default()
                    })
                    .collect(),
            },
        })
        .collect::<Vec<_>>();
    let resolver = dyad_actors::ActorResolver::new(
        dyad_actors::KnowledgeBase::builtin(),
        dyad_actors::ResolverConfig::default(),
    );
    let mentions = if parser.is_some() {
        resolver.resolve_document(doc, &parsed, doc.published)
    } else {
        Vec::new()
    };
    (parsed, mentions)
}

/// One article: its text and its gold annotation file.
struct Article {
    name: String,
    text_path: PathBuf,
    ann_path: PathBuf,
}

/// The articles of a split, one annotation per article: where several annotators did the
/// same article, the first annotation file in name order counts.
fn articles(root: &Path, split: Split) -> anyhow::Result<Vec<Article>> {
    let base = root.join("data").join(split.folder());
    let folder = base.join("attributions");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .with_context(|| format!("reading {} (is --polnear right?)", folder.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".ann"))
        .collect();
    names.sort();
    let mut articles: Vec<Article> = Vec::new();
    for name in names {
        // `<article>_<annotator>.ann` annotates `text/<article>.txt`.
        let Some((article, _annotator)) = name.trim_end_matches(".ann").rsplit_once('_') else {
            continue;
        };
        if articles.last().is_some_and(|a| a.name == article) {
            continue;
        }
        articles.push(Article {
            name: article.to_string(),
            text_path: base.join("text").join(format!("{article}.txt")),
            ann_path: folder.join(&name),
        });
    }
    Ok(articles)
}

/// The stages before quote finding: a document in, its parsed sentences and mentions out.
type Annotate<'a> = dyn Fn(&Document) -> (Vec<ParsedSentence>, Vec<Mention>) + Sync + 'a;

/// Run `annotate` and quote finding on every article of the split and add up the scores;
/// with `show_errors`, also list the misses and extras, one line each.
fn evaluate(
    root: &Path,
    split: Split,
    limit: Option<usize>,
    show_errors: bool,
    annotate: &Annotate<'_>,
) -> anyhow::Result<(Scores, Vec<String>)> {
    let mut articles = articles(root, split)?;
    articles.truncate(limit.unwrap_or(usize::MAX));
    let per_article: Vec<_> = articles
        .par_iter()
        .map(|article| {
            let text = std::fs::read_to_string(&article.text_path)
                .with_context(|| format!("reading {}", article.text_path.display()))?;
            let ann = std::fs::read_to_string(&article.ann_path)
                .with_context(|| format!("reading {}", article.ann_path.display()))?;
            let gold = read_brat(&article.ann_path.display().to_string(), &ann, &text)?;
            let doc = Document {
                id: article.name.clone(),
                published: published(&article.name),
                text,
                ..Document::default()
            };
            let (sentences, mentions) = annotate(&doc);
            let quotes = dyad_quotes::find_quotes(&doc, &sentences, &mentions);
            let mut lines = Vec::new();
            if show_errors {
                for error in mismatches(&doc.text, &gold, &quotes) {
                    let parts: Vec<&str> = error.spans.iter().map(|s| &doc.text[s.start..s.end]).collect();
                    let shown: String = parts.join(" … ").chars().take(160).collect();
                    lines.push(format!(
                        "{} {}: {shown}",
                        if error.missed { "-" } else { "+" },
                        article.name
                    ));
                }
            }
            anyhow::Ok((score_document(&doc.text, &gold, &quotes), lines))
        })
        .collect();
    let (mut total, mut errors) = (Scores::default(), Vec::new());
    for result in per_article {
        let (scores, lines) = result?;
        total.add(&scores);
        errors.extend(lines);
    }
    Ok((total, errors))
}

/// PolNeAR names files `<publisher>_<YYYY-MM-DD>_<slug>`: the date is the publication date.
fn published(article: &str) -> Option<chrono::NaiveDate> {
    let date = article.split('_').nth(1)?;
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-article PolNeAR tree (one article annotated twice) scored with a fake stage
    /// that finds nothing: the gold side is counted once per article.
    #[test]
    fn reads_a_polnear_tree() {
        let root = tempfile::tempdir().unwrap();
        let base = root.path().join("data/dev");
        std::fs::create_dir_all(base.join("text")).unwrap();
        std::fs::create_dir_all(base.join("attributions")).unwrap();
        let text = "“We won,” he said.";
        std::fs::write(base.join("text/nyt_2016-10-01_a.txt"), text).unwrap();
        std::fs::write(base.join("text/nyt_2016-10-02_b.txt"), "Nothing here.").unwrap();
        let ann = "T1\tContent 0 9\t“We won,”\nT2\tSource 10 12\the\nT3\tCue 13 17\tsaid\n\
                   E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n";
        std::fs::write(base.join("attributions/nyt_2016-10-01_a_aaaa.ann"), ann).unwrap();
        std::fs::write(base.join("attributions/nyt_2016-10-01_a_bbbb.ann"), ann).unwrap();
        std::fs::write(base.join("attributions/nyt_2016-10-02_b_aaaa.ann"), "").unwrap();
        let nothing = |_: &Document| (Vec::new(), Vec::new());
        let (scores, errors) = evaluate(root.path(), Split::Dev, None, true, &nothing).unwrap();
        assert_eq!(errors, vec!["- nyt_2016-10-01_a: “We won,”"]);
        assert_eq!(scores.documents, 2);
        assert_eq!(
            (scores.overlap.gold, scores.overlap.predicted, scores.speaker.gold),
            (1, 0, 0)
        );
        assert_eq!(
            published("nyt_2016-10-01_a"),
            chrono::NaiveDate::from_ymd_opt(2016, 10, 1)
        );
        assert!(evaluate(&root.path().join("missing"), Split::Dev, None, false, &nothing).is_err());
    }
}
