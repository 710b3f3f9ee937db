//! The dependency parser: greedy arc-hybrid transitions with labelled arcs, scored by an
//! averaged perceptron over ~90 hashed feature templates, trained with a dynamic oracle.
//!
//! The pseudo-root sits at the end of the buffer (Ballesteros & Nivre 2013), and it may
//! take exactly one dependent, so every sentence gets a single-rooted tree. Actions are
//! class 0 = SHIFT, 1 + 2l = LEFT-ARC with label l, 2 + 2l = RIGHT-ARC with label l.

use crate::corrector::{Corrector, LabelIds};
use crate::format::{Decoder, Encoder};
use crate::lexical::{feature, hash_str, Lexeme};
use crate::perceptron::{Trainer, Weights};
use crate::train::Rng;
use crate::ParseError;

const NONE: u32 = u32::MAX;
const SHIFT: usize = 0;

/// What the parser reads for each word: its hashed lexeme and predicted tags.
#[derive(Clone, Copy)]
pub(crate) struct Word {
    pub(crate) lex: Lexeme,
    pub(crate) xpos: u64,
    pub(crate) upos: u64,
}

pub(crate) struct Parser {
    pub(crate) labels: Vec<String>,
    root: usize,
    pub(crate) weights: Weights,
    /// The second look at finished trees, when the model was trained with one.
    pub(crate) corrector: Option<Corrector>,
    pub(crate) label_ids: LabelIds,
}

/// One training sentence: words with predicted tags, gold heads (0-based, `n` = root) and labels.
#[derive(Clone)]
pub(crate) struct GoldTree {
    pub(crate) words: Vec<Word>,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
}

struct State {
    n: usize,
    stack: Vec<u32>,
    b: usize,
    heads: Vec<u32>,
    labels: Vec<u16>,
    left: Vec<[u32; 2]>,
    right: Vec<[u32; 2]>,
    nleft: Vec<u8>,
    nright: Vec<u8>,
    left_set: Vec<u64>,
    right_set: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            nleft: vec![0; n + 1],
            nright: vec![0; n + 1],
            left_set: vec![0; n + 1],
            right_set: vec![0; n + 1],
        }
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    /// The only valid action, when there is one: SHIFT onto an empty stack and the final arc
    /// to the root, 12% of the transitions of EWT dev's gold trees. Scoring them would not
    /// change the choice, only cost time.
    fn forced(&self, root: usize) -> Option<usize> {
        if self.stack.is_empty() {
            Some(SHIFT)
        } else if self.b >= self.n && self.stack.len() == 1 {
            Some(1 + 2 * root)
        } else {
            None
        }
    }

    fn valid(&self, action: usize, root: usize) -> bool {
        if action == SHIFT {
            return self.b < self.n;
        }
        let label = (action - 1) / 2;
        if action % 2 == 1 {
            // LEFT: s0 ← b0; the root takes a dependent only when it is the last one left.
            !self.stack.is_empty()
                && if self.b < self.n {
                    label != root
                } else {
                    self.stack.len() == 1 && label == root
                }
        } else {
            self.stack.len() >= 2 && label != root
        }
    }

    fn apply(&mut self, action: usize) {
        if action == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
            return;
        }
        let label = ((action - 1) / 2) as u16;
        let dep = self.stack.pop().expect("arc actions need a stack") as usize;
        let head = if action % 2 == 1 {
            self.b
        } else {
            *self.stack.last().expect("right arc needs s1") as usize
        };
        self.heads[dep] = head as u32;
        self.labels[dep] = label;
        let bit = 1u64 << (label % 64);
        if dep < head {
            self.left[head] = [dep as u32, self.left[head][0]];
            self.nleft[head] = self.nleft[head].saturating_add(1);
            self.left_set[head] |= bit;
        } else {
            self.right[head] = [dep as u32, self.right[head][0]];
            self.nright[head] = self.nright[head].saturating_add(1);
            self.right_set[head] |= bit;
        }
    }

    fn s(&self, i: usize) -> u32 {
        if self.stack.len() > i {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NONE
        }
    }

    /// Unlabelled costs of SHIFT, LEFT, RIGHT against gold heads (Goldberg & Nivre 2013).
    fn costs(&self, gold: &[u32]) -> [u32; 3] {
        let n = self.n;
        let b = self.b;
        let s0 = self.s(0);
        let s1 = self.s(1);
        let in_buffer = |h: u32| h != NONE && (h as usize) >= b && (h as usize) <= n;
        let mut shift = 0;
        if b < n {
            let h = gold[b];
            if h != s0 && self.stack.contains(&h) {
                shift += 1;
            }
            shift += self.stack.iter().filter(|&&k| gold[k as usize] == b as u32).count() as u32;
        }
        let (mut left, mut right) = (0, 0);
        if s0 != NONE {
            let deps_in_buffer = (b..n).filter(|&k| gold[k] == s0).count() as u32;
            let h = gold[s0 as usize];
            if h != b as u32 && (h == s1 || (in_buffer(h) && h as usize > b)) {
                left += 1;
            }
            left += deps_in_buffer;
            if in_buffer(h) {
                right += 1;
            }
            right += deps_in_buffer;
        }
        [shift, left, right]
    }
}

