//! `dyad parse`, `dyad train-parser` and `dyad eval parse`.

use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct ParseArgs {}

#[derive(Args)]
pub struct TrainParserArgs {}

#[derive(Args)]
pub struct EvalParseArgs {}

pub fn run_parse(_args: &ParseArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad parse` is not built yet")
}

pub fn run_train(_args: &TrainParserArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad train-parser` is not built yet")
}

pub fn run_eval(_args: &EvalParseArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad eval parse` is not built yet")
}
