//! The coder proper: finds lexicon predicates on the dependency tree, fills source and
//! target from the actor mentions, and writes `EventRecord`s with date, place, modality
//! and table values.
//!
//! Per sentence, two passes: the first finds every candidate event (and marks the
//! complements that a demand or call consumed, so "called on Turkey to withdraw" is one
//! demand, not also a withdrawal); the second writes the candidates that were not
//! consumed, in text order, skipping what the document already said.

use std::collections::HashSet;

use chrono::NaiveDate;
use dyad_core::record::{ActorRecord, EventRecord, PlaceRecord, TableVersions, TriggerRecord};
use dyad_core::{Document, Mention, ParsedSentence, Span};

use crate::dates::{find_time, words_of, Word};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{Entry, Lexicon, PredicatePos, Slot};
use crate::tables::Tables;
use crate::tree::Tree;
use crate::{Config, Error};

/// What happened while coding: events written and, for predicates that matched but
/// wrote nothing, why. The CLI shows these in its run summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodingStats {
    pub sentences: usize,
    /// Lexicon entries (or demand-by-saying rules) that matched a predicate.
    pub predicates: usize,
    pub events: usize,
    /// Matched, but no actor mention fills the source.
    pub no_source: usize,
    /// Matched, but the entry needs a target and no actor mention fills it.
    pub no_target: usize,
    /// Source and target are the same actor.
    pub self_directed: usize,
    /// Already written for this document (same source, target, code and polarity).
    pub duplicates: usize,
    /// Consumed as the complement of another event ("to withdraw" in "called on … to withdraw").
    pub consumed: usize,
    /// Events whose temporal phrase names a day that could not be resolved (no publication
    /// date, or an impossible date such as "31 February").
    pub unresolved_dates: usize,
}

impl CodingStats {
    pub fn add(&mut self, other: &CodingStats) {
        self.sentences += other.sentences;
        self.predicates += other.predicates;
        self.events += other.events;
        self.no_source += other.no_source;
        self.no_target += other.no_target;
        self.self_directed += other.self_directed;
        self.duplicates += other.duplicates;
        self.consumed += other.consumed;
        self.unresolved_dates += other.unresolved_dates;
    }
}

/// One predicate the coder tried in a sentence and what became of it: what `dyad explain`
/// prints under "predicates tried".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredicateTrace {
    /// 0-based token index in the sentence.
    pub token: usize,
    pub lemma: String,
    /// The lexicon line that matched, if one did.
    pub rule: Option<String>,
    /// `candidate` (coded, subject to de-duplication), `no source`, `no target`,
    /// `consumed` (complement of another event), `conditions unmet`, `not in lexicon`.
    pub outcome: String,
}

/// The compiled event coder: tables, lexicon and gazetteer. Immutable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct EventCoder {
    config: Config,
    tables: Tables,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
}

/// An event found in a sentence, before records are written.
struct Candidate {
    trigger: usize,
    anchor: usize,
    /// The clause or noun a demand or call consumed ("to withdraw from Idlib"): where
    /// the demanded action happens counts as the event's place.
    complement: Option<usize>,
    /// A demand made by saying ("X said the US must leave"): its trigger is the clause it
    /// consumed, so it survives the consumed-trigger filter.
    by_saying: bool,
    sources: Vec<usize>,
    targets: Vec<usize>,
    code: String,
    symmetric: bool,
    origin: String,
    negated: bool,
    modality: &'static str,
}

const NEGATORS: &[&str] = &["not", "n't", "never", "no"];
const FUTURE: &[&str] = &["will", "shall", "'ll", "wo"];
const HYPOTHETICAL: &[&str] = &["would", "could", "might", "may", "can", "should", "must", "ought", "'d"];
const OBLIGATION: &[&str] = &["must", "should", "ought"];
const FRAME_CASES: &[&str] = &["in", "during", "at", "after", "following", "on", "throughout", "before"];

impl EventCoder {
    /// The coder with the built-in tables and lexicon plus `config.extra_lexicons`.
    ///
    /// # Panics
    /// When an extra lexicon is invalid; use [`EventCoder::try_new`] for user files. The
    /// built-in data is validated by this crate's tests.
    pub fn new(config: Config) -> EventCoder {
        match EventCoder::try_new(config) {
            Ok(coder) => coder,
            Err(e) => panic!("dyad-events: {e}"),
        }
    }

    /// Like [`EventCoder::new`], reporting a bad lexicon line (file:line) as an error.
    /// Every code the lexicon can emit is checked against the tables here.
    pub fn try_new(config: Config) -> Result<EventCoder, Error> {
        let tables = Tables::builtin()?;
        let mut lexicon = if config.no_builtin_lexicon {
            Lexicon::default()
        } else {
            Lexicon::builtin()?
        };
        for source in &config.extra_lexicons {
            lexicon.add_file(&source.name, &source.text)?;
        }
        for (code, origin) in lexicon.emittable_codes() {
            // "02"+"56": an appeal sub-code exists for every demand sub-code we list.
            if tables.get(&code).is_none() {
                return Err(Error::UnknownCode { origin, code });
            }
        }
        let gazetteer = Gazetteer::builtin().map_err(Error::Gazetteer)?;
        Ok(EventCoder {
            config,
            tables,
            lexicon,
            gazetteer,
        })
    }

    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The table versions stamped into every record.
    pub fn versions(&self) -> TableVersions {
        TableVersions {
            cameo: self.tables.cameo_version.clone(),
            plover: self.tables.plover_version.clone(),
            goldstein: self.config.goldstein.as_str().to_string(),
        }
    }

