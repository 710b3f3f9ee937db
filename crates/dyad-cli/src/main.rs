//! The `dyad` command-line program: argument parsing and dispatch to one module per
//! command family. Only this crate (with ingest and store) touches files and the terminal.

mod actors_run;
mod bench;
mod bench_ingest;
mod code;
mod engine;
mod eval;
mod eval_cameo;
mod eval_entities;
mod eval_events;
mod explain;
mod kb;
mod ner;
mod output;
mod parse;
mod store;
mod summary;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: parsing and coding allocate many small
/// per-sentence vectors, which glibc malloc serves slowly.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// dyad: political event data from news reports — who did what to whom, when, where, and
/// what they said.
#[derive(Parser)]
#[command(name = "dyad", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code reports into document, mention, event and quote records (JSON Lines).
    Code(code::CodeArgs),
    /// Tag and parse reports; write CoNLL-U.
    Parse(parse::ParseArgs),
    /// Train the tagger, lemmatizer and parser on a UD treebank.
    TrainParser(parse::TrainParserArgs),
    /// Train the named-entity tagger on Universal NER IOB2 data.
    TrainNer(ner::TrainNerArgs),
    /// Measure accuracy against gold data.
    Eval(eval::EvalArgs),
    /// Measure speed and memory on real text.
    Bench(bench::BenchArgs),
    /// Print every stage for one sentence: tokens, tree, mentions, predicates, records.
    Explain(explain::ExplainArgs),
    /// Check or query the built-in actor knowledge base.
    Kb(kb::KbArgs),
    /// Code reports and store them in a database.
    Ingest(store::IngestArgs),
    /// List stored events (happenings).
    Events(store::EventsArgs),
    /// List stored actors (entities) with counts, or the entities of a run over report files.
    Actors(store::ActorsArgs),
    /// List stored quotes.
    Quotes(store::QuotesArgs),
    /// Event counts and mean Goldstein per directed dyad and period.
    Dyads(store::DyadsArgs),
    /// Export stored events (PLOVER JSON, GDELT, ICEWS, CSV, Parquet).
    Export(store::ExportArgs),
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Code(args) => code::run(args),
        Command::Parse(args) => parse::run_parse(args),
        Command::TrainParser(args) => parse::run_train(args),
        Command::TrainNer(args) => ner::run_train(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Kb(args) => kb::run(args),
        Command::Ingest(args) => store::run_ingest(args),
        Command::Events(args) => store::run_events(args),
        Command::Actors(args) => store::run_actors(args),
        Command::Quotes(args) => store::run_quotes(args),
        Command::Dyads(args) => store::run_dyads(args),
        Command::Export(args) => store::run_export(args),
    };
    match result {
        Ok(code) => code,
        Err(error) if code::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dyad: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Rust ignores SIGPIPE, so `dyad … | head` would panic on the first write after `head`
/// exits. A command-line tool should end quietly instead, as `cat` does.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
