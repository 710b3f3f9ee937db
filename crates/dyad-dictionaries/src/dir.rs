//! Loading a folder of dictionaries, picking each file's reader by its name.

use std::path::{Path, PathBuf};

use crate::problem::{DictError, DictProblem};
use crate::{load_actors, load_agents, load_discards, load_issues, load_verbs};
use crate::{ActorEntry, AgentEntry, DiscardEntry, IssueEntry, VerbDictionary};

/// The entries read from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictionaryFile<T> {
    /// Where they came from.
    pub path: PathBuf,
    /// The entries, in file order.
    pub entries: T,
}

/// Everything read from a folder, file by file (a folder may hold several dictionaries of one
/// kind — Phoenix ships three actor files — and callers choose how to combine them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dictionaries {
    /// `*actors*` files.
    pub actors: Vec<DictionaryFile<Vec<ActorEntry>>>,
    /// `*agents*` files.
    pub agents: Vec<DictionaryFile<Vec<AgentEntry>>>,
    /// `*discard*` files.
    pub discards: Vec<DictionaryFile<Vec<DiscardEntry>>>,
    /// `*issue*` files.
    pub issues: Vec<DictionaryFile<Vec<IssueEntry>>>,
    /// `*verbs*` and `CAMEO*` files.
    pub verbs: Vec<DictionaryFile<VerbDictionary>>,
    /// Problems of all files, in load order.
    pub problems: Vec<DictProblem>,
}

impl Dictionaries {
    /// All actor entries of all actor files, in load order.
    pub fn all_actors(&self) -> impl Iterator<Item = &ActorEntry> {
        self.actors.iter().flat_map(|f| f.entries.iter())
    }

    /// All agent entries of all agent files, in load order.
    pub fn all_agents(&self) -> impl Iterator<Item = &AgentEntry> {
        self.agents.iter().flat_map(|f| f.entries.iter())
    }
}

/// Which reader a file name calls for (case-insensitive): `actors`, `agents`, `discard`,
/// `issue`, `verbs` or a `CAMEO` prefix. Other files (licences, configs, ontologies) are not
/// dictionaries and are left alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Actors,
    Agents,
    Discards,
    Issues,
    Verbs,
}

fn kind_of(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    if !lower.ends_with(".txt") {
        return None;
    }
    if lower.contains("actors") {
        Some(Kind::Actors)
    } else if lower.contains("agents") {
        Some(Kind::Agents)
    } else if lower.contains("discard") {
        Some(Kind::Discards)
    } else if lower.contains("issue") {
        Some(Kind::Issues)
    } else if lower.contains("verbs") || lower.starts_with("cameo") {
        Some(Kind::Verbs)
    } else {
        None
    }
}

/// Loads every dictionary file in `dir` (not recursive), in name order.
pub fn load_dir(dir: &Path) -> Result<Dictionaries, DictError> {
    load_dir_filtered(dir, |_| true)
}

/// Loads the dictionary files in `dir` whose file names `keep` accepts — e.g. only the
/// `Phoenix.*` and `CAMEO.*` files of a folder that also holds validation dictionaries.
pub fn load_dir_filtered(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Dictionaries, DictError> {
    let io = |source| DictError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if path.is_file() && keep(&name) {
            if let Some(kind) = kind_of(&name) {
                files.push((name, kind, path));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Dictionaries::default();
    for (_, kind, path) in files {
        match kind {
            Kind::Actors => {
                let (entries, problems) = load_actors(&path)?;
                out.problems.extend(problems);
                out.actors.push(DictionaryFile { path, entries });
            }
            Kind::Agents => {
                let (entries, problems) = load_agents(&path)?;
                out.problems.extend(problems);
                out.agents.push(DictionaryFile { path, entries });
            }
            Kind::Discards => {
                let (entries, problems) = load_discards(&path)?;
                out.problems.extend(problems);
                out.discards.push(DictionaryFile { path, entries });
            }
            Kind::Issues => {
                let (entries, problems) = load_issues(&path)?;
                out.problems.extend(problems);
                out.issues.push(DictionaryFile { path, entries });
            }
            Kind::Verbs => {
                let (entries, problems) = load_verbs(&path)?;
                out.problems.extend(problems);
                out.verbs.push(DictionaryFile { path, entries });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_picked_by_name() {
        assert_eq!(kind_of("Phoenix.Countries.actors.txt"), Some(Kind::Actors));
        assert_eq!(kind_of("PETR_Validate_agents_2_02.txt"), Some(Kind::Agents));
        assert_eq!(kind_of("Phoenix.discards.txt"), Some(Kind::Discards));
        assert_eq!(kind_of("Phoenix.IssueCoding.txt"), Some(Kind::Issues));
        assert_eq!(kind_of("CAMEO.2.0.txt"), Some(Kind::Verbs));
        assert_eq!(kind_of("PETR_Validate_verbs_2_02.txt"), Some(Kind::Verbs));
        assert_eq!(kind_of("PETR.Internal.Coding.Ontology.txt"), None);
        assert_eq!(kind_of("LICENSE"), None);
    }
}