    /// Codes one document: its events in text order. `mentions` are the actor stage's
    /// mentions for the whole document (each names its sentence); `published` is the
    /// publication date used to resolve relative dates (the document's own, or `--date`).
    pub fn code_document(
        &self,
        doc: &Document,
        sentences: &[ParsedSentence],
        mentions: &[Mention],
        published: Option<NaiveDate>,
    ) -> Vec<EventRecord> {
        self.code_document_with_stats(doc, sentences, mentions, published).0
    }

    /// [`EventCoder::code_document`] with the counts of what was and was not coded.
    pub fn code_document_with_stats(
        &self,
        doc: &Document,
        sentences: &[ParsedSentence],
        mentions: &[Mention],
        published: Option<NaiveDate>,
    ) -> (Vec<EventRecord>, CodingStats) {
        let mut stats = CodingStats::default();
        let mut records = Vec::new();
        let mut seen: HashSet<(String, String, String, bool)> = HashSet::new();
        let versions = self.versions();
        let mut by_sentence: std::collections::HashMap<usize, Vec<&Mention>> = std::collections::HashMap::new();
        for m in mentions {
            by_sentence.entry(m.sentence).or_default().push(m);
        }
        for sentence in sentences {
            stats.sentences += 1;
            let Some(in_sentence) = by_sentence.get(&sentence.index).cloned() else {
                continue;
            };
            let tree = Tree::new(sentence, in_sentence);
            let candidates = self.find_candidates(&tree, &mut stats, &mut None);
            let mut n = 0;
            for c in candidates {
                for (s, t) in pairs(&c) {
                    let source = tree.mentions[s];
                    let target = t.map(|t| tree.mentions[t]);
                    if target.is_some_and(|t| same_actor(source, t)) {
                        stats.self_directed += 1;
                        continue;
                    }
                    let mut sides = [actor_key(Some(source)), actor_key(target)];
                    if c.symmetric {
                        sides.sort();
                    }
                    let [a, b] = sides;
                    if !seen.insert((a, b, c.code.clone(), c.negated)) {
                        stats.duplicates += 1;
                        continue;
                    }
                    n += 1;
                    let first_event = records.is_empty();
                    records.push(self.record(
                        doc,
                        &tree,
                        &c,
                        source,
                        target,
                        n,
                        published,
                        first_event,
                        &versions,
                        &mut stats,
                    ));
                }
            }
        }
        stats.events = records.len();
        (records, stats)
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        doc: &Document,
        tree: &Tree<'_>,
        c: &Candidate,
        source: &Mention,
        target: Option<&Mention>,
        n: usize,
        published: Option<NaiveDate>,
        first_event: bool,
        versions: &TableVersions,
        stats: &mut CodingStats,
    ) -> EventRecord {
        let info = self
            .tables
            .get(&c.code)
            .expect("codes are validated against the tables when the coder is built");
        let sentence = tree.s;
        let trigger = &sentence.tokens[c.trigger];
        let (date, date_text) = self.when(doc, tree, c, published, first_event, stats);
        EventRecord {
            id: format!("e:{}:{}:{}", doc.id, sentence.index, n),
            doc: doc.id.clone(),
            sentence: sentence.index,
            source: actor_record(source),
            target: target.map(actor_record),
            cameo: info.code.clone(),
            cameo_root: info.root().to_string(),
            plover: info.plover.clone(),
            mode: info.mode.clone(),
            context: info.context.clone(),
            goldstein: info.goldstein(self.config.goldstein),
            quad: info.quad(),
            negated: c.negated,
            modality: c.modality.to_string(),
            date: date.map(|d| d.to_string()),
            date_text,
            place: self.place(doc, tree, c),
            text: sentence.span.slice(&doc.text).unwrap_or("").to_string(),
            span: sentence.span,
            trigger: TriggerRecord {
                text: trigger.span.slice(&doc.text).unwrap_or(&trigger.form).to_string(),
                span: trigger.span,
            },
            rule: c.origin.clone(),
            versions: versions.clone(),
        }
    }

    fn is_speech(&self, tree: &Tree<'_>, i: usize) -> bool {
        tree.upos(i) == "VERB"
            && (tree.phrasal_lemma(i).is_some_and(|l| self.lexicon.speech.contains(&l))
                || self.lexicon.speech.contains(&tree.lemma[i]))
    }

    /// The subject of the nearest verb of saying above `p`: who is speaking in `p`'s clause.
    fn speaker(&self, tree: &Tree<'_>, p: usize) -> Option<usize> {
        let mut x = p;
        for _ in 0..tree.len() {
            if let Some(sp) = tree.children[x]
                .iter()
                .copied()
                .find(|&c| tree.base(c) == "parataxis" && self.is_speech(tree, c))
            {
                return self.speech_subject(tree, sp);
            }
            let Some(h) = tree.head(x) else { break };
            if self.is_speech(tree, h) && matches!(tree.base(x), "ccomp" | "parataxis") {
                return self.speech_subject(tree, h);
            }
            x = h;
        }
        self.quote_speaker(tree, p)
    }

    /// The subject of a verb of saying, also when the parser took the postposed subject of
    /// an inverted reporting clause for an object ("…,” said Mikdad, stressing that …):
    /// a saying verb right after punctuation with no subject of its own and an actor object
    /// after it. `tell` is left out: its object is the addressee.
    fn speech_subject(&self, tree: &Tree<'_>, v: usize) -> Option<usize> {
        let subject = tree.subject(v);
        if subject.is_some_and(|s| !tree.actors_at(s).is_empty() || tree.upos(s) == "PRON") {
            return subject;
        }
        let mut x = v;
        for _ in 0..tree.len() {
            let actor_subject = tree.kid(x, "nsubj").is_some_and(|s| !tree.actors_at(s).is_empty());
            if self.is_speech(tree, x) && tree.lemma[x] != "tell" && !actor_subject {
                let after_punct = x > 0 && tree.upos(x - 1) == "PUNCT";
                if let Some(o) = tree
                    .kids(x, "obj")
                    .find(|&o| after_punct && o > x && tree.mention_at[o].is_some())
                {
                    return Some(o);
                }
            }
            match (tree.base(x), tree.head(x)) {
                ("advcl" | "conj" | "parataxis", Some(h)) => x = h,
                _ => break,
            }
        }
        subject
    }

