//! dyad's predicate lexicon: which lemmas (verbs, event nouns, evaluative words) code which
//! CAMEO event, and which arguments they take.
//!
//! The lexicon is a line format (see `lexicon/README.md`), one entry per line, so every
//! coded event can name the exact line that produced it (`rule: "lexicon/diplomacy.lex:12"`)
//! and every error names its file and line.

use std::collections::{HashMap, HashSet};

/// The files of the built-in lexicon, in load order.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("core.lex", include_str!("../lexicon/core.lex")),
    ("cooperation.lex", include_str!("../lexicon/cooperation.lex")),
    ("conflict.lex", include_str!("../lexicon/conflict.lex")),
    ("nouns.lex", include_str!("../lexicon/nouns.lex")),
    ("evaluation.lex", include_str!("../lexicon/evaluation.lex")),
];

/// A lexicon line that could not be read: `core.lex:12: unknown slot "wiht"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Part of speech of a predicate entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PredicatePos {
    Verb,
    Noun,
    Adjective,
}

/// Where an event's target is looked for, in preference order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// The direct object (or, in a passive, the passive subject).
    Obj,
    Iobj,
    /// The subject of a copular predicate ("Israel is the cause of …").
    Nsubj,
    /// The subject of the complement clause ("demand that the army withdraw"), or the
    /// controller of an infinitive ("for the US to withdraw").
    CompSubj,
    /// The object of the complement ("wants to attack *Switzerland*").
    CompObj,
    /// The possessor or `of`/`by` phrase of a noun, or an actor adjective ("Turkish incursion").
    Agent,
    /// An oblique or nominal modifier introduced by this preposition.
    Prep(String),
}

/// A condition an entry places on the predicate's dependents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// `obj`, `xcomp`, `ccomp`, `comp`, `nmod`, `amod`, `obl`, `advmod`, `compound`, `prep`,
    /// `nsubj` or `cop`.
    pub rel: String,
    /// Allowed lemmas; empty means any.
    pub lemmas: Vec<String>,
}

/// One predicate entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The lemma, with a particle joined by `_` ("point_out").
    pub lemma: String,
    pub pos: PredicatePos,
    /// A CAMEO code; with `comp`, a two-digit root whose sub-code the complement picks.
    pub code: String,
    pub targets: Vec<Slot>,
    pub conditions: Vec<Condition>,
    /// 04x meetings: source and target interchangeable, "A and B met" gives one pair.
    pub symmetric: bool,
    /// May be written without a target (protests, mobilization).
    pub solo: bool,
    /// The code's last digits come from the complement (`@comp`): "call on X to withdraw".
    pub complement: bool,
    /// A meeting-like noun that codes when it is the setting of a clause ("during a
    /// meeting with X, Y said") with that clause's subject as source.
    pub frame: bool,
    /// An evaluation by the speaker of the clause: source is the speaker, target the
    /// evaluated actor.
    pub evaluation: bool,
    /// The target slot names the doer and the subject the receiver ("Syria received
    /// weapons from Iran" → Iran gives aid to Syria).
    pub inverse: bool,
    /// `<file>:<line>` for the record's `rule`.
    pub origin: String,
}

/// The compiled lexicon: entries indexed by lemma, plus the directive word lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub(crate) entries: Vec<Entry>,
    pub(crate) by_lemma: [HashMap<String, Vec<usize>>; 3],
    /// Support verbs that lend their subject to an event noun ("held talks").
    pub(crate) light: HashSet<String>,
    /// Verbs of saying: their subject is the speaker of what they embed.
    pub(crate) speech: HashSet<String>,
    /// Complement lemmas → CAMEO sub-code digits within 02x/10x ("withdraw" → "56").
    pub(crate) complements: HashMap<String, (String, String)>,
    /// Governors that do not make an infinitive complement hypothetical ("continue").
    pub(crate) aspectual: HashSet<String>,
}

fn pos_key(pos: PredicatePos) -> usize {
    match pos {
        PredicatePos::Verb => 0,
        PredicatePos::Noun => 1,
        PredicatePos::Adjective => 2,
    }
}

