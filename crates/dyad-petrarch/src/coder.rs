//! Coding one parsed sentence with a PETRARCH2 verb dictionary.
//!
//! PETRARCH2 matches its patterns against a constituency parse; we have a dependency tree,
//! so the matching is a documented simplification:
//!
//! - **Verbs**: a token tagged `VERB` whose upper-cased lemma is a dictionary verb's word, or
//!   whose upper-cased form is one of its listed forms. A multi-word verb (`ASK FOR`) also
//!   needs its other words in the verb's subtree, on the same side of the verb as written;
//!   the verb with most words wins.
//! - **Default actors**: source = the mention(s) of the subject (`nsubj`, or the `by`-agent
//!   of a passive, whose subject becomes the target), taken from the governing verb when the
//!   verb has none (`xcomp`, `conj`, `advcl` chains); target = the mention of the object,
//!   else of the first oblique (`obl`/`nmod`) that holds one. Conjoined mentions (`conj`)
//!   make compound actors: one event per (source, target) pair.
//! - **Patterns**: the elements before `*` must appear, in order, among the sentence's
//!   tokens before the verb; those after `*` among the tokens of the verb's subtree after
//!   it, gaps allowed except where `_` joins two elements. `$`, `+` and `%` match a token of
//!   an actor mention (and skip the rest of it) and override the default source/target;
//!   `&SET` matches any member phrase (also with a plural -S/-ES); `{…}` and `(…)` groups are
//!   matched element by element; `^` matches nothing (a gap is always allowed). The pattern
//!   with most matched elements wins, the first in file order among equals; without one the
//!   verb's (or its block's) default code applies.
//! - **Agents** (with [`VerbCoder::with_agents`]): agent phrases ("government", "foreign
//!   minister") in the actor's noun phrase (its head, modifiers and `of` phrases, not
//!   clauses) attach their codes: "The Calenardhon government" → CAL + GOV = CALGOV; a
//!   phrase with agents but no actor is `---GOV`. Three-letter segments already in the code
//!   are not repeated. A code with `/` (`FRO/BIL/SAM`) names several actors.
//! - **Codes**: `---` codes nothing; `[A:B]` gives A source → target and B target → source;
//!   `[:B]` only the reverse. Events need both a source and a target (PETRARCH2's default
//!   `require_dyad`), and source ≠ target. Transformations are not applied.

use dyad_core::{Mention, ParsedSentence};
use dyad_dictionaries::{
    AgentEntry, AgentPlacement, DiscardEntry, DiscardScope, EventCode, PatternElement, PatternItem, VerbDictionary,
};
use std::collections::HashMap;

/// One coded event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PetrarchEvent {
    /// Actor code of the source.
    pub source: String,
    /// Actor code of the target (always set by [`VerbCoder`], which requires a dyad; kept
    /// optional for callers that relax that).
    pub target: Option<String>,
    /// The CAMEO event code from the dictionary.
    pub code: String,
    /// 0-based index of the verb token in its sentence.
    pub trigger: usize,
}

/// A verb dictionary indexed for coding. Build once, share between threads.
pub struct VerbCoder<'d> {
    dict: &'d VerbDictionary,
    /// Upper-cased word → (block, verb) of every verb whose head word or listed form it is.
    index: HashMap<String, Vec<(usize, usize)>>,
    /// Synset name → member phrases as upper-case word lists, sets expanded.
    synsets: HashMap<String, Vec<Vec<String>>>,
    agents: Agents,
    /// Discard phrases as upper-case word lists, with their scope.
    discards: Vec<(Vec<String>, DiscardScope)>,
}

/// A verb found in the sentence with the dictionary entry it matched.
struct VerbHit {
    block: usize,
    verb: usize,
    words: usize,
}

