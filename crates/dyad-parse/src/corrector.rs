//! Attachment correction after parsing (Hall & Novák 2005; Attardi & Ciaramita 2007).
//!
//! A greedy parser attaches each word before it has read the rest of the sentence, so
//! many of its mistakes are one level off: a phrase hung from the noun below the verb it
//! belongs to, or from the wrong one of two sister words. Once the whole tree is built, a
//! second model looks at each word again and ranks its parser-given head against that
//! head's own head and the head's nearest other dependents, with features of the finished tree
//! (what the candidate already governs, the verbs and marks in between, the word's
//! preposition). It learns from parses of the training sentences by parsers that never
//! saw them (jackknifed), so it learns this parser's real mistakes, and it moves a word
//! only when the new head wins by a margin, and only for the labels worth it, both chosen
//! on held-out training parses.

use crate::format::{Decoder, Encoder};
use crate::lexical::{feature, hash_str};
use crate::parser::Word;
use crate::perceptron::{Trainer, Weights};
use crate::train::{upos_hash, Rng};
use crate::ParseError;

/// Where a candidate head sits relative to the parser's head of the word.
const HEAD: u64 = 0;
const GRANDPARENT: u64 = 1;
const SISTER: u64 = 2;

/// Features updated only once in training are left out: they are half the table and
/// noise, and a smaller table stays in cache.
pub(crate) const MIN_UPDATES: u32 = 2;

/// The fewest heads a label's moves must fix (net, per word with a choice) on held-out
/// parses for its words to be revised at all: each revised word costs as much to score,
/// and labels below this (determiners, subjects, modifiers, …) are most of the words.
const MIN_FIX_RATE: f64 = 0.002;

/// Margins tried on held-out training parses, in averaged-perceptron units.
const MARGINS: [f64; 8] = [0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0];

/// The labels the corrector reads or rewrites, by their index in the parser's labels.
#[derive(Clone)]
pub(crate) struct LabelIds {
    case: Option<usize>,
    mark: Option<usize>,
    obl: Option<usize>,
    nmod: Option<usize>,
    /// Bits (label index mod 64) of the labels whose presence under a candidate says
    /// most about whether it takes another dependent: arguments, clauses, copulas.
    core: u64,
    /// Labels whose dependent always follows its head in UD (`conj`, `appos`, `flat`,
    /// `fixed`, `goeswith`, with their subtypes): no move may put such a word before it.
    head_first: Vec<bool>,
}

impl LabelIds {
    pub(crate) fn new(labels: &[String]) -> LabelIds {
        let find = |name: &str| labels.iter().position(|l| l == name);
        let core = labels
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let base = l.split(':').next().unwrap_or(l);
                matches!(
                    base,
                    "obj" | "obl" | "nmod" | "nsubj" | "iobj" | "ccomp" | "xcomp" | "conj" | "cop" | "case"
                )
            })
            .fold(0u64, |bits, (i, _)| bits | 1 << (i % 64));
        let head_first = labels
            .iter()
            .map(|l| {
                let base = l.split(':').next().unwrap_or(l);
                matches!(base, "conj" | "appos" | "flat" | "fixed" | "goeswith")
            })
            .collect();
        LabelIds {
            case: find("case"),
            mark: find("mark"),
            obl: find("obl"),
            nmod: find("nmod"),
            core,
            head_first,
        }
    }
}

/// Part-of-speech tags the corrector's decisions depend on (as `train::word` hashes them).
#[derive(Clone, Copy)]
struct Tags {
    punct: u64,
    verb: u64,
    aux: u64,
    nominal: [u64; 4],
}

impl Tags {
    fn new() -> Tags {
        Tags {
            punct: upos_hash("PUNCT"),
            verb: upos_hash("VERB"),
            aux: upos_hash("AUX"),
            nominal: ["NOUN", "PROPN", "PRON", "NUM"].map(upos_hash),
        }
    }
}

