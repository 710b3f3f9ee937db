//! Mention detection on the dependency parse and resolution to actors, with coreference.
//!
//! A mention is a noun phrase: a nominal head with its determiners, adjectives, compounds,
//! flat name parts, possessors and the title complements before a name ("Speaker of Iran's
//! Shura Council Ali Larijani"); appositions and conjuncts are separate mentions. Resolution
//! order: knowledge-base phrase (longest), title + nationality inference, capital metonymy
//! (subjects only), then coreference to earlier mentions in the document.

use crate::kb::{key, slug, KnowledgeBase, Target};
use chrono::NaiveDate;
use dyad_core::{Actor, Document, Mention, ParsedSentence, Resolution, Span};

/// What an external name tagger (a NER model) says a span of text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Person,
    Organisation,
    Place,
    Other,
}

/// A candidate name from an external source: a byte span into the document text and its kind.
/// The resolver uses person spans as evidence that a name no knowledge base holds is a
/// person's, and organisation or place spans as evidence that it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameSpan {
    pub span: Span,
    pub kind: NameKind,
}

/// Options for the resolver.
#[derive(Debug, Clone)]
pub struct ResolverConfig {
    /// Link pronouns (he/his/she/her) to people.
    pub pronouns: bool,
    /// How many sentences back a pronoun or description may look for its antecedent.
    pub window: usize,
    /// Make new person entities of names the knowledge base does not hold when the sentence
    /// shows them to be people (honorific or role noun, subject of a verb of speech, a role
    /// noun in apposition). Their code is empty unless a nationality is written with them.
    pub unknown_people: bool,
}

impl Default for ResolverConfig {
    fn default() -> Self {
        ResolverConfig {
            pronouns: true,
            window: 8,
            unknown_people: true,
        }
    }
}

/// Resolves the actor mentions of documents against a knowledge base.
pub struct ActorResolver<'k> {
    kb: &'k KnowledgeBase,
    config: ResolverConfig,
}

/// Relations whose dependents belong to their head's noun phrase.
const INNER: &[&str] = &[
    "det",
    "nmod:desc",
    "amod",
    "compound",
    "flat",
    "flat:name",
    "nmod:poss",
    "fixed",
    "nummod",
    "det:poss",
    "compound:prt",
    "goeswith",
];

/// Role nouns that describe one person (as opposed to a body such as "government").
pub(crate) const PERSON_NOUNS: &[&str] = &[
    "minister",
    "president",
    "king",
    "queen",
    "emir",
    "sultan",
    "prince",
    "crown prince",
    "sheikh",
    "leader",
    "supreme leader",
    "ayatollah",
    "chancellor",
    "diplomat",
    "ambassador",
    "envoy",
    "special envoy",
    "consul",
    "adviser",
    "advisor",
    "aide",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "politician",
    "statesman",
    "secretary",
    "governor",
    "mayor",
    "counterpart",
    "premier",
    "prime minister",
    "foreign minister",
    "monarch",
    "speaker",
    "commander",
    "general",
    "judge",
    "prosecutor",
    "lawmaker",
    "senator",
    "mp",
    "head of state",
    "vice president",
    "deputy foreign minister",
    "interior minister",
    "defence minister",
    "defense minister",
    "chief of staff",
];

/// Forms of address and ranks written before a person's name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "sheikh",
    "shaikh",
    "imam",
    "mullah",
    "professor",
    "prof",
    "colonel",
    "col",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "captain",
    "capt",
    "major",
    "maj",
    "sergeant",
    "sgt",
    "brigadier",
    "corporal",
    "private",
    "admiral",
    "commander",
    "staff",
    "president",
    "minister",
    "judge",
    "ayatollah",
    "emir",
    "prince",
    "king",
    "queen",
    "sultan",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
];

/// Words that make a capitalised name a body's: "World Bank", "Human Rights Watch".
const BODY_WORDS: &[&str] = &[
    "bank",
    "council",
    "agency",
    "office",
    "ministry",
    "committee",
    "commission",
    "organisation",
    "organization",
    "group",
    "party",
    "front",
    "union",
    "news",
    "company",
    "corporation",
    "institute",
    "foundation",
    "watch",
    "network",
    "coalition",
    "movement",
    "brigade",
    "brigades",
    "army",
    "forces",
    "state",
    "department",
    "court",
    "association",
    "times",
    "post",
    "press",
    "television",
    "tv",
    "radio",
    "agency",
    "observatory",
    "society",
    "federation",
    "league",
    "alliance",
    "syndicate",
    "authority",
    "board",
    "mission",
    "centre",
    "center",
    "university",
    "fund",
    "programme",
    "program",
];

/// Verbs whose subject is a person when it is a name: speech, cognition and encounter.
const SPEECH: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "explain",
    "describe",
    "announce",
    "urge",
    "warn",
    "claim",
    "deny",
    "insist",
    "accuse",
    "ask",
    "recall",
    "remember",
    "write",
    "reply",
    "respond",
    "comment",
    "stress",
    "emphasise",
    "emphasize",
    "note",
    "argue",
    "believe",
    "think",
    "hope",
    "fear",
    "admit",
    "confirm",
    "complain",
    "recount",
    "speak",
    "talk",
    "meet",
    "die",
    "flee",
    "marry",
    "live",
    "want",
    "feel",
    "know",
    "decide",
    "praise",
    "condemn",
    "welcome",
];

/// Nouns that, as a description, may stand for any official of the role's country.
const GENERIC_PERSON: &[&str] = &["official", "politician", "statesman", "counterpart", "leader", "aide"];

#[derive(Debug, Clone)]
struct Entity {
    name: String,
    id: String,
    code: String,
    country: Option<String>,
    sector: Option<String>,
    /// Every role title that can describe the entity: with no document date, all the roles
    /// the person ever held ("the Syrian foreign minister" may be a past foreign minister).
    titles: Vec<String>,
    gender: Option<char>,
    /// Lower-cased name words, for partial-name matching.
    words: Vec<String>,
    person: bool,
}

struct Found {
    sentence: usize,
    /// The mention is the subject of a verb of speech ("…, she says").
    speaker: bool,
    /// A first-person singular pronoun, to be linked to the quotation's speaker.
    first_person: bool,
    head: usize,
    first: usize,
    last: usize,
    entity: Option<usize>,
    actor: Actor,
    how: Resolution,
    rule: String,
    subject: bool,
}

/// A noun phrase's words with their token indices.
struct Np<'s> {
    s: &'s ParsedSentence,
    toks: Vec<usize>,
    head: usize,
}

fn is_nominal(upos: &str) -> bool {
    matches!(upos, "NOUN" | "PROPN" | "PRON" | "X")
}