impl<'d> VerbCoder<'d> {
    pub fn new(dict: &'d VerbDictionary) -> VerbCoder<'d> {
        let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (b, block) in dict.blocks.iter().enumerate() {
            for (v, verb) in block.verbs.iter().enumerate() {
                let words: Vec<&str> = verb.text.split_whitespace().collect();
                let mut keys: Vec<String> = verb.forms.iter().map(|f| f.to_uppercase()).collect();
                if let Some(head) = words.get(verb.head) {
                    keys.push(head.to_uppercase());
                }
                keys.sort();
                keys.dedup();
                for key in keys {
                    index.entry(key).or_default().push((b, v));
                }
            }
        }
        let mut synsets = HashMap::new();
        for set in &dict.synsets {
            let mut members = Vec::new();
            expand_synset(dict, &set.name, 0, &mut members);
            synsets.insert(set.name.clone(), members);
        }
        VerbCoder {
            dict,
            index,
            synsets,
            agents: Agents::default(),
            discards: Vec::new(),
        }
    }

    /// Attach agent codes from an agent dictionary ("government" → `~GOV`) to the actors
    /// of the phrases they appear in, as PETRARCH2 does.
    pub fn with_agents(mut self, agents: &[AgentEntry]) -> Self {
        for entry in agents {
            for name in entry.names.iter().chain(&entry.plurals) {
                let words: Vec<String> = name
                    .split(|c: char| c.is_whitespace() || c == '_')
                    .filter(|w| !w.is_empty())
                    .map(str::to_uppercase)
                    .collect();
                if let Some(first) = words.first() {
                    self.agents.by_first.entry(first.clone()).or_default().push((
                        words.clone(),
                        entry.code.clone(),
                        entry.placement,
                    ));
                }
            }
        }
        for list in self.agents.by_first.values_mut() {
            list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
        }
        self
    }

    /// Discard phrases ("TYPHOON", "WORLD GOLF CHAMPIONSHIPS"): a sentence holding one codes
    /// nothing; see [`VerbCoder::discarded`] for story-wide ones.
    pub fn with_discards(mut self, discards: &[DiscardEntry]) -> Self {
        for entry in discards {
            let words: Vec<String> = entry.phrase.split_whitespace().map(str::to_uppercase).collect();
            if !words.is_empty() {
                self.discards.push((words, entry.scope));
            }
        }
        self
    }

    /// The widest scope of the discard phrases in `sentence`, if any: `Story` tells the
    /// caller to drop the whole document's events, as PETRARCH2 does.
    pub fn discarded(&self, sentence: &ParsedSentence) -> Option<DiscardScope> {
        let words: Vec<String> = sentence.tokens.iter().map(|t| t.form.to_uppercase()).collect();
        let mut found = None;
        for (phrase, scope) in &self.discards {
            if words.windows(phrase.len()).any(|w| w == phrase.as_slice()) {
                if *scope == DiscardScope::Story {
                    return Some(DiscardScope::Story);
                }
                found = Some(DiscardScope::Sentence);
            }
        }
        found
    }

    /// Every event the dictionary codes in `sentence`; `mentions` may hold other sentences'
    /// mentions too (only those with `sentence == sentence.index` are used). Sorted, without
    /// duplicates.
    pub fn code_sentence(&self, sentence: &ParsedSentence, mentions: &[Mention]) -> Vec<PetrarchEvent> {
        if self.discarded(sentence).is_some() {
            return Vec::new();
        }
        let mentions: Vec<&Mention> = mentions
            .iter()
            .filter(|m| {
                m.sentence == sentence.index
                    && m.last < sentence.tokens.len()
                    && m.head < sentence.tokens.len()
                    && m.first <= m.last
            })
            .collect();
        let ctx = Context {
            sentence,
            agents: &self.agents,
            mentions: &mentions,
            children: children_of(sentence),
        };
        let mut events = Vec::new();
        for (i, token) in sentence.tokens.iter().enumerate() {
            if token.upos != "VERB" {
                continue;
            }
            if let Some(hit) = self.find_verb(&ctx, i) {
                self.code_verb(&ctx, i, &hit, &mut events);
            }
        }
        events.sort();
        events.dedup();
        events
    }

    /// The dictionary verb token `i` is, preferring the one with most words.
    fn find_verb(&self, ctx: &Context<'_>, i: usize) -> Option<VerbHit> {
        let token = &ctx.sentence.tokens[i];
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for key in [token.lemma.to_uppercase(), token.form.to_uppercase()] {
            if let Some(list) = self.index.get(&key) {
                candidates.extend(list);
            }
        }
        let subtree = ctx.subtree(i);
        let mut best: Option<VerbHit> = None;
        for (b, v) in candidates {
            let verb = &self.dict.blocks[b].verbs[v];
            let words: Vec<String> = verb.text.split_whitespace().map(str::to_uppercase).collect();
            let (before, after) = (
                &words[..verb.head.min(words.len())],
                words.get(verb.head + 1..).unwrap_or(&[]),
            );
            let left: Vec<usize> = subtree.iter().copied().filter(|&j| j < i).collect();
            let right: Vec<usize> = subtree.iter().copied().filter(|&j| j > i).collect();
            if !words_in_order(ctx, &left, before) || !words_in_order(ctx, &right, after) {
                continue;
            }
            if best.as_ref().is_none_or(|h| words.len() > h.words) {
                best = Some(VerbHit {
                    block: b,
                    verb: v,
                    words: words.len(),
                });
            }
        }
        best
    }

    fn code_verb(&self, ctx: &Context<'_>, i: usize, hit: &VerbHit, events: &mut Vec<PetrarchEvent>) {
        let block = &self.dict.blocks[hit.block];
        let (mut sources, mut targets) = default_actors(ctx, i);
        let mut code = block.verbs[hit.verb].code.clone().unwrap_or_else(|| block.code.clone());
        let before: Vec<usize> = (0..i).collect();
        let after: Vec<usize> = ctx.subtree(i).into_iter().filter(|&j| j > i).collect();
        let mut best: Option<(usize, Binding)> = None;
        for pattern in &block.patterns {
            let Some(v) = pattern.verb_index() else { continue };
            let (left, right) = (&pattern.items[..v], &pattern.items[v + 1..]);
            let mut binding = Binding::default();
            let Some(score_left) = self.match_left(ctx, left, &before, &mut binding) else {
                continue;
            };
            let Some(score_right) = self.match_right(ctx, right, &after, &mut binding) else {
                continue;
            };
            let score = score_left + score_right;
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                binding.code = Some(pattern.code.clone());
                best = Some((score, binding));
            }
        }
        if let Some((_, binding)) = best {
            if let Some(c) = binding.code {
                code = c;
            }
            // The bound mention's whole coordination: "Arnor and Gondor met" binds `%` to
            // "Gondor", whose first conjunct heads the group.
            let group = |m: usize| {
                let mut head = ctx.phrase_head(ctx.mentions[m].head);
                for _ in 0..40 {
                    match ctx
                        .sentence
                        .head_of(head)
                        .filter(|&h| ctx.base(head) == "conj" && h < ctx.sentence.tokens.len() && h != head)
                    {
                        Some(h) => head = h,
                        None => break,
                    }
                }
                ctx.actors_of(head)
            };
            if let Some(m) = binding.compound {
                sources = group(m);
                targets = sources.clone();
            }
            if let Some(m) = binding.source {
                sources = group(m);
            }
            if let Some(m) = binding.target {
                targets = group(m);
            }
        }
        let EventCode { code: forward, paired } = code;
        for s in &sources {
            for t in &targets {
                let (source, target) = (&s.code, &t.code);
                if (s.head == t.head && s.code == t.code) || source == target {
                    continue;
                }
                for (from, to, c) in [(source, target, &forward), (target, source, &paired)] {
                    if let Some(c) = c.as_deref().filter(|c| !c.starts_with("---") && !c.is_empty()) {
                        events.push(PetrarchEvent {
                            source: from.clone(),
                            target: Some(to.clone()),
                            code: c.to_string(),
                            trigger: i,
                        });
                    }
                }
            }
        }
    }

