//! `dyad kb …`: check and query the built-in actor knowledge base.

use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct KbArgs {}

pub fn run(_args: &KbArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad kb` is not built yet")
}
