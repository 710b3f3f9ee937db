//! Finding and reading the dictionaries a record file was written for.
//!
//! A record file's `<Environment>` names its verb and actor files; they are looked up in the
//! folder the user gives (`--dictionaries`), then beside the record file (UD-PETRARCH ships
//! its dictionaries there). Without a named verb file, the folder's first verb dictionary
//! (`*verbs*.txt` or `CAMEO*.txt`, in name order) is used; without named actor files, all of
//! the folder's `*actors*.txt` (and likewise `*agents*.txt`). A discard file is read only
//! when the environment names one.

use crate::records::Environment;
use dyad_dictionaries::{
    load_actors, load_agents, load_discards, load_verbs, ActorEntry, AgentEntry, DictError, DictProblem, DiscardEntry,
    VerbDictionary,
};
use std::path::{Path, PathBuf};

/// The dictionaries for one record file.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub verb_file: PathBuf,
    pub verbs: VerbDictionary,
    /// Actor entries by file, in the environment's order.
    pub actors: Vec<(PathBuf, Vec<ActorEntry>)>,
    /// Agent entries of all agent files.
    pub agents: Vec<AgentEntry>,
    /// Discard phrases of the discard file, when the environment names one.
    pub discards: Vec<DiscardEntry>,
    /// Lines the dictionary readers skipped or repaired.
    pub problems: Vec<DictProblem>,
}

/// One (phrase, code) pair of an actor dictionary, for the actor stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPhrase {
    pub phrase: String,
    pub code: String,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Provenance, `file:line`.
    pub rule: String,
}

impl Setup {
    /// Every actor phrase with each of its codes. An entry's dated codes come before its
    /// undated default, so a resolver taking the first code active on a date gets
    /// PETRARCH2's reading: a date restriction overrides the default (`SAM_GAMGEE [HOB]`
    /// then `[HOBCIV <20080120]` → HOBCIV in 1995).
    pub fn actor_phrases(&self) -> Vec<ActorPhrase> {
        let mut out = Vec::new();
        for (path, entries) in &self.actors {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for entry in entries {
                let mut codes: Vec<_> = entry.codes.iter().collect();
                codes.sort_by_key(|c| c.from.is_none() && c.to.is_none());
                for phrase in &entry.names {
                    for code in &codes {
                        out.push(ActorPhrase {
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
        out
    }
}

impl Setup {
    /// Every actor phrase with the one code it has on `date`, as PETRARCH2 reads date
    /// restrictions: the first dated code that applies, else the first undated one
    /// (`SAM_GAMGEE [HOB]` then `[HOBCIV <20080120]` → HOBCIV in 1995, HOB never while a
    /// restriction applies). Phrases with no code that day are left out.
    pub fn actor_phrases_on(&self, date: chrono::NaiveDate) -> Vec<ActorPhrase> {
        let mut out = Vec::new();
        for (path, entries) in &self.actors {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for entry in entries {
                let dated = |c: &&dyad_dictionaries::DatedCode| c.from.is_some() || c.to.is_some();
                let code = entry
                    .codes
                    .iter()
                    .filter(dated)
                    .find(|c| c.applies_on(date))
                    .or_else(|| entry.codes.iter().find(|c| !dated(c)));
                let Some(code) = code else { continue };
                for phrase in &entry.names {
                    out.push(ActorPhrase {
                        phrase: phrase.clone(),
                        code: code.code.clone(),
                        from: None,
                        to: None,
                        rule: format!("{name}:{}", entry.line),
                    });
                }
            }
        }
        out
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("no verb dictionary {0} found")]
    NoVerbs(String),
    #[error(transparent)]
    Dict(#[from] DictError),
}

/// Read the dictionaries `env` names from `dir` (or `beside`, the record file's folder).
pub fn load_setup(env: &Environment, dir: &Path, beside: &Path) -> Result<Setup, SetupError> {
    let find = |name: &str| [dir, beside].iter().map(|d| d.join(name)).find(|p| p.is_file());
    let listed = |pred: &dyn Fn(&str) -> bool| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.to_ascii_lowercase().ends_with(".txt") && pred(&n.to_ascii_lowercase()))
        });
        files.sort();
        files
    };
    let verb_file = match env.verb_file.as_deref() {
        Some(name) => find(name),
        None => listed(&|n| n.contains("verbs") || n.starts_with("cameo"))
            .into_iter()
            .next(),
    }
    .ok_or_else(|| SetupError::NoVerbs(env.verb_file.clone().unwrap_or_else(|| format!("in {}", dir.display()))))?;
    let (verbs, mut problems) = load_verbs(&verb_file)?;
    let actor_files: Vec<PathBuf> = if env.actor_files.is_empty() {
        listed(&|n| n.contains("actors"))
    } else {
        env.actor_files.iter().filter_map(|name| find(name)).collect()
    };
    let mut actors = Vec::new();
    for path in actor_files {
        let (entries, more) = load_actors(&path)?;
        problems.extend(more);
        actors.push((path, entries));
    }
    let agent_files: Vec<PathBuf> = if env.agent_files.is_empty() {
        listed(&|n| n.contains("agents"))
    } else {
        env.agent_files.iter().filter_map(|name| find(name)).collect()
    };
    let mut agents = Vec::new();
    for path in agent_files {
        let (entries, more) = load_agents(&path)?;
        problems.extend(more);
        agents.extend(entries);
    }
    let mut discards = Vec::new();
    if let Some(path) = env.discard_file.as_deref().and_then(find) {
        let (entries, more) = load_discards(&path)?;
        problems.extend(more);
        discards = entries;
    }
    Ok(Setup {
        verb_file,
        verbs,
        actors,
        agents,
        discards,
        problems,
    })
}