    /// Match the elements before `*` against `tokens` (those before the verb), walking from
    /// the verb outwards so the nearest words are used.
    fn match_left(
        &self,
        ctx: &Context<'_>,
        items: &[PatternItem],
        tokens: &[usize],
        binding: &mut Binding,
    ) -> Option<usize> {
        let mut flat = Vec::new();
        flatten(items, &mut flat);
        flat.reverse();
        let reversed: Vec<usize> = tokens.iter().rev().copied().collect();
        self.match_flat(ctx, &flat, &reversed, 0, false, true, binding)
    }

    /// Match the elements after `*` against `tokens` (the verb's subtree after it).
    fn match_right(
        &self,
        ctx: &Context<'_>,
        items: &[PatternItem],
        tokens: &[usize],
        binding: &mut Binding,
    ) -> Option<usize> {
        let mut flat = Vec::new();
        flatten(items, &mut flat);
        let adjacent = flat.first().is_some_and(|f| f.1);
        self.match_flat(ctx, &flat, tokens, 0, adjacent, false, binding)
    }

    /// Backtracking match of flattened elements over `tokens[at..]`; returns the number of
    /// elements matched (the pattern's specificity). `adjacent`: the element must start at
    /// `at` exactly. `reversed`: `tokens` run right to left, so an element's `_` ties it to
    /// the element matched after it rather than before.
    #[allow(clippy::too_many_arguments)]
    fn match_flat(
        &self,
        ctx: &Context<'_>,
        items: &[(&PatternElement, bool)],
        tokens: &[usize],
        at: usize,
        adjacent: bool,
        reversed: bool,
        binding: &mut Binding,
    ) -> Option<usize> {
        let Some((&(element, joined), rest)) = items.split_first() else {
            return Some(0);
        };
        // Backtracking over gaps is exponential in the worst case (a long sentence full of
        // actors): give each pattern a fixed budget of steps and call it unmatched after.
        binding.steps += 1;
        if binding.steps > STEP_BUDGET {
            return None;
        }
        let next_adjacent = if reversed {
            joined
        } else {
            rest.first().is_some_and(|r| r.1)
        };
        if matches!(element, PatternElement::Skip | PatternElement::Verb) {
            return self
                .match_flat(ctx, rest, tokens, at, adjacent, reversed, binding)
                .map(|n| n + 1);
        }
        let last = if adjacent { at + 1 } else { tokens.len() };
        for start in at..last.min(tokens.len()) {
            let Some((len, slot)) = self.element_at(ctx, element, tokens, start, reversed) else {
                continue;
            };
            let saved = binding.clone();
            match slot {
                Slot::None => {}
                Slot::Source(m) => binding.source = Some(m),
                Slot::Target(m) => binding.target = Some(m),
                Slot::Compound(m) => binding.compound = Some(m),
            }
            if let Some(n) = self.match_flat(ctx, rest, tokens, start + len, next_adjacent, reversed, binding) {
                return Some(n + 1);
            }
            let steps = binding.steps;
            *binding = saved;
            binding.steps = steps;
        }
        None
    }

