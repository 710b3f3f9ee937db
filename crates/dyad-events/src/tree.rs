//! A parsed sentence viewed for coding: children lists, lower-cased lemmas, and which
//! actor mention sits on which token.
//!
//! Built once per sentence so every question the coder asks ("the subject of this verb",
//! "the actor at this token") is a walk over precomputed lists. Walks are bounded by the
//! sentence length, so a malformed tree (a cycle in the heads) cannot hang the coder.

use dyad_core::{Mention, ParsedSentence};

pub(crate) struct Tree<'a> {
    pub s: &'a ParsedSentence,
    pub children: Vec<Vec<usize>>,
    /// Relations in UD v2 spelling: UD v1 names (`dobj`, `nsubjpass`, `auxpass`,
    /// `neg`), as in PETRARCH's validation parses, are renamed so one set of rules serves both.
    pub deprels: Vec<String>,
    pub lemma: Vec<String>,
    /// Mentions of this sentence.
    pub mentions: Vec<&'a Mention>,
    /// Token → index into `mentions`: the mention headed there, else the smallest one
    /// covering it.
    pub mention_at: Vec<Option<usize>>,
}

/// Words of a time adverbial that may stand between a subject and its verb.
const TIME_WORDS: &[&str] = &[
    "on",
    "in",
    "at",
    "this",
    "last",
    "early",
    "late",
    "earlier",
    "later",
    "today",
    "yesterday",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "month",
    "year",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Nouns that count or group the people named in their `of` phrase.
const QUANTITIES: &[&str] = &[
    "thousand",
    "thousands",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "million",
    "millions",
    "score",
    "scores",
    "group",
    "number",
    "crowd",
    "band",
    "team",
    "unit",
    "contingent",
    "delegation",
    "some",
    "many",
    "most",
    "several",
    "member",
    "members",
];

const FIRST_PERSON: &[&str] = &["i", "we", "me", "us", "my", "our"];

/// At most this many conjoined actors per argument: "A, B, … and Z met" must not turn
/// into hundreds of pairwise events.
pub(crate) const MAX_CONJOINED: usize = 12;

impl<'a> Tree<'a> {
    pub fn new(s: &'a ParsedSentence, mentions: Vec<&'a Mention>) -> Tree<'a> {
        let n = s.tokens.len();
        let mut children = vec![Vec::new(); n];
        for (i, t) in s.tokens.iter().enumerate() {
            if t.head >= 1 && t.head <= n && t.head - 1 != i {
                children[t.head - 1].push(i);
            }
        }
        let lemma = s
            .tokens
            .iter()
            .map(|t| {
                if t.lemma.is_empty() || t.lemma == "_" {
                    t.form.to_lowercase()
                } else {
                    t.lemma.to_lowercase()
                }
            })
            .collect();
        let mut mention_at: Vec<Option<usize>> = vec![None; n];
        let mut width: Vec<usize> = vec![usize::MAX; n];
        for (m, mention) in mentions.iter().enumerate() {
            if mention.first > mention.last || mention.last >= n {
                continue;
            }
            let w = mention.last - mention.first;
            for (t, slot) in mention_at
                .iter_mut()
                .enumerate()
                .take(mention.last + 1)
                .skip(mention.first)
            {
                if w < width[t] && t != mention.head {
                    *slot = Some(m);
                    width[t] = w;
                }
            }
        }
        // Heads win over covering ranges.
        for (m, mention) in mentions.iter().enumerate() {
            if mention.head < n {
                mention_at[mention.head] = Some(m);
            }
        }
        let deprels = s
            .tokens
            .iter()
            .map(|t| {
                match t.deprel.as_str() {
                    "dobj" => "obj",
                    "nsubjpass" => "nsubj:pass",
                    "csubjpass" => "csubj:pass",
                    "auxpass" => "aux:pass",
                    "neg" => "advmod",
                    "prt" => "compound:prt",
                    "poss" => "nmod:poss",
                    "tmod" => "obl:tmod",
                    other => other,
                }
                .to_string()
            })
            .collect();
        Tree {
            s,
            children,
            deprels,
            lemma,
            mentions,
            mention_at,
        }
    }

    pub fn len(&self) -> usize {
        self.s.tokens.len()
    }

    pub fn deprel(&self, i: usize) -> &str {
        &self.deprels[i]
    }

    /// The relation without its subtype ("nsubj:pass" → "nsubj").
    pub fn base(&self, i: usize) -> &str {
        let d = self.deprel(i);
        d.split(':').next().unwrap_or(d)
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.s.tokens[i].head;
        (h >= 1 && h <= self.len() && h - 1 != i).then(|| h - 1)
    }

    pub fn upos(&self, i: usize) -> &str {
        &self.s.tokens[i].upos
    }

    pub fn kids<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.deprel(c) == rel || self.base(c) == rel)
    }

    pub fn kid(&self, i: usize, rel: &str) -> Option<usize> {
        self.kids(i, rel).next()
    }

    /// The lemma with a particle joined ("point" + "out" → "point_out").
    pub fn phrasal_lemma(&self, i: usize) -> Option<String> {
        self.kids(i, "compound:prt")
            .next()
            .map(|p| format!("{}_{}", self.lemma[i], self.lemma[p]))
    }

    /// The preposition introducing a nominal: the lemma of its `case` child.
    pub fn case_of(&self, i: usize) -> Option<&str> {
        self.kids(i, "case").next().map(|c| self.lemma[c].as_str())
    }

    pub fn is_passive(&self, v: usize) -> bool {
        self.children[v]
            .iter()
            .any(|&c| matches!(self.deprel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
    }

    /// The passive agent ("by Israel"), as `obl:agent` or an oblique with "by".
    pub fn agent_of(&self, v: usize) -> Option<usize> {
        self.kid(v, "obl:agent")
            .or_else(|| self.kid(v, "nmod:agent"))
            .or_else(|| {
                self.children[v]
                    .iter()
                    .copied()
                    .find(|&c| matches!(self.base(c), "obl" | "nmod") && self.case_of(c) == Some("by"))
            })
    }

    /// The token that is the doer of verb `v`: its subject, the passive agent, or a subject
    /// shared with the clause it hangs from (conjoined verbs, participial adjuncts, control
    /// verbs, relative clauses).
    pub fn subject(&self, v: usize) -> Option<usize> {
        let mut v = v;
        for _ in 0..self.len() {
            if self.is_passive(v) {
                if let Some(a) = self.agent_of(v) {
                    return Some(a);
                }
                if self.kid(v, "nsubj:pass").is_some() {
                    return None;
                }
            }
            if let Some(s) = self.children[v].iter().copied().find(|&c| self.deprel(c) == "nsubj") {
                let relative = matches!(self.lemma[s].as_str(), "who" | "which" | "that");
                if relative && self.base(v) == "acl" {
                    return self.head(v);
                }
                return Some(s);
            }
            let h = self.head(v)?;
            match self.base(v) {
                "conj" | "advcl" | "parataxis" => v = h,
                // "Hundreds of protesters attacked the embassy" parsed with the noun as root and
                // the verb as its participle: a participle with an object of its own, under a
                // root noun, is the sentence's main verb and the noun its subject.
                "acl" if self.deprel(h) == "root" && self.upos(h) == "NOUN" && self.kid(v, "obj").is_some() => {
                    return Some(h)
                }
                "acl" if self.upos(h) != "NOUN" && self.upos(h) != "PROPN" => v = h,
                // "X issued a statement calling on Y …": the document speaks for its issuer.
                "acl" if self.deprel(h) == "obj" && self.head(h).is_some() => v = self.head(h)?,
                "xcomp" => {
                    // object control ("urged Turkey to withdraw", "called on Turkey to …")
                    if let Some(o) = self.kid(h, "obj") {
                        return Some(o);
                    }
                    if let Some(o) = self
                        .kids(h, "obl")
                        .find(|&c| matches!(self.case_of(c), Some("on" | "upon")))
                    {
                        return Some(o);
                    }
                    v = h;
                }
                _ => return None,
            }
        }
        None
    }

    /// For a finite active verb the parser left without a subject (a mis-tagged first word
    /// turns "Adviser … Velayati on Wednesday met Mikdad" into a fragment), the actor
    /// mention that ends right before it, with at most a short time adverbial between
    /// ("on Wednesday", "also", "last week").
    pub fn linear_subject(&self, v: usize) -> Option<usize> {
        let t = &self.s.tokens[v];
        let finite = matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP") || t.feats.contains("VerbForm=Fin");
        if self.upos(v) != "VERB" || !finite || self.is_passive(v) {
            return None;
        }
        let mut k = v;
        for _ in 0..5 {
            k = k.checked_sub(1)?;
            if let Some(m) = self.mention_at[k] {
                let m = self.mentions[m];
                return (m.last == k).then_some(m.head);
            }
            let gap = matches!(self.upos(k), "ADV" | "NUM") || TIME_WORDS.contains(&self.lemma[k].as_str());
            if !gap {
                return None;
            }
        }
        None
    }

    pub fn is_first_person(&self, i: usize) -> bool {
        self.upos(i) == "PRON" && FIRST_PERSON.contains(&self.lemma[i].as_str())
    }

    /// Tokens of the phrase headed by `i`, in order (bounded; cycles are cut).
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut seen = vec![false; self.len()];
        seen[i] = true;
        let mut k = 0;
        while k < out.len() {
            let j = out[k];
            for &c in &self.children[j] {
                if !seen[c] {
                    seen[c] = true;
                    out.push(c);
                }
            }
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The mentions at token `i` and the members conjoined to it ("Iran and Syria").
    pub fn actors_at(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        let mut steps = 0;
        while let Some(t) = stack.pop() {
            steps += 1;
            if steps > self.len() || out.len() >= MAX_CONJOINED {
                break;
            }
            match self.mention_at[t] {
                Some(m) if !out.contains(&m) => out.push(m),
                Some(_) => {}
                None => {
                    // "Mekdad, the minister" names the actor in apposition; "the EU's
                    // diplomatic chief" and "Taliban attackers" through the possessor or the
                    // modifier of a phrase that is no actor itself.
                    let named = self.kid(t, "appos").filter(|&a| self.mention_at[a].is_some());
                    let owner = || {
                        let nominal = matches!(self.upos(t), "NOUN" | "PROPN");
                        // "thousands of protesters", "a group of gunmen": the counted group.
                        let counted = QUANTITIES.contains(&self.lemma[t].as_str());
                        self.kids(t, "nmod:poss")
                            .chain(self.kids(t, "compound"))
                            .chain(
                                self.kids(t, "nmod")
                                    .filter(|&a| counted && self.case_of(a) == Some("of")),
                            )
                            .find(|&a| nominal && self.mention_at[a].is_some())
                    };
                    if let Some(m) = named.or_else(owner).and_then(|a| self.mention_at[a]) {
                        if !out.contains(&m) {
                            out.push(m);
                        }
                    }
                }
            }
            for c in self.kids(t, "conj").collect::<Vec<_>>().into_iter().rev() {
                stack.push(c);
            }
        }
        out
    }

    /// Actors at `i`, or, when `i` is a description of something an actor owns or does
    /// ("the position of Iran", "the measures taken by Turkey", "Turkish attitudes",
    /// "the morale and vivacity of the president"), the actor two steps down the phrase.
    pub fn actors_near(&self, i: usize) -> Vec<usize> {
        let direct = self.actors_at(i);
        if !direct.is_empty() {
            return direct;
        }
        let mut frontier = vec![i];
        for _ in 0..2 {
            let mut next = Vec::new();
            for &t in &frontier {
                for &c in &self.children[t] {
                    let useful = match self.base(c) {
                        "nmod" | "amod" | "compound" | "appos" | "acl" | "conj" => true,
                        "obl" => self.deprel(c) == "obl:agent" || self.case_of(c) == Some("by"),
                        _ => false,
                    };
                    if useful {
                        let found = self.actors_at(c);
                        if !found.is_empty() {
                            return found;
                        }
                        next.push(c);
                    }
                }
            }
            frontier = next;
        }
        Vec::new()
    }
}
