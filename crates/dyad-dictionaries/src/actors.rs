//! Actor dictionaries: `NAME [CODE]`, `+SYNONYM` lines, and dated codes on following lines.
//!
//! ```text
//! BASHAR_AL-ASSAD_          # a base name; the comment is dropped
//! +BASHAR_ASSAD             # synonyms follow with '+'
//!     [SYRELI 650911-000716]  # codes may sit on their own lines…
//!     [SYRGOV >000717]        # …several per entry, with date restrictions
//! ```
//! Codes may also follow the base name on its line, several to a line. An entry ends where
//! the next base name starts, or at the end of the file (PETRARCH2 lost that last entry).
//! Base names in a row with no code between them share the codes that follow — the files
//! list a person's name variants that way (`LEONID_BREZHNEV_`, `SECRETARY_BREZHNEV_`, then
//! the codes).

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::dates::parse_range;
use crate::problem::{read_file, DictError, DictProblem, Problems};
use crate::source::{lines, phrase, split_brackets};

/// A code with the inclusive span of dates on which it applies (`None` = unbounded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO actor code as written, e.g. `SYRGOV`, `IGOUNOIAE`, `---` (never code);
    /// TABARI's multiple-actor form `ELR/GAL` is kept whole — see [`DatedCode::parts`].
    pub code: String,
    /// First day the code applies.
    pub from: Option<NaiveDate>,
    /// Last day the code applies (inclusive).
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    /// Whether the code applies on `date`.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    /// The actor codes of a `/`-joined multiple-actor code (`FRO/BIL` → `FRO`, `BIL`).
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.code.split('/')
    }
}

/// One actor entry: its names (base name first, then synonyms, as upper-case word sequences
/// joined by single spaces) and its codes in file order — PETRARCH2 uses the first code whose
/// dates fit, so order matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// The base name and its synonyms, underscores turned into spaces (`AL-ASSAD BASHAR`).
    pub names: Vec<String>,
    /// Codes in file order.
    pub codes: Vec<DatedCode>,
    /// Line of the base name.
    pub line: usize,
}

impl ActorEntry {
    /// The first code that applies on `date`, as PETRARCH2 picks it.
    pub fn code_on(&self, date: NaiveDate) -> Option<&DatedCode> {
        self.codes.iter().find(|c| c.applies_on(date))
    }
}

/// Reads an actor dictionary file. Only an unreadable file is an error; faulty lines are
/// returned as problems.
pub fn load_actors(path: &Path) -> Result<(Vec<ActorEntry>, Vec<DictProblem>), DictError> {
    let (name, bytes) = read_file(path)?;
    Ok(parse_actors(&name, &bytes))
}

/// Parses actor dictionary text; `file` names the source in problems.
pub fn parse_actors(file: &str, bytes: &[u8]) -> (Vec<ActorEntry>, Vec<DictProblem>) {
    let mut problems = Problems::new(file);
    let mut entries = Vec::new();
    let mut current: Option<ActorEntry> = None;
    // After a broken base line, its synonyms and codes must not attach to the entry before.
    let mut orphaned = false;
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Whether the open entry has had any bracket yet (read or not).
    let mut has_brackets = false;

    for line in lines(bytes, &mut problems) {
        if line.broken {
            finish(current.take(), &mut entries, &mut problems);
            orphaned = true;
            continue;
        }
        let text = line.text.as_str();
        if text.is_empty() {
            continue;
        }
        let n = line.number;
        if let Some(synonym) = text.strip_prefix('+') {
            let Some(entry) = current.as_mut() else {
                let why = if orphaned {
                    "synonym of an entry that was skipped"
                } else {
                    "synonym before any actor name"
                };
                problems.skip(n, why);
                continue;
            };
            let parts = split_brackets(synonym);
            report_faults(&parts.faults, n, &mut problems);
            add_name(entry, parts.head, n, &mut seen, &mut problems);
            add_codes(entry, &parts.blocks, n, &mut problems);
            has_brackets |= synonym.contains(['[', ']']);
        } else if text.starts_with('[') {
            let Some(entry) = current.as_mut() else {
                let why = if orphaned {
                    "code of an entry that was skipped"
                } else {
                    "code before any actor name"
                };
                problems.skip(n, why);
                continue;
            };
            let parts = split_brackets(text);
            report_faults(&parts.faults, n, &mut problems);
            add_codes(entry, &parts.blocks, n, &mut problems);
            has_brackets = true;
        } else {
            let parts = split_brackets(text);
            if let Some(entry) = current.as_mut().filter(|_| !has_brackets && !text.contains(['[', ']'])) {
                add_name(entry, parts.head, n, &mut seen, &mut problems);
                continue;
            }
            finish(current.take(), &mut entries, &mut problems);
            orphaned = false;
            has_brackets = text.contains(['[', ']']);
            report_faults(&parts.faults, n, &mut problems);
            let mut entry = ActorEntry {
                names: Vec::new(),
                codes: Vec::new(),
                line: n,
            };
            add_name(&mut entry, parts.head, n, &mut seen, &mut problems);
            if entry.names.is_empty() {
                orphaned = true;
                continue;
            }
            add_codes(&mut entry, &parts.blocks, n, &mut problems);
            current = Some(entry);
        }
    }
    finish(current, &mut entries, &mut problems);
    (entries, problems.list)
}

