//! `dyad code`: reports in, FORMAT.md records out.

use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct CodeArgs {}

pub fn run(_args: &CodeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad code` is not built yet")
}