impl<'k> ActorResolver<'k> {
    pub fn new(kb: &'k KnowledgeBase, config: ResolverConfig) -> ActorResolver<'k> {
        ActorResolver { kb, config }
    }

    /// All actor mentions of the document, in text order.
    pub fn resolve_document(
        &self,
        doc: &Document,
        sentences: &[ParsedSentence],
        date: Option<NaiveDate>,
    ) -> Vec<Mention> {
        self.resolve_document_with_names(doc, sentences, date, &[])
    }

    /// As [`ActorResolver::resolve_document`], with candidate names from an external tagger
    /// (byte spans into `doc.text`, any order; they may be empty).
    pub fn resolve_document_with_names(
        &self,
        doc: &Document,
        sentences: &[ParsedSentence],
        date: Option<NaiveDate>,
        names: &[NameSpan],
    ) -> Vec<Mention> {
        let date = date.or(doc.published);
        let mut st = State {
            entities: Vec::new(),
            found: Vec::new(),
            names: names.to_vec(),
        };
        for s in sentences {
            if s.tokens.is_empty() {
                continue;
            }
            let mut used = vec![false; s.tokens.len()];
            // Larger phrases first (a phrase contains its inner ones), then left to right;
            // a phrase that does not resolve leaves its parts to be tried on their own.
            let mut heads: Vec<(usize, usize)> = (0..s.tokens.len())
                .filter(|&h| is_nominal(&s.tokens[h].upos) || self.acronym_org(&s.tokens[h].form))
                // A word inside a name ("Ali" in "Ayatollah Ali Khamenei") heads no phrase of its own.
                .filter(|&h| !name_part(s, h))
                .map(|h| (self.np(s, h).toks.len(), h))
                .collect();
            heads.sort_by_key(|&(len, h)| (std::cmp::Reverse(len), h));
            for (_, h) in heads {
                self.try_np(s, h, date, &mut st, &mut used);
            }
        }
        link_first_person(&mut st);
        let mut out: Vec<Mention> = st
            .found
            .into_iter()
            .filter_map(|f| {
                let s = sentences.iter().find(|s| s.index == f.sentence)?;
                let span = Span::new(s.tokens[f.first].span.start, s.tokens[f.last].span.end);
                let text = doc.text.get(span.start..span.end)?.to_string();
                Some(Mention {
                    sentence: f.sentence,
                    head: f.head,
                    first: f.first,
                    last: f.last,
                    span,
                    text,
                    actor: f.actor,
                    how: f.how,
                    rule: f.rule,
                })
            })
            .collect();
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }

    fn np<'s>(&self, s: &'s ParsedSentence, h: usize) -> Np<'s> {
        let mut set = vec![h];
        let mut stack = vec![h];
        while let Some(t) = stack.pop() {
            for c in s.children(t) {
                let rel = s.tokens[c].deprel.as_str();
                let take = INNER.contains(&rel)
                    || (rel == "case" && (s.tokens[c].form.starts_with('\'') || s.tokens[c].form.starts_with('’')))
                    || (rel == "cc" || rel == "conj") && t != h && c < h
                    || (rel.starts_with("nmod") && t == h && c < h && s.tokens[h].upos == "PROPN")
                    || (rel.starts_with("nmod") && t != h && c < h)
                    || (rel == "case" && t != h)
                    || (rel.starts_with("nmod") && c > h && self.of_place(s, c))
                    // Close apposition of a role noun and a name: "his Syrian counterpart Faisal Mekdad".
                    || (rel == "appos" && t == h && c > h && self.close_name(s, h, c));
                if take && !set.contains(&c) {
                    set.push(c);
                    stack.push(c);
                }
            }
        }
        set.sort();
        // Bridge word-internal punctuation ("al - Assad" written "al-Assad").
        let mut bridged = Vec::with_capacity(set.len());
        for (k, &t) in set.iter().enumerate() {
            if k > 0 && set[k - 1] + 2 == t {
                let g = t - 1;
                let tight = s.tokens[g - 1].span.end == s.tokens[g].span.start
                    && s.tokens[g].span.end == s.tokens[t].span.start;
                if s.tokens[g].upos == "PUNCT" && tight {
                    bridged.push(g);
                }
            }
            bridged.push(t);
        }
        let set = bridged;
        // Keep the contiguous run around the head.
        let pos = set.iter().position(|&t| t == h).unwrap_or(0);
        let mut lo = pos;
        while lo > 0 && set[lo - 1] + 1 == set[lo] {
            lo -= 1;
        }
        let mut hi = pos;
        while hi + 1 < set.len() && set[hi] + 1 == set[hi + 1] {
            hi += 1;
        }
        let mut toks = set[lo..=hi].to_vec();
        // No leading or trailing punctuation, conjunctions or prepositions.
        let edge = |t: usize| matches!(s.tokens[t].upos.as_str(), "PUNCT" | "CCONJ" | "ADP");
        while toks.len() > 1 && edge(*toks.last().unwrap()) && *toks.last().unwrap() != h {
            toks.pop();
        }
        while toks.len() > 1 && edge(toks[0]) && toks[0] != h {
            toks.remove(0);
        }
        self.extend_title(s, &mut toks);
        // A name modifying a noun takes that noun's article, as readers mark it: "the US | schemes".
        if toks.len() == 1
            && h > 0
            && s.tokens[h].upos == "PROPN"
            && matches!(s.tokens[h].deprel.as_str(), "compound" | "amod" | "nmod:poss")
        {
            let d = h - 1;
            if key(&s.tokens[d].form) == "the" && s.tokens[d].head == s.tokens[h].head && s.tokens[d].deprel == "det" {
                toks.insert(0, d);
            }
        }
        Np { s, toks, head: h }
    }

    /// A name's title written before it, which parsers often attach elsewhere:
    /// "Minister of Foreign Affairs of Syria | Faisal Mekdad", "the Syrian President | Bashar
    /// al-Assad". Extends left over capitalised words, demonyms, role nouns and the function
    /// words of titles (of, the, 's, for, and, to, in), when the added words hold a role noun.
    fn extend_title(&self, s: &ParsedSentence, toks: &mut Vec<usize>) {
        let (Some(&first), Some(&last)) = (toks.first(), toks.last()) else {
            return;
        };
        let lt = &s.tokens[last];
        // "the Islamic Revolution … Khamenei" after "Leader of": the article does not count.
        let first_word = toks
            .iter()
            .copied()
            .find(|&t| key(&s.tokens[t].form) != "the")
            .unwrap_or(first);
        let capital_first = s.tokens[first_word]
            .form
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase());
        if lt.upos != "PROPN" || !capital_first || self.is_place_word(&lt.form) {
            return;
        }
        let capital = |t: usize| s.tokens[t].form.chars().next().is_some_and(|c| c.is_uppercase());
        let mut k = first;
        let mut best: Option<usize> = None;
        while k > 0 {
            let t = k - 1;
            let tok = &s.tokens[t];
            let w = key(&tok.form);
            // "and" only inside a title ("Foreign and Expatriates Minister"), never between names.
            let and_ok = w == "and" && t > 0 && {
                let prev = key(&s.tokens[t - 1].form);
                s.tokens[t - 1].upos == "ADJ" || self.kb.sector_noun(&prev).is_some() || self.kb.title_word(&prev)
            };
            let function = matches!(w.as_str(), "of" | "the" | "'s" | "for" | "to" | "in") || and_ok;
            let roleish = self.kb.sector_noun(&w).is_some() || self.kb.adjective(&w).is_some();
            let content = (capital(t)
                && matches!(tok.upos.as_str(), "PROPN" | "ADJ" | "NOUN" | "VERB")
                && (t > 0 || tok.upos == "PROPN" || roleish))
                || roleish;
            let possessor = matches!(w.as_str(), "his" | "her" | "their" | "its");
            if !(function || content || possessor) {
                break;
            }
            k = t;
            if (content && !function) || w == "the" || possessor {
                best = Some(t);
            }
            if possessor {
                break;
            }
        }
        let Some(start) = best else { return };
        let added: Vec<String> = (start..first).map(|t| key(&s.tokens[t].form)).collect();
        let roleish = added
            .iter()
            .any(|w| self.kb.sector_noun(w).is_some() || self.kb.adjective(w).is_some());
        // A bare determiner or possessor completes a title already there ("the | Syrian President X").
        let det_only = added
            .iter()
            .all(|w| matches!(w.as_str(), "the" | "his" | "her" | "their" | "its"))
            && toks
                .iter()
                .any(|&t| self.kb.sector_noun(&key(&s.tokens[t].form)).is_some());
        if !roleish && !det_only {
            return;
        }
        let mut ext: Vec<usize> = (start..first).collect();
        ext.extend(toks.iter().copied());
        *toks = ext;
    }

    /// A proper-name appositive right after a role noun, with no punctuation between.
    fn close_name(&self, s: &ParsedSentence, h: usize, c: usize) -> bool {
        s.tokens[c].upos == "PROPN"
            && self.kb.sector_noun(&key(&s.tokens[h].form)).is_some()
            && (h + 1..c).all(|t| s.tokens[t].upos != "PUNCT" && s.tokens[t].head == c + 1)
    }

    /// An all-capital acronym of an organisation the tagger took for another word ("IS had
    /// carried out": "IS" read as the verb).
    fn acronym_org(&self, form: &str) -> bool {
        form.len() >= 2
            && form.chars().all(|c| c.is_ascii_uppercase())
            && self
                .kb
                .lookup(&key(form))
                .iter()
                .any(|e| matches!(e.target, Target::Org(_)))
    }

    fn is_place_word(&self, form: &str) -> bool {
        self.kb.lookup(&key(form)).iter().any(|e| {
            matches!(
                e.target,
                Target::Country(_) | Target::People(_) | Target::Capital(_) | Target::Org(_) | Target::Metonym(_)
            )
        })
    }

    /// "of Syria" after a name: the nmod is a country or organisation.
    fn of_place(&self, s: &ParsedSentence, c: usize) -> bool {
        let has_of = s
            .children(c)
            .any(|k| s.tokens[k].deprel == "case" && s.tokens[k].form.eq_ignore_ascii_case("of"));
        has_of
            && self
                .kb
                .lookup(&key(&s.tokens[c].form))
                .iter()
                .any(|e| matches!(e.target, Target::Country(_) | Target::Org(_)))
    }

    fn try_np(&self, s: &ParsedSentence, h: usize, date: Option<NaiveDate>, st: &mut State, used: &mut [bool]) {
        if used[h] {
            return;
        }
        let np = self.np(s, h);
        if np.toks.iter().any(|&t| used[t]) {
            return;
        }
        if let Some(mut f) = self.resolve_np(&np, date, st) {
            f.sentence = s.index;
            f.head = h;
            f.first = np.toks[0];
            f.last = *np.toks.last().unwrap();
            f.subject = s.tokens[h].deprel.starts_with("nsubj");
            f.speaker = f.subject && speech_governor(s, h);
            for &t in &np.toks {
                used[t] = true;
            }
            st.found.push(f);
        }
    }

    fn resolve_np(&self, np: &Np, date: Option<NaiveDate>, st: &mut State) -> Option<Found> {
        let s = np.s;
        let words: Vec<String> = np.toks.iter().map(|&t| key(&s.tokens[t].form)).collect();
        // Join adjacent tokens without a space when the text had none ("al-Assad" split in three).
        let n = words.len();
        let phrase = |a: usize, b: usize| -> String {
            let mut out = String::new();
            for (i, w) in words.iter().enumerate().take(b).skip(a) {
                if i > a && s.tokens[np.toks[i - 1]].span.end < s.tokens[np.toks[i]].span.start {
                    out.push(' ');
                }
                out.push_str(w);
            }
            out
        };
        let blank = |fields: (&str, Option<String>, Option<String>)| Actor {
            code: fields.0.to_string(),
            country: fields.1,
            sector: fields.2,
            entity: None,
            entity_id: None,
        };

        // Single pronoun.
        if n == 1 && s.tokens[np.head].upos == "PRON" {
            return if self.config.pronouns {
                self.pronoun(&s.tokens[np.head].form, s.index, st)
            } else {
                None
            };
        }

        // 1. Longest knowledge-base phrase inside the NP.
        let mut best: Option<(usize, usize, usize, &crate::kb::Entry)> = None; // (len, a, priority, entry)
        for a in 0..n {
            for b in (a + 1)..=n.min(a + self.kb.max_words.max(1) + 4) {
                let p = phrase(a, b);
                // A person's name is written with capitals: "power" is not Samantha Power.
                let capitalised = (a..b).all(|i| {
                    let f = &s.tokens[np.toks[i]].form;
                    f.chars().any(char::is_uppercase)
                        || !f.chars().any(char::is_alphabetic)
                        || PARTICLES.contains(&words[i].as_str())
                });
                // A name inside a body's or a place's name ("Al Assad University Hospital").
                let in_body = np.toks[b..].iter().any(|&t| {
                    let w = key(&s.tokens[t].form);
                    BODY_WORDS.contains(&w.as_str()) || PLACE_NOUNS.contains(&w.as_str())
                });
                // A body's name before a one-person title is the title's modifier ("Foreign
                // Office Minister Tobias Ellwood", "a Foreign Office spokesman").
                let before_title = words[b..]
                    .iter()
                    .any(|w| PERSON_NOUNS.contains(&w.as_str()) || w.ends_with("minister"));
                // An acronym matches only in capitals ("US", not "us").
                let in_capitals = (a..b).all(|i| s.tokens[np.toks[i]].form.starts_with(|c: char| !c.is_lowercase()));
                for e in self.kb.lookup(&p).iter().filter(|e| !e.acronym || in_capitals) {
                    if matches!(e.target, Target::Person(_)) && (!capitalised || in_body) {
                        continue;
                    }
                    if matches!(e.target, Target::Org(_) | Target::Metonym(_) | Target::Dictionary(_)) && before_title {
                        continue;
                    }
                    let prio = match e.target {
                        Target::Person(_) => 5,
                        Target::Org(_) => 4,
                        Target::Metonym(_) => 4,
                        Target::Dictionary(_) => 3,
                        Target::Country(_) | Target::People(_) => 2,
                        Target::Capital(_) => 1,
                    };
                    let better = match best {
                        None => true,
                        Some((l, _, bp, _)) => (prio, b - a) > (bp, l),
                    };
                    if better {
                        best = Some((b - a, a, prio, e));
                    }
                }
            }
        }
        let (title_sector, title_text, title_end) = self.title(&words);
        let country = self.np_country(np, &words);
        if let Some((len, a, _, e)) = best {
            let covers_head = np.toks[a..a + len].contains(&np.head);
            match &e.target {
                Target::Person(i) => {
                    let i = self.pick_person(*i, &phrase(a, a + len), date, st);
                    let p = &self.kb.people[i];
                    let role = p.role_at(date)?;
                    // A title written in the text picks among the person's roles when the date
                    // does not ("Speaker … Ali Larijani" is the speaker, not the later adviser).
                    let role = match (&title_sector, date) {
                        (Some(_), None) if !words.iter().any(|w| w == title_head(&role.title)) => p
                            .roles
                            .iter()
                            .filter(|r| words.iter().any(|w| w == title_head(&r.title)))
                            .max_by_key(|r| r.from)
                            .unwrap_or(role),
                        _ => role,
                    };
                    let ent = st.entity_for(Entity {
                        name: p.name.clone(),
                        id: p.entity_id(),
                        code: role.code(),
                        country: Some(role.country.clone()),
                        sector: Some(role.sector.clone()),
                        titles: match date {
                            Some(_) => vec![role.title.clone()],
                            None => p.roles.iter().rev().map(|r| r.title.clone()).collect(),
                        },
                        gender: p.gender,
                        words: name_words(&p.name, &p.aliases),
                        person: true,
                    });
                    let how = if e.canonical {
                        Resolution::Dictionary
                    } else {
                        Resolution::Alias
                    };
                    // The role the date (or the title written) chose, for `dyad actors`.
                    return Some(st.found_for(ent, how, format!("{} ({})", e.rule, role.title)));
                }
                // The group itself, or its members named by it ("Abu Sayyaf gunmen").
                Target::Org(i) if covers_head || self.kb.sector_noun(&key(&s.tokens[np.head].form)).is_some() => {
                    let o = &self.kb.orgs[*i];
                    let mut actor = blank((&o.code, None, None));
                    actor.entity = Some(o.name.clone());
                    actor.entity_id = Some(format!("dyad:{}", slug(&o.name)));
                    return Some(found(actor, Resolution::Dictionary, e.rule.clone()));
                }
                _ if !covers_head => {}
                Target::Org(_) => {} // taken by the arm above whenever it covers the head
                Target::Metonym(code) => {
                    let (c, sec) = split_code(self.kb, code);
                    return Some(found(blank((code, c, sec)), Resolution::Dictionary, e.rule.clone()));
                }
                Target::Dictionary(i) => {
                    let d = &self.kb.dictionary[*i];
                    let active = date.is_none_or(|dt| d.from.is_none_or(|f| f <= dt) && d.to.is_none_or(|t| dt <= t));
                    if active {
                        let (c, sec) = split_code(self.kb, &d.code);
                        return Some(found(blank((&d.code, c, sec)), Resolution::Dictionary, e.rule.clone()));
                    }
                }
                Target::Country(i) | Target::People(i) => {
                    let c = &self.kb.countries[*i];
                    // "the Syrian government" is handled below; a bare country name is the country.
                    if title_sector.is_none() || len == n {
                        let mut actor = blank((&c.code, Some(c.code.clone()), None));
                        actor.entity = Some(c.name.clone());
                        actor.entity_id = Some(c.code.clone());
                        return Some(found(actor, Resolution::Dictionary, e.rule.clone()));
                    }
                }
                Target::Capital(i) => {
                    let c = &self.kb.countries[*i];
                    let subject = s.tokens[np.head].deprel.starts_with("nsubj");
                    if (subject || addressed_capital(s, np.head)) && len == n {
                        let code = format!("{}GOV", c.code);
                        return Some(found(
                            blank((&code, Some(c.code.clone()), Some("GOV".into()))),
                            Resolution::Inferred,
                            e.rule.clone(),
                        ));
                    }
                }
            }
        }

        // Name words: proper nouns after the title that are not country words.
        let name: Vec<usize> = (title_end..n)
            .filter(|&i| {
                s.tokens[np.toks[i]].upos == "PROPN"
                    && self.kb.adjective(&words[i]).is_none()
                    && !self.kb.lookup(&words[i]).iter().any(|e| {
                        matches!(
                            e.target,
                            Target::Country(_)
                                | Target::People(_)
                                | Target::Capital(_)
                                | Target::Org(_)
                                | Target::Metonym(_)
                        )
                    })
            })
            .collect();
        let name_is_tail = !name.is_empty()
            && *name.last().unwrap() + 1 >= n.min(name.last().unwrap() + 1)
            && np.toks[*name.last().unwrap()] >= np.head;

        // 2. A name seen earlier in the document (surname or partial name).
        if !name.is_empty() && name_is_tail {
            let nw: Vec<String> = name.iter().map(|&i| words[i].clone()).collect();
            if let Some(ent) = st.match_name(&nw) {
                return Some(st.found_for(ent, Resolution::Coreference, "coreference:name".into()));
            }
            // 3. Title + nationality: a known person under a spelling the knowledge base does
            // not list (same surname skeleton, same country), else a new person.
            if let (Some((sector, rule)), Some(cc)) = (&title_sector, &country) {
                if PERSON_NOUNS.contains(&title_text.as_str()) || title_text.ends_with("minister") {
                    let last = s.tokens[np.toks[*name.last().unwrap()]].form.as_str();
                    if let Some(i) = self.kb.person_by_skeleton(last, cc) {
                        let p = &self.kb.people[i];
                        let role = p.role_at(date)?;
                        let mut words = name_words(&p.name, &p.aliases);
                        words.extend(nw.iter().filter(|w| !words.contains(w)).cloned().collect::<Vec<_>>());
                        let ent = st.entity_for(Entity {
                            name: p.name.clone(),
                            id: p.entity_id(),
                            code: role.code(),
                            country: Some(role.country.clone()),
                            sector: Some(role.sector.clone()),
                            titles: p.roles.iter().rev().map(|r| r.title.clone()).collect(),
                            gender: p.gender,
                            words,
                            person: true,
                        });
                        return Some(st.found_for(ent, Resolution::Alias, format!("{} (spelling variant)", p.rule)));
                    }
                    let full = surface(s, name.iter().map(|&i| np.toks[i]));
                    let ent = st.entity_for(Entity {
                        name: full.clone(),
                        id: format!("dyad:{}", slug(&full)),
                        code: format!("{cc}{sector}"),
                        country: Some(cc.clone()),
                        sector: Some(sector.clone()),
                        titles: vec![title_text.clone()],
                        gender: None,
                        words: nw,
                        person: true,
                    });
                    // The evidence for the code: the role noun's entry, the title and the country.
                    return Some(st.found_for(ent, Resolution::Title, format!("{rule} ({title_text} + {cc})")));
                }
            }
            // 3b. A name no knowledge base holds, which the sentence shows to be a person's.
            if self.config.unknown_people {
                if let Some(f) = self.unknown_person(
                    np,
                    &words,
                    &name,
                    &title_text,
                    title_sector.as_ref().map(|t| t.0.clone()),
                    country.clone(),
                    st,
                ) {
                    return Some(f);
                }
                if let Some(f) = self.unknown_body(np, &name, st) {
                    return Some(f);
                }
            }
        }

        // 4. Descriptions: role noun heads the phrase.
        let head_word = key(&s.tokens[np.head].form);
        let plural = s.tokens[np.head].feats.contains("Number=Plur");
        let Some((sector, rule)) = title_sector else {
            // A common noun for one person ("the young man", "a local physician").
            return self.person_description(np, &head_word, plural);
        };
        let head_is_title =
            title_text.split(' ').next_back() == Some(head_word.as_str()) || self.kb.sector_noun(&head_word).is_some();
        if !head_is_title {
            return None;
        }
        let definite = np
            .toks
            .iter()
            .any(|&t| matches!(s.tokens[t].deprel.as_str(), "det" | "nmod:poss" | "det:poss"))
            || country.is_some();
        let one_person = PERSON_NOUNS.contains(&title_text.as_str())
            || title_text.ends_with("minister")
            || self.kb.person_noun(&head_word);
        if one_person && !plural && definite {
            if let Some(ent) = st.match_description(&title_text, country.as_deref(), s.index, self.config.window) {
                return Some(st.found_for(ent, Resolution::Coreference, "coreference:description".into()));
            }
        }
        let Some(cc) = country else {
            // "The Foreign Secretary", "Minister for the Middle East": a person whose country
            // the phrase does not say.
            // Lower-case titles need a determiner ("the minister"); capitalised ones are titles
            // in their own right ("Minister for the Middle East").
            if one_person && !plural {
                let capital = s.tokens[np.head].form.chars().next().is_some_and(|c| c.is_uppercase());
                let referring = definite || capital || s.children(np.head).any(|c| s.tokens[c].deprel == "det");
                return (referring && s.tokens[np.head].upos != "PRON")
                    .then(|| found(blank(("", None, None)), Resolution::Inferred, "person:title".into()));
            }
            // A group no country is named for ("civilians", "the police", "rebels"): the
            // sector alone is its CAMEO code, as GDELT writes it ("CVL", "REB").
            // A role noun modifying another noun ("army" in "the army withdraw", mis-parsed)
            // is not a phrase of its own.
            if s.tokens[np.head].deprel == "compound" {
                return None;
            }
            return Some(found(
                blank((&sector, None, Some(sector.clone()))),
                Resolution::Inferred,
                format!("{rule} ({title_text})"),
            ));
        };
        let code = format!("{cc}{sector}");
        Some(found(
            blank((&code, Some(cc.clone()), Some(sector.clone()))),
            Resolution::Inferred,
            format!("{rule} ({title_text} + {cc})"),
        ))
    }

    /// A person named without a knowledge-base entry or a title with a nationality: the name
    /// follows an honorific or a one-person role noun ("Mr Colville", "Minister for the Middle
    /// East Tobias Ellwood"), is the subject of a verb of speech ("Ahmed Hassan said"), or
    /// stands in apposition with a one-person role noun ("Rupert Colville, spokesman for…").
    /// The person becomes a new entity; the code is known only when the country is.
    #[allow(clippy::too_many_arguments)]
    fn unknown_person(
        &self,
        np: &Np,
        words: &[String],
        name: &[usize],
        title_text: &str,
        sector: Option<String>,
        country: Option<String>,
        st: &mut State,
    ) -> Option<Found> {
        let s = np.s;
        let name: Vec<usize> = name
            .iter()
            .copied()
            .filter(|&i| !HONORIFICS.contains(&words[i].as_str()))
            .collect();
        if name.is_empty() || name.len() > 4 {
            return None;
        }
        // Names are capitalised words with letters; no all-capital acronyms ("UN", "ISIL").
        let looks_like_name = name.iter().all(|&i| {
            let f = &s.tokens[np.toks[i]].form;
            let letters: Vec<char> = f.chars().filter(|c| c.is_alphabetic()).collect();
            f.chars().next().is_some_and(|c| c.is_uppercase())
                && letters.len() >= 2
                && !letters.iter().all(|c| c.is_uppercase())
        });
        // "The World Bank said": a body's name, not a person's.
        // Only words from the name on count: a title before it may hold a body's name ("Foreign
        // Office Minister Tobias Ellwood").
        let body = np.toks[name[0]..].iter().any(|&t| {
            let w = key(&s.tokens[t].form);
            BODY_WORDS.contains(&w.as_str())
                || (self.kb.sector_noun(&w).is_some()
                    && !PERSON_NOUNS.contains(&w.as_str())
                    && !HONORIFICS.contains(&w.as_str()))
        });
        if !looks_like_name || body {
            return None;
        }
        let person_noun = |w: &str| PERSON_NOUNS.contains(&w) || w.ends_with("minister") || self.kb.person_noun(w);
        let titled = words[..name[0]].iter().any(|w| HONORIFICS.contains(&w.as_str()))
            || (!title_text.is_empty() && person_noun(title_text));
        // An external tagger's verdict on the name's words, when there is one.
        let name_span = Span::new(
            s.tokens[np.toks[name[0]]].span.start,
            s.tokens[np.toks[*name.last().unwrap()]].span.end,
        );
        let tagged = st
            .names
            .iter()
            .filter(|n| n.span.overlaps(name_span))
            .map(|n| n.kind)
            .next();
        // The tagger's "organisation" or "place" outweighs a given name or a speech verb
        // (both weak cues), but not a title or an apposition with a person noun.
        let tagged_not_person = matches!(tagged, Some(NameKind::Organisation | NameKind::Place));
        // A given name first ("Karim Wasifi", "Tobias Ellwood") or a kunya ("Abu Ghadiya").
        let first = &words[name[0]];
        let kunya = matches!(first.as_str(), "abu" | "umm" | "abou") && name.len() >= 2;
        let given = self.kb.given_name(first) || kunya;
        let head = &s.tokens[np.head];
        let governor = head.head.checked_sub(1).and_then(|g| s.tokens.get(g));
        let lemma = |t: &dyad_core::ParsedToken| {
            if t.lemma.is_empty() || t.lemma == "_" {
                t.form.to_lowercase()
            } else {
                t.lemma.to_lowercase()
            }
        };
        let speaker = head.deprel.starts_with("nsubj")
            && governor.is_some_and(|g| g.upos == "VERB" && SPEECH.contains(&lemma(g).as_str()));
        let appos_child = s
            .children(np.head)
            .any(|c| s.tokens[c].deprel == "appos" && person_noun(&key(&s.tokens[c].form)));
        let appos_of = head.deprel == "appos" && governor.is_some_and(|g| person_noun(&key(&g.form)));
        let rule = if titled {
            "name:title"
        } else if appos_child || appos_of {
            "name:apposition"
        } else if tagged_not_person {
            return None;
        } else if tagged == Some(NameKind::Person) {
            "name:tagger"
        } else if given {
            "name:given"
        } else if speaker {
            "name:speaker"
        } else {
            return None;
        };
        let full = surface(s, name.iter().map(|&i| np.toks[i]));
        let code = match (&country, &sector) {
            (Some(c), Some(sec)) => format!("{c}{sec}"),
            (Some(c), None) => c.clone(),
            _ => String::new(),
        };
        let ent = st.entity_for(Entity {
            name: full.clone(),
            id: format!("dyad:{}", slug(&full)),
            code,
            country,
            sector,
            titles: if title_text.is_empty() {
                Vec::new()
            } else {
                vec![title_text.to_string()]
            },
            gender: None,
            words: name.iter().map(|&i| words[i].clone()).collect(),
            person: true,
        });
        Some(st.found_for(ent, Resolution::Inferred, rule.to_string()))
    }

    /// The longest role noun in the words: (sector and rule, the noun, index after it).
    fn title(&self, words: &[String]) -> (Option<(String, String)>, String, usize) {
        let mut best: (Option<(String, String)>, String, usize, usize) = (None, String::new(), 0, 0);
        for a in 0..words.len() {
            for b in (a + 1)..=words.len().min(a + 4) {
                let p = words[a..b].join(" ");
                if let Some(sr) = self.kb.sector_noun(&p) {
                    // Prefer the rightmost-ending, then the longest match: the title closest to the name.
                    if (b, b - a) >= (best.2, best.3) {
                        best = (Some(sr.clone()), p, b, b - a);
                    }
                }
            }
        }
        (best.0, best.1, best.2)
    }

    /// The country named in a phrase: an adjective ("Syrian"), a possessor ("Iran's") or an
    /// "of"-complement ("of Syria").
    fn np_country(&self, np: &Np, words: &[String]) -> Option<String> {
        for w in words {
            if let Some(i) = self.kb.adjective(w) {
                return Some(self.kb.countries[i].code.clone());
            }
            for e in self.kb.lookup(w) {
                if let Target::Country(i) | Target::People(i) = e.target {
                    return Some(self.kb.countries[i].code.clone());
                }
            }
        }
        // Two-word country names ("United States", "Saudi Arabia").
        for pair in words.windows(2) {
            for e in self.kb.lookup(&pair.join(" ")) {
                if let Target::Country(i) = e.target {
                    return Some(self.kb.countries[i].code.clone());
                }
            }
        }
        let _ = np;
        None
    }

    /// Among people sharing an alias, prefer one already in the document, then one in office.
    fn pick_person(&self, first: usize, phrase: &str, date: Option<NaiveDate>, st: &State) -> usize {
        let cands: Vec<usize> = self
            .kb
            .lookup(phrase)
            .iter()
            .filter_map(|e| {
                if let Target::Person(i) = e.target {
                    Some(i)
                } else {
                    None
                }
            })
            .collect();
        if cands.len() < 2 {
            return first;
        }
        if let Some(&i) = cands
            .iter()
            .find(|&&i| st.entities.iter().any(|e| e.id == self.kb.people[i].entity_id()))
        {
            return i;
        }
        if let Some(d) = date {
            if let Some(&i) = cands.iter().find(|&&i| {
                self.kb.people[i]
                    .roles
                    .iter()
                    .any(|r| r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| d <= t))
            }) {
                return i;
            }
        }
        first
    }

    /// A capitalised name the knowledge base does not hold that ends in a word for a body
    /// ("Syrian Computer Society", "Islamic Association"), or that an external tagger calls an
    /// organisation: a new group entity with no code (the curator's `--unknown` list gives it
    /// one).
    fn unknown_body(&self, np: &Np, name: &[usize], st: &mut State) -> Option<Found> {
        let s = np.s;
        let (&first, &last) = (name.first()?, name.last()?);
        let (a, b) = (np.toks[first], np.toks[last]);
        // The name ends the phrase ("the Syrian Computer Society", not "Society members").
        if Some(&b) != np.toks.last() {
            return None;
        }
        let span = Span::new(s.tokens[a].span.start, s.tokens[b].span.end);
        let tagged = st.names.iter().find(|n| n.span.overlaps(span)).map(|n| n.kind);
        let body_word = BODY_WORDS.contains(&key(&s.tokens[b].form).as_str());
        let capitals = (a..=b)
            .filter(|&t| s.tokens[t].upos == "PROPN")
            .all(|t| s.tokens[t].form.chars().next().is_some_and(char::is_uppercase));
        let two_words = (a..=b).filter(|&t| s.tokens[t].upos == "PROPN").count() >= 2;
        if !(tagged == Some(NameKind::Organisation) || (body_word && capitals && two_words && tagged.is_none())) {
            return None;
        }
        // The name from its first capitalised word, with the adjectives written in it.
        let start = (np.toks[0]..a)
            .find(|&t| s.tokens[t].form.chars().next().is_some_and(char::is_uppercase) && s.tokens[t].upos != "DET")
            .unwrap_or(a);
        let full = surface(s, start..=b);
        let ent = st.entity_for(Entity {
            name: full.clone(),
            id: format!("dyad:{}", slug(&full)),
            code: String::new(),
            country: None,
            sector: None,
            titles: Vec::new(),
            gender: None,
            words: Vec::new(),
            person: false,
        });
        let rule = if tagged == Some(NameKind::Organisation) {
            "group:tagger"
        } else {
            "group:name"
        };
        Some(st.found_for(ent, Resolution::Inferred, rule.into()))
    }

    /// A singular phrase headed by a common noun for one person, with no name and no role
    /// the knowledge base knows: an unresolved person mention with no code.
    fn person_description(&self, np: &Np, head_word: &str, plural: bool) -> Option<Found> {
        let s = np.s;
        let head = &s.tokens[np.head];
        if plural || head.upos != "NOUN" || !self.kb.person_noun(head_word) {
            return None;
        }
        // A singular count noun needs a determiner, possessor or number to refer ("a young
        // shopkeeper", "her brother", "one hostage"); bare ones are predicates or modifiers.
        let determined = s
            .children(np.head)
            .any(|c| matches!(s.tokens[c].deprel.as_str(), "det" | "nmod:poss" | "det:poss" | "nummod"));
        if !determined {
            return None;
        }
        // A known actor inside the phrase ("the EU's foreign policy chief") is the one the event
        // coder should see: leave the phrase to it.
        if np
            .toks
            .iter()
            .any(|&t| t != np.head && !self.kb.lookup(&key(&s.tokens[t].form)).is_empty())
        {
            return None;
        }
        // "head" and "chief" name a person only with what they lead ("the head of the agency").
        if matches!(head_word, "head" | "chief") && !s.children(np.head).any(|c| s.tokens[c].deprel.starts_with("nmod"))
        {
            return None;
        }
        Some(found(
            Actor::default(),
            Resolution::Inferred,
            "person:description".into(),
        ))
    }

    fn pronoun(&self, form: &str, sentence: usize, st: &State) -> Option<Found> {
        let w = key(form);
        // "I", "me", "my", "myself": the speaker of a quotation or the writer; linked to a
        // speaker after the whole document is read.
        if form == "I" || matches!(w.as_str(), "me" | "my" | "myself" | "mine") {
            let mut f = found(Actor::default(), Resolution::Pronoun, "person:first-person".into());
            f.first_person = true;
            return Some(f);
        }
        // "we", "us", "they", "them": a group, not linked (the code would be a guess).
        if matches!(w.as_str(), "we" | "us" | "they" | "them") && form != "US" {
            return Some(found(Actor::default(), Resolution::Pronoun, "group:pronoun".into()));
        }
        let gender = match w.as_str() {
            "he" | "him" | "his" | "himself" => 'm',
            "she" | "her" | "hers" | "herself" => 'f',
            _ => return None,
        };
        let unresolved = || {
            matches!(w.as_str(), "he" | "him" | "himself" | "she" | "her" | "herself")
                .then(|| found(Actor::default(), Resolution::Pronoun, "person:pronoun".into()))
        };
        // Most recent compatible person; within the latest sentence holding one, prefer its subject.
        let cands: Vec<&Found> = st
            .found
            .iter()
            .rev()
            .filter(|f| f.sentence + self.config.window >= sentence)
            .filter(|f| {
                f.entity
                    .is_some_and(|e| st.entities[e].person && st.entities[e].gender.is_none_or(|g| g == gender))
            })
            .collect();
        let Some(latest) = cands.first().map(|f| f.sentence) else {
            return unresolved();
        };
        let pick = cands
            .iter()
            .filter(|f| f.sentence == latest)
            .find(|f| f.subject)
            .or(cands.first())?;
        let ent = pick.entity?;
        Some(st.found_for(ent, Resolution::Pronoun, "coreference:pronoun".into()))
    }
}