    /// The speaker of a quotation `p` sits in, read off the text rather than the tree,
    /// since parsers often hang a quotation-final reporting clause ("“We reject …,” said
    /// Mikdad") inside the quote: the reporting verb right after the closing quote mark,
    /// with its subject before or after it.
    fn quote_speaker(&self, tree: &Tree<'_>, p: usize) -> Option<usize> {
        let is_quote = |t: usize| matches!(tree.s.tokens[t].form.as_str(), "\"" | "“" | "”" | "``" | "''");
        let opened = (0..p).filter(|&t| is_quote(t)).count();
        let close = (p + 1..tree.len()).find(|&t| is_quote(t))?;
        let closing_form = matches!(tree.s.tokens[close].form.as_str(), "”" | "''");
        if opened % 2 == 0 && !(opened == 0 && closing_form) {
            return None;
        }
        let mut k = close + 1;
        while k < tree.len() && tree.upos(k) == "PUNCT" {
            k += 1;
        }
        if k >= tree.len() {
            return None;
        }
        if self.is_speech(tree, k) {
            if let Some(s) = self.speech_subject(tree, k).filter(|&s| tree.mention_at[s].is_some()) {
                return Some(s);
            }
            return tree
                .mention_at
                .get(k + 1)
                .copied()
                .flatten()
                .filter(|&m| tree.mentions[m].first == k + 1)
                .map(|m| tree.mentions[m].head);
        }
        let m = tree.mention_at[k].filter(|&m| tree.mentions[m].first == k)?;
        let verb = tree.mentions[m].last + 1;
        (verb < tree.len() && self.is_speech(tree, verb)).then(|| tree.mentions[m].head)
    }

    /// The mentions that are the doer at token `s`; a first-person pronoun with no
    /// mention of its own ("We in Syria reject …") is the speaker of the clause.
    fn doers(&self, tree: &Tree<'_>, s: usize, p: usize) -> Vec<usize> {
        let found = tree.actors_at(s);
        if found.is_empty() && tree.is_first_person(s) {
            if let Some(sp) = self.speaker(tree, p) {
                return tree.actors_at(sp);
            }
        }
        found
    }

    /// Codes one sentence and says, for every verb and event noun, which lexicon line
    /// matched and why it did or did not become an event. `mentions` may hold the whole
    /// document's mentions.
    pub fn explain_sentence(
        &self,
        doc: &Document,
        sentence: &ParsedSentence,
        mentions: &[Mention],
        published: Option<NaiveDate>,
    ) -> (Vec<EventRecord>, Vec<PredicateTrace>) {
        let in_sentence: Vec<&Mention> = mentions.iter().filter(|m| m.sentence == sentence.index).collect();
        let tree = Tree::new(sentence, in_sentence);
        let mut trace = Some(Vec::new());
        let mut stats = CodingStats::default();
        self.find_candidates(&tree, &mut stats, &mut trace);
        let (events, _) = self.code_document_with_stats(doc, std::slice::from_ref(sentence), mentions, published);
        (events, trace.unwrap_or_default())
    }