/// A parsed sentence as the corrector reads it. Nodes are 1-based (0 is the root), as
/// the parser returns heads.
struct View<'a> {
    words: &'a [Word],
    heads: &'a [usize],
    labels: &'a [usize],
    punct: Vec<bool>,
    /// Each node's dependents: `dependents[first[k]..first[k + 1]]`.
    dependents: Vec<usize>,
    first: Vec<usize>,
    /// The lowercased form of each node's leftmost `case` or `mark` dependent.
    marker: Vec<u64>,
    /// Verbs and punctuation among nodes `1..=k`, for counting what lies between two words.
    verbs_upto: Vec<u32>,
    punct_upto: Vec<u32>,
}

impl<'a> View<'a> {
    fn new(words: &'a [Word], heads: &'a [usize], labels: &'a [usize], ids: &LabelIds, tags: &Tags) -> View<'a> {
        let n = words.len();
        let mut first = vec![0usize; n + 2];
        for &h in heads {
            first[h + 1] += 1;
        }
        for k in 1..=n + 1 {
            first[k] += first[k - 1];
        }
        let mut dependents = vec![0usize; n];
        let mut next = first.clone();
        let none = hash_str("<NO-MARKER>");
        let mut marker = vec![none; n + 1];
        for k in 1..=n {
            let h = heads[k - 1];
            dependents[next[h]] = k;
            next[h] += 1;
            let l = Some(labels[k - 1]);
            if h != 0 && marker[h] == none && (l == ids.case || l == ids.mark) {
                marker[h] = words[k - 1].lex.lower;
            }
        }
        let punct: Vec<bool> = words.iter().map(|w| w.upos == tags.punct).collect();
        let mut verbs_upto = vec![0u32; n + 1];
        let mut punct_upto = vec![0u32; n + 1];
        for k in 1..=n {
            let w = &words[k - 1];
            verbs_upto[k] = verbs_upto[k - 1] + u32::from(w.upos == tags.verb || w.upos == tags.aux);
            punct_upto[k] = punct_upto[k - 1] + u32::from(punct[k - 1]);
        }
        View {
            words,
            heads,
            labels,
            punct,
            dependents,
            first,
            marker,
            verbs_upto,
            punct_upto,
        }
    }

    fn children(&self, k: usize) -> &[usize] {
        &self.dependents[self.first[k]..self.first[k + 1]]
    }

    fn word(&self, k: usize) -> &Word {
        &self.words[k - 1]
    }

    /// Node `d`'s candidate heads with their kinds, the parser's head first; empty when
    /// there is nothing to choose (punctuation, the root, no other candidate).
    fn candidates(&self, d: usize, out: &mut Vec<(usize, u64)>) {
        out.clear();
        let h = self.heads[d - 1];
        if self.punct[d - 1] || h == 0 {
            return;
        }
        out.push((h, HEAD));
        let g = self.heads[h - 1];
        if g != 0 && !creates_cycle(self.heads, g, d) {
            out.push((g, GRANDPARENT));
        }
        // The nearest sister on each side: farther ones gained nothing on held-out parses
        // and cost as much to score.
        let sisters = self.children(h);
        let split = sisters.partition_point(|&s| s < d);
        let left = sisters[..split].iter().rev().find(|&&s| !self.punct[s - 1]);
        let right = sisters[split..].iter().find(|&&s| s != d && !self.punct[s - 1]);
        for &s in left.into_iter().chain(right) {
            out.push((s, SISTER));
        }
        if out.len() < 2 {
            out.clear();
        }
    }

    /// The features of attaching node `d` to candidate `c` of kind `kind`.
    fn features(&self, d: usize, c: usize, kind: u64, ids: &LabelIds, out: &mut Vec<u64>) {
        let (wd, wc, wh) = (self.word(d), self.word(c), self.word(self.heads[d - 1]));
        let (lo, hi) = (c.min(d), c.max(d));
        let dir = u64::from(c < d);
        let dist = match hi - lo {
            x @ 0..=4 => x as u64,
            5..=7 => 5,
            8..=14 => 6,
            _ => 7,
        };
        let verbs = u64::from((self.verbs_upto[hi - 1] - self.verbs_upto[lo]).min(3));
        let marks = u64::from((self.punct_upto[hi - 1] - self.punct_upto[lo]).min(3));
        let (ld, lc) = (self.labels[d - 1] as u64, self.labels[c - 1] as u64);
        let m = self.marker[d];
        let mut kid_labels = 0u64;
        for &k in self.children(c) {
            if k != d {
                kid_labels |= 1 << (self.labels[k - 1] % 64);
            }
        }
        let core = kid_labels & ids.core;
        let (du, cu, dl, cl) = (wd.upos, wc.upos, wd.lex.lower, wc.lex.lower);
        out.clear();
        out.extend_from_slice(&[
            feature(301, &[kind, ld]),
            feature(302, &[dir, dist, du, cu]),
            feature(303, &[wd.xpos, wc.xpos, dir]),
            feature(304, &[dl, cu, dir]),
            feature(305, &[du, cl, dir]),
            feature(306, &[m, cl]),
            feature(307, &[m, cu, kind]),
            feature(308, &[lc, ld, kind]),
            feature(309, &[verbs, du, cu, dir]),
            feature(310, &[marks, ld, kind]),
            feature(311, &[core, ld, cu]),
            feature(312, &[du, wh.upos, cu, kind]),
        ]);
    }
}

/// One word's choice: its candidates' features, and (in training) which is the gold head.
struct Instance {
    features: Vec<Vec<u64>>,
    /// The gold head's place among the candidates, if it is one.
    gold: Option<usize>,
    /// Whether the parser's head (candidate 0) is the gold head.
    parser_right: bool,
    /// The parser's label of the word.
    label: usize,
}

/// A jackknifed parse of a training sentence with its gold heads (1-based, 0 the root).
pub(crate) struct TrainingParse<'a> {
    pub(crate) words: &'a [Word],
    pub(crate) heads: Vec<usize>,
    pub(crate) labels: Vec<usize>,
    pub(crate) gold: Vec<usize>,
}

