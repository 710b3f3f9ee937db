//! Entities across the documents of a run, for `dyad actors PATH…`.
//!
//! The resolver works one document at a time; a run spells one person several ways
//! ("Mekdad", "Mikdad", "Meqdad"). [`RunEntities`] gathers every document's mentions into
//! run-wide entities: knowledge-base people, organisations and countries by their id; people
//! the knowledge base does not hold by the consonant skeleton of their surname
//! ([`crate::skeleton`]) within the same country and sector, with compatible given names; and
//! country-sector descriptions ("the Syrian government") by their code. Each entity keeps its
//! mentions with how each was resolved, so a curator can see what the run found and, with
//! [`RunEntities::unknown`], which people to add to the knowledge base.

use crate::kb::{skeleton, slug, KnowledgeBase};
use chrono::NaiveDate;
use dyad_core::{Mention, Resolution, Span};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One mention of a run entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunMention {
    pub doc: String,
    /// The document's date, which chose the person's role.
    pub date: Option<String>,
    pub text: String,
    pub span: Span,
    pub code: String,
    /// How it was resolved: dictionary, alias, title, inferred, coreference, pronoun.
    pub how: String,
    /// What resolved it: a knowledge-base line, a dictionary line or a rule name.
    pub rule: String,
}

/// An entity of a run, with every mention of it in every document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunEntity {
    /// The name of its first mention's entity.
    pub entity: String,
    pub entity_id: String,
    /// "person", "organisation", "country" or "actor" (a country's body named by description).
    pub kind: &'static str,
    /// The knowledge base (or a loaded dictionary) holds it.
    pub known: bool,
    /// The most frequent actor code of its mentions (empty when none has one).
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Every code its mentions got, with counts: a person's roles change with the date.
    pub codes: BTreeMap<String, usize>,
    /// The entity names merged into this one, first seen first: the spellings of one
    /// person across documents ("Hassan Karimi", "Hasan Kareemi").
    pub names: Vec<String>,
    /// The per-document entity ids merged into this one.
    pub ids: Vec<String>,
    /// Documents it is mentioned in, in run order.
    pub documents: Vec<String>,
    pub mentions: Vec<RunMention>,
}

impl RunEntity {
    /// More than one spelling or per-document id was merged into the entity.
    pub fn merged(&self) -> bool {
        self.names.len() > 1 || self.ids.len() > 1
    }
}

/// The run-wide entity list, built one document at a time.
pub struct RunEntities {
    entities: Vec<RunEntity>,
    /// Exact keys (knowledge-base ids, per-document ids, codes) → entity.
    by_key: HashMap<String, usize>,
    /// Knowledge-base ids → kind.
    known: HashMap<String, &'static str>,
}

impl RunEntities {
    pub fn new(kb: &KnowledgeBase) -> RunEntities {
        let mut known = HashMap::new();
        known.extend(kb.people.iter().map(|p| (p.entity_id(), "person")));
        known.extend(
            kb.orgs
                .iter()
                .map(|o| (format!("dyad:{}", slug(&o.name)), "organisation")),
        );
        known.extend(kb.countries.iter().map(|c| (c.code.clone(), "country")));
        RunEntities {
            entities: Vec::new(),
            by_key: HashMap::new(),
            known,
        }
    }