    fn find_candidates(
        &self,
        tree: &Tree<'_>,
        stats: &mut CodingStats,
        trace: &mut Option<Vec<PredicateTrace>>,
    ) -> Vec<Candidate> {
        let mut note = |token: usize, rule: Option<&str>, outcome: &str| {
            if let Some(t) = trace.as_mut() {
                t.push(PredicateTrace {
                    token,
                    lemma: tree.lemma[token].clone(),
                    rule: rule.map(str::to_string),
                    outcome: outcome.to_string(),
                });
            }
        };
        let n = tree.len();
        let mut consumed = vec![false; n];
        let mut out = Vec::new();
        // Demands made by saying: "X said the US must leave" → X demands of the US.
        for s in 0..n {
            if !self.is_speech(tree, s) {
                continue;
            }
            let mut clauses: Vec<usize> = tree.children[s]
                .iter()
                .copied()
                .filter(|&c| matches!(tree.base(c), "ccomp" | "parataxis") && !self.is_speech(tree, c))
                .collect();
            if tree.base(s) == "parataxis" {
                clauses.extend(tree.head(s));
            }
            let mut k = 0;
            while k < clauses.len() && k < n {
                let c = clauses[k];
                clauses.extend(
                    tree.kids(c, "conj")
                        .filter(|x| !clauses.contains(x))
                        .collect::<Vec<_>>(),
                );
                k += 1;
            }
            for c in clauses {
                let obliged = tree
                    .kids(c, "aux")
                    .any(|a| OBLIGATION.contains(&tree.lemma[a].as_str()));
                let Some((digits, origin)) = self.complement_digits(tree, c) else {
                    continue;
                };
                if !obliged || self.negated(tree, &[c]) {
                    continue;
                }
                stats.predicates += 1;
                let Some(subject) = self.speech_subject(tree, s) else {
                    stats.no_source += 1;
                    note(c, Some(&origin), "no source");
                    continue;
                };
                let sources = self.doers(tree, subject, s);
                let targets = tree.kid(c, "nsubj").map(|t| tree.actors_at(t)).unwrap_or_default();
                if sources.is_empty() {
                    stats.no_source += 1;
                    note(c, Some(&origin), "no source");
                    continue;
                }
                if targets.is_empty() {
                    stats.no_target += 1;
                    note(c, Some(&origin), "no target");
                    continue;
                }
                note(c, Some(&origin), "candidate");
                consumed[c] = true;
                out.push(Candidate {
                    trigger: c,
                    anchor: s,
                    complement: None,
                    by_saying: true,
                    sources,
                    targets,
                    code: self.code_with("10", &digits),
                    symmetric: false,
                    origin,
                    negated: self.negated(tree, &[s]),
                    modality: self.modality(tree, s, &[], true),
                });
            }
        }
        for p in 0..n {
            let pos = match tree.upos(p) {
                "VERB" => PredicatePos::Verb,
                "NOUN" => PredicatePos::Noun,
                "ADJ" => PredicatePos::Adjective,
                _ => continue,
            };
            let phrasal = tree.phrasal_lemma(p);
            let mut list: &[usize] = &[];
            if let Some(l) = &phrasal {
                list = self.lexicon.lookup(l, pos);
            }
            if list.is_empty() {
                list = self.lexicon.lookup(&tree.lemma[p], pos);
            }
            if list.is_empty() && pos == PredicatePos::Verb {
                // A lemmatizer slip ("blamed" → "blam") must not hide a verb we know: try the
                // stems regular English inflection allows.
                let form = tree.s.tokens[p].form.to_lowercase();
                if let Some(found) = verb_stems(&form)
                    .into_iter()
                    .map(|stem| self.lexicon.lookup(&stem, pos))
                    .find(|l| !l.is_empty())
                {
                    list = found;
                }
            }
            let Some(entry) = list
                .iter()
                .map(|&i| &self.lexicon.entries[i])
                .find(|e| self.conditions_hold(tree, p, e))
            else {
                if list.is_empty() && pos == PredicatePos::Verb {
                    note(p, None, "not in lexicon");
                } else if !list.is_empty() {
                    note(p, None, "conditions unmet");
                }
                continue;
            };
            stats.predicates += 1;
            let missing_source = stats.no_source;
            match self.candidate(tree, p, entry, &mut consumed, stats) {
                Some(c) => {
                    note(p, Some(&entry.origin), "candidate");
                    out.push(c);
                }
                None if stats.no_source > missing_source => note(p, Some(&entry.origin), "no source"),
                None => note(p, Some(&entry.origin), "no target"),
            }
        }
        if let Some(t) = trace.as_mut() {
            for line in t.iter_mut().filter(|l| consumed[l.token] && l.outcome == "candidate") {
                if !out.iter().any(|c| c.by_saying && c.trigger == line.token) {
                    line.outcome = "consumed".to_string();
                }
            }
        }
        let before = out.len();
        out.retain(|c| c.by_saying || !consumed[c.trigger]);
        stats.consumed += before - out.len();
        out.sort_by_key(|c| c.trigger);
        out
    }

    fn conditions_hold(&self, tree: &Tree<'_>, p: usize, e: &Entry) -> bool {
        e.conditions.iter().all(|cond| {
            let ok = |c: usize| cond.lemmas.is_empty() || cond.lemmas.iter().any(|l| *l == tree.lemma[c]);
            let kids = |rel: &str| tree.kids(p, rel).collect::<Vec<_>>();
            match cond.rel.as_str() {
                "cop" => tree.kid(p, "cop").is_some(),
                "prep" => tree.children[p].iter().any(|&c| {
                    matches!(tree.base(c), "obl" | "nmod")
                        && tree.case_of(c).is_some_and(|k| cond.lemmas.iter().any(|l| l == k))
                }),
                "comp" => kids("xcomp").into_iter().chain(kids("ccomp")).any(ok),
                // The object (or passive subject) is an actor of one of these kinds: a code
                // prefix ("img") or a sector ("reb").
                "patient" => {
                    let mut objs = kids("obj");
                    if tree.is_passive(p) {
                        objs.extend(tree.kids(p, "nsubj:pass"));
                    }
                    objs.into_iter().flat_map(|o| tree.actors_at(o)).any(|m| {
                        let code = tree.mentions[m].actor.code.to_lowercase();
                        cond.lemmas
                            .iter()
                            .any(|k| code.starts_with(k.as_str()) || code.get(3..6) == Some(k.as_str()))
                    })
                }
                "obj" => {
                    let mut objs = kids("obj");
                    if tree.is_passive(p) {
                        objs.extend(kids("nsubj:pass"));
                    }
                    objs.into_iter().any(ok)
                }
                rel => kids(rel).into_iter().any(ok),
            }
        })
    }

    /// The complement that picks a `comp` entry's sub-code: a clause or infinitive
    /// ("demand that the army withdraw", "urged Turkey to withdraw", "the need for the US
    /// to withdraw") or an event noun ("called for the withdrawal of …").
    fn complement(&self, tree: &Tree<'_>, p: usize) -> Option<usize> {
        let known = |c: &usize| self.complement_digits(tree, *c).is_some();
        let clauses: Vec<usize> = tree.kids(p, "xcomp").chain(tree.kids(p, "ccomp")).collect();
        if let Some(c) = clauses.iter().copied().find(known).or(clauses.first().copied()) {
            return Some(c);
        }
        for o in tree.kids(p, "obj").chain(tree.kids(p, "obl")) {
            if known(&o) {
                return Some(o);
            }
            let inner: Vec<usize> = tree
                .kids(o, "acl")
                .chain(tree.kids(o, "xcomp"))
                .chain(tree.kids(o, "ccomp"))
                .collect();
            if let Some(c) = inner.iter().copied().find(known).or(inner.first().copied()) {
                return Some(c);
            }
        }
        None
    }

    fn complement_digits(&self, tree: &Tree<'_>, c: usize) -> Option<(String, String)> {
        tree.phrasal_lemma(c)
            .and_then(|l| self.lexicon.complements.get(&l))
            .or_else(|| self.lexicon.complements.get(&tree.lemma[c]))
            .cloned()
    }