fn dist_bin(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

struct Context<'a> {
    words: &'a [Word],
    root_word: Word,
    none_word: Word,
}

impl Context<'_> {
    fn word(&self, i: u32) -> &Word {
        if i == NONE {
            &self.none_word
        } else if i as usize >= self.words.len() {
            &self.root_word
        } else {
            &self.words[i as usize]
        }
    }
}

/// The buffer's word positions: `b0` (the pseudo-root at `n`), `b1`, `b2`, or [`NONE`].
fn buffer(st: &State) -> [u32; 3] {
    let n = st.n;
    let b0 = if st.b <= n { st.b as u32 } else { NONE };
    let b1 = if st.b < n { st.b as u32 + 1 } else { NONE };
    let b2 = if st.b + 1 < n { st.b as u32 + 2 } else { NONE };
    [b0, b1, b2]
}

/// The features that read only the buffer's first three words. They stay the same from one
/// transition to the next until a SHIFT, so parsing scores them once per buffer position.
fn buffer_features(ctx: &Context, st: &State, out: &mut Vec<u64>) {
    let [b0, b1, b2] = buffer(st).map(|i| ctx.word(i));
    let (b0w, b0t, b1w, b1t, b2t) = (b0.lex.lower, b0.xpos, b1.lex.lower, b1.xpos, b2.xpos);
    out.clear();
    out.extend_from_slice(&[
        feature(7, &[b0w]),
        feature(8, &[b0t]),
        feature(9, &[b0w, b0t]),
        feature(10, &[b1w]),
        feature(11, &[b1t]),
        feature(12, &[b1w, b1t]),
        feature(13, &[b2.lex.lower]),
        feature(14, &[b2t]),
        feature(24, &[b0t, b1t]),
        feature(32, &[b0t, b1t, b2t]),
        feature(97, &[b0.lex.cluster[0]]),
        feature(99, &[b1.lex.cluster[0]]),
    ]);
}

/// All of a state's features: [`stack_features`] and [`buffer_features`].
fn features(ctx: &Context, st: &State, out: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    stack_features(ctx, st, out);
    buffer_features(ctx, st, scratch);
    out.extend_from_slice(scratch);
}