fn finish(entry: Option<ActorEntry>, entries: &mut Vec<ActorEntry>, problems: &mut Problems) {
    if let Some(entry) = entry {
        if entry.codes.is_empty() {
            problems.skip(entry.line, format!("actor '{}' has no usable [CODE]", entry.names[0]));
        } else {
            entries.push(entry);
        }
    }
}

fn report_faults(faults: &[String], line: usize, problems: &mut Problems) {
    for fault in faults {
        problems.skip(line, fault.clone());
    }
}

fn add_name(
    entry: &mut ActorEntry,
    raw: &str,
    line: usize,
    seen: &mut HashMap<String, usize>,
    problems: &mut Problems,
) {
    let name = phrase(raw);
    if name.is_empty() {
        problems.skip(line, "empty actor name");
        return;
    }
    if let Some(&first) = seen.get(&name) {
        if entry.names.contains(&name) {
            problems.recover(line, format!("name '{name}' repeated within its entry (line {first})"));
            return;
        }
        problems.recover(
            line,
            format!("duplicate name '{name}' (first at line {first}); both kept"),
        );
    } else {
        seen.insert(name.clone(), line);
    }
    entry.names.push(name);
}

fn add_codes(entry: &mut ActorEntry, blocks: &[&str], line: usize, problems: &mut Problems) {
    for block in blocks {
        match parse_code(block, line, problems) {
            Ok(code) => entry.codes.push(code),
            Err(why) => problems.skip(line, format!("[{block}]: {why}")),
        }
    }
}

/// `CODE`, `CODE >D`, `CODE <D`, `CODE A-B`, `CODE A-`, `CODE -B`, spaces allowed anywhere
/// in the restriction.
fn parse_code(block: &str, line: usize, problems: &mut Problems) -> Result<DatedCode, String> {
    let block = block.trim();
    let (code, restriction) = match block.find(char::is_whitespace) {
        Some(i) => (&block[..i], block[i..].trim()),
        None => (block, ""),
    };
    if code.is_empty() {
        return Err("empty code".to_string());
    }
    if code.starts_with(|c: char| c.is_ascii_digit() || c == '<' || c == '>') {
        return Err("date restriction without a code".to_string());
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '+'))
    {
        return Err(format!(
            "code '{code}' has characters other than letters, digits, '/', '-', '+'"
        ));
    }
    if code.contains('-') && code != "---" {
        return Err(format!("code '{code}' runs into its date; a space must separate them"));
    }
    let mut code = code.to_string();
    if code.chars().any(|c| c.is_ascii_lowercase()) {
        let upper = code.to_ascii_uppercase();
        problems.recover(line, format!("code '{code}' is not upper case; read as {upper}"));
        code = upper;
    }
    if restriction.is_empty() {
        return Ok(DatedCode {
            code,
            from: None,
            to: None,
        });
    }
    let compact: String = restriction.chars().filter(|c| !c.is_whitespace()).collect();
    let range = parse_range(&compact)?;
    if range.bare {
        problems.recover(
            line,
            format!("[{block}]: a lone date has no '<', '>' or '-'; read as a start date"),
        );
    }
    Ok(DatedCode {
        code,
        from: range.from,
        to: range.to,
    })
}