/// Verbs and nouns of movement: "a visit to Tehran", "returned to Damascus" name a place.
const MOTION: &[&str] = &[
    "visit", "trip", "travel", "journey", "tour", "flight", "way", "road", "route", "return", "go", "come", "fly",
    "arrive", "head", "move", "leave", "back", "drive", "march", "deploy", "send", "transfer", "flee",
];

/// A capital addressed as a party ("his appreciation to Tehran", "talks with Damascus",
/// "sanctions against Tehran"): an oblique with `to`, `with` or `against` whose governor is
/// no word of movement, which would make it a place ("a visit to Tehran").
fn addressed_capital(s: &ParsedSentence, head: usize) -> bool {
    let t = &s.tokens[head];
    let rel = t.deprel.split(':').next().unwrap_or("");
    if !matches!(rel, "obl" | "nmod") {
        return false;
    }
    let case = s
        .tokens
        .iter()
        .find(|c| c.head == head + 1 && c.deprel == "case")
        .map(|c| c.form.to_lowercase());
    if !matches!(case.as_deref(), Some("to" | "with" | "against")) {
        return false;
    }
    let governor = t.head.checked_sub(1).and_then(|g| s.tokens.get(g));
    governor.is_some_and(|g| {
        let lemma = if g.lemma.is_empty() || g.lemma == "_" {
            g.form.to_lowercase()
        } else {
            g.lemma.to_lowercase()
        };
        !MOTION.contains(&lemma.as_str())
    })
}