    /// Adds one document's mentions (as the resolver returned them).
    pub fn add_document(&mut self, doc: &str, date: Option<NaiveDate>, mentions: &[Mention]) {
        // Ids within one document: the resolver already linked coreferent mentions.
        let mut local: HashMap<String, usize> = HashMap::new();
        for m in mentions {
            let Some((key, kind, known)) = self.classify(m) else {
                continue;
            };
            let i = match local.get(&key) {
                Some(&i) => i,
                None => {
                    let i = self.find_or_create(&key, kind, known, m);
                    local.insert(key, i);
                    i
                }
            };
            let e = &mut self.entities[i];
            if !m.actor.code.is_empty() {
                *e.codes.entry(m.actor.code.clone()).or_default() += 1;
            }
            if e.documents.last().is_none_or(|d| d != doc) && !e.documents.iter().any(|d| d == doc) {
                e.documents.push(doc.to_string());
            }
            e.mentions.push(RunMention {
                doc: doc.to_string(),
                date: date.map(|d| d.format("%Y-%m-%d").to_string()),
                text: m.text.clone(),
                span: m.span,
                code: m.actor.code.clone(),
                how: m.how.as_str().to_string(),
                rule: m.rule.clone(),
            });
        }
        for e in &mut self.entities {
            if let Some((code, _)) = e
                .codes
                .iter()
                .max_by_key(|(c, n)| (**n, std::cmp::Reverse((*c).clone())))
            {
                e.code = code.clone();
            }
        }
    }

    /// Every entity, the most mentioned first.
    pub fn entities(&self) -> Vec<&RunEntity> {
        let mut out: Vec<&RunEntity> = self.entities.iter().collect();
        out.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then_with(|| a.entity.cmp(&b.entity))
        });
        out
    }

    /// The people and groups the knowledge base does not hold: the curator's discovery list.
    pub fn unknown(&self) -> Vec<&RunEntity> {
        self.entities()
            .into_iter()
            .filter(|e| !e.known && matches!(e.kind, "person" | "organisation"))
            .collect()
    }

    /// The merge key, kind and whether the knowledge base holds it; `None` for mentions with
    /// neither an entity nor a code (unresolved pronouns and descriptions).
    fn classify(&self, m: &Mention) -> Option<(String, &'static str, bool)> {
        let a = &m.actor;
        let Some(id) = a.entity_id.as_deref() else {
            return (!a.code.is_empty()).then(|| (format!("code:{}", a.code), "actor", true));
        };
        if let Some(&kind) = self.known.get(id) {
            return Some((id.to_string(), kind, true));
        }
        let person = matches!(
            m.how,
            Resolution::Title | Resolution::Coreference | Resolution::Pronoun | Resolution::Alias
        ) || m.rule.starts_with("name:")
            || m.rule.starts_with("person:");
        // Per-document ids of unknown people are their names: one name in two countries or
        // roles is two people until the curator says otherwise.
        let key = format!(
            "{id}|{}|{}",
            a.country.as_deref().unwrap_or(""),
            a.sector.as_deref().unwrap_or("")
        );
        Some((key, if person { "person" } else { "organisation" }, false))
    }

    fn find_or_create(&mut self, key: &str, kind: &'static str, known: bool, m: &Mention) -> usize {
        let name = m.actor.entity.clone().unwrap_or_else(|| m.actor.code.clone());
        if let Some(&i) = self.by_key.get(key) {
            return i;
        }
        // A person the knowledge base does not hold, under another spelling in another document.
        if kind == "person" && !known {
            if let Some(i) = self
                .entities
                .iter()
                .position(|e| e.kind == "person" && !e.known && same_person(e, &name, m))
            {
                let e = &mut self.entities[i];
                if !e.names.contains(&name) {
                    e.names.push(name);
                }
                if !e.ids.iter().any(|x| x == key) {
                    e.ids.push(key.to_string());
                }
                self.by_key.insert(key.to_string(), i);
                return i;
            }
        }
        let i = self.entities.len();
        self.entities.push(RunEntity {
            entity: name.clone(),
            entity_id: m.actor.entity_id.clone().unwrap_or_else(|| key.to_string()),
            kind,
            known,
            code: String::new(),
            country: m.actor.country.clone(),
            sector: m.actor.sector.clone(),
            codes: BTreeMap::new(),
            names: vec![name],
            ids: vec![key.to_string()],
            documents: Vec::new(),
            mentions: Vec::new(),
        });
        self.by_key.insert(key.to_string(), i);
        i
    }
}

