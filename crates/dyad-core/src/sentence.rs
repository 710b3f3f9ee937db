//! Sentences and tokens as the text stage finds them: spans only, no analysis yet.

use crate::Span;

/// A token: a byte range into the document text. Its surface is `&text[span]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

/// A sentence: its extent and its tokens, all as spans into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Vec<Token>,
    /// True when the sentence starts a paragraph (after a blank line or a line break
    /// that ends a paragraph).
    pub paragraph_start: bool,
}

impl Sentence {
    /// The surfaces of the tokens, in order: what the tagger and parser read.
    pub fn words<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.tokens.iter().map(|t| &text[t.span.start..t.span.end]).collect()
    }
}
