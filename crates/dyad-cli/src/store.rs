//! The store's commands: `dyad ingest`, `events`, `actors`, `quotes`, `dyads`, `export`.

use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct IngestArgs {}
#[derive(Args)]
pub struct EventsArgs {}
#[derive(Args)]
pub struct ActorsArgs {}
#[derive(Args)]
pub struct QuotesArgs {}
#[derive(Args)]
pub struct DyadsArgs {}
#[derive(Args)]
pub struct ExportArgs {}

pub fn run_ingest(_args: &IngestArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad ingest` is not built yet")
}
pub fn run_events(_args: &EventsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad events` is not built yet")
}
pub fn run_actors(_args: &ActorsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad actors` is not built yet")
}
pub fn run_quotes(_args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad quotes` is not built yet")
}
pub fn run_dyads(_args: &DyadsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad dyads` is not built yet")
}
pub fn run_export(_args: &ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad export` is not built yet")
}
