//! Shared checks for the integration tests: the span invariants every segmentation keeps.

use dyad_core::{Sentence, Span};

/// Asserts what every segmentation of `text` within `regions` must satisfy: each token's
/// span lies in its sentence, is a non-empty run without whitespace on char boundaries,
/// tokens are in order without overlap, and sentences stay inside one region, in order.
pub fn assert_spans_valid(name: &str, text: &str, regions: &[Span], sentences: &[Sentence]) {
    let mut previous_end = 0;
    for sentence in sentences {
        let span = sentence.span;
        assert!(
            span.start >= previous_end,
            "{name}: sentence {span:?} overlaps the one before"
        );
        assert!(
            regions.iter().any(|region| region.contains(span)),
            "{name}: sentence {span:?} crosses a region boundary"
        );
        assert!(!sentence.tokens.is_empty(), "{name}: sentence {span:?} has no tokens");
        assert_eq!(
            sentence.tokens[0].span.start, span.start,
            "{name}: sentence {span:?} does not start at its first token"
        );
        assert_eq!(
            sentence.tokens.last().unwrap().span.end,
            span.end,
            "{name}: sentence {span:?} does not end at its last token"
        );
        let mut token_end = span.start;
        for token in &sentence.tokens {
            let surface = token
                .span
                .slice(text)
                .unwrap_or_else(|| panic!("{name}: token {:?} off char boundaries", token.span));
            assert_eq!(&text[token.span.start..token.span.end], surface);
            assert!(!surface.is_empty(), "{name}: empty token at {:?}", token.span);
            assert!(
                !surface.chars().any(char::is_whitespace),
                "{name}: token {surface:?} holds whitespace"
            );
            assert!(
                span.contains(token.span),
                "{name}: token {surface:?} outside its sentence {span:?}"
            );
            assert!(
                token.span.start >= token_end,
                "{name}: token {surface:?} overlaps the one before"
            );
            token_end = token.span.end;
        }
        assert!(
            sentence
                .tokens
                .iter()
                .any(|t| text[t.span.start..t.span.end].chars().any(char::is_alphanumeric)),
            "{name}: sentence {span:?} has no word"
        );
        previous_end = span.end;
    }
}
