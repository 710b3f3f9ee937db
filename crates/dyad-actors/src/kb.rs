//! Loading and validating the knowledge base files, and the phrase index used for lookups.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/kb_files.rs"));

/// A problem in a knowledge-base file, named by `file:line`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct KbProblem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// A dated role of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub country: String,
    pub sector: String,
    pub title: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Role {
    pub fn code(&self) -> String {
        format!("{}{}", self.country, self.sector)
    }
    fn active(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub qid: Option<String>,
    pub aliases: Vec<String>,
    pub gender: Option<char>,
    pub roles: Vec<Role>,
    /// `file:line` of the record.
    pub rule: String,
}

impl Person {
    /// The role held on `date`; with no date, or none held then, the most recent one.
    pub fn role_at(&self, date: Option<NaiveDate>) -> Option<&Role> {
        if let Some(d) = date {
            if let Some(r) = self.roles.iter().filter(|r| r.active(d)).max_by_key(|r| r.from) {
                return Some(r);
            }
            if let Some(r) = self
                .roles
                .iter()
                .filter(|r| r.from.is_none_or(|f| f <= d))
                .max_by_key(|r| r.from)
            {
                return Some(r);
            }
        }
        self.roles.iter().max_by_key(|r| (r.to.is_none(), r.from))
    }
    pub fn entity_id(&self) -> String {
        self.qid.clone().unwrap_or_else(|| format!("dyad:{}", slug(&self.name)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub people: Vec<String>,
    pub capitals: Vec<String>,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub rule: String,
}

/// An extra lookup from another source (e.g. a PETRARCH/Phoenix dictionary):
/// a phrase, its code and the dates it is valid for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryEntry {
    pub phrase: String,
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Provenance, `file:line`.
    pub rule: String,
}

/// What a phrase in the index stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Person(usize),
    Org(usize),
    Country(usize),
    /// A country's people ("the Syrians"), as a country actor.
    People(usize),
    Capital(usize),
    Metonym(String),
    Dictionary(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub target: Target,
    /// True when the phrase is the canonical name.
    pub canonical: bool,
    /// True for an acronym ("ICE", "AP"): it matches only capitalised text ("ICE", "Isis"), so
    /// the common words it spells ("the ice", "us") are not taken for it.
    pub acronym: bool,
    pub rule: String,
}

/// The whole knowledge base with its lookup indexes.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeBase {
    pub people: Vec<Person>,
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub dictionary: Vec<DictionaryEntry>,
    /// Role noun (lower case) → sector, with provenance.
    pub(crate) sector_nouns: HashMap<String, (String, String)>,
    pub(crate) phrases: HashMap<String, Vec<Entry>>,
    pub(crate) adjectives: HashMap<String, usize>,
    pub(crate) max_words: usize,
    /// `lexicon.toml`: common nouns for one person, and given names.
    pub(crate) person_nouns: HashSet<String>,
    pub(crate) given_names: HashSet<String>,
    problems: Vec<KbProblem>,
}

/// Normalised lookup key: lower case, typographic apostrophes folded, spaces collapsed.
pub(crate) fn key(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(crate) fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

// ---- raw file schemas ----
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    #[serde(default)]
    person: Vec<RawPerson>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    qid: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    gender: Option<String>,
    #[serde(default)]
    role: Vec<RawRole>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    country: String,
    sector: String,
    title: String,
    from: Option<String>,
    to: Option<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    country: Vec<RawCountry>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    code: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentsFile {
    agent: Vec<RawAgent>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgent {
    sector: String,
    nouns: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgsFile {
    org: Vec<RawOrg>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrg {
    code: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    lexicon: RawLexicon,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    person_nouns: Vec<String>,
    #[serde(default)]
    given_names: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetonymsFile {
    metonym: Vec<RawMetonym>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetonym {
    phrase: String,
    code: String,
}

/// CAMEO sector codes accepted in roles and agent tables (Phoenix.agents.txt's set); the
/// NER gazetteer also reads them to tell a country's institutions from its places.
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "LEG", "JUD", "OPP", "REB", "MED", "BUS", "CVL", "REF", "EDU", "HLH", "REL", "LAB", "ELI",
    "SPY", "INS", "IGO", "NGO", "AGR", "CRM", "DEV", "ENV", "HRI", "MOD", "RAD", "UAF", "PTY", "SEP",
];

/// Lines (1-based) of every table header `needle` (`[[person]]`), in order: serde does not
/// give record positions, so provenance is recovered from the headers.
fn header_lines(text: &str, needle: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(needle))
        .map(|(i, _)| i + 1)
        .collect()
}

fn nth_line(lines: &[usize], n: usize) -> usize {
    lines.get(n).copied().unwrap_or(1)
}

fn parse_date(s: &str, end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y: i32 = y.parse().ok()?;
            if end {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            }
        }
        [_, _, _] => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        _ => None,
    }
}

impl KnowledgeBase {
    /// The knowledge base compiled into the binary, parsed once.
    pub fn builtin() -> &'static KnowledgeBase {
        static KB: OnceLock<KnowledgeBase> = OnceLock::new();
        KB.get_or_init(|| KnowledgeBase::from_sources(KB_FILES.iter().map(|(p, t)| (p.to_string(), t.to_string()))))
    }

    /// The embedded files' problems: empty when every file is valid.
    pub fn validate_sources() -> Vec<KbProblem> {
        KnowledgeBase::builtin().problems.clone()
    }

    /// Problems found while loading this knowledge base.
    pub fn problems(&self) -> &[KbProblem] {
        &self.problems
    }

    /// Builds a knowledge base from `(path, text)` files; a file's role is told by its name
    /// (`countries.toml`, `agents.toml`, `organisations.toml`, `metonyms.toml`, `people/*.toml`).
    /// Bad records are skipped and reported in [`KnowledgeBase::problems`].
    pub fn from_sources(files: impl IntoIterator<Item = (String, String)>) -> KnowledgeBase {
        let mut kb = KnowledgeBase::default();
        let mut files: Vec<(String, String)> = files.into_iter().collect();
        // Countries first: people's role codes are checked against them.
        files.sort_by_key(|(p, _)| {
            (
                !p.ends_with("countries.toml"),
                !p.ends_with("organisations.toml"),
                p.clone(),
            )
        });
        for (path, text) in &files {
            let name = path.rsplit('/').next().unwrap_or(path);
            let result = match name {
                "countries.toml" => kb.load_countries(path, text),
                "agents.toml" => kb.load_agents(path, text),
                "organisations.toml" => kb.load_orgs(path, text),
                "metonyms.toml" => kb.load_metonyms(path, text),
                "lexicon.toml" => kb.load_lexicon(path, text),
                _ if path.contains("people/") => kb.load_people(path, text),
                _ if path.contains("organisations/") => kb.load_orgs(path, text),
                _ => Err(KbProblem {
                    file: path.clone(),
                    line: 1,
                    message: "unknown knowledge-base file".into(),
                }),
            };
            if let Err(p) = result {
                kb.problems.push(p);
            }
        }
        kb.check_clashes();
        kb
    }

    fn toml_error(path: &str, text: &str, e: toml::de::Error) -> KbProblem {
        let line = e
            .span()
            .map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        KbProblem {
            file: path.to_string(),
            line,
            message: e.message().to_string(),
        }
    }

    fn problem(&mut self, file: &str, line: usize, message: String) {
        self.problems.push(KbProblem {
            file: file.to_string(),
            line,
            message,
        });
    }

    fn add_phrase(&mut self, phrase: &str, target: Target, canonical: bool, rule: &str) {
        let k = key(phrase);
        if k.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(k.split(' ').count());
        // PETRARCH dictionaries write every phrase in capitals: only our own entries mark acronyms.
        let acronym = !matches!(target, Target::Dictionary(_))
            && phrase.chars().any(|c| c.is_uppercase())
            && !phrase.chars().any(|c| c.is_lowercase());
        let entries = self.phrases.entry(k).or_default();
        if !entries.iter().any(|e| e.target == target) {
            entries.push(Entry {
                target,
                canonical,
                acronym,
                rule: rule.to_string(),
            });
        }
    }

    fn load_countries(&mut self, path: &str, text: &str) -> Result<(), KbProblem> {
        let file: CountriesFile = toml::from_str(text).map_err(|e| Self::toml_error(path, text, e))?;
        let lines = header_lines(text, "[[country]]");
        for (n, c) in file.country.into_iter().enumerate() {
            let rule = format!("{path}:{}", nth_line(&lines, n));
            if c.code.len() != 3 || !c.code.chars().all(|ch| ch.is_ascii_uppercase()) {
                self.problem(
                    path,
                    nth_line(&lines, n),
                    format!("country code {:?} is not ISO alpha-3", c.code),
                );
                continue;
            }
            let i = self.countries.len();
            self.add_phrase(&c.name, Target::Country(i), true, &rule);
            for a in &c.aliases {
                self.add_phrase(a, Target::Country(i), false, &rule);
            }
            for p in &c.people {
                self.add_phrase(p, Target::People(i), false, &rule);
            }
            for cap in &c.capitals {
                self.add_phrase(cap, Target::Capital(i), false, &rule);
            }
            for a in &c.adjectives {
                self.adjectives.entry(key(a)).or_insert(i);
            }
            self.countries.push(Country {
                code: c.code,
                name: c.name,
                aliases: c.aliases,
                adjectives: c.adjectives,
                people: c.people,
                capitals: c.capitals,
                rule,
            });
        }
        Ok(())
    }

    fn load_agents(&mut self, path: &str, text: &str) -> Result<(), KbProblem> {
        let file: AgentsFile = toml::from_str(text).map_err(|e| Self::toml_error(path, text, e))?;
        let lines = header_lines(text, "[[agent]]");
        for (n, a) in file.agent.into_iter().enumerate() {
            let line = nth_line(&lines, n);
            if !SECTORS.contains(&a.sector.as_str()) {
                self.problem(path, line, format!("unknown sector {:?}", a.sector));
                continue;
            }
            for noun in &a.nouns {
                self.sector_nouns
                    .entry(key(noun))
                    .or_insert((a.sector.clone(), format!("{path}:{line}")));
            }
            // Then the regular plurals the file does not list ("leaders", "ambassadors"): a
            // listed form, in any entry, wins.
            for noun in &a.nouns {
                if let Some(plural) = regular_plural(&key(noun)) {
                    self.sector_nouns
                        .entry(plural)
                        .or_insert((a.sector.clone(), format!("{path}:{line}")));
                }
            }
        }
        Ok(())
    }

    fn load_orgs(&mut self, path: &str, text: &str) -> Result<(), KbProblem> {
        let file: OrgsFile = toml::from_str(text).map_err(|e| Self::toml_error(path, text, e))?;
        let lines = header_lines(text, "[[org]]");
        for (n, o) in file.org.into_iter().enumerate() {
            let rule = format!("{path}:{}", nth_line(&lines, n));
            let i = self.orgs.len();
            self.add_phrase(&o.name, Target::Org(i), true, &rule);
            for a in &o.aliases {
                self.add_phrase(a, Target::Org(i), false, &rule);
            }
            self.orgs.push(Org {
                code: o.code,
                name: o.name,
                aliases: o.aliases,
                rule,
            });
        }
        Ok(())
    }

    fn load_metonyms(&mut self, path: &str, text: &str) -> Result<(), KbProblem> {
        let file: MetonymsFile = toml::from_str(text).map_err(|e| Self::toml_error(path, text, e))?;
        let lines = header_lines(text, "[[metonym]]");
        for (n, m) in file.metonym.into_iter().enumerate() {
            let rule = format!("{path}:{}", nth_line(&lines, n));
            self.add_phrase(&m.phrase, Target::Metonym(m.code), false, &rule);
        }
        Ok(())
    }

    fn load_lexicon(&mut self, path: &str, text: &str) -> Result<(), KbProblem> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| Self::toml_error(path, text, e))?;
        self.person_nouns
            .extend(file.lexicon.person_nouns.iter().map(|w| key(w)));
        self.given_names.extend(file.lexicon.given_names.iter().map(|w| key(w)));
        Ok(())
    }

    fn valid_actor_country(&self, code: &str) -> bool {
        self.countries.iter().any(|c| c.code == code)
            || self.orgs.iter().any(|o| o.code.starts_with(code))
            || code.starts_with("IGO")
            || code.starts_with("NGO")
            || code.starts_with("IMG")
    }

    fn load_people(&mut self, path: &str, text: &str) -> Result<(), KbProblem> {
        let file: PeopleFile = toml::from_str(text).map_err(|e| Self::toml_error(path, text, e))?;
        let mut role_no = 0;
        let (person_lines, role_lines) = (header_lines(text, "[[person]]"), header_lines(text, "[[person.role]]"));
        for (n, p) in file.person.into_iter().enumerate() {
            let line = nth_line(&person_lines, n);
            let rule = format!("{path}:{line}");
            let mut ok = true;
            if p.name.trim().is_empty() {
                self.problem(path, line, "empty name".into());
                ok = false;
            }
            if let Some(q) = &p.qid {
                if !(q.starts_with('Q') && q.len() > 1 && q[1..].chars().all(|c| c.is_ascii_digit())) {
                    self.problem(path, line, format!("bad Wikidata QID {q:?}"));
                    ok = false;
                }
            }
            let gender = match p.gender.as_deref() {
                None => None,
                Some("m") => Some('m'),
                Some("f") => Some('f'),
                Some(g) => {
                    self.problem(path, line, format!("gender {g:?} is not m or f"));
                    None
                }
            };
            let mut roles = Vec::new();
            for r in p.role {
                let rline = nth_line(&role_lines, role_no);
                role_no += 1;
                if !self.valid_actor_country(&r.country) {
                    self.problem(
                        path,
                        rline,
                        format!("unknown country or organisation code {:?}", r.country),
                    );
                    ok = false;
                }
                if !SECTORS.contains(&r.sector.as_str()) {
                    self.problem(path, rline, format!("unknown sector {:?}", r.sector));
                    ok = false;
                }
                let from = r.from.as_deref().map(|s| (s, parse_date(s, false)));
                let to = r.to.as_deref().map(|s| (s, parse_date(s, true)));
                for (s, d) in [from, to].into_iter().flatten() {
                    if d.is_none() {
                        self.problem(path, rline, format!("bad date {s:?} (want YYYY or YYYY-MM-DD)"));
                        ok = false;
                    }
                }
                let (from, to) = (from.and_then(|x| x.1), to.and_then(|x| x.1));
                if let (Some(f), Some(t)) = (from, to) {
                    if f > t {
                        self.problem(path, rline, format!("role starts ({f}) after it ends ({t})"));
                        ok = false;
                    }
                }
                roles.push(Role {
                    country: r.country,
                    sector: r.sector,
                    title: r.title.to_lowercase(),
                    from,
                    to,
                });
            }
            if roles.is_empty() {
                self.problem(path, line, format!("{} has no role", p.name));
                ok = false;
            }
            if !ok {
                continue;
            }
            let i = self.people.len();
            self.add_phrase(&p.name, Target::Person(i), true, &rule);
            for a in &p.aliases {
                self.add_phrase(a, Target::Person(i), false, &rule);
            }
            self.people.push(Person {
                name: p.name,
                qid: p.qid,
                aliases: p.aliases,
                gender,
                roles,
                rule,
            });
        }
        Ok(())
    }

    /// Two people sharing a full canonical name within one country is a duplicate record.
    fn check_clashes(&mut self) {
        let mut seen: HashMap<(String, String), String> = HashMap::new();
        let mut found = Vec::new();
        for p in &self.people {
            for r in &p.roles {
                let k = (key(&p.name), r.country.clone());
                if let Some(prev) = seen.get(&k) {
                    if prev != &p.rule {
                        let (file, line) = p.rule.rsplit_once(':').unwrap_or((&p.rule, "1"));
                        found.push(KbProblem {
                            file: file.into(),
                            line: line.parse().unwrap_or(1),
                            message: format!("{} duplicates {prev}", p.name),
                        });
                    }
                } else {
                    seen.insert(k, p.rule.clone());
                }
            }
        }
        found.dedup();
        self.problems.extend(found);
    }

    /// Adds lookups from another dictionary (e.g. PETRARCH/Phoenix actors): `phrase` → `code`
    /// within the date range. Knowledge-base people and organisations still win over them.
    pub fn add_dictionary_entries(&mut self, entries: impl IntoIterator<Item = DictionaryEntry>) {
        for e in entries {
            let i = self.dictionary.len();
            let rule = e.rule.clone();
            let phrase = e.phrase.clone();
            self.dictionary.push(e);
            self.add_phrase(&phrase, Target::Dictionary(i), false, &rule);
        }
    }

    pub(crate) fn lookup(&self, k: &str) -> &[Entry] {
        self.phrases.get(k).map_or(&[], |v| v.as_slice())
    }

    pub(crate) fn adjective(&self, k: &str) -> Option<usize> {
        self.adjectives.get(k).copied()
    }

    /// A word inside a multi-word role noun ("foreign" of "foreign minister").
    pub(crate) fn title_word(&self, w: &str) -> bool {
        self.sector_nouns
            .keys()
            .any(|k| k.contains(' ') && k.split(' ').any(|x| x == w))
    }

    /// A common noun for one person ("carpenter", "hostage"), from the lexicon or a role
    /// noun of a one-person sector title ("minister", "spokesman").
    pub fn person_noun(&self, k: &str) -> bool {
        self.person_nouns.contains(k)
    }

    /// A common given name ("Karim", "Tobias").
    pub fn given_name(&self, k: &str) -> bool {
        self.given_names.contains(k)
    }

    pub(crate) fn sector_noun(&self, k: &str) -> Option<&(String, String)> {
        self.sector_nouns.get(k)
    }

    /// Number of person-role entries.
    /// The one person of `country` (any role, past or present) whose surname has the same
    /// consonant skeleton as `surname`: the transliteration fallback when exact alias lookup
    /// fails ("Mouqdad" → Faisal Mekdad, "Raeesy" → Ebrahim Raisi). `None` when no person or
    /// more than one matches, or the skeleton is too short to tell names apart.
    pub fn person_by_skeleton(&self, surname: &str, country: &str) -> Option<usize> {
        let want = skeleton(surname);
        if want.chars().count() < 2 {
            return None;
        }
        let mut hits = self.people.iter().enumerate().filter(|(_, p)| {
            p.roles.iter().any(|r| r.country == country)
                && std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .any(|n| n.split_whitespace().next_back().is_some_and(|w| skeleton(w) == want))
        });
        let first = hits.next()?.0;
        hits.next().is_none().then_some(first)
    }

    pub fn role_count(&self) -> usize {
        self.people.iter().map(|p| p.roles.len()).sum()
    }

    /// Number of distinct lookup phrases.
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    /// Number of sector nouns.
    pub fn sector_noun_count(&self) -> usize {
        self.sector_nouns.len()
    }
}

/// What a phrase resolves to on its own (for `dyad kb lookup`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub actor: dyad_core::Actor,
    /// "person", "organisation", "country", "people", "capital", "metonym" or "dictionary".
    pub kind: &'static str,
    /// The person's role title on the date.
    pub title: Option<String>,
    pub rule: String,
}