    /// Whether `element` matches at `tokens[start]`; how many tokens it uses and what it binds.
    fn element_at(
        &self,
        ctx: &Context<'_>,
        element: &PatternElement,
        tokens: &[usize],
        start: usize,
        reversed: bool,
    ) -> Option<(usize, Slot)> {
        let token = tokens[start];
        let actor = |slot: fn(usize) -> Slot| {
            let m = ctx.mention_at(token)?;
            let mention = ctx.mentions[m];
            let len = tokens[start..]
                .iter()
                .take_while(|&&j| j >= mention.first && j <= mention.last)
                .count();
            Some((len.max(1), slot(m)))
        };
        match element {
            PatternElement::Word(w) => ctx.word_is(token, w).then_some((1, Slot::None)),
            PatternElement::AnyOf(ws) => ws.iter().any(|w| ctx.word_is(token, w)).then_some((1, Slot::None)),
            PatternElement::Synset(name) => {
                let members = self.synsets.get(name.trim_end_matches('_'))?;
                members.iter().find_map(|phrase| {
                    let mut words: Vec<&String> = phrase.iter().collect();
                    if reversed {
                        words.reverse();
                    }
                    let ok = words.len() <= tokens.len() - start
                        && words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| ctx.word_or_plural(tokens[start + k], w));
                    ok.then_some((words.len(), Slot::None))
                })
            }
            PatternElement::Source => actor(Slot::Source),
            PatternElement::Target => actor(Slot::Target),
            PatternElement::Compound => actor(Slot::Compound),
            // Groups are flattened before matching; these never reach here.
            PatternElement::Verb
            | PatternElement::Skip
            | PatternElement::NounPhrase(_)
            | PatternElement::PrepPhrase(_) => None,
        }
    }
}

/// What a matched element binds.
enum Slot {
    None,
    Source(usize),
    Target(usize),
    Compound(usize),
}

/// Matching steps allowed per pattern (see [`VerbCoder::match_flat`]).
const STEP_BUDGET: usize = 20_000;

/// What a pattern bound: indices into the sentence's mentions, and its code.
#[derive(Clone, Default)]
struct Binding {
    /// Matching steps taken so far.
    steps: usize,
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    code: Option<EventCode>,
}

/// Groups are matched element by element: flatten them, keeping each element's `_`.
fn flatten<'a>(items: &'a [PatternItem], out: &mut Vec<(&'a PatternElement, bool)>) {
    for item in items {
        match &item.element {
            PatternElement::NounPhrase(inner) | PatternElement::PrepPhrase(inner) => flatten(inner, out),
            element => out.push((element, item.joined)),
        }
    }
}

/// A synset's members as upper-case word lists, nested `&SETS` expanded (to a small depth,
/// so a cycle in a user's file cannot loop).
fn expand_synset(dict: &VerbDictionary, name: &str, depth: usize, out: &mut Vec<Vec<String>>) {
    let Some(set) = dict.synset(name.trim_end_matches('_')) else {
        return;
    };
    for member in &set.members {
        if let Some(inner) = member.strip_prefix('&') {
            if depth < 4 {
                expand_synset(dict, inner, depth + 1, out);
            }
        } else {
            let words: Vec<String> = member
                .split(|c: char| c.is_whitespace() || c == '_')
                .filter(|w| !w.is_empty())
                .map(str::to_uppercase)
                .collect();
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
}

/// Whether `words` occur in order among `tokens` (gaps allowed).
fn words_in_order(ctx: &Context<'_>, tokens: &[usize], words: &[String]) -> bool {
    let mut it = tokens.iter();
    words.iter().all(|w| it.any(|&t| ctx.word_is(t, w)))
}

fn children_of(sentence: &ParsedSentence) -> Vec<Vec<usize>> {
    let n = sentence.tokens.len();
    let mut children = vec![Vec::new(); n];
    for (i, t) in sentence.tokens.iter().enumerate() {
        if t.head >= 1 && t.head <= n && t.head - 1 != i {
            children[t.head - 1].push(i);
        }
    }
    children
}

/// A sentence with its mentions and child lists.
struct Context<'a> {
    sentence: &'a ParsedSentence,
    agents: &'a Agents,
    mentions: &'a [&'a Mention],
    children: Vec<Vec<usize>>,
}