/// The features that read the stack (alone or with the buffer).
fn stack_features(ctx: &Context, st: &State, out: &mut Vec<u64>) {
    let s0i = st.s(0);
    let s1i = st.s(1);
    let s2i = st.s(2);
    let [b0i, b1i, _] = buffer(st);
    let child = |i: u32, side: &[[u32; 2]], k: usize| if i == NONE { NONE } else { side[i as usize][k] };
    let label = |i: u32| {
        if i == NONE {
            0xFFFF
        } else {
            u64::from(st.labels[i as usize])
        }
    };
    let (s0l1, s0l2) = (child(s0i, &st.left, 0), child(s0i, &st.left, 1));
    let (s0r1, s0r2) = (child(s0i, &st.right, 0), child(s0i, &st.right, 1));
    let (b0l1, b0l2) = (child(b0i, &st.left, 0), child(b0i, &st.left, 1));
    let s1r1 = child(s1i, &st.right, 0);
    let s1l1 = child(s1i, &st.left, 0);
    let (s0, s1, s2, b0, b1) = (
        ctx.word(s0i),
        ctx.word(s1i),
        ctx.word(s2i),
        ctx.word(b0i),
        ctx.word(b1i),
    );
    let (s0w, s0t, s1w, s1t, b0w, b0t) = (s0.lex.lower, s0.xpos, s1.lex.lower, s1.xpos, b0.lex.lower, b0.xpos);
    let (b1t, s2t) = (b1.xpos, s2.xpos);
    let t = |i: u32| ctx.word(i).xpos;
    let w = |i: u32| ctx.word(i).lex.lower;
    let d = if s0i == NONE {
        0xFF
    } else {
        dist_bin(st.b - s0i as usize)
    };
    let d2 = if s1i == NONE {
        0xFF
    } else {
        dist_bin((s0i - s1i) as usize)
    };
    let val = |i: u32, v: &[u8]| if i == NONE { 0xFF } else { u64::from(v[i as usize]) };
    let set = |i: u32, v: &[u64]| if i == NONE { 0xFF } else { v[i as usize] };
    let (s0vl, s0vr, b0vl, s1vr) = (
        val(s0i, &st.nleft),
        val(s0i, &st.nright),
        val(b0i, &st.nleft),
        val(s1i, &st.nright),
    );
    out.clear();
    out.extend_from_slice(&[
        feature(1, &[s0w]),
        feature(2, &[s0t]),
        feature(3, &[s0w, s0t]),
        feature(4, &[s1w]),
        feature(5, &[s1t]),
        feature(6, &[s1w, s1t]),
        feature(15, &[s2t]),
        feature(16, &[s2.lex.lower]),
        feature(17, &[s0w, s0t, b0w, b0t]),
        feature(18, &[s0w, s0t, b0w]),
        feature(19, &[s0w, b0w, b0t]),
        feature(20, &[s0w, s0t, b0t]),
        feature(21, &[s0t, b0w, b0t]),
        feature(22, &[s0w, b0w]),
        feature(23, &[s0t, b0t]),
        feature(25, &[s0t, s1t]),
        feature(26, &[s0w, s1w]),
        feature(27, &[s0w, s0t, s1t]),
        feature(28, &[s0t, s1w, s1t]),
        feature(29, &[s1w, s1t, s0w, s0t]),
        feature(30, &[s1t, b0t]),
        feature(31, &[s1w, b0w]),
        feature(33, &[s0t, b0t, b1t]),
        feature(34, &[s1t, s0t, b0t]),
        feature(35, &[s2t, s1t, s0t]),
        feature(36, &[s0t, t(s0l1), b0t]),
        feature(37, &[s0t, t(s0r1), b0t]),
        feature(38, &[s0t, t(s0l1), t(s0l2)]),
        feature(39, &[s0t, t(s0r1), t(s0r2)]),
        feature(40, &[b0t, t(b0l1), t(b0l2)]),
        feature(41, &[s1t, t(s1r1), s0t]),
        feature(42, &[s1t, s0t, t(s0l1)]),
        feature(43, &[s1t, s0t, t(s0r1)]),
        feature(44, &[s0w, d]),
        feature(45, &[s0t, d]),
        feature(46, &[b0w, d]),
        feature(47, &[b0t, d]),
        feature(48, &[s0w, b0w, d]),
        feature(49, &[s0t, b0t, d]),
        feature(50, &[s1t, s0t, d2]),
        feature(51, &[s1w, s0w, d2]),
        feature(52, &[s0w, s0vl]),
        feature(53, &[s0w, s0vr]),
        feature(54, &[s0t, s0vl]),
        feature(55, &[s0t, s0vr]),
        feature(56, &[b0w, b0vl]),
        feature(57, &[b0t, b0vl]),
        feature(58, &[s1t, s1vr]),
        feature(59, &[s1w, s1vr]),
        feature(60, &[w(s0l1)]),
        feature(61, &[t(s0l1)]),
        feature(62, &[label(s0l1)]),
        feature(63, &[w(s0r1)]),
        feature(64, &[t(s0r1)]),
        feature(65, &[label(s0r1)]),
        feature(66, &[w(b0l1)]),
        feature(67, &[t(b0l1)]),
        feature(68, &[label(b0l1)]),
        feature(69, &[t(s0l2)]),
        feature(70, &[label(s0l2)]),
        feature(71, &[t(s0r2)]),
        feature(72, &[label(s0r2)]),
        feature(73, &[t(b0l2)]),
        feature(74, &[label(b0l2)]),
        feature(75, &[t(s1r1)]),
        feature(76, &[label(s1r1)]),
        feature(77, &[t(s1l1), label(s1l1)]),
        feature(78, &[s0t, label(s0l1), label(s0l2)]),
        feature(79, &[s0t, label(s0r1), label(s0r2)]),
        feature(80, &[b0t, label(b0l1), label(b0l2)]),
        feature(81, &[s0w, set(s0i, &st.left_set)]),
        feature(82, &[s0t, set(s0i, &st.left_set)]),
        feature(83, &[s0w, set(s0i, &st.right_set)]),
        feature(84, &[s0t, set(s0i, &st.right_set)]),
        feature(85, &[b0w, set(b0i, &st.left_set)]),
        feature(86, &[b0t, set(b0i, &st.left_set)]),
        feature(87, &[s1t, set(s1i, &st.right_set)]),
        feature(88, &[s0.upos, b0.upos]),
        feature(89, &[s1.upos, s0.upos, b0.upos]),
        feature(90, &[s0.upos, b0.upos, b1.upos]),
        feature(91, &[s0.lex.suffix[2], b0t]),
        feature(92, &[b0.lex.suffix[2], s0t]),
        feature(93, &[s0t, label(s0r1), b0t]),
        feature(94, &[s0t, s0vr, b0t, d]),
        feature(95, &[s0.lex.shape, b0.lex.shape]),
        feature(96, &[s0.lex.cluster[0]]),
        feature(98, &[s1.lex.cluster[0]]),
        feature(100, &[s0.lex.cluster[1], b0.lex.cluster[1]]),
        feature(101, &[s0.lex.cluster[0], b0t]),
        feature(102, &[s0t, b0.lex.cluster[0]]),
        feature(103, &[s1.lex.cluster[1], s0.lex.cluster[1]]),
        feature(104, &[s0.lex.cluster[1], b0.lex.cluster[1], b1.lex.cluster[1]]),
    ]);
}

