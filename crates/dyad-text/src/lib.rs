//! dyad's text stage: a document's body regions → sentences of tokens, all byte spans into
//! the original text.
//!
//! Tokens follow UD English EWT (the treebank our tagger and parser learn from), because a
//! parser sees its training tokenization best; sentence boundaries follow newswire
//! conventions (abbreviations, initials, quotations, one-paragraph-per-line reports). Both
//! run in one linear pass without regexes: see [`tokenize`] and [`segment`].

mod abbrev;
mod split;
mod tokenize;

use dyad_core::{Sentence, Span, Token};

/// The sentences inside `regions` of `text` (the parts to code, from
/// `Document::body_regions()`: disjoint and in text order), each with its tokens.
///
/// A sentence never crosses a region boundary, and the first sentence of a region starts a
/// paragraph. Sentences without a word token (a row of dots, a lone dash) are left out.
/// Regions out of range or off character boundaries are clamped, never a panic.
///
/// ```
/// use dyad_core::Span;
/// let text = "\"Syria's credibility is greater,\" the Leader noted. Mr. Assad agreed.";
/// let sentences = dyad_text::segment(text, &[Span::new(0, text.len())]);
/// assert_eq!(sentences.len(), 2);
/// assert_eq!(sentences[1].words(text), ["Mr.", "Assad", "agreed", "."]);
/// ```
pub fn segment(text: &str, regions: &[Span]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut pieces = Vec::new();
    for &region in regions {
        pieces.clear();
        tokenize::tokenize_into(text, region, &mut pieces);
        split::split_region(text, &pieces, &mut sentences);
    }
    sentences
}

/// The tokens of `text[span]` in EWT style, without sentence splitting.
///
/// Unlike [`segment`], an abbreviation at the very end keeps its period ("Inc."); `segment`
/// splits it off when the abbreviation ends a sentence, as EWT does.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut pieces = Vec::new();
    tokenize::tokenize_into(text, span, &mut pieces);
    pieces.into_iter().map(|piece| Token { span: piece.span }).collect()
}