impl Context<'_> {
    fn base(&self, i: usize) -> &str {
        let d = &self.sentence.tokens[i].deprel;
        d.split(':').next().unwrap_or(d)
    }

    /// Token `i` and its descendants, in sentence order (cycle-safe).
    fn subtree(&self, i: usize) -> Vec<usize> {
        let mut seen = vec![false; self.sentence.tokens.len()];
        let mut stack = vec![i];
        let mut out = Vec::new();
        while let Some(j) = stack.pop() {
            if std::mem::replace(&mut seen[j], true) {
                continue;
            }
            out.push(j);
            stack.extend(&self.children[j]);
        }
        out.sort_unstable();
        out
    }

    fn word_is(&self, i: usize, word: &str) -> bool {
        let t = &self.sentence.tokens[i];
        t.form.eq_ignore_ascii_case(word) || t.lemma.eq_ignore_ascii_case(word)
    }

    fn word_or_plural(&self, i: usize, word: &str) -> bool {
        let form = self.sentence.tokens[i].form.to_uppercase();
        self.word_is(i, word) || form == format!("{word}S") || form == format!("{word}ES")
    }

    /// The mention covering token `i`.
    fn mention_at(&self, i: usize) -> Option<usize> {
        self.mentions.iter().position(|m| m.first <= i && i <= m.last)
    }

    /// The mention of the phrase headed by token `i`: the one covering it, else the first
    /// one headed inside its phrase, not looking into clauses or further conjuncts.
    fn mention_of(&self, i: usize) -> Option<usize> {
        if let Some(m) = self.mention_at(i) {
            return Some(m);
        }
        let mut stack = vec![(i, 0)];
        let mut found: Option<usize> = None;
        while let Some((j, depth)) = stack.pop() {
            for &k in &self.children[j] {
                if matches!(self.base(k), "acl" | "advcl" | "ccomp" | "conj" | "parataxis" | "appos") || depth > 6 {
                    continue;
                }
                if let Some(m) = self.mentions.iter().position(|m| m.head == k) {
                    if found.is_none_or(|f| self.mentions[f].first > self.mentions[m].first) {
                        found = Some(m);
                    }
                    continue;
                }
                stack.push((k, depth + 1));
            }
        }
        found
    }

    /// The noun phrase a mention's head sits in: up through `compound`, `flat`, `amod` and
    /// possessive links ("Calenardhon government", "Gondor's government").
    fn phrase_head(&self, mut i: usize) -> usize {
        for _ in 0..4 {
            let deprel = self.sentence.tokens[i].deprel.as_str();
            if !matches!(
                deprel,
                "compound" | "flat" | "flat:name" | "amod" | "nmod:poss" | "poss"
            ) {
                break;
            }
            match self
                .sentence
                .head_of(i)
                .filter(|&h| h < self.sentence.tokens.len() && h != i)
            {
                Some(h) => i = h,
                None => break,
            }
        }
        i
    }

    /// The actors of the phrase headed by token `i` and of the phrases conjoined with it
    /// ("Arnor and Gondor"): each the phrase's mention code with its agents' codes attached
    /// ("Calenardhon government" → CALGOV), or `---` with the agents' codes when the phrase
    /// names no actor ("the government" → ---GOV).
    fn actors_of(&self, i: usize) -> Vec<ActorRef> {
        let mut heads = vec![i];
        let mut stack: Vec<usize> = self.children[i]
            .iter()
            .copied()
            .filter(|&k| self.base(k) == "conj")
            .collect();
        while let Some(k) = stack.pop() {
            if heads.len() > 40 || heads.contains(&k) {
                continue;
            }
            heads.push(k);
            stack.extend(self.children[k].iter().copied().filter(|&c| self.base(c) == "conj"));
        }
        let mut out: Vec<ActorRef> = Vec::new();
        let mut push = |head: usize, code: String| {
            if !out.iter().any(|a: &ActorRef| a.code == code) {
                out.push(ActorRef { head, code });
            }
        };
        for head in heads {
            // The agents of the phrase itself ("the ambassadors of …").
            let (outer_prefix, outer_suffix) = self.agents.codes(self, head, 0..0);
            let Some(m) = self
                .mention_of(head)
                .filter(|&m| !self.mentions[m].actor.code.is_empty())
            else {
                if !outer_prefix.is_empty() || !outer_suffix.is_empty() {
                    push(head, join_codes(&outer_prefix, "---", &outer_suffix));
                }
                continue;
            };
            // The mentions: the one found, and, when it sits deeper than the phrase's head
            // ("ambassadors of Arnor, Osgiliath and Gondor"), those conjoined with it.
            let mut found = vec![m];
            let inner = self.phrase_head(self.mentions[m].head);
            if inner != head && self.mention_at(head).is_none() {
                let mut stack: Vec<usize> = self.children[inner]
                    .iter()
                    .copied()
                    .filter(|&k| self.base(k) == "conj")
                    .collect();
                while let Some(k) = stack.pop() {
                    if found.len() > 40 {
                        break;
                    }
                    if let Some(c) = self.mention_of(k) {
                        if !found.contains(&c) {
                            found.push(c);
                        }
                    }
                    stack.extend(self.children[k].iter().copied().filter(|&c| self.base(c) == "conj"));
                }
            }
            for m in found {
                let mention = self.mentions[m];
                // Agents come from the phrase the mention sits in ("ties with Gondor's
                // government": the phrase of "government", not of "ties") and from the
                // phrase it modifies.
                let (prefix, suffix) =
                    self.agents
                        .codes(self, self.phrase_head(mention.head), mention.first..mention.last + 1);
                let (prefix, suffix) = (format!("{prefix}{outer_prefix}"), format!("{suffix}{outer_suffix}"));
                // A dictionary code may name several actors at once (`FRO/BIL/SAM`).
                for code in mention.actor.code.split('/').filter(|c| !c.is_empty()) {
                    push(head, join_codes(&prefix, code, &suffix));
                }
            }
        }
        out
    }
}

/// An actor found in the sentence: the token heading its phrase and its full code.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ActorRef {
    head: usize,
    code: String,
}

