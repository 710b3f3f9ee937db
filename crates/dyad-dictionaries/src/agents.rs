//! Agent dictionaries: `PHRASE {PLURALS} [~CODE]` and `!SET! = A, B` substitution sets.
//!
//! ```text
//! !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
//! FOREIGN_!MINIST! [~GOV]           # expands to FOREIGN MINISTER, FOREIGN MINISTERS, …
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   # irregular plural
//! MEDIA {} [~MED]                   # no plural
//! PEACEKEEPING_TROOPS {} [IGO~]     # the code goes before the actor's
//! ```
//! Without braces a regular plural of the last word is generated, as PETRARCH2 does —
//! except for phrases built from a substitution set, whose members already give the plurals.

use std::collections::HashMap;
use std::path::Path;

use crate::problem::{read_file, DictError, DictProblem, Problems};
use crate::source::{lines, phrase, regular_plural, split_brackets};

/// Where an agent's code goes relative to the actor's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `[~GOV]`: after the actor code (`SYR` + `GOV` → `SYRGOV`).
    Suffix,
    /// `[IGO~]`: before it.
    Prefix,
}

/// One agent line, with substitution sets expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// Singular forms (one per substitution), underscores turned into spaces.
    pub names: Vec<String>,
    /// Plural forms: the `{…}` list, or generated regular plurals; empty for `{}`.
    pub plurals: Vec<String>,
    /// The code without its `~`: `GOV`, `GOVMED`, `IGO`.
    pub code: String,
    /// Where the code attaches.
    pub placement: AgentPlacement,
    /// Line in the file.
    pub line: usize,
}

/// Reads an agent dictionary file.
pub fn load_agents(path: &Path) -> Result<(Vec<AgentEntry>, Vec<DictProblem>), DictError> {
    let (name, bytes) = read_file(path)?;
    Ok(parse_agents(&name, &bytes))
}

/// Parses agent dictionary text; `file` names the source in problems.
pub fn parse_agents(file: &str, bytes: &[u8]) -> (Vec<AgentEntry>, Vec<DictProblem>) {
    let mut problems = Problems::new(file);
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut entries = Vec::new();
    for line in lines(bytes, &mut problems) {
        let (n, text) = (line.number, line.text.as_str());
        if text.is_empty() {
            continue;
        }
        if text.starts_with('!') && text.contains('=') && !text.contains('[') {
            define_set(text, n, &mut sets, &mut problems);
            continue;
        }
        let parts = split_brackets(text);
        if !parts.faults.is_empty() {
            for fault in parts.faults {
                problems.skip(n, fault);
            }
            continue;
        }
        let Some((code, placement)) = parse_agent_code(&parts.blocks, n, &mut problems) else {
            continue;
        };
        let (singular, plural) = match parts.head.split_once('{') {
            Some((s, rest)) => match rest.split_once('}') {
                Some((p, tail)) if tail.trim().is_empty() => (s, Some(p)),
                _ => {
                    problems.skip(n, "unclosed '{' or text after '}'");
                    continue;
                }
            },
            None => (parts.head, None),
        };
        let Some(names) = expand(singular, &sets, n, &mut problems) else {
            continue;
        };
        if names.iter().any(|s| s.is_empty()) {
            problems.skip(n, "agent has a code but no words");
            continue;
        }
        let plurals = match plural {
            Some(p) => {
                let mut out = Vec::new();
                for form in p.split_whitespace() {
                    match expand(form, &sets, n, &mut problems) {
                        Some(forms) => out.extend(forms),
                        None => continue,
                    }
                }
                out
            }
            // A substitution set already lists the plural variants (MINISTER, MINISTERS), so
            // generating more would only invent forms like MINISTERSES.
            None if singular.contains('!') => Vec::new(),
            None => names.iter().filter_map(|s| regular_plural(s)).collect(),
        };
        entries.push(AgentEntry {
            names,
            plurals,
            code,
            placement,
            line: n,
        });
    }
    (entries, problems.list)
}

fn define_set(text: &str, n: usize, sets: &mut HashMap<String, Vec<String>>, problems: &mut Problems) {
    let (name, members) = text.split_once('=').unwrap_or((text, ""));
    let name = name.trim();
    if name.len() < 3 || !name.ends_with('!') || name[1..name.len() - 1].contains('!') {
        problems.skip(n, format!("substitution set name '{name}' must look like !NAME!"));
        return;
    }
    let members: Vec<String> = members
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    if members.is_empty() {
        problems.skip(n, format!("substitution set {name} has no members"));
        return;
    }
    if sets.insert(name.to_string(), members).is_some() {
        problems.recover(
            n,
            format!("substitution set {name} redefined; the new members replace the old"),
        );
    }
}

fn parse_agent_code(blocks: &[&str], n: usize, problems: &mut Problems) -> Option<(String, AgentPlacement)> {
    let [block] = blocks else {
        let why = if blocks.is_empty() {
            "agent has no [~CODE]"
        } else {
            "agent has more than one [CODE]"
        };
        problems.skip(n, why);
        return None;
    };
    let block = block.trim();
    let (code, placement) = if let Some(c) = block.strip_prefix('~') {
        (c, AgentPlacement::Suffix)
    } else if let Some(c) = block.strip_suffix('~') {
        (c, AgentPlacement::Prefix)
    } else {
        problems.recover(n, format!("agent code [{block}] has no '~'; read as [~{block}]"));
        (block, AgentPlacement::Suffix)
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        problems.skip(n, format!("agent code [{block}] is not upper-case letters and digits"));
        return None;
    }
    Some((code.to_string(), placement))
}

/// Expands every `!SET!` marker (each member in turn; several markers multiply) and turns
/// the result into phrases. `None` when a marker is unknown or unclosed.
fn expand(raw: &str, sets: &HashMap<String, Vec<String>>, n: usize, problems: &mut Problems) -> Option<Vec<String>> {
    let mut forms = vec![String::new()];
    let mut rest = raw;
    while let Some(start) = rest.find('!') {
        let Some(len) = rest[start + 1..].find('!') else {
            problems.skip(n, format!("unclosed substitution marker in '{raw}'"));
            return None;
        };
        let marker = &rest[start..start + len + 2];
        let Some(members) = sets.get(marker) else {
            problems.skip(n, format!("unknown substitution set {marker}"));
            return None;
        };
        let prefix = &rest[..start];
        forms = forms
            .iter()
            .flat_map(|f| members.iter().map(move |m| format!("{f}{prefix}{m}")))
            .collect();
        rest = &rest[start + len + 2..];
    }
    Some(forms.into_iter().map(|f| phrase(&format!("{f}{rest}"))).collect())
}