pub(crate) struct Corrector {
    weights: Weights,
    /// How much more than the parser's head a candidate must score to replace it.
    margin: i32,
    /// The parser labels (by index) of the words worth a second look: those whose moves
    /// fixed enough more heads than they broke on held-out parses (see `MIN_FIX_RATE`).
    /// The others (determiners, subjects, modifiers, …) are skipped: three quarters of the
    /// words, and of the time the corrector would take.
    revisable: Vec<bool>,
    /// Hashed once here rather than for every sentence.
    tags: Tags,
}

impl Corrector {
    /// Learns from jackknifed parses; the margin comes from training on three quarters of
    /// the sentences and counting, on the rest, the heads each margin would fix and break.
    /// `labels` is how many labels the parser has; features updated fewer than
    /// `min_updates` times are left out.
    pub(crate) fn train(
        parses: &[TrainingParse],
        ids: &LabelIds,
        labels: usize,
        (epochs, min_updates): (usize, u32),
        seed: u64,
    ) -> Corrector {
        let tags = Tags::new();
        let instances: Vec<(usize, Instance)> = parses
            .iter()
            .enumerate()
            .flat_map(|(s, p)| instances(p, ids, &tags).into_iter().map(move |i| (s, i)))
            .collect();
        // Sentences `s % 4 == 3` are held out to choose the labels and the margin; the
        // final model learns from all of them.
        let part = |held: Option<bool>, revisable: &[bool]| -> Vec<&Instance> {
            instances
                .iter()
                .filter(|(s, i)| held.is_none_or(|h| (s % 4 == 3) == h) && revisable[i.label])
                .map(|(_, i)| i)
                .collect()
        };
        let every = vec![true; labels];
        let (weights, scale) = learn(&part(Some(false), &every), epochs, seed).finish_scaled(min_updates);
        let leads = held_out_leads(&weights, scale, &part(Some(true), &every));
        let margin = choose_margin(&leads);
        let (mut net, mut seen) = (vec![0i64; labels], vec![0i64; labels]);
        for &(lead, gain, label) in &leads {
            seen[label] += 1;
            if lead > margin {
                net[label] += i64::from(gain);
            }
        }
        let revisable: Vec<bool> = net
            .iter()
            .zip(&seen)
            .map(|(&n, &s)| n > 0 && n as f64 >= MIN_FIX_RATE * s as f64)
            .collect();
        // Learned again on the revisable labels' words alone, with its own margin.
        let (weights, scale) = learn(&part(Some(false), &revisable), epochs, seed).finish_scaled(min_updates);
        let margin = choose_margin(&held_out_leads(&weights, scale, &part(Some(true), &revisable)));
        let (weights, scale) = learn(&part(None, &revisable), epochs, seed).finish_scaled(min_updates);
        Corrector {
            weights,
            margin: (margin * scale).round() as i32,
            revisable,
            tags,
        }
    }

