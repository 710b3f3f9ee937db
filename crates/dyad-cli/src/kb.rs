//! `dyad kb …`: check and query the built-in actor knowledge base.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use dyad_actors::KnowledgeBase;
use std::process::ExitCode;

#[derive(Args)]
pub struct KbArgs {
    #[command(subcommand)]
    command: KbCommand,
}

#[derive(Subcommand)]
enum KbCommand {
    /// Validate every knowledge-base file; print counts, and each problem as file:line.
    Check,
    /// Show what a name or phrase resolves to (people by their role on --date).
    Lookup {
        /// The name or phrase, e.g. "Mikdad" or "the Zionist regime".
        name: String,
        /// Resolve dated roles on this day (YYYY-MM-DD); default: the most recent role.
        #[arg(long)]
        date: Option<NaiveDate>,
    },
}

pub fn run(args: &KbArgs) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let kb = KnowledgeBase::builtin();
    let load = start.elapsed();
    match &args.command {
        KbCommand::Check => {
            let problems = KnowledgeBase::validate_sources();
            println!(
                "countries {}  organisations {}  people {}  person-roles {}  sector nouns {}  phrases {}  (loaded in {:.1} ms)",
                kb.countries.len(),
                kb.orgs.len(),
                kb.people.len(),
                kb.role_count(),
                kb.sector_noun_count(),
                kb.phrase_count(),
                load.as_secs_f64() * 1000.0
            );
            for p in &problems {
                eprintln!("{p}");
            }
            if problems.is_empty() {
                println!("ok");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("{} problem(s)", problems.len());
                Ok(ExitCode::from(1))
            }
        }
        KbCommand::Lookup { name, date } => {
            let phrase = name.trim();
            let phrase = phrase
                .strip_prefix("the ")
                .or_else(|| phrase.strip_prefix("The "))
                .unwrap_or(phrase);
            let hits = kb.lookup_phrase(phrase, *date);
            if hits.is_empty() {
                println!("{name:?}: not in the knowledge base");
                return Ok(ExitCode::from(1));
            }
            for h in hits {
                let a = &h.actor;
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    a.code,
                    h.kind,
                    a.entity.as_deref().unwrap_or("-"),
                    a.entity_id.as_deref().unwrap_or("-"),
                    h.title.as_deref().unwrap_or("-"),
                    h.rule
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