    /// `root` + `digits` when the tables have it ("10"+"56"), else the root's x0 code.
    fn code_with(&self, root: &str, digits: &str) -> String {
        let code = format!("{root}{digits}");
        if self.tables.get(&code).is_some() {
            code
        } else {
            format!("{root}0")
        }
    }

    fn candidate(
        &self,
        tree: &Tree<'_>,
        p: usize,
        e: &Entry,
        consumed: &mut [bool],
        stats: &mut CodingStats,
    ) -> Option<Candidate> {
        let head = tree.head(p);
        let light = head.filter(|&h| {
            matches!(tree.deprel(p), "obj" | "nsubj:pass")
                && (tree.phrasal_lemma(h).is_some_and(|l| self.lexicon.light.contains(&l))
                    || self.lexicon.light.contains(&tree.lemma[h]))
        });
        let frame = head.filter(|&h| {
            e.frame
                && light.is_none()
                && matches!(tree.base(p), "obl" | "nmod")
                && tree.upos(h) == "VERB"
                && tree.case_of(p).is_some_and(|c| FRAME_CASES.contains(&c))
        });
        // Who does it, and which verb carries tense, mood and negation.
        let (source_token, anchor) = if e.evaluation {
            let mut s = self.speaker(tree, p);
            if s.is_none() {
                let mut x = p;
                for _ in 0..tree.len() {
                    let Some(h) = tree.head(x) else { break };
                    if tree.upos(h) == "VERB" {
                        s = tree.subject(h);
                        break;
                    }
                    x = h;
                }
            }
            (s, p)
        } else {
            match e.pos {
                PredicatePos::Verb => (
                    tree.subject(p)
                        .or_else(|| self.instrument_agent(tree, p, e))
                        .or_else(|| tree.linear_subject(p)),
                    p,
                ),
                // A noun's own doer ("the visit of the Iranian president to Syria") wins
                // over the clause it sits in; else the support verb's or frame's subject.
                _ => {
                    let own = agent_tokens(tree, p)
                        .into_iter()
                        .find(|&a| !tree.actors_at(a).is_empty());
                    match (own, light.or(frame)) {
                        (Some(a), v) => (Some(a), v.unwrap_or(p)),
                        (None, Some(v)) => (tree.subject(v), v),
                        (None, None) => (None, p),
                    }
                }
            }
        };
        // "talks between Iran and Syria": a symmetric event whose parties are both named
        // in a `between` phrase needs no subject.
        let between = || -> Option<(usize, Vec<usize>)> {
            if !e.symmetric {
                return None;
            }
            let mut holders = vec![p];
            holders.extend(light.or(frame));
            holders
                .iter()
                .flat_map(|&h| tree.children[h].iter().copied())
                .find_map(|c| {
                    let parties = tree.actors_at(c);
                    (matches!(tree.base(c), "obl" | "nmod") && tree.case_of(c) == Some("between") && parties.len() > 1)
                        .then_some((c, parties))
                })
        };
        // "During a meeting with X, Y said …" where the parser lost the frame's attachment:
        // the doer is the actor that opens the clause after the frame phrase.
        let linear_frame = || {
            (e.frame && e.pos == PredicatePos::Noun && light.is_none())
                .then(|| self.linear_frame_subject(tree, p))
                .flatten()
        };
        let (mut source_token, mut anchor, parties) = match source_token {
            Some(s) => (s, anchor, None),
            None => match (between(), linear_frame()) {
                (Some((c, parties)), _) => (c, anchor, Some(parties)),
                (None, Some((s, v))) => (s, v, None),
                (None, None) => {
                    stats.no_source += 1;
                    return None;
                }
            },
        };
        let mut sources = parties.unwrap_or_else(|| self.doers(tree, source_token, anchor));
        if sources.is_empty() {
            if let Some((s, v)) = linear_frame() {
                sources = self.doers(tree, s, v);
                (source_token, anchor) = (s, v);
            }
        }
        if sources.is_empty() {
            stats.no_source += 1;
            return None;
        }
        // What it is done to.
        let wants_complement = e.complement || e.targets.iter().any(|t| matches!(t, Slot::CompSubj | Slot::CompObj));
        let complement = if wants_complement {
            self.complement(tree, p)
        } else {
            None
        };
        let mut targets = Vec::new();
        for slot in &e.targets {
            for t in self.slot_tokens(tree, p, e, slot, light, complement) {
                if t == source_token {
                    continue;
                }
                targets = tree
                    .actors_near(t)
                    .into_iter()
                    .filter(|m| !sources.contains(m))
                    .collect();
                if !targets.is_empty() {
                    break;
                }
            }
            if !targets.is_empty() {
                break;
            }
        }
        if targets.is_empty() && !e.solo && !(e.symmetric && sources.len() > 1) {
            stats.no_target += 1;
            return None;
        }
        let code = if e.complement {
            match complement.and_then(|c| self.complement_digits(tree, c)) {
                Some((digits, _)) => self.code_with(&e.code, &digits),
                None => format!("{}0", e.code),
            }
        } else {
            e.code.clone()
        };
        if let Some(c) = complement.filter(|_| e.complement) {
            consumed[c] = true;
        }
        // "threatened to attack", "wants to help": the entry already coded the complement.
        for cond in e
            .conditions
            .iter()
            .filter(|c| matches!(c.rel.as_str(), "xcomp" | "ccomp" | "comp") && !c.lemmas.is_empty())
        {
            for k in tree.kids(p, "xcomp").chain(tree.kids(p, "ccomp")) {
                if cond.lemmas.iter().any(|l| *l == tree.lemma[k]) {
                    consumed[k] = true;
                }
            }
        }
        let (sources, targets) = if e.inverse && !targets.is_empty() {
            (targets, sources)
        } else {
            (sources, targets)
        };
        let mut polarity = vec![p, anchor];
        polarity.extend(light);
        let reported_by = if e.evaluation { None } else { self.speaker(tree, anchor) };
        // The same actor named twice ("Raisi says …, President Raisi said") is still one voice.
        let speaker_is_source = reported_by.is_some_and(|s| {
            self.doers(tree, s, anchor)
                .iter()
                .any(|&m| sources.iter().any(|&k| same_actor(tree.mentions[m], tree.mentions[k])))
        });
        Some(Candidate {
            trigger: p,
            anchor,
            complement: complement.filter(|_| e.complement),
            by_saying: false,
            sources,
            targets,
            code,
            symmetric: e.symmetric,
            origin: e.origin.clone(),
            negated: self.negated(tree, &polarity),
            modality: self.modality(tree, anchor, &[p], reported_by.is_none() || speaker_is_source),
        })
    }