impl KnowledgeBase {
    /// Every entry the exact phrase (case-insensitive) names, resolved on `date`.
    pub fn lookup_phrase(&self, phrase: &str, date: Option<NaiveDate>) -> Vec<Lookup> {
        let actor =
            |code: &str, country: Option<&str>, sector: Option<&str>, entity: Option<&str>, id: Option<String>| {
                dyad_core::Actor {
                    code: code.to_string(),
                    country: country.map(str::to_string),
                    sector: sector.map(str::to_string),
                    entity: entity.map(str::to_string),
                    entity_id: id,
                }
            };
        self.lookup(&key(phrase))
            .iter()
            .filter_map(|e| {
                let (a, kind, title) = match &e.target {
                    Target::Person(i) => {
                        let p = &self.people[*i];
                        let r = p.role_at(date)?;
                        (
                            actor(
                                &r.code(),
                                Some(&r.country),
                                Some(&r.sector),
                                Some(&p.name),
                                Some(p.entity_id()),
                            ),
                            "person",
                            Some(r.title.clone()),
                        )
                    }
                    Target::Org(i) => {
                        let o = &self.orgs[*i];
                        (
                            actor(
                                &o.code,
                                None,
                                None,
                                Some(&o.name),
                                Some(format!("dyad:{}", slug(&o.name))),
                            ),
                            "organisation",
                            None,
                        )
                    }
                    Target::Country(i) | Target::People(i) => {
                        let c = &self.countries[*i];
                        let kind = if matches!(e.target, Target::Country(_)) {
                            "country"
                        } else {
                            "people"
                        };
                        (
                            actor(&c.code, Some(&c.code), None, Some(&c.name), Some(c.code.clone())),
                            kind,
                            None,
                        )
                    }
                    Target::Capital(i) => {
                        let c = &self.countries[*i];
                        (
                            actor(&format!("{}GOV", c.code), Some(&c.code), Some("GOV"), None, None),
                            "capital",
                            None,
                        )
                    }
                    Target::Metonym(code) => (actor(code, None, None, None, None), "metonym", None),
                    Target::Dictionary(i) => (
                        actor(&self.dictionary[*i].code, None, None, None, None),
                        "dictionary",
                        None,
                    ),
                };
                Some(Lookup {
                    actor: a,
                    kind,
                    title,
                    rule: e.rule.clone(),
                })
            })
            .collect()
    }
}

