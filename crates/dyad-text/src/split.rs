//! Sentence splitting over a region's tokens.
//!
//! Boundaries are decided between consecutive tokens from three things: the whitespace
//! between them (a blank line always ends a sentence; a single line break ends one when the
//! line before it ends like a sentence, or when the lines are too long to be hard-wrapped
//! text, so each line is a paragraph and an unpunctuated one a heading), the token before (final punctuation, possibly
//! followed by closing quotes and brackets; an abbreviation that may end a sentence), and
//! the token after (a capitalised word, a digit, an opening quote or bracket). A quotation
//! therefore keeps its closing quote (`…victory," he said.` stays whole) and a quotation of
//! several sentences splits at its inner sentence ends.

use crate::abbrev::{self, AbbrevEnd};
use crate::tokenize::{Kind, Piece};
use dyad_core::{Sentence, Span, Token};

/// How many line breaks the whitespace `text[from..to]` holds; a blank line counts 2 or more.
fn line_breaks(text: &str, from: usize, to: usize) -> usize {
    let gap = &text.as_bytes()[from..to];
    let mut breaks = 0;
    for (i, &b) in gap.iter().enumerate() {
        match b {
            b'\n' => breaks += 1,
            b'\r' if gap.get(i + 1) != Some(&b'\n') => breaks += 1,
            _ => {}
        }
    }
    // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (UTF-8 E2 80 A8/A9).
    if gap.len() >= 3 {
        for window in gap.windows(3) {
            match window {
                [0xE2, 0x80, 0xA8] => breaks += 1,
                [0xE2, 0x80, 0xA9] => breaks += 2,
                _ => {}
            }
        }
    }
    breaks
}

/// Whether the tokens up to `last` end like a sentence: final punctuation, or an abbreviation
/// that may end one, followed by at most a few closing quotes and brackets.
fn ends_like_sentence(pieces: &[Piece], first: usize, last: usize) -> bool {
    let mut at = last;
    for _ in 0..4 {
        match pieces[at].kind {
            Kind::Terminal | Kind::Abbrev(AbbrevEnd::May) => return true,
            Kind::CloseQuote | Kind::Close if at > first => at -= 1,
            _ => return false,
        }
    }
    false
}

/// Whether `piece` can open a sentence after final punctuation on the same line.
fn opens_sentence(text: &str, piece: &Piece) -> bool {
    match piece.kind {
        Kind::OpenQuote | Kind::Open => true,
        Kind::Word | Kind::Abbrev(_) => {
            // Upper case, a digit, or a script without case (Arabic, Persian).
            text[piece.span.start..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase())
        }
        _ => false,
    }
}

/// After an abbreviation that may end a sentence ("U.S.", "Inc.", an initial), only a
/// sentence starter opens a new sentence: "… in the U.S. The talks …" ends, "U.S. President"
/// and "George W. Bush" do not. Other tokens are not abbreviations: true.
fn abbreviation_ends(text: &str, this: &Piece, next: &Piece) -> bool {
    this.kind != Kind::Abbrev(AbbrevEnd::May)
        || (next.kind == Kind::Word && abbrev::is_sentence_starter(&text[next.span.start..next.span.end]))
}

/// Whether a sentence ends between `pieces[at]` and `pieces[at + 1]`, on the same line.
fn ends_inline(text: &str, pieces: &[Piece], first: usize, at: usize) -> bool {
    let (this, next) = (&pieces[at], &pieces[at + 1]);
    if this.span.end == next.span.start || !opens_sentence(text, next) {
        return false;
    }
    match this.kind {
        Kind::Abbrev(AbbrevEnd::May) => abbreviation_ends(text, this, next),
        Kind::Terminal | Kind::CloseQuote | Kind::Close => ends_like_sentence(pieces, first, at),
        _ => false,
    }
}

