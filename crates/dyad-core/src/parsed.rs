//! A sentence after tagging, lemmatization and dependency parsing.
//!
//! This is the type later stages read. It comes either from dyad's own parser or from a
//! CoNLL-U file, so actors and events can be tested on gold trees.

use crate::Span;

/// One analysed token. Tags follow Universal Dependencies: `upos` is a UPOS tag ("PROPN"),
/// `xpos` a Penn Treebank tag ("NNP"), `deprel` a UD relation with subtype ("nsubj:pass").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedToken {
    pub form: String,
    /// Where the token sits in the document text (or in the text rebuilt from CoNLL-U).
    pub span: Span,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// UD morphological features (`Tense=Past|VerbForm=Fin`), `_` when none.
    pub feats: String,
    /// 1-based index of the head token; 0 for the root.
    pub head: usize,
    pub deprel: String,
}

/// An analysed sentence: tokens with tags, lemmas and a dependency tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedSentence {
    /// 0-based index of the sentence in its document.
    pub index: usize,
    pub span: Span,
    pub tokens: Vec<ParsedToken>,
}

impl ParsedSentence {
    /// 0-based indices of the dependents of token `i` (0-based), in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.head == i + 1)
            .map(|(j, _)| j)
    }

    /// 0-based index of the head of token `i`, or `None` for the root.
    pub fn head_of(&self, i: usize) -> Option<usize> {
        self.tokens[i].head.checked_sub(1)
    }

    /// 0-based index of the root token, if the tree has one.
    pub fn root(&self) -> Option<usize> {
        self.tokens.iter().position(|t| t.head == 0)
    }

    /// The span covering token `i` and all its descendants (the phrase it heads).
    pub fn subtree_span(&self, i: usize) -> Span {
        let mut span = self.tokens[i].span;
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            for k in self.children(j) {
                span = span.cover(self.tokens[k].span);
                stack.push(k);
            }
        }
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(form: &str, start: usize, head: usize, deprel: &str) -> ParsedToken {
        ParsedToken {
            form: form.into(),
            span: Span::new(start, start + form.len()),
            head,
            deprel: deprel.into(),
            ..ParsedToken::default()
        }
    }

    #[test]
    fn tree_navigation() {
        // "Velayati met Mikdad ."
        let s = ParsedSentence {
            index: 0,
            span: Span::new(0, 21),
            tokens: vec![
                token("Velayati", 0, 2, "nsubj"),
                token("met", 9, 0, "root"),
                token("Mikdad", 13, 2, "obj"),
                token(".", 20, 2, "punct"),
            ],
        };
        assert_eq!(s.root(), Some(1));
        assert_eq!(s.children(1).collect::<Vec<_>>(), vec![0, 2, 3]);
        assert_eq!(s.head_of(0), Some(1));
        assert_eq!(s.head_of(1), None);
        assert_eq!(s.subtree_span(1), Span::new(0, 21));
        assert_eq!(s.subtree_span(2), Span::new(13, 19));
    }
}