impl Parser {
    fn context(words: &[Word]) -> Context<'_> {
        let root = Lexeme::root();
        let none_hash = hash_str("<NONE>");
        let none = Lexeme::filled(none_hash, 0);
        Context {
            words,
            root_word: Word {
                lex: root,
                xpos: root.lower,
                upos: root.lower,
            },
            none_word: Word {
                lex: none,
                xpos: none_hash,
                upos: none_hash,
            },
        }
    }

    fn classes(&self) -> usize {
        1 + 2 * self.labels.len()
    }

    /// Parses tagged words; returns 1-based heads (0 = root) and label indices.
    pub(crate) fn parse(&self, words: &[Word]) -> (Vec<usize>, Vec<usize>) {
        let n = words.len();
        let ctx = Parser::context(words);
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(100);
        let mut scores = vec![0i32; self.classes()];
        // The buffer features' scores, for the buffer position `scored_at`.
        let (mut buffer_scores, mut scored_at) = (scores.clone(), usize::MAX);
        while !st.terminal() {
            let action = match st.forced(self.root) {
                Some(action) => action,
                None => {
                    if scored_at != st.b {
                        buffer_features(&ctx, &st, &mut feats);
                        buffer_scores.iter_mut().for_each(|s| *s = 0);
                        self.weights.score(&feats, &mut buffer_scores);
                        scored_at = st.b;
                    }
                    stack_features(&ctx, &st, &mut feats);
                    scores.copy_from_slice(&buffer_scores);
                    self.weights.score(&feats, &mut scores);
                    best_valid(&st, &scores, self.root)
                }
            };
            st.apply(action);
        }
        let heads = (0..n)
            .map(|i| {
                if st.heads[i] as usize >= n {
                    0
                } else {
                    st.heads[i] as usize + 1
                }
            })
            .collect();
        let labels = (0..n).map(|i| st.labels[i] as usize).collect();
        (heads, labels)
    }

    pub(crate) fn train(
        trees: &[GoldTree],
        labels: &[String],
        epochs: usize,
        runs: usize,
        explore: f64,
        min_updates: u32,
        rng: &mut Rng,
    ) -> Parser {
        let root = labels.iter().position(|l| l == "root").unwrap_or(0);
        let classes = 1 + 2 * labels.len();
        let trainers: Vec<Trainer> = (0..runs.max(1))
            .map(|_| Parser::train_run(trees, classes, root, epochs, explore, rng))
            .collect();
        let refs: Vec<&Trainer> = trainers.iter().collect();
        Parser {
            labels: labels.to_vec(),
            root,
            weights: Trainer::finish_all(&refs, min_updates),
            corrector: None,
            label_ids: LabelIds::new(labels),
        }
    }

    /// One run of dynamic-oracle training over the trees in a fresh shuffled order.
    fn train_run(
        trees: &[GoldTree],
        classes: usize,
        root: usize,
        epochs: usize,
        explore: f64,
        rng: &mut Rng,
    ) -> Trainer {
        let mut trainer = Trainer::new(classes);
        let mut order: Vec<usize> = (0..trees.len()).collect();
        let mut feats = Vec::with_capacity(100);
        let mut scratch = Vec::with_capacity(16);
        let mut scores = vec![0i32; classes];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let tree = &trees[s];
                let n = tree.words.len();
                let ctx = Parser::context(&tree.words);
                let mut st = State::new(n);
                while !st.terminal() {
                    features(&ctx, &st, &mut feats, &mut scratch);
                    scores.iter_mut().for_each(|s| *s = 0);
                    trainer.score(&feats, &mut scores);
                    let guess = best_valid(&st, &scores, root);
                    let base = st.costs(&tree.heads);
                    let s0 = st.s(0);
                    let s1 = st.s(1);
                    let cost = |action: usize| -> u32 {
                        if action == SHIFT {
                            return base[0];
                        }
                        let label = (action - 1) / 2;
                        let left = action % 2 == 1;
                        let head = if left { st.b as u32 } else { s1 };
                        let arc = if left { base[1] } else { base[2] };
                        let wrong_label = tree.heads[s0 as usize] == head && tree.labels[s0 as usize] as usize != label;
                        arc + wrong_label as u32
                    };
                    let mut best_gold = usize::MAX;
                    let mut min_cost = u32::MAX;
                    for a in 0..classes {
                        if !st.valid(a, root) {
                            continue;
                        }
                        let c = cost(a);
                        if c < min_cost || (c == min_cost && scores[a] > scores[best_gold]) {
                            min_cost = c;
                            best_gold = a;
                        }
                    }
                    trainer.tick();
                    let next = if cost(guess) == min_cost {
                        guess
                    } else {
                        trainer.update(&feats, best_gold, guess);
                        if epoch > 0 && rng.unit() < explore {
                            guess
                        } else {
                            best_gold
                        }
                    };
                    st.apply(next);
                }
            }
        }
        trainer
    }

    /// Lets the corrector re-attach words of a parse (see [`Corrector::correct`]).
    pub(crate) fn correct(&self, words: &[Word], heads: &mut [usize], labels: &mut [usize]) {
        if let Some(corrector) = &self.corrector {
            corrector.correct(words, heads, labels, &self.label_ids);
        }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.strs(&self.labels);
        self.weights.encode(out);
        out.uint(u64::from(self.corrector.is_some()));
        if let Some(corrector) = &self.corrector {
            corrector.encode(out);
        }
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Parser, ParseError> {
        let labels = input.strs()?;
        let root = labels
            .iter()
            .position(|l| l == "root")
            .ok_or_else(|| ParseError::Corrupt("no root label".into()))?;
        let weights = Weights::decode(input)?;
        if weights.classes() != 1 + 2 * labels.len() {
            return Err(ParseError::Corrupt("parser weights do not match its labels".into()));
        }
        let corrector = match input.uint()? {
            0 => None,
            1 => Some(Corrector::decode(input)?),
            _ => return Err(ParseError::Corrupt("bad corrector flag".into())),
        };
        let label_ids = LabelIds::new(&labels);
        Ok(Parser {
            labels,
            root,
            weights,
            corrector,
            label_ids,
        })
    }

    pub(crate) fn memory(&self) -> usize {
        self.weights.memory() + self.corrector.as_ref().map_or(0, Corrector::memory)
    }
}