    /// For an agentless passive of material conflict ("four people were killed in an
    /// Israeli airstrike"), the doer of the attack phrase it names.
    fn instrument_agent(&self, tree: &Tree<'_>, p: usize, e: &Entry) -> Option<usize> {
        let material_conflict = e
            .code
            .get(..2)
            .and_then(|r| r.parse::<u8>().ok())
            .is_some_and(|r| r >= 14);
        if !material_conflict || !tree.is_passive(p) || tree.agent_of(p).is_some() {
            return None;
        }
        tree.kids(p, "obl")
            .filter(|&o| matches!(tree.case_of(o), Some("in" | "by" | "during")))
            .flat_map(|o| agent_tokens(tree, o))
            .find(|&a| !tree.actors_at(a).is_empty())
    }

    /// For a frame noun introduced by a frame preposition ("During a later meeting with
    /// X, Y said …"), the actor that opens the clause after the frame phrase's comma and
    /// the verb right after it: robust to the parser hanging the frame anywhere.
    fn linear_frame_subject(&self, tree: &Tree<'_>, p: usize) -> Option<(usize, usize)> {
        tree.kid(p, "case")
            .filter(|&c| c < p && FRAME_CASES.contains(&tree.lemma[c].as_str()))?;
        let comma = (p + 1..tree.len()).take(20).find(|&t| tree.s.tokens[t].form == ",")?;
        let m = tree
            .mention_at
            .get(comma + 1)
            .copied()
            .flatten()
            .filter(|&m| tree.mentions[m].first == comma + 1)?;
        let verb = tree.mentions[m].last + 1;
        (verb < tree.len() && tree.upos(verb) == "VERB").then(|| (tree.mentions[m].head, verb))
    }

    fn slot_tokens(
        &self,
        tree: &Tree<'_>,
        p: usize,
        e: &Entry,
        slot: &Slot,
        light: Option<usize>,
        complement: Option<usize>,
    ) -> Vec<usize> {
        match slot {
            Slot::Obj => {
                let mut v: Vec<usize> = tree.kids(p, "obj").collect();
                if tree.is_passive(p) {
                    v.extend(tree.kids(p, "nsubj:pass"));
                }
                v
            }
            Slot::Iobj => tree.kids(p, "iobj").collect(),
            Slot::Nsubj => {
                if e.pos == PredicatePos::Verb {
                    // An evaluated deed: its active subject is the one evaluated.
                    if e.evaluation {
                        tree.children[p]
                            .iter()
                            .copied()
                            .filter(|&c| tree.deprel(c) == "nsubj")
                            .collect()
                    } else {
                        Vec::new()
                    }
                } else {
                    tree.kids(p, "nsubj").collect()
                }
            }
            Slot::CompSubj => {
                let Some(c) = complement else { return Vec::new() };
                let mut v: Vec<usize> = tree.kids(c, "nsubj").chain(tree.kids(c, "nsubj:pass")).collect();
                v.extend(tree.kids(c, "obl").filter(|&x| tree.case_of(x) == Some("for")));
                if let Some(h) = tree.head(c).filter(|&h| h != p) {
                    v.extend(tree.kids(h, "nmod").filter(|&x| tree.case_of(x) == Some("for")));
                }
                if matches!(tree.upos(c), "NOUN" | "PROPN") {
                    v.extend(agent_tokens(tree, c));
                }
                if v.is_empty() && tree.base(c) == "xcomp" {
                    v.extend(tree.subject(c));
                }
                v
            }
            Slot::CompObj => complement
                .map(|c| {
                    tree.kids(c, "obj")
                        .chain(tree.kids(c, "obl").filter(|&x| tree.case_of(x) == Some("to")))
                        .collect()
                })
                .unwrap_or_default(),
            Slot::Agent => {
                let mut v = agent_tokens(tree, p);
                // "the aggression [by the Zionist regime]" with the `by` phrase hung on the
                // verb: the parser's usual PP-attachment slip.
                if e.pos == PredicatePos::Noun {
                    v.extend(adjacent_phrases(tree, p, "by"));
                }
                if e.pos == PredicatePos::Adjective {
                    if let Some(n) = tree.head(p).filter(|_| tree.kid(p, "cop").is_none()) {
                        v.extend(agent_tokens(tree, n));
                        if matches!(tree.deprel(n), "obj") {
                            v.extend(tree.head(n).and_then(|verb| tree.subject(verb)));
                        }
                        if tree.kid(n, "cop").is_some() {
                            v.extend(tree.kids(n, "nsubj"));
                        }
                    } else {
                        v.extend(tree.kids(p, "nsubj"));
                    }
                }
                v
            }
            Slot::Prep(prep) => {
                let mut holders = vec![p];
                holders.extend(light);
                if e.pos == PredicatePos::Verb && e.conditions.iter().any(|c| c.rel == "obj") {
                    holders.extend(tree.kids(p, "obj"));
                    if tree.is_passive(p) {
                        holders.extend(tree.kids(p, "nsubj:pass"));
                    }
                }
                let mut v = Vec::new();
                for h in holders {
                    v.extend(
                        tree.children[h].iter().copied().filter(|&c| {
                            matches!(tree.base(c), "obl" | "nmod") && tree.case_of(c) == Some(prep.as_str())
                        }),
                    );
                }
                // A phrase right after an event noun but attached to its governor (the
                // parser's usual PP-attachment slip: "speaking in a meeting [with X]").
                if e.pos == PredicatePos::Noun {
                    v.extend(adjacent_phrases(tree, p, prep));
                }
                v
            }
        }
    }