    /// Re-attaches the words of a parsed sentence whose better head the corrector finds,
    /// strongest changes first, never making a cycle or putting a `conj`, `appos`, `flat`,
    /// `fixed` or `goeswith` before its head. `heads` are 1-based (0 the root); an
    /// `obl` moved under a nominal becomes `nmod` and an `nmod` moved under a predicate
    /// becomes `obl`, as UD distinguishes them by their head.
    pub(crate) fn correct(&self, words: &[Word], heads: &mut [usize], labels: &mut [usize], ids: &LabelIds) {
        let original = heads.to_vec();
        let view = View::new(words, &original, labels, ids, &self.tags);
        // Every word's candidates are scored in one pass over the weights: the lookups'
        // memory misses overlap instead of following one another.
        let (mut cands, mut feats) = (Vec::new(), Vec::new());
        let (mut choices, mut all, mut targets) = (Vec::new(), Vec::new(), Vec::new());
        for d in 1..=words.len() {
            if !self.revisable.get(labels[d - 1]).copied().unwrap_or(false) {
                continue;
            }
            view.candidates(d, &mut cands);
            for &(c, kind) in &cands {
                view.features(d, c, kind, ids, &mut feats);
                all.extend_from_slice(&feats);
                targets.extend(std::iter::repeat_n(choices.len() as u32, feats.len()));
                choices.push((d, c));
            }
        }
        let mut scores = vec![0i32; choices.len()];
        self.weights.score_each(&all, &targets, &mut scores);
        let mut moves = Vec::new();
        let mut at = 0;
        while at < choices.len() {
            let (d, _) = choices[at];
            let end = at + choices[at..].iter().take_while(|&&(e, _)| e == d).count();
            let rival = (at + 1..end).max_by_key(|&j| (scores[j], std::cmp::Reverse(j)));
            if let Some(j) = rival {
                let lead = scores[j] - scores[at];
                if lead > self.margin {
                    moves.push((lead, d, choices[j].1));
                }
            }
            at = end;
        }
        moves.sort_by_key(|&(gain, d, _)| (std::cmp::Reverse(gain), d));
        for (_, d, c) in moves {
            let head_first = ids.head_first.get(labels[d - 1]).copied().unwrap_or(false);
            if (head_first && c > d) || creates_cycle(heads, c, d) {
                continue;
            }
            heads[d - 1] = c;
            let nominal = self.tags.nominal.contains(&words[c - 1].upos);
            let l = Some(labels[d - 1]);
            if nominal && l == ids.obl {
                labels[d - 1] = ids.nmod.unwrap_or(labels[d - 1]);
            } else if !nominal && l == ids.nmod {
                labels[d - 1] = ids.obl.unwrap_or(labels[d - 1]);
            }
        }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.int(i64::from(self.margin));
        let revisable: Vec<usize> = (0..self.revisable.len()).filter(|&l| self.revisable[l]).collect();
        out.uint(self.revisable.len() as u64);
        out.uint(revisable.len() as u64);
        for l in revisable {
            out.uint(l as u64);
        }
        self.weights.encode(out);
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<Corrector, ParseError> {
        let margin = i32::try_from(input.int()?).map_err(|_| ParseError::Corrupt("corrector margin".into()))?;
        let labels = input.len()?;
        let mut revisable = vec![false; labels];
        for _ in 0..input.len()? {
            let label = input.uint()? as usize;
            *revisable
                .get_mut(label)
                .ok_or_else(|| ParseError::Corrupt("corrector label out of range".into()))? = true;
        }
        let weights = Weights::decode(input)?;
        if weights.classes() != 1 {
            return Err(ParseError::Corrupt("corrector weights must score one class".into()));
        }
        Ok(Corrector {
            weights,
            margin,
            revisable,
            tags: Tags::new(),
        })
    }

    pub(crate) fn memory(&self) -> usize {
        self.weights.memory()
    }
}

/// Whether making `c` the head of `d` closes a cycle in `heads` (1-based, 0 the root).
fn creates_cycle(heads: &[usize], c: usize, d: usize) -> bool {
    let mut x = c;
    for _ in 0..=heads.len() {
        if x == d {
            return true;
        }
        if x == 0 {
            return false;
        }
        x = heads[x - 1];
    }
    true
}

/// Every word of a jackknifed parse that has a choice, with its candidates' features.
fn instances(parse: &TrainingParse, ids: &LabelIds, tags: &Tags) -> Vec<Instance> {
    let view = View::new(parse.words, &parse.heads, &parse.labels, ids, tags);
    let mut out = Vec::new();
    let mut cands = Vec::new();
    for d in 1..=parse.words.len() {
        view.candidates(d, &mut cands);
        if cands.is_empty() {
            continue;
        }
        let features = cands
            .iter()
            .map(|&(c, kind)| {
                let mut f = Vec::new();
                view.features(d, c, kind, ids, &mut f);
                f
            })
            .collect();
        let gold_head = parse.gold[d - 1];
        out.push(Instance {
            features,
            gold: cands.iter().position(|&(c, _)| c == gold_head),
            parser_right: cands[0].0 == gold_head,
            label: parse.labels[d - 1],
        });
    }
    out
}

/// A ranking perceptron over the instances whose gold head is a candidate.
fn learn(instances: &[&Instance], epochs: usize, seed: u64) -> Trainer {
    let mut trainer = Trainer::new(1);
    let mut order: Vec<usize> = (0..instances.len()).filter(|&i| instances[i].gold.is_some()).collect();
    let mut rng = Rng::new(seed);
    let mut score = [0i32];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let inst = instances[i];
            let gold = inst.gold.expect("filtered to instances with a gold candidate");
            trainer.tick();
            let mut best = (i32::MIN, 0);
            for (j, f) in inst.features.iter().enumerate() {
                score[0] = 0;
                trainer.score(f, &mut score);
                if score[0] > best.0 {
                    best = (score[0], j);
                }
            }
            if best.1 != gold {
                for &f in &inst.features[gold] {
                    trainer.adjust(f, 0, 1);
                }
                for &f in &inst.features[best.1] {
                    trainer.adjust(f, 0, -1);
                }
            }
        }
    }
    trainer
}