fn best_valid(st: &State, scores: &[i32], root: usize) -> usize {
    let mut best = usize::MAX;
    for (a, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > scores[best]) && st.valid(a, root) {
            best = a;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A forced action is exactly the one valid action, and states with a choice have none.
    #[test]
    fn forced_is_the_only_valid_action() {
        let root = 3;
        let classes = 1 + 2 * 5;
        let mut st = State::new(2);
        let mut seen_choice = false;
        // SHIFT, SHIFT, RIGHT-ARC (label 0), LEFT-ARC to the root: every kind of state.
        for action in [SHIFT, SHIFT, 2, 1 + 2 * root] {
            let valid: Vec<usize> = (0..classes).filter(|&a| st.valid(a, root)).collect();
            match st.forced(root) {
                Some(forced) => assert_eq!(valid, vec![forced]),
                None => {
                    assert!(valid.len() > 1, "{valid:?}");
                    seen_choice = true;
                }
            }
            assert!(valid.contains(&action));
            st.apply(action);
        }
        assert!(st.terminal());
        assert!(seen_choice);
    }

    /// Parsing, which scores the buffer features once per buffer position and skips forced
    /// moves, chooses what scoring every state's full feature set would.
    #[test]
    fn cached_buffer_scores_change_no_choice() {
        let model = crate::Model::builtin().unwrap();
        let parser = &model.parser;
        for text in [
            "Velayati on Wednesday met Deputy Foreign Minister Fayssal Mikdad in Tehran .",
            "The two sides reiterated the firm and unequivocal position of their countries .",
            "Hello !",
            "",
        ] {
            let forms: Vec<&str> = text.split_whitespace().collect();
            let (lex, tags) = model.tagged(&forms);
            let words = model.parser_words(&lex, &tags);
            let ctx = Parser::context(&words);
            let mut st = State::new(words.len());
            let (mut feats, mut scratch) = (Vec::new(), Vec::new());
            let mut scores = vec![0; parser.classes()];
            while !st.terminal() {
                features(&ctx, &st, &mut feats, &mut scratch);
                scores.iter_mut().for_each(|s| *s = 0);
                parser.weights.score(&feats, &mut scores);
                st.apply(best_valid(&st, &scores, parser.root));
            }
            let heads: Vec<usize> = st.heads[..words.len()]
                .iter()
                .map(|&h| if h as usize >= words.len() { 0 } else { h as usize + 1 })
                .collect();
            let labels: Vec<usize> = st.labels[..words.len()].iter().map(|&l| l as usize).collect();
            assert_eq!(parser.parse(&words), (heads, labels), "{text}");
        }
    }
}
