//! Options that shape the coding engine, shared by `dyad code` and `dyad ingest`: the
//! user's dictionaries and lexicons are read here (the pipeline does no I/O) and handed over
//! as plain data.

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_actors::DictionaryEntry;
use dyad_events::{GoldsteinTable, LexiconSource};
use dyad_pipeline::Config;
use std::path::PathBuf;

#[derive(Args, Clone, Debug, Default)]
pub struct EngineArgs {
    /// A PETRARCH/Phoenix dictionary folder: its actor files are matched alongside the
    /// built-in knowledge base (which wins where both know a name).
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Match only the actors of --dictionaries, not the built-in knowledge base.
    #[arg(long, requires = "dictionaries")]
    pub dictionaries_only: bool,
    /// An extra predicate lexicon in dyad's `.lex` format (repeatable).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Which published Goldstein scale to stamp on events.
    #[arg(long, value_enum, default_value_t = GoldsteinArg::Gdelt)]
    pub goldstein: GoldsteinArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GoldsteinArg {
    #[default]
    Gdelt,
    Phoenix,
}

impl EngineArgs {
    /// Read what the options point at and build the pipeline's configuration. Malformed
    /// dictionary lines are reported on standard error (`file:line: what`) and skipped.
    pub fn pipeline_config(&self, default_date: Option<NaiveDate>) -> anyhow::Result<Config> {
        let mut config = Config {
            default_date,
            dictionaries_only: self.dictionaries_only,
            ..Config::default()
        };
        config.events.goldstein = match self.goldstein {
            GoldsteinArg::Gdelt => GoldsteinTable::Gdelt,
            GoldsteinArg::Phoenix => GoldsteinTable::Phoenix,
        };
        for path in &self.lexicon {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the lexicon", path.display()))?;
            config.events.extra_lexicons.push(LexiconSource {
                name: path.display().to_string(),
                text,
            });
        }
        if let Some(dir) = &self.dictionaries {
            let dictionaries = dyad_dictionaries::load_dir(dir)
                .with_context(|| format!("{}: cannot read the dictionaries", dir.display()))?;
            for problem in &dictionaries.problems {
                eprintln!("dyad: {problem}");
            }
            for file in &dictionaries.actors {
                let name = file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                for entry in &file.entries {
                    for phrase in &entry.names {
                        for code in &entry.codes {
                            config.actor_entries.push(DictionaryEntry {
                                phrase: phrase.clone(),
                                code: code.code.clone(),
                                from: code.from,
                                to: code.to,
                                rule: format!("{name}:{}", entry.line),
                            });
                        }
                    }
                }
            }
            if !dictionaries.problems.is_empty() {
                eprintln!(
                    "dyad: {}: {} dictionary lines skipped or repaired (listed above)",
                    dir.display(),
                    dictionaries.problems.len()
                );
            }
        }
        Ok(config)
    }
}
