//! The reference tables every event is coded against: the CAMEO 1.1b3 codebook, the
//! CAMEO → PLOVER crosswalk, Goldstein scores and quad classes.
//!
//! The tables are tab-separated files in `tables/`, embedded at compile time so a binary
//! always carries the exact tables its records name in `versions`. A `# version` header
//! line in each file is that stamp.

use std::collections::BTreeMap;

const CAMEO_TSV: &str = include_str!("../tables/cameo.tsv");
const PLOVER_TSV: &str = include_str!("../tables/plover.tsv");
const GOLDSTEIN_TSV: &str = include_str!("../tables/goldstein.tsv");

/// Which published Goldstein scale to stamp on events. The published tables disagree on a
/// few codes (016 "deny responsibility" most visibly), so the choice is the user's and the
/// record says which one was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GoldsteinTable {
    /// GDELT's `CAMEO.goldsteinscale.txt`: the most widely used scale (default).
    #[default]
    Gdelt,
    /// The Phoenix/ICEWS variant.
    Phoenix,
}

impl GoldsteinTable {
    /// The name stamped into `versions.goldstein`.
    pub fn as_str(&self) -> &'static str {
        match self {
            GoldsteinTable::Gdelt => "gdelt",
            GoldsteinTable::Phoenix => "phoenix",
        }
    }
}

/// Everything the tables say about one CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    pub code: String,
    pub name: String,
    pub plover: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub goldstein_gdelt: f64,
    pub goldstein_phoenix: f64,
}

impl CodeInfo {
    /// The two-digit root ("1056" → "10").
    pub fn root(&self) -> &str {
        &self.code[..2]
    }

    /// CAMEO's quad class of the root: 1 verbal cooperation (01-05), 2 material cooperation
    /// (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
    pub fn quad(&self) -> u8 {
        quad_class(self.root())
    }

    pub fn goldstein(&self, table: GoldsteinTable) -> f64 {
        match table {
            GoldsteinTable::Gdelt => self.goldstein_gdelt,
            GoldsteinTable::Phoenix => self.goldstein_phoenix,
        }
    }
}

/// Quad class of a two-digit CAMEO root; 0 for something that is not a root.
pub fn quad_class(root: &str) -> u8 {
    match root.parse::<u8>() {
        Ok(1..=5) => 1,
        Ok(6..=8) => 2,
        Ok(9..=13) => 3,
        Ok(14..=20) => 4,
        _ => 0,
    }
}

/// The joined reference tables, keyed by CAMEO code (3 or 4 digits; a root "04" is looked
/// up as its "040" code).
#[derive(Debug, Clone)]
pub struct Tables {
    pub(crate) codes: BTreeMap<String, CodeInfo>,
    pub(crate) root_names: BTreeMap<String, String>,
    pub cameo_version: String,
    pub plover_version: String,
}

/// A defect in an embedded table: file, line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tables/{file}:{line}: {message}")]
pub struct TableError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

struct Row<'t> {
    line: usize,
    cols: Vec<&'t str>,
}

fn rows(text: &str) -> (Option<String>, Vec<Row<'_>>) {
    let mut version = None;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("# version\t") {
            version = Some(rest.split('\t').next().unwrap_or("").trim().to_string());
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        out.push(Row {
            line: i + 1,
            cols: line.split('\t').collect(),
        });
    }
    (version, out)
}