/// Tokens' words as the text wrote them: a space only where the text had one ("al-Bokmal",
/// not "al - Bokmal").
fn surface(s: &ParsedSentence, toks: impl IntoIterator<Item = usize>) -> String {
    let mut out = String::new();
    let mut previous_end: Option<usize> = None;
    for t in toks {
        let token = &s.tokens[t];
        if previous_end.is_some_and(|end| end < token.span.start) {
            out.push(' ');
        }
        out.push_str(&token.form);
        previous_end = Some(token.span.end);
    }
    out
}

/// True for a proper noun that premodifies another proper noun to its right, as the given
/// names of "Ayatollah Seyyed Ali Khamenei" do: the name's phrase is the last word's.
fn name_part(s: &ParsedSentence, t: usize) -> bool {
    // Walk up the name's compound/flat links: a part of it lies to the left of the name's head.
    let mut k = t;
    for _ in 0..s.tokens.len() {
        let token = &s.tokens[k];
        let inside = token.upos == "PROPN" && matches!(token.deprel.as_str(), "compound" | "flat");
        let Some(h) = token.head.checked_sub(1).filter(|_| inside) else {
            return false;
        };
        if s.tokens[h].upos != "PROPN" {
            return false;
        }
        if h > t && token.deprel == "compound" {
            return true;
        }
        k = h;
    }
    false
}