const RELS: &[&str] = &[
    "obj", "xcomp", "ccomp", "comp", "nmod", "amod", "obl", "advmod", "compound", "prep", "nsubj", "cop", "patient",
];

impl Lexicon {
    /// The lexicon shipped in `lexicon/`.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (name, text) in BUILTIN {
            lexicon.add_file(&format!("lexicon/{name}"), text)?;
        }
        Ok(lexicon)
    }

    /// Reads one lexicon file into this lexicon; `name` is what errors and rules show.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |message: String| LexiconError {
                file: name.to_string(),
                line,
                message,
            };
            let content = raw.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let mut fields = content.split_whitespace();
            let head = fields.next().unwrap_or("");
            if let Some(directive) = head.strip_prefix('@') {
                let words: Vec<String> = fields.map(|w| w.to_lowercase()).collect();
                if words.is_empty() {
                    return Err(err(format!("@{directive} lists no words")));
                }
                match directive {
                    "light" => self.light.extend(words),
                    "speech" => self.speech.extend(words),
                    "aspect" => self.aspectual.extend(words),
                    "comp" => {
                        for word in words {
                            let Some((lemma, digits)) = word.split_once(':') else {
                                return Err(err(format!("@comp word {word:?} needs LEMMA:DIGITS")));
                            };
                            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                                return Err(err(format!("@comp {lemma}: digits {digits:?} must be 1 or 2 digits")));
                            }
                            self.complements
                                .insert(lemma.to_string(), (digits.to_string(), format!("{name}:{line}")));
                        }
                    }
                    other => return Err(err(format!("unknown directive @{other}"))),
                }
                continue;
            }
            let lemma = head.to_lowercase();
            let pos = match fields.next() {
                Some("V") => PredicatePos::Verb,
                Some("N") => PredicatePos::Noun,
                Some("A") => PredicatePos::Adjective,
                Some(other) => return Err(err(format!("{lemma}: part of speech {other:?} is not V, N or A"))),
                None => return Err(err(format!("{lemma}: missing part of speech and code"))),
            };
            let Some(code) = fields.next() else {
                return Err(err(format!("{lemma}: missing code")));
            };
            if !code.bytes().all(|b| b.is_ascii_digit()) || !(2..=4).contains(&code.len()) {
                return Err(err(format!("{lemma}: code {code:?} is not a CAMEO code")));
            }
            let mut entry = Entry {
                lemma: lemma.clone(),
                pos,
                code: code.to_string(),
                targets: Vec::new(),
                conditions: Vec::new(),
                symmetric: false,
                solo: false,
                complement: false,
                frame: false,
                evaluation: false,
                inverse: false,
                origin: format!("{name}:{line}"),
            };
            let mut explicit_targets = false;
            for field in fields {
                if let Some(slots) = field.strip_prefix("target=") {
                    explicit_targets = true;
                    for slot in slots.split(',').filter(|s| !s.is_empty() && *s != "-") {
                        entry.targets.push(parse_slot(slot).map_err(err)?);
                    }
                } else if let Some(cond) = field.strip_prefix("if=") {
                    let (rel, lemmas) = cond.split_once(':').unwrap_or((cond, ""));
                    if !RELS.contains(&rel) {
                        return Err(err(format!("{lemma}: unknown relation {rel:?} in if=")));
                    }
                    if rel != "cop" && lemmas.is_empty() {
                        return Err(err(format!("{lemma}: if={rel} needs lemmas (if={rel}:a|b)")));
                    }
                    let lemmas = lemmas
                        .split('|')
                        .filter(|l| !l.is_empty() && *l != "*")
                        .map(str::to_lowercase)
                        .collect();
                    entry.conditions.push(Condition {
                        rel: rel.to_string(),
                        lemmas,
                    });
                } else {
                    match field {
                        "sym" => entry.symmetric = true,
                        "solo" => entry.solo = true,
                        "comp" => entry.complement = true,
                        "frame" => entry.frame = true,
                        "eval" => entry.evaluation = true,
                        "inverse" => entry.inverse = true,
                        other => return Err(err(format!("{lemma}: unknown field {other:?}"))),
                    }
                }
            }
            if entry.complement != (code.len() == 2) {
                return Err(err(format!(
                    "{lemma}: a two-digit root code goes with `comp`, and only with it"
                )));
            }
            if entry.frame && pos != PredicatePos::Noun {
                return Err(err(format!("{lemma}: `frame` is for nouns")));
            }
            if !explicit_targets {
                entry.targets = match (pos, entry.evaluation) {
                    (_, true) => vec![Slot::Nsubj, Slot::Agent],
                    (PredicatePos::Verb, false) => vec![Slot::Obj],
                    (_, false) => ["with", "to", "on", "against"]
                        .iter()
                        .map(|p| Slot::Prep(p.to_string()))
                        .collect(),
                };
            }
            if entry.complement && !entry.targets.contains(&Slot::CompSubj) {
                entry.targets.insert(0, Slot::CompSubj);
            }
            let index = self.entries.len();
            self.by_lemma[pos_key(pos)].entry(lemma).or_default().push(index);
            self.entries.push(entry);
        }
        // More specific entries first; file order breaks ties.
        let entries = &self.entries;
        for list in self.by_lemma.iter_mut().flat_map(|m| m.values_mut()) {
            list.sort_by_key(|&i| (std::cmp::Reverse(entries[i].conditions.len()), i));
        }
        Ok(())
    }

    /// Entries for a lemma and part of speech, most specific first.
    pub(crate) fn lookup(&self, lemma: &str, pos: PredicatePos) -> &[usize] {
        self.by_lemma[pos_key(pos)].get(lemma).map(Vec::as_slice).unwrap_or(&[])
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every CAMEO code the lexicon can emit: entry codes, and for `comp` entries each
    /// complement's sub-code as well as the root's default.
    pub fn emittable_codes(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for entry in &self.entries {
            if entry.complement {
                out.push((format!("{}0", entry.code), entry.origin.clone()));
                for (digits, origin) in self.complements.values() {
                    out.push((format!("{}{}", entry.code, digits), origin.clone()));
                }
            } else {
                out.push((entry.code.clone(), entry.origin.clone()));
            }
        }
        for (digits, origin) in self.complements.values() {
            out.push((format!("10{digits}"), origin.clone()));
        }
        out
    }
}