impl Tables {
    /// The tables built into the crate. They are checked by this crate's tests, so a
    /// failure here is a build defect, reported with file and line.
    pub fn builtin() -> Result<Tables, TableError> {
        let err = |file, line, message: String| TableError { file, line, message };
        let (cameo_version, cameo) = rows(CAMEO_TSV);
        let (plover_version, plover) = rows(PLOVER_TSV);
        let (_, goldstein) = rows(GOLDSTEIN_TSV);
        let mut names = BTreeMap::new();
        let mut root_names = BTreeMap::new();
        for row in cameo {
            let [code, name] = row.cols[..] else {
                return Err(err("cameo.tsv", row.line, "expected 2 columns".into()));
            };
            if !code.bytes().all(|b| b.is_ascii_digit()) || !(2..=4).contains(&code.len()) {
                return Err(err("cameo.tsv", row.line, format!("bad code {code:?}")));
            }
            if code.len() == 2 {
                root_names.insert(code.to_string(), name.to_string());
            } else {
                names.insert(code.to_string(), (row.line, name.to_string()));
            }
        }
        let mut plover_rows = BTreeMap::new();
        for row in plover {
            if row.cols.len() != 4 {
                return Err(err("plover.tsv", row.line, "expected 4 columns".into()));
            }
            let mode = Some(row.cols[2].trim()).filter(|m| !m.is_empty()).map(str::to_string);
            let context: Vec<String> = row.cols[3]
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            plover_rows.insert(row.cols[0].to_string(), (row.cols[1].trim().to_string(), mode, context));
        }
        let mut scores = BTreeMap::new();
        for row in goldstein {
            let parse = |s: &str| s.trim().parse::<f64>().ok().filter(|v| (-10.0..=10.0).contains(v));
            match (
                row.cols.len(),
                row.cols.get(1).and_then(|s| parse(s)),
                row.cols.get(2).and_then(|s| parse(s)),
            ) {
                (3, Some(g), Some(p)) => {
                    scores.insert(row.cols[0].to_string(), (g, p));
                }
                _ => {
                    return Err(err(
                        "goldstein.tsv",
                        row.line,
                        "expected code, gdelt and phoenix scores in -10..10".into(),
                    ))
                }
            }
        }
        let mut codes = BTreeMap::new();
        for (code, (line, name)) in names {
            let Some((plover, mode, context)) = plover_rows.remove(&code) else {
                return Err(err("cameo.tsv", line, format!("{code} has no PLOVER row")));
            };
            let Some((g, p)) = scores.remove(&code) else {
                return Err(err("cameo.tsv", line, format!("{code} has no Goldstein score")));
            };
            if !root_names.contains_key(&code[..2]) {
                return Err(err("cameo.tsv", line, format!("{code} has no root row")));
            }
            codes.insert(
                code.clone(),
                CodeInfo {
                    code,
                    name,
                    plover,
                    mode,
                    context,
                    goldstein_gdelt: g,
                    goldstein_phoenix: p,
                },
            );
        }
        if let Some(code) = plover_rows.keys().next() {
            return Err(err("plover.tsv", 0, format!("{code} is not in the codebook")));
        }
        if let Some(code) = scores.keys().next() {
            return Err(err("goldstein.tsv", 0, format!("{code} is not in the codebook")));
        }
        Ok(Tables {
            codes,
            root_names,
            cameo_version: cameo_version.unwrap_or_else(|| "unknown".into()),
            plover_version: plover_version.unwrap_or_else(|| "unknown".into()),
        })
    }

    /// The entry for a code; a two-digit root stands for its "x0" code.
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        if code.len() == 2 {
            return self.codes.get(&format!("{code}0"));
        }
        self.codes.get(code)
    }

    /// All codes (3 and 4 digits), in order.
    pub fn codes(&self) -> impl Iterator<Item = &CodeInfo> {
        self.codes.values()
    }

    /// The name of a two-digit root ("04" → "CONSULT").
    pub fn root_name(&self, root: &str) -> Option<&str> {
        self.root_names.get(root).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_are_complete_and_consistent() {
        let tables = Tables::builtin().unwrap();
        assert_eq!(tables.cameo_version, "1.1b3");
        assert_eq!(tables.plover_version, "0.8");
        for root in 1..=20 {
            let root = format!("{root:02}");
            assert!(tables.root_name(&root).is_some(), "root {root}");
            assert!(tables.get(&root).is_some(), "{root}0");
        }
        assert!(tables.codes().count() > 280);
        for info in tables.codes() {
            assert!(!info.plover.is_empty(), "{} has no PLOVER type", info.code);
            assert!(info.quad() >= 1, "{}", info.code);
        }
        let demand = tables.get("1056").unwrap();
        assert_eq!((demand.plover.as_str(), demand.quad()), ("REQUEST", 3));
        assert_eq!(tables.get("042").unwrap().mode.as_deref(), Some("visit"));
        assert_eq!(tables.get("190").unwrap().goldstein(GoldsteinTable::Gdelt), -10.0);
        assert_eq!(tables.get("057").unwrap().quad(), 1);
        assert_eq!(tables.get("073").unwrap().quad(), 2);
        assert_eq!(tables.get("145").unwrap().quad(), 4);
    }

    #[test]
    fn goldstein_tables_differ_where_published_tables_do() {
        let tables = Tables::builtin().unwrap();
        let deny = tables.get("016").unwrap();
        assert_ne!(
            deny.goldstein(GoldsteinTable::Gdelt),
            deny.goldstein(GoldsteinTable::Phoenix)
        );
    }
}