fn found(actor: Actor, how: Resolution, rule: String) -> Found {
    Found {
        sentence: 0,
        speaker: false,
        first_person: false,
        head: 0,
        first: 0,
        last: 0,
        entity: None,
        actor,
        how,
        rule,
        subject: false,
    }
}

/// Is the token's governor a verb of speech ("Karim says", "she told")?
fn speech_governor(s: &ParsedSentence, h: usize) -> bool {
    let Some(g) = s.tokens[h].head.checked_sub(1).and_then(|g| s.tokens.get(g)) else {
        return false;
    };
    let lemma = if g.lemma.is_empty() || g.lemma == "_" {
        g.form.to_lowercase()
    } else {
        g.lemma.to_lowercase()
    };
    g.upos == "VERB" && SPEECH.contains(&lemma.as_str())
}

/// Links each first-person pronoun to the speaker of its quotation: the named or linked
/// subject of a verb of speech in its sentence, else the one its previous first-person
/// pronoun (within two sentences) was linked to, else the speaker of the next sentence
/// ("“…I'm just being fired at,” she says."). Unlinked ones stay person mentions with no code.
fn link_first_person(st: &mut State) {
    let speaker_in = |st: &State, sentence: usize| -> Option<usize> {
        st.found
            .iter()
            .filter(|f| f.sentence == sentence && f.speaker && !f.first_person)
            .find_map(|f| f.entity.filter(|&e| st.entities[e].person))
    };
    let mut order: Vec<usize> = (0..st.found.len()).filter(|&i| st.found[i].first_person).collect();
    order.sort_by_key(|&i| (st.found[i].sentence, st.found[i].first));
    let mut last: Option<(usize, usize)> = None; // (sentence, entity)
    for i in order {
        let k = st.found[i].sentence;
        let ent = speaker_in(st, k)
            .or_else(|| last.filter(|&(s, _)| s + 2 >= k).map(|(_, e)| e))
            .or_else(|| speaker_in(st, k + 1));
        if let Some(e) = ent {
            let f = st.found_for(e, Resolution::Pronoun, "coreference:speaker".into());
            let g = &mut st.found[i];
            g.actor = f.actor;
            g.entity = Some(e);
            g.rule = f.rule;
            last = Some((k, e));
        }
    }
}