/// Two spellings of one unknown person: the same country and sector, surnames with the same
/// consonant skeleton, and given names that agree where both are written. With no country,
/// the whole names must share their skeletons.
fn same_person(e: &RunEntity, name: &str, m: &Mention) -> bool {
    let words = |n: &str| n.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let (a, b) = (words(&e.entity), words(name));
    let (Some(sa), Some(sb)) = (a.last(), b.last()) else {
        return false;
    };
    let (ka, kb) = (skeleton(sa), skeleton(sb));
    if ka.chars().count() < 2 || ka != kb {
        return false;
    }
    if e.country.is_none() || m.actor.country.is_none() {
        // Without a country to anchor it, only a whole-name match of skeletons.
        return a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| skeleton(x) == skeleton(y));
    }
    if e.country != m.actor.country || e.sector != m.actor.sector {
        return false;
    }
    match (a.len() > 1, b.len() > 1) {
        (true, true) => skeleton(&a[0]) == skeleton(&b[0]),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Actor;

    fn mention(text: &str, entity: &str, code: &str, how: Resolution, rule: &str) -> Mention {
        let (country, sector) = if code.len() >= 6 {
            (Some(code[..3].to_string()), Some(code[3..6].to_string()))
        } else {
            (None, None)
        };
        Mention {
            sentence: 0,
            head: 0,
            first: 0,
            last: 0,
            span: Span::new(0, text.len()),
            text: text.into(),
            actor: Actor {
                code: code.into(),
                country,
                sector,
                entity: Some(entity.into()),
                entity_id: Some(format!("dyad:{}", slug(entity))),
            },
            how,
            rule: rule.into(),
        }
    }

    #[test]
    fn spellings_of_one_unknown_minister_merge_across_documents() {
        let kb = KnowledgeBase::builtin();
        let mut run = RunEntities::new(kb);
        run.add_document(
            "a",
            None,
            &[mention(
                "Libyan Oil Minister Hassan Karimi",
                "Hassan Karimi",
                "LBYGOV",
                Resolution::Title,
                "kb/agents.toml:5",
            )],
        );
        run.add_document(
            "b",
            None,
            &[mention(
                "Libyan Oil Minister Hasan Kareemi",
                "Hasan Kareemi",
                "LBYGOV",
                Resolution::Title,
                "kb/agents.toml:5",
            )],
        );
        // Same surname skeleton, but another country: another person.
        run.add_document(
            "c",
            None,
            &[mention(
                "Tunisian Minister Hassan Karimi",
                "Hassan Karimi",
                "TUNGOV",
                Resolution::Title,
                "kb/agents.toml:5",
            )],
        );
        let unknown = run.unknown();
        assert_eq!(unknown.len(), 2);
        let merged = unknown.iter().find(|e| e.code == "LBYGOV").unwrap();
        assert_eq!(merged.names, vec!["Hassan Karimi", "Hasan Kareemi"]);
        assert_eq!(merged.documents, vec!["a", "b"]);
        assert!(merged.merged());
        assert!(!unknown.iter().find(|e| e.code == "TUNGOV").unwrap().merged());
    }

    #[test]
    fn different_given_names_stay_apart_and_known_people_are_not_unknown() {
        let kb = KnowledgeBase::builtin();
        let mut run = RunEntities::new(kb);
        run.add_document(
            "a",
            None,
            &[mention("Ali Karimi", "Ali Karimi", "LBYGOV", Resolution::Title, "r")],
        );
        run.add_document(
            "b",
            None,
            &[mention("Omar Karimi", "Omar Karimi", "LBYGOV", Resolution::Title, "r")],
        );
        assert_eq!(run.unknown().len(), 2);
        let p = &kb.people[0];
        let mut known = mention(&p.name, &p.name, "SYRGOV", Resolution::Dictionary, "kb");
        known.actor.entity_id = Some(p.entity_id());
        run.add_document("c", None, &[known.clone(), known]);
        assert_eq!(run.unknown().len(), 2);
        let all = run.entities();
        assert_eq!(all[0].entity, p.name);
        assert_eq!(all[0].mentions.len(), 2);
        assert!(all[0].known);
    }
}
