//! `dyad eval petrarch` and `dyad eval quotes`.

use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalPetrarchArgs {}

#[derive(Args)]
pub struct EvalQuotesArgs {}

pub fn run_petrarch(_args: &EvalPetrarchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad eval petrarch` is not built yet")
}

pub fn run_quotes(_args: &EvalQuotesArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad eval quotes` is not built yet")
}