/// For each held-out word: how far (in averaged-perceptron units) its best rival leads the
/// parser's head, what moving it would do (+1 fixed, -1 broken, 0 neither) and its label.
fn held_out_leads(weights: &Weights, scale: f64, held: &[&Instance]) -> Vec<(f64, i32, usize)> {
    let mut score = [0i32];
    held.iter()
        .map(|inst| {
            let scores: Vec<i32> = inst
                .features
                .iter()
                .map(|f| {
                    score[0] = 0;
                    weights.score(f, &mut score);
                    score[0]
                })
                .collect();
            let (best, &top) = scores
                .iter()
                .enumerate()
                .skip(1)
                .max_by_key(|&(j, s)| (*s, std::cmp::Reverse(j)))
                .expect("instances have at least two candidates");
            let gain = i32::from(inst.gold == Some(best)) - i32::from(inst.parser_right);
            (f64::from(top - scores[0]) / scale, gain, inst.label)
        })
        .collect()
}

/// The margin that fixes the most more heads than it breaks on held-out parses; ties go
/// to the larger margin.
fn choose_margin(leads: &[(f64, i32, usize)]) -> f64 {
    let mut chosen = (i64::MIN, 0.0);
    for &margin in &MARGINS {
        let net: i64 = leads
            .iter()
            .filter(|(lead, _, _)| *lead > margin)
            .map(|&(_, g, _)| i64::from(g))
            .sum();
        if net >= chosen.0 {
            chosen = (net, margin);
        }
    }
    chosen.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexical::Lexeme;
    use crate::train::word;

    fn words(tagged: &[(&str, &str)]) -> Vec<Word> {
        tagged
            .iter()
            .map(|&(form, upos)| word(Lexeme::new(form), &(upos.to_string(), upos.to_string())))
            .collect()
    }

    /// "I saw the man with telescope", tagged.
    const SENTENCE: [(&str, &str); 6] = [
        ("I", "PRON"),
        ("saw", "VERB"),
        ("the", "DET"),
        ("man", "NOUN"),
        ("with", "ADP"),
        ("telescope", "NOUN"),
    ];

    fn labels() -> Vec<String> {
        ["case", "det", "mark", "nmod", "obj", "obl", "punct", "root"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn a_head_inside_the_words_own_subtree_makes_a_cycle() {
        // 1 ← 2 ← 3, 2 the root: 3 under 1 is fine, 2 under 3 is not.
        let heads = [2, 0, 2];
        assert!(!creates_cycle(&heads, 1, 3));
        assert!(creates_cycle(&heads, 3, 2));
        assert!(creates_cycle(&heads, 2, 2));
    }

    #[test]
    fn candidates_are_the_head_its_head_and_sisters_never_punctuation_or_descendants() {
        // saw(2) is the root; man(4) obj of saw; with(5) case of telescope(6); telescope
        // under man; "." under saw; the(3) det of man; I(1) under saw.
        let ws = words(&[SENTENCE.as_slice(), &[(".", "PUNCT")]].concat());
        let heads = [2, 0, 4, 2, 6, 4, 2];
        let ids = LabelIds::new(&labels());
        let l = |name: &str| labels().iter().position(|x| x == name).unwrap();
        let labs = [
            l("obj"),
            l("root"),
            l("det"),
            l("obj"),
            l("case"),
            l("nmod"),
            l("punct"),
        ];
        let view = View::new(&ws, &heads, &labs, &ids, &Tags::new());
        let mut cands = Vec::new();
        view.candidates(6, &mut cands);
        assert_eq!(cands, vec![(4, HEAD), (2, GRANDPARENT), (3, SISTER)]);
        // The root, punctuation and a word whose only other candidates are its own
        // dependents have no choice.
        view.candidates(2, &mut cands);
        assert!(cands.is_empty());
        view.candidates(7, &mut cands);
        assert!(cands.is_empty());
        // "man" may go nowhere but "saw" and its sister "I" (never under "telescope").
        view.candidates(4, &mut cands);
        assert_eq!(cands, vec![(2, HEAD), (1, SISTER)]);
        assert_eq!(view.marker[6], Lexeme::new("with").lower);
    }

    /// Trained on parses that hang every "with" phrase from the object where the gold tree
    /// hangs it from the verb, the corrector learns to move it, and relabels it `obl`.
    #[test]
    fn learns_to_raise_a_phrase_the_parser_hangs_too_low() {
        let ws = words(&SENTENCE);
        let names = labels();
        let l = |name: &str| names.iter().position(|x| x == name).unwrap();
        let ids = LabelIds::new(&names);
        let parsed_heads = vec![2, 0, 4, 2, 6, 4];
        let parsed_labels = vec![l("obj"), l("root"), l("det"), l("obj"), l("case"), l("nmod")];
        let parses: Vec<TrainingParse> = (0..8)
            .map(|_| TrainingParse {
                words: &ws,
                heads: parsed_heads.clone(),
                labels: parsed_labels.clone(),
                gold: vec![2, 0, 4, 2, 6, 2],
            })
            .collect();
        let corrector = Corrector::train(&parses, &ids, names.len(), (3, 1), 1);
        let (mut heads, mut labs) = (parsed_heads.clone(), parsed_labels.clone());
        corrector.correct(&ws, &mut heads, &mut labs, &ids);
        assert_eq!(heads, vec![2, 0, 4, 2, 6, 2]);
        assert_eq!(labs[5], l("obl"));
        // What it learned survives the model file.
        let mut out = Encoder::default();
        corrector.encode(&mut out);
        let decoded = Corrector::decode(&mut Decoder::new(&out.bytes)).unwrap();
        let (mut again, mut again_labels) = (parsed_heads, parsed_labels);
        decoded.correct(&ws, &mut again, &mut again_labels, &ids);
        assert_eq!(again, heads);
    }
}