/// Lower-case particles inside names ("Bashar al-Assad", "Staffan de Mistura").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "du", "van", "von", "der", "le", "la", "-",
];

/// Nouns that make a name a place's ("Assad Street", "King Fahd Airport").
const PLACE_NOUNS: &[&str] = &[
    "hospital", "school", "mosque", "airport", "street", "square", "stadium", "bridge", "dam", "road", "station",
    "camp", "prison", "base",
];

/// Splits a code into its country (a known alpha-3 prefix) and sector.
fn split_code(kb: &KnowledgeBase, code: &str) -> (Option<String>, Option<String>) {
    match code.get(..3) {
        Some(cc) if kb.countries.iter().any(|c| c.code == cc) => {
            (Some(cc.to_string()), code.get(3..6).map(str::to_string))
        }
        _ => (None, None),
    }
}

/// The head noun of a role title: the last word before its first preposition
/// ("adviser to the supreme leader" → "adviser").
fn title_head(t: &str) -> &str {
    let words: Vec<&str> = t.split(' ').collect();
    let end = words
        .iter()
        .position(|w| matches!(*w, "to" | "of" | "for" | "in" | "on" | "at"))
        .unwrap_or(words.len());
    words[..end].last().copied().unwrap_or(t)
}

fn name_words(name: &str, aliases: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in std::iter::once(name).chain(aliases.iter().map(|s| s.as_str())) {
        for w in key(n).split(' ') {
            if !out.iter().any(|x| x == w) {
                out.push(w.to_string());
            }
        }
    }
    out
}