    fn negated(&self, tree: &Tree<'_>, tokens: &[usize]) -> bool {
        tokens.iter().any(|&t| {
            tree.children[t].iter().any(|&c| {
                let lemma = tree.lemma[c].as_str();
                (matches!(tree.base(c), "advmod" | "neg") && NEGATORS.contains(&lemma))
                    || (tree.deprel(c) == "det" && lemma == "no")
            })
        })
    }

    /// `future` (will/shall), `hypothetical` (would/could/may/must…, an `if` clause, an
    /// infinitive under a non-aspectual verb), `reported` (inside what someone else says),
    /// else `asserted`.
    fn modality(&self, tree: &Tree<'_>, anchor: usize, extra: &[usize], own_voice: bool) -> &'static str {
        let mut chain = vec![anchor];
        chain.extend_from_slice(extra);
        let mut x = anchor;
        let mut hypothetical = false;
        for _ in 0..tree.len() {
            if tree.base(x) != "xcomp" {
                break;
            }
            let Some(h) = tree.head(x) else { break };
            let aspectual = self.lexicon.aspectual.contains(&tree.lemma[h])
                || tree
                    .phrasal_lemma(h)
                    .is_some_and(|l| self.lexicon.aspectual.contains(&l));
            if tree.lemma[h] == "go" && tree.kids(h, "aux").any(|a| tree.lemma[a] == "be") {
                chain.push(h);
                return "future";
            }
            if !aspectual {
                hypothetical = true;
                break;
            }
            chain.push(h);
            x = h;
        }
        let auxes: Vec<&str> = chain
            .iter()
            .flat_map(|&v| tree.kids(v, "aux").map(|a| tree.lemma[a].as_str()))
            .collect();
        if hypothetical || auxes.iter().any(|a| HYPOTHETICAL.contains(a)) {
            return "hypothetical";
        }
        // an `if`/`unless` clause anywhere above
        let mut y = anchor;
        for _ in 0..tree.len() {
            if tree
                .kids(y, "mark")
                .any(|m| matches!(tree.lemma[m].as_str(), "if" | "unless"))
            {
                return "hypothetical";
            }
            match tree.head(y) {
                Some(h) => y = h,
                None => break,
            }
        }
        if auxes.iter().any(|a| FUTURE.contains(a)) {
            return "future";
        }
        if !own_voice {
            return "reported";
        }
        "asserted"
    }

    fn when(
        &self,
        doc: &Document,
        tree: &Tree<'_>,
        c: &Candidate,
        published: Option<NaiveDate>,
        first_event: bool,
        stats: &mut CodingStats,
    ) -> (Option<NaiveDate>, Option<String>) {
        let future = c.modality == "future";
        let words = |tokens: &[usize]| -> Vec<Word<'_>> {
            tokens
                .iter()
                .map(|&t| Word {
                    text: tree.s.tokens[t].form.as_str(),
                    span: tree.s.tokens[t].span,
                })
                .collect()
        };
        let mut phrases: Vec<Vec<usize>> = Vec::new();
        for holder in [c.trigger, c.anchor] {
            for &k in &tree.children[holder] {
                if matches!(tree.base(k), "obl" | "nmod" | "advmod") {
                    phrases.push(tree.subtree(k));
                }
            }
        }
        phrases.push((0..tree.len()).collect());
        let found = phrases.iter().find_map(|ph| find_time(&words(ph), published, future));
        let found = found.or_else(|| {
            let span = doc.dateline_span.filter(|_| first_event)?;
            let text = span.slice(&doc.text)?;
            find_time(&words_of(text, span.start), published, future)
        });
        match found {
            Some(t) => {
                if t.unresolved {
                    stats.unresolved_dates += 1;
                }
                (t.date, t.span.slice(&doc.text).map(str::to_string))
            }
            None => (None, None),
        }
    }

    fn place(&self, doc: &Document, tree: &Tree<'_>, c: &Candidate) -> Option<PlaceRecord> {
        let holders = [(c.trigger, false), (c.anchor, false)]
            .into_iter()
            .chain(c.complement.map(|k| (k, true)));
        for (holder, is_complement) in holders {
            for &k in &tree.children[holder] {
                let case = tree.case_of(k);
                let locative = matches!(tree.base(k), "obl" | "nmod")
                    && (matches!(case, Some("in" | "at")) || (is_complement && case == Some("from")));
                if !locative {
                    continue;
                }
                if let Some(place) = self.place_in(tree, &tree.subtree(k)) {
                    return Some(place);
                }
            }
        }
        let dateline = doc.dateline.as_deref()?.trim();
        if dateline.is_empty() {
            return None;
        }
        Some(match self.gazetteer.lookup(dateline) {
            Some(p) => place_record(p),
            None => PlaceRecord {
                name: dateline.to_string(),
                country: None,
                lat: None,
                lon: None,
            },
        })
    }