/// Appends the sentences of one region (its tokens in `pieces`) to `out`. The first sentence
/// of a region starts a paragraph: a region begins the text or follows cut material.
pub(crate) fn split_region(text: &str, pieces: &[Piece], out: &mut Vec<Sentence>) {
    let mut first = 0;
    let mut line_start = 0;
    let mut paragraph_start = true;
    for at in 0..pieces.len() {
        let breaks = pieces
            .get(at + 1)
            .map_or(0, |next| line_breaks(text, pieces[at].span.end, next.span.start));
        let (ends, next_paragraph) = if at + 1 == pieces.len() {
            (true, false)
        } else {
            match breaks {
                0 => (ends_inline(text, pieces, first, at), false),
                1 => {
                    let next_line_end = line_end(text, pieces, at + 1);
                    // Lines longer than any hard-wrapped text's mean one paragraph per line
                    // (reports without blank lines): every break is a paragraph break, and a
                    // line without final punctuation (a subheading) is a sentence of its own.
                    let unwrapped = pieces[at].span.end - pieces[line_start].span.start > WRAP_WIDTH
                        || pieces[next_line_end].span.end - pieces[at + 1].span.start > WRAP_WIDTH;
                    if !opens_after_break(text, &pieces[at + 1]) {
                        (false, false)
                    } else if ends_like_sentence(pieces, first, at)
                        && (unwrapped || abbreviation_ends(text, &pieces[at], &pieces[at + 1]))
                    {
                        // The break is a paragraph break when the next line ends like a
                        // sentence too ("each line a paragraph"), or the text is not wrapped.
                        let last_line = next_line_end + 1 == pieces.len();
                        (
                            true,
                            unwrapped || last_line || ends_like_sentence(pieces, at + 1, next_line_end),
                        )
                    } else {
                        (unwrapped, unwrapped)
                    }
                }
                _ => (true, true),
            }
        };
        if breaks > 0 {
            line_start = at + 1;
        }
        if ends {
            // A sentence without words (a row of dots) is dropped; its paragraph start
            // passes to the next sentence.
            let emitted = emit_capped(text, &pieces[first..=at], paragraph_start, out);
            paragraph_start = next_paragraph || (paragraph_start && !emitted);
            first = at + 1;
        }
    }
}

/// Hard-wrapped text keeps its lines under this many bytes (80 columns is usual); a longer
/// line shows the text puts one paragraph on a line.
const WRAP_WIDTH: usize = 100;

/// Longest sentence handed on, in tokens. Text without final punctuation (a 50 MB line, a
/// table) would otherwise make one giant "sentence" that no parser should be fed; EWT's
/// longest sentences are under 200 tokens.
const MAX_SENTENCE_TOKENS: usize = 250;

/// [`emit`], cutting an over-long sentence into pieces of at most [`MAX_SENTENCE_TOKENS`],
/// each at its last `;`, `:` or `,` when there is one in the second half.
fn emit_capped(text: &str, mut pieces: &[Piece], paragraph_start: bool, out: &mut Vec<Sentence>) -> bool {
    let mut emitted = false;
    while pieces.len() > MAX_SENTENCE_TOKENS {
        let window = &pieces[MAX_SENTENCE_TOKENS / 2..MAX_SENTENCE_TOKENS];
        let cut = window
            .iter()
            .rposition(|p| p.kind == Kind::Symbol && matches!(&text[p.span.start..p.span.end], ";" | ":" | ","))
            .map_or(MAX_SENTENCE_TOKENS, |i| MAX_SENTENCE_TOKENS / 2 + i + 1);
        emitted |= emit(text, &pieces[..cut], paragraph_start && !emitted, out);
        pieces = &pieces[cut..];
    }
    emit(text, pieces, paragraph_start && !emitted, out) || emitted
}

/// After a line ending like a sentence, a line starting in lower case continues it (text
/// hard-wrapped after an abbreviation or a number).
fn opens_after_break(text: &str, piece: &Piece) -> bool {
    !text[piece.span.start..].chars().next().is_some_and(char::is_lowercase)
}

/// The index of the last piece on the line that `start` is on.
fn line_end(text: &str, pieces: &[Piece], start: usize) -> usize {
    let mut at = start;
    while at + 1 < pieces.len() && line_breaks(text, pieces[at].span.end, pieces[at + 1].span.start) == 0 {
        at += 1;
    }
    at
}

/// Appends the sentence of `pieces` to `out` unless it has no word; says whether it did.
fn emit(text: &str, pieces: &[Piece], paragraph_start: bool, out: &mut Vec<Sentence>) -> bool {
    if !pieces.iter().any(|p| matches!(p.kind, Kind::Word | Kind::Abbrev(_))) {
        return false;
    }
    let mut tokens: Vec<Token> = pieces.iter().map(|p| Token { span: p.span }).collect();
    // EWT splits the period off an abbreviation that ends a sentence ("in the U.S" + ".").
    if let Some(last) = pieces.last().filter(|last| matches!(last.kind, Kind::Abbrev(_))) {
        // An abbreviation ends in an ASCII period, so `end - 1` is a char boundary.
        if text[last.span.start..last.span.end - 1]
            .chars()
            .any(char::is_alphanumeric)
        {
            let period = last.span.end - 1;
            tokens.pop();
            tokens.push(Token {
                span: Span {
                    start: last.span.start,
                    end: period,
                },
            });
            tokens.push(Token {
                span: Span {
                    start: period,
                    end: last.span.end,
                },
            });
        }
    }
    let span = Span {
        start: pieces[0].span.start,
        end: pieces[pieces.len() - 1].span.end,
    };
    out.push(Sentence {
        span,
        tokens,
        paragraph_start,
    });
    true
}
