//! A read-only view of one document's parsed sentences and mentions, with the lookups quote
//! finding needs (children lists, sentence at a byte offset, mentions by token) built once,
//! so no step is quadratic in sentence length.

use crate::lexicon::Lexicon;
use dyad_core::{Mention, ParsedSentence, Span};
use std::collections::HashMap;

/// One sentence with its dependents lists.
pub(crate) struct Tree<'a> {
    pub sentence: &'a ParsedSentence,
    children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    fn new(sentence: &'a ParsedSentence) -> Tree<'a> {
        let n = sentence.tokens.len();
        let mut children = vec![Vec::new(); n];
        for (i, token) in sentence.tokens.iter().enumerate() {
            if let Some(head) = token.head.checked_sub(1) {
                if head < n && head != i {
                    children[head].push(i);
                }
            }
        }
        Tree { sentence, children }
    }

    pub fn len(&self) -> usize {
        self.sentence.tokens.len()
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        let head = self.sentence.tokens[i].head.checked_sub(1)?;
        (head < self.len() && head != i).then_some(head)
    }

    pub fn deprel(&self, i: usize) -> &str {
        &self.sentence.tokens[i].deprel
    }

    /// The relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn base_deprel(&self, i: usize) -> &str {
        let deprel = self.deprel(i);
        deprel.split(':').next().unwrap_or(deprel)
    }

    pub fn span(&self, i: usize) -> Span {
        self.sentence.tokens[i].span
    }

    pub fn lemma(&self, i: usize) -> String {
        self.sentence.tokens[i].lemma.to_lowercase()
    }

    pub fn is_punct(&self, i: usize) -> bool {
        let token = &self.sentence.tokens[i];
        token.upos == "PUNCT" || (!token.form.is_empty() && token.form.chars().all(|c| !c.is_alphanumeric()))
    }

    /// First and last token of the phrase token `i` heads, skipping the dependents whose
    /// relation is in `skip`. Cycle-safe on malformed trees.
    pub fn extent(&self, i: usize, skip: &[&str]) -> (usize, usize) {
        let (mut first, mut last) = (i, i);
        let mut seen = vec![false; self.len()];
        let mut stack = vec![i];
        seen[i] = true;
        while let Some(j) = stack.pop() {
            first = first.min(j);
            last = last.max(j);
            for &k in self.children(j) {
                let skipped = j == i && (skip.contains(&self.deprel(k)) || skip.contains(&self.base_deprel(k)));
                if !seen[k] && !skipped {
                    seen[k] = true;
                    stack.push(k);
                }
            }
        }
        (first, last)
    }

    /// Is token `i` a reporting verb (lemma in the list, or verb + listed particle)?
    pub fn is_reporting_verb(&self, i: usize) -> bool {
        let token = &self.sentence.tokens[i];
        if !(token.upos == "VERB" || token.xpos.starts_with("VB")) {
            return false;
        }
        let lexicon = Lexicon::get();
        let lemma = self.lemma(i);
        if let Some(particle) = self.particle(i) {
            if lexicon.is_reporting_with(&lemma, &self.lemma(particle)) {
                return true;
            }
        }
        lexicon.is_reporting(&lemma)
    }

    fn particle(&self, i: usize) -> Option<usize> {
        self.children(i)
            .iter()
            .copied()
            .find(|&c| self.deprel(c) == "compound:prt")
    }

    /// The cue as written: the verb, with its particle when that is part of the entry
    /// ("pointed out").
    pub fn cue_span(&self, i: usize) -> Span {
        let lexicon = Lexicon::get();
        match self.particle(i) {
            Some(p) if lexicon.is_reporting_with(&self.lemma(i), &self.lemma(p)) => self.span(i).cover(self.span(p)),
            _ => self.span(i),
        }
    }

    /// Byte span from token `first` to token `last`, both included.
    pub fn tokens_span(&self, first: usize, last: usize) -> Span {
        self.span(first).cover(self.span(last))
    }
}

/// The document: text, trees in order, mentions by sentence.
pub(crate) struct DocView<'a> {
    pub text: &'a str,
    pub trees: Vec<Tree<'a>>,
    mentions: HashMap<usize, Vec<&'a Mention>>,
}

impl<'a> DocView<'a> {
    pub fn new(text: &'a str, sentences: &'a [ParsedSentence], mentions: &'a [Mention]) -> DocView<'a> {
        let mut by_sentence: HashMap<usize, Vec<&Mention>> = HashMap::new();
        for mention in mentions {
            by_sentence.entry(mention.sentence).or_default().push(mention);
        }
        let mut trees: Vec<Tree> = sentences
            .iter()
            .filter(|s| s.span.slice(text).is_some() && s.tokens.iter().all(|t| t.span.slice(text).is_some()))
            .map(Tree::new)
            .collect();
        trees.sort_by_key(|t| t.sentence.span.start);
        DocView {
            text,
            trees,
            mentions: by_sentence,
        }
    }

    /// Position (in `trees`) of the sentence whose span holds byte `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let k = self
            .trees
            .partition_point(|t| t.sentence.span.start <= at)
            .checked_sub(1)?;
        (at < self.trees[k].sentence.span.end).then_some(k)
    }

    /// Mentions of sentence `k` (position in `trees`).
    pub fn mentions(&self, k: usize) -> &[&'a Mention] {
        self.mentions
            .get(&self.trees[k].sentence.index)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The mention that token `i` of sentence `k` heads, or else the smallest one holding it.
    pub fn mention_at(&self, k: usize, i: usize) -> Option<&'a Mention> {
        let mentions = self.mentions(k);
        mentions
            .iter()
            .find(|m| m.head == i)
            .or_else(|| {
                mentions
                    .iter()
                    .filter(|m| m.first <= i && i <= m.last)
                    .min_by_key(|m| m.last - m.first)
            })
            .copied()
    }
}