/// `prefix + actor + suffix`, PETRARCH-style: an agent's three-letter segments already in
/// the code are not repeated ("White House security officials": USAGOV + GOV → USAGOV).
fn join_codes(prefix: &str, actor: &str, suffix: &str) -> String {
    let segments = |code: &str| -> Vec<String> {
        let chars: Vec<char> = code.chars().collect();
        chars.chunks(3).map(|c| c.iter().collect()).collect()
    };
    let mut have = segments(actor);
    let mut out = String::new();
    for seg in segments(prefix) {
        if !have.contains(&seg) {
            out.push_str(&seg);
            have.push(seg);
        }
    }
    out.push_str(actor);
    for seg in segments(suffix) {
        if !have.contains(&seg) {
            out.push_str(&seg);
            have.push(seg);
        }
    }
    out
}

/// Agent phrases indexed by their first word, longest first.
#[derive(Default)]
struct Agents {
    by_first: HashMap<String, Vec<(Vec<String>, String, AgentPlacement)>>,
}

impl Agents {
    /// The prefix and suffix codes of the agents in the phrase headed by `head` (its
    /// tokens outside clauses, conjuncts and non-`of` obliques) and the tokens `also`
    /// (a mention's own words), in text order, each code once.
    fn codes(&self, ctx: &Context<'_>, head: usize, also: std::ops::Range<usize>) -> (String, String) {
        if self.by_first.is_empty() {
            return (String::new(), String::new());
        }
        let mut tokens: Vec<usize> = also.filter(|&t| t < ctx.sentence.tokens.len()).collect();
        tokens.push(head);
        let mut stack = vec![(head, 0)];
        while let Some((j, depth)) = stack.pop() {
            for &k in &ctx.children[j] {
                let of_phrase = || {
                    ctx.children[k]
                        .iter()
                        .any(|&c| ctx.base(c) == "case" && ctx.word_is(c, "of"))
                };
                let inside = match ctx.base(k) {
                    "acl" | "advcl" | "ccomp" | "conj" | "parataxis" | "appos" | "cc" | "punct" => false,
                    "nmod" | "obl" => of_phrase(),
                    _ => true,
                };
                if depth < 6 && inside {
                    tokens.push(k);
                    stack.push((k, depth + 1));
                }
            }
        }
        tokens.sort_unstable();
        tokens.dedup();
        let upper: Vec<String> = tokens
            .iter()
            .map(|&t| ctx.sentence.tokens[t].form.to_uppercase())
            .collect();
        let (mut prefix, mut suffix) = (String::new(), String::new());
        let mut at = 0;
        while at < tokens.len() {
            let found = self.by_first.get(&upper[at]).and_then(|list| {
                list.iter().find(|(words, _, _)| {
                    words.len() <= tokens.len() - at
                        && words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| upper[at + k] == *w && (k == 0 || tokens[at + k] == tokens[at + k - 1] + 1))
                })
            });
            match found {
                Some((words, code, placement)) => {
                    let out = if *placement == AgentPlacement::Prefix {
                        &mut prefix
                    } else {
                        &mut suffix
                    };
                    if !out.contains(code.as_str()) {
                        out.push_str(code);
                    }
                    at += words.len();
                }
                None => at += 1,
            }
        }
        (prefix, suffix)
    }
}

/// Source and target mentions from the tree, before any pattern.
fn default_actors(ctx: &Context<'_>, verb: usize) -> (Vec<ActorRef>, Vec<ActorRef>) {
    let mut sources = Vec::new();
    let mut targets = Vec::new();
    let mut passive_subject = None;
    for &k in &ctx.children[verb] {
        let deprel = ctx.sentence.tokens[k].deprel.as_str();
        match deprel {
            "nsubj:pass" | "nsubjpass" => passive_subject = Some(k),
            // Every subject: a parser may split a long coordination into several.
            d if d.starts_with("nsubj") => {
                for actor in ctx.actors_of(k) {
                    if !sources.contains(&actor) {
                        sources.push(actor);
                    }
                }
            }
            "obl:agent" if sources.is_empty() => sources = ctx.actors_of(k),
            _ => {}
        }
    }
    let agent = ctx.children[verb].iter().copied().find(|&k| {
        matches!(ctx.base(k), "obl" | "nmod")
            && ctx.children[k]
                .iter()
                .any(|&c| ctx.base(c) == "case" && ctx.word_is(c, "by"))
    });
    if let Some(p) = passive_subject {
        if sources.is_empty() {
            if let Some(a) = agent {
                sources = ctx.actors_of(a);
            }
        }
        targets = ctx.actors_of(p);
    }
    // A verb without a subject borrows its governor's (xcomp, conj, advcl chains).
    let mut at = verb;
    let mut steps = 0;
    while sources.is_empty() && passive_subject.is_none() && steps < 4 {
        let Some(head) = ctx
            .sentence
            .head_of(at)
            .filter(|&h| h < ctx.sentence.tokens.len() && h != at)
        else {
            break;
        };
        if !matches!(ctx.base(at), "xcomp" | "conj" | "advcl" | "ccomp") {
            break;
        }
        // For an xcomp under an object-control verb, the controller is the object ("urged
        // Gondor to leave"); otherwise the subject.
        for &k in &ctx.children[head] {
            if ctx.base(k).starts_with("nsubj") {
                sources = ctx.actors_of(k);
                break;
            }
        }
        at = head;
        steps += 1;
    }
    if targets.is_empty() {
        if let Some(&o) = ctx.children[verb]
            .iter()
            .find(|&&k| matches!(ctx.base(k), "obj" | "dobj" | "iobj"))
        {
            targets = ctx.actors_of(o);
        }
    }
    if targets.is_empty() {
        for &k in &ctx.children[verb] {
            if matches!(ctx.base(k), "obl" | "nmod") && Some(k) != agent {
                targets = ctx.actors_of(k);
                if !targets.is_empty() {
                    break;
                }
            }
        }
    }
    if targets.is_empty() {
        // "restore ties with Gondor": the oblique may hang off the object.
        if let Some(&o) = ctx.children[verb]
            .iter()
            .find(|&&k| matches!(ctx.base(k), "obj" | "dobj"))
        {
            for &k in &ctx.children[o] {
                if matches!(ctx.base(k), "nmod" | "obl") {
                    targets = ctx.actors_of(k);
                    if !targets.is_empty() {
                        break;
                    }
                }
            }
        }
    }
    (sources, targets)
}