struct State {
    entities: Vec<Entity>,
    found: Vec<Found>,
    /// Candidate names from an external tagger.
    names: Vec<NameSpan>,
}

impl State {
    fn entity_for(&mut self, e: Entity) -> usize {
        if let Some(i) = self.entities.iter().position(|x| x.id == e.id) {
            return i;
        }
        self.entities.push(e);
        self.entities.len() - 1
    }

    fn found_for(&self, ent: usize, how: Resolution, rule: String) -> Found {
        let e = &self.entities[ent];
        let actor = Actor {
            code: e.code.clone(),
            country: e.country.clone(),
            sector: e.sector.clone(),
            entity: Some(e.name.clone()),
            entity_id: Some(e.id.clone()),
        };
        Found {
            sentence: 0,
            speaker: false,
            first_person: false,
            head: 0,
            first: 0,
            last: 0,
            entity: Some(ent),
            actor,
            how,
            rule,
            subject: false,
        }
    }

    /// A person entity whose name words include every given word ("Mekdad", "Bagheri Kani").
    fn match_name(&self, words: &[String]) -> Option<usize> {
        let words: Vec<&String> = words.iter().filter(|w| w.chars().any(|c| c.is_alphabetic())).collect();
        if words.is_empty() {
            return None;
        }
        // Most recently mentioned first.
        let mut order: Vec<usize> = self.found.iter().rev().filter_map(|f| f.entity).collect();
        order.dedup();
        order
            .into_iter()
            .find(|&e| self.entities[e].person && words.iter().all(|w| self.entities[e].words.iter().any(|x| x == *w)))
    }