/// A name's consonant skeleton, which spelling variants of one transliterated name share:
/// lower case, the article ("al-", "el-") dropped, vowels, `y`, `w`, `h` and apostrophes
/// dropped, `q`/`c` read as `k`, `j`/`g`… kept apart, doubled consonants collapsed.
/// "Mekdad", "Mikdad", "Meqdad", "Miqdad" → "mkd"; "Raisi", "Raeisi" → "rs".
pub fn skeleton(name: &str) -> String {
    let lower = name.to_lowercase();
    let bare = ["al-", "el-", " al ", "el "]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let mut out = String::new();
    for c in bare.chars() {
        let c = match c {
            'q' | 'c' => 'k',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | 'h' => continue,
            c if c.is_ascii_alphabetic() => c,
            _ => continue,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod skeleton_tests {
    use super::skeleton;

    #[test]
    fn variants_share_a_skeleton() {
        for v in ["Mekdad", "Mikdad", "Meqdad", "Miqdad", "al-Mekdad", "Mouqdad"] {
            assert_eq!(skeleton(v), "mkd", "{v}");
        }
        assert_eq!(skeleton("Raisi"), skeleton("Raeisi"));
        assert_eq!(skeleton("Jafari"), skeleton("Jaafari"));
        assert_eq!(skeleton("Qasem"), skeleton("Qassem"));
        assert_ne!(skeleton("Mekdad"), skeleton("Muallem"));
    }
}

/// The regular English plural of a role noun phrase's last word ("foreign minister" →
/// "foreign ministers", "policeman" → "policemen", "deputy" → "deputies"); `None` for words
/// that already end in s.
fn regular_plural(phrase: &str) -> Option<String> {
    let (head, last) = match phrase.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), phrase),
    };
    if last.ends_with('s') || last.len() < 3 {
        return None;
    }
    let plural = if let Some(stem) = last.strip_suffix("man") {
        format!("{stem}men")
    } else if last.ends_with('y') && !last[..last.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) {
        format!("{}ies", &last[..last.len() - 1])
    } else if last.ends_with('x') || last.ends_with("ch") || last.ends_with("sh") {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    Some(format!("{head}{plural}"))
}

#[cfg(test)]
mod plural_tests {
    #[test]
    fn role_nouns_get_regular_plurals() {
        assert_eq!(super::regular_plural("leader").as_deref(), Some("leaders"));
        assert_eq!(
            super::regular_plural("foreign minister").as_deref(),
            Some("foreign ministers")
        );
        assert_eq!(super::regular_plural("policeman").as_deref(), Some("policemen"));
        assert_eq!(super::regular_plural("deputy").as_deref(), Some("deputies"));
        assert_eq!(super::regular_plural("envoy").as_deref(), Some("envoys"));
        assert_eq!(super::regular_plural("officials"), None);
    }
}