impl PetrarchEvent {
    /// The event as a scorable (source, target, code) triple; a missing target is `---`.
    pub fn triple(&self) -> crate::records::Expected {
        crate::records::Expected {
            source: self.source.clone(),
            target: self.target.clone().unwrap_or_else(|| "---".to_string()),
            code: self.code.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{Actor, ParsedToken, Resolution, Span};
    use dyad_dictionaries::{parse_agents, parse_verbs};

    const VERBS: &str = "\
--- CONDEMN [122] ---
CONDEMN

--- RESTORE [050] ---
RESTORE
- * TIES (WITH +) [064]
- * &AIDS [070]

--- VISIT [042:043] ---
VISIT

--- MEET [040] ---
MEET {MET MEETS MEETING}
- % * [043]

--- NOTE [---] ---
NOTE

&AIDS
+AID
+ASSISTANCE

";

    /// A sentence from `(form, lemma, upos, head, deprel)` rows, and mentions from
    /// `(token, code)` pairs (one-token mentions).
    fn sentence(rows: &[(&str, &str, &str, usize, &str)], actors: &[(usize, &str)]) -> (ParsedSentence, Vec<Mention>) {
        let mut at = 0;
        let tokens = rows
            .iter()
            .map(|&(form, lemma, upos, head, deprel)| {
                let span = Span {
                    start: at,
                    end: at + form.len(),
                };
                at += form.len() + 1;
                ParsedToken {
                    form: form.into(),
                    span,
                    lemma: lemma.into(),
                    upos: upos.into(),
                    head,
                    deprel: deprel.into(),
                    ..ParsedToken::default()
                }
            })
            .collect::<Vec<_>>();
        let mentions = actors
            .iter()
            .map(|&(t, code)| Mention {
                sentence: 0,
                head: t,
                first: t,
                last: t,
                span: tokens[t].span,
                text: tokens[t].form.clone(),
                actor: Actor {
                    code: code.into(),
                    ..Actor::default()
                },
                how: Resolution::Dictionary,
                rule: String::new(),
            })
            .collect();
        (
            ParsedSentence {
                index: 0,
                span: Span { start: 0, end: at },
                tokens,
            },
            mentions,
        )
    }

    fn code(coder: &VerbCoder<'_>, s: &(ParsedSentence, Vec<Mention>)) -> Vec<(String, String, String)> {
        coder
            .code_sentence(&s.0, &s.1)
            .into_iter()
            .map(|e| (e.source, e.target.unwrap_or_default(), e.code))
            .collect()
    }

    fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
        (s.into(), t.into(), c.into())
    }

    fn dict() -> VerbDictionary {
        let (dict, problems) = parse_verbs("test.verbs", VERBS.as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        dict
    }

    #[test]
    fn default_code_uses_subject_and_object() {
        let dict = dict();
        let coder = VerbCoder::new(&dict);
        let s = sentence(
            &[
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("condemned", "condemn", "VERB", 0, "root"),
                ("Gondor", "Gondor", "PROPN", 2, "obj"),
            ],
            &[(0, "ARN"), (2, "GON")],
        );
        assert_eq!(code(&coder, &s), vec![t("ARN", "GON", "122")]);
        // Passive: the by-agent is the source, the subject the target.
        let s = sentence(
            &[
                ("Gondor", "Gondor", "PROPN", 3, "nsubj:pass"),
                ("was", "be", "AUX", 3, "aux:pass"),
                ("condemned", "condemn", "VERB", 0, "root"),
                ("by", "by", "ADP", 5, "case"),
                ("Arnor", "Arnor", "PROPN", 3, "obl"),
            ],
            &[(0, "GON"), (4, "ARN")],
        );
        assert_eq!(code(&coder, &s), vec![t("ARN", "GON", "122")]);
    }

    #[test]
    fn the_more_specific_pattern_wins_and_falls_back_to_the_block_code() {
        let dict = dict();
        let coder = VerbCoder::new(&dict);
        let rows = |noun: &'static str| {
            [
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("restored", "restore", "VERB", 0, "root"),
                (noun, noun, "NOUN", 2, "obj"),
                ("with", "with", "ADP", 5, "case"),
                ("Gondor", "Gondor", "PROPN", 3, "nmod"),
            ]
        };
        assert_eq!(
            code(&coder, &sentence(&rows("ties"), &[(0, "ARN"), (4, "GON")])),
            vec![t("ARN", "GON", "064")]
        );
        // A synonym set member, plural.
        assert_eq!(
            code(&coder, &sentence(&rows("aids"), &[(0, "ARN"), (4, "GON")])),
            vec![t("ARN", "GON", "070")]
        );
        // No pattern matches "order": the block's default code, target from the oblique.
        assert_eq!(
            code(&coder, &sentence(&rows("order"), &[(0, "ARN"), (4, "GON")])),
            vec![t("ARN", "GON", "050")]
        );
    }

    #[test]
    fn paired_compound_and_null_codes() {
        let dict = dict();
        let coder = VerbCoder::new(&dict);
        let s = sentence(
            &[
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("visited", "visit", "VERB", 0, "root"),
                ("Gondor", "Gondor", "PROPN", 2, "obj"),
            ],
            &[(0, "ARN"), (2, "GON")],
        );
        assert_eq!(code(&coder, &s), vec![t("ARN", "GON", "042"), t("GON", "ARN", "043")]);
        // `%`: the conjoined subject is both source and target.
        let s = sentence(
            &[
                ("Arnor", "Arnor", "PROPN", 4, "nsubj"),
                ("and", "and", "CCONJ", 3, "cc"),
                ("Gondor", "Gondor", "PROPN", 1, "conj"),
                ("finally", "finally", "ADV", 4, "advmod"),
                ("met", "meet", "VERB", 0, "root"),
            ],
            &[(0, "ARN"), (2, "GON")],
        );
        assert_eq!(code(&coder, &s), vec![t("ARN", "GON", "043"), t("GON", "ARN", "043")]);
        // `[---]` codes nothing; a verb without a target codes nothing either.
        let s = sentence(
            &[
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("noted", "note", "VERB", 0, "root"),
                ("Gondor", "Gondor", "PROPN", 2, "obj"),
            ],
            &[(0, "ARN"), (2, "GON")],
        );
        assert!(code(&coder, &s).is_empty());
        let s = sentence(
            &[
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("visited", "visit", "VERB", 0, "root"),
            ],
            &[(0, "ARN")],
        );
        assert!(code(&coder, &s).is_empty());
    }

    #[test]
    fn agents_extend_actor_codes() {
        let dict = dict();
        let (agents, problems) = parse_agents("test.agents", b"GOVERNMENT [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\n");
        assert!(problems.is_empty(), "{problems:?}");
        let coder = VerbCoder::new(&dict).with_agents(&agents);
        let s = sentence(
            &[
                ("The", "the", "DET", 3, "det"),
                ("Gondor", "Gondor", "PROPN", 3, "compound"),
                ("government", "government", "NOUN", 4, "nsubj"),
                ("condemned", "condemn", "VERB", 0, "root"),
                ("Arnor", "Arnor", "PROPN", 4, "obj"),
            ],
            &[(1, "GON"), (4, "ARNGOV")],
        );
        assert_eq!(code(&coder, &s), vec![t("GONGOV", "ARNGOV", "122")]);
        assert_eq!(join_codes("", "USAGOV", "GOVFRM"), "USAGOVFRM");
        // A discard phrase silences the sentence.
        let (discards, _) = dyad_dictionaries::parse_discards("test.discards", b"+ARNOR\n");
        let coder = VerbCoder::new(&dict).with_discards(&discards);
        assert_eq!(coder.discarded(&s.0), Some(DiscardScope::Story));
        assert!(code(&coder, &s).is_empty());
        assert_eq!(join_codes("IGO", "---", ""), "IGO---");
    }

    #[test]
    fn odd_trees_do_not_panic() {
        let dict = dict();
        let coder = VerbCoder::new(&dict);
        // A cycle, a head out of range, a mention past the end.
        let s = sentence(
            &[
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("visited", "visit", "VERB", 1, "conj"),
                ("Gondor", "Gondor", "PROPN", 9, "obj"),
            ],
            &[(0, "ARN"), (2, "GON")],
        );
        let mut mentions = s.1.clone();
        mentions.push(Mention {
            first: 5,
            last: 7,
            head: 6,
            ..s.1[0].clone()
        });
        let _ = coder.code_sentence(&s.0, &mentions);
        let _ = coder.code_sentence(&ParsedSentence::default(), &[]);
        // 500 words, every other one an actor, all hanging off one verb.
        let mut rows = vec![
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("restored", "restore", "VERB", 0, "root"),
        ];
        let mut actors = vec![(0, "ARN")];
        for k in 0..250 {
            rows.push(("with", "with", "ADP", rows.len() + 2, "case"));
            rows.push(("Gondor", "Gondor", "PROPN", 2, "obl"));
            actors.push((rows.len() - 1, if k % 2 == 0 { "GON" } else { "OSG" }));
        }
        let events = coder.code_sentence(&sentence(&rows, &actors).0, &sentence(&rows, &actors).1);
        assert_eq!(events.len(), 1, "{events:?}");
    }
}