fn parse_slot(slot: &str) -> Result<Slot, String> {
    Ok(match slot {
        "obj" => Slot::Obj,
        "iobj" => Slot::Iobj,
        "nsubj" => Slot::Nsubj,
        "comp-subj" => Slot::CompSubj,
        "comp-obj" => Slot::CompObj,
        "agent" => Slot::Agent,
        prep if prep.chars().all(|c| c.is_ascii_lowercase()) => Slot::Prep(prep.to_string()),
        other => return Err(format!("unknown target slot {other:?}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_and_line() {
        let mut lexicon = Lexicon::default();
        let e = lexicon
            .add_file("t.lex", "meet V 040 target=with\nvisit V 042 target=wiht!\n")
            .unwrap_err();
        assert_eq!(e.to_string(), "t.lex:2: unknown target slot \"wiht!\"");
        let e = lexicon.add_file("t.lex", "# c\n\ncall V 10 target=on\n").unwrap_err();
        assert!(e.to_string().starts_with("t.lex:3:"), "{e}");
        let e = lexicon.add_file("t.lex", "x Q 040\n").unwrap_err();
        assert!(e.to_string().contains("part of speech"), "{e}");
        let e = lexicon.add_file("t.lex", "@comp withdraw\n").unwrap_err();
        assert!(e.to_string().contains("LEMMA:DIGITS"), "{e}");
        let e = lexicon.add_file("t.lex", "meet V 040 if=foo:bar\n").unwrap_err();
        assert!(e.to_string().contains("unknown relation"), "{e}");
    }

    #[test]
    fn specific_entries_come_first() {
        let mut lexicon = Lexicon::default();
        lexicon
            .add_file("t.lex", "call V 10 comp target=on\ncall V 1056 if=obj:x if=prep:on\n")
            .unwrap();
        let list = lexicon.lookup("call", PredicatePos::Verb);
        assert_eq!(lexicon.entries[list[0]].code, "1056");
        assert_eq!(
            lexicon.entries[list[1]].targets,
            vec![Slot::CompSubj, Slot::Prep("on".into())]
        );
    }
}