    /// A person introduced earlier whose role fits the description.
    fn match_description(&self, noun: &str, country: Option<&str>, sentence: usize, window: usize) -> Option<usize> {
        let head = noun.split(' ').next_back().unwrap_or(noun);
        let fits_title = |e: &Entity, t: &str, strict: bool| -> bool {
            let exact = t.contains(noun) && title_head(t) == head || title_head(t) == head;
            let diplomat = matches!(head, "diplomat" | "envoy")
                && (t.contains("foreign") || t.contains("ambassador") || t.contains("envoy"));
            let generic =
                !strict && country.is_some() && GENERIC_PERSON.contains(&head) && e.sector.as_deref() == Some("GOV");
            exact
                || diplomat
                || generic
                || (!strict
                    && matches!(head, "diplomat")
                    && e.sector.as_deref() == Some("GOV")
                    && (t.contains("adviser") || t.contains("minister")))
        };
        let fits = |e: &Entity, strict: bool| -> bool {
            if !e.person || country.is_some_and(|c| e.country.as_deref() != Some(c)) {
                return false;
            }
            e.titles.iter().any(|t| fits_title(e, t, strict))
        };
        for strict in [true, false] {
            let hit = self
                .found
                .iter()
                .rev()
                .filter(|f| f.sentence + window * 4 >= sentence)
                .filter_map(|f| f.entity)
                .find(|&e| fits(&self.entities[e], strict));
            if hit.is_some() {
                return hit;
            }
        }
        None
    }
}