    /// The longest gazetteer name among consecutive tokens of a phrase.
    fn place_in(&self, tree: &Tree<'_>, tokens: &[usize]) -> Option<PlaceRecord> {
        let max = self.gazetteer.max_words.min(tokens.len());
        for i in 0..tokens.len() {
            for len in (1..=max).rev() {
                let Some(run) = tokens.get(i..i + len) else { continue };
                if run.windows(2).any(|w| w[1] != w[0] + 1) {
                    continue;
                }
                if !run.iter().any(|&t| {
                    tree.upos(t) == "PROPN" || tree.s.tokens[t].form.chars().next().is_some_and(char::is_uppercase)
                }) {
                    continue;
                }
                let name: Vec<&str> = run.iter().map(|&t| tree.s.tokens[t].form.as_str()).collect();
                if let Some(p) = self.gazetteer.lookup(&name.join(" ")) {
                    return Some(place_record(p));
                }
            }
        }
        None
    }
}

/// A noun's own doer: its possessor, its `of`/`by` phrase, or an actor adjective or
/// compound ("Turkish incursion", "US schemes").
fn agent_tokens(tree: &Tree<'_>, n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = tree.kids(n, "nmod:poss").collect();
    v.extend(tree.children[n].iter().copied().filter(|&c| {
        tree.deprel(c) == "obl:agent" || (tree.base(c) == "nmod" && matches!(tree.case_of(c), Some("of" | "by")))
    }));
    v.extend(
        tree.children[n]
            .iter()
            .copied()
            .filter(|&c| matches!(tree.base(c), "amod" | "compound") && tree.mention_at[c].is_some()),
    );
    v
}

/// Phrases introduced by `prep` that follow noun `n` directly but hang on its governor:
/// where a parser that misattaches a prepositional phrase usually puts it.
fn adjacent_phrases(tree: &Tree<'_>, n: usize, prep: &str) -> Vec<usize> {
    let (Some(h), Some(&end)) = (tree.head(n), tree.subtree(n).last()) else {
        return Vec::new();
    };
    let mut found: Vec<usize> = tree.children[h]
        .iter()
        .copied()
        .filter(|&c| {
            c > n
                && matches!(tree.base(c), "obl" | "nmod")
                && tree.case_of(c) == Some(prep)
                && tree.subtree(c).first() == Some(&(end + 1))
        })
        .collect();
    // The parse lost the phrase altogether ("a meeting with | the Minister … said"): read the
    // words. The preposition right after the noun, then an actor starting at once (after an
    // article at most).
    if found.is_empty() && end + 1 < tree.len() && tree.lemma[end + 1] == prep {
        let starts = end + 2..(end + 4).min(tree.len());
        found.extend(
            tree.mentions
                .iter()
                .filter(|m| starts.contains(&m.first))
                .map(|m| m.head),
        );
    }
    found
}

fn pairs(c: &Candidate) -> Vec<(usize, Option<usize>)> {
    if c.targets.is_empty() {
        if c.symmetric && c.sources.len() > 1 {
            let mut out = Vec::new();
            for (i, &a) in c.sources.iter().enumerate() {
                for &b in &c.sources[i + 1..] {
                    out.push((a, Some(b)));
                }
            }
            return out;
        }
        return c.sources.iter().map(|&s| (s, None)).collect();
    }
    c.sources
        .iter()
        .flat_map(|&s| c.targets.iter().map(move |&t| (s, Some(t))))
        .collect()
}

fn same_actor(a: &Mention, b: &Mention) -> bool {
    match (&a.actor.entity_id, &b.actor.entity_id) {
        (Some(x), Some(y)) => x == y,
        _ => a.actor.code == b.actor.code && a.actor.entity == b.actor.entity,
    }
}

fn actor_key(m: Option<&Mention>) -> String {
    match m {
        None => String::new(),
        Some(m) => format!(
            "{}|{}",
            m.actor.code,
            m.actor.entity_id.as_deref().or(m.actor.entity.as_deref()).unwrap_or("")
        ),
    }
}

fn actor_record(m: &Mention) -> ActorRecord {
    ActorRecord {
        code: m.actor.code.clone(),
        country: m.actor.country.clone(),
        sector: m.actor.sector.clone(),
        entity: m.actor.entity.clone(),
        entity_id: m.actor.entity_id.clone(),
        text: m.text.clone(),
        span: m.span,
    }
}

fn place_record(p: &crate::gazetteer::Place) -> PlaceRecord {
    PlaceRecord {
        name: p.name.clone(),
        country: Some(p.country.clone()),
        lat: Some(p.lat),
        lon: Some(p.lon),
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<EventCoder>();
    let _ = Span::default();
}

/// Candidate base forms of an inflected verb form by the regular rules, most likely first
/// ("blamed" → blam, blame; "stopped" → stop; "carries" → carry; "hoping" → hop, hope).
fn verb_stems(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    let undouble = |stem: &str| -> Option<String> {
        let b = stem.as_bytes();
        (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouslz".contains(&b[b.len() - 1]))
            .then(|| stem[..stem.len() - 1].to_string())
    };
    for (suffix, replacements) in [
        ("ied", &["y"][..]),
        ("ies", &["y"]),
        ("ed", &["", "e"]),
        ("es", &["", "e"]),
        ("s", &[""]),
        ("ing", &["", "e"]),
    ] {
        if let Some(stem) = form.strip_suffix(suffix) {
            if stem.len() < 2 {
                continue;
            }
            if let Some(single) = undouble(stem) {
                out.push(single);
            }
            out.extend(replacements.iter().map(|r| format!("{stem}{r}")));
        }
    }
    out
}

#[cfg(test)]
mod verb_stem_tests {
    #[test]
    fn regular_inflections_give_their_base_form() {
        for (form, base) in [
            ("blamed", "blame"),
            ("killed", "kill"),
            ("stopped", "stop"),
            ("carries", "carry"),
            ("hoping", "hope"),
            ("urges", "urge"),
            ("meets", "meet"),
        ] {
            assert!(
                super::verb_stems(form).contains(&base.to_string()),
                "{form} → {base}: {:?}",
                super::verb_stems(form)
            );
        }
    }
}
