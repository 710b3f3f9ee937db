//! `dyad eval …`: accuracy against gold data, one subcommand per stage.

use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    what: EvalCommand,
}

#[derive(Subcommand)]
enum EvalCommand {
    /// UPOS, XPOS, lemma accuracy, UAS and LAS on a CoNLL-U file (gold tokenization).
    Parse(crate::parse::EvalParseArgs),
    /// Entity-level PER/ORG/LOC precision, recall and F1 on an IOB2 file.
    Ner(crate::ner::EvalNerArgs),
    /// Run a PETRARCH validation file on our own parse and count exact matches.
    Petrarch(crate::eval_events::EvalPetrarchArgs),
    /// Person and Organisation mention precision and recall on re3d.
    Entities(crate::eval_entities::EvalEntitiesArgs),
    /// Quote content-span and speaker F1 on PolNeAR.
    Quotes(crate::eval_events::EvalQuotesArgs),
    /// Event coverage, coarse CAMEO class and source/target agreement on ConfliBERT's sentences.
    Events(crate::eval_cameo::EvalEventsArgs),
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    match &args.what {
        EvalCommand::Parse(a) => crate::parse::run_eval(a),
        EvalCommand::Ner(a) => crate::ner::run_eval(a),
        EvalCommand::Petrarch(a) => crate::eval_events::run_petrarch(a),
        EvalCommand::Quotes(a) => crate::eval_events::run_quotes(a),
        EvalCommand::Entities(a) => crate::eval_entities::run(a),
        EvalCommand::Events(a) => crate::eval_cameo::run(a),
    }
}
