//! Quotation marks: pairing opening and closing marks in the raw text.
//!
//! Works on characters, not tokens, so a quotation can open in one sentence and close in a
//! later one whatever the sentence splitter did. Straight (`"`), curly (`“ ”`) and
//! guillemet (`« »`) marks are paired; single marks (`‘ ’`, `'`) are not, because they
//! are indistinguishable from apostrophes and mostly mark quotes nested inside quotes.
//!
//! The content excludes the marks and a trailing comma ("“We won,” he said" quotes "We won").
//!
//! A quotation never crosses a line break: news convention reopens a quotation at every new
//! paragraph, and an unclosed mark therefore ends at the end of its paragraph. This bounds
//! the damage of unbalanced marks to one paragraph and keeps the scan linear.

use dyad_core::Span;

/// A quotation found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words, without the marks and surrounding whitespace.
    pub content: Span,
    /// Byte offset just after the closing mark (or the content's end when unclosed).
    pub close_end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Straight,
    Curly,
}

/// What the characters around a mark say about it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Preceded by a space or the start, followed by a word: `␣"Word`.
    Opening,
    /// Preceded by a word or punctuation, followed by a space or the end: `word."␣`.
    Closing,
    Unclear,
}

fn context(text: &str, at: usize, len: usize) -> Context {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    let open_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let word_after = after.is_some_and(|c| !c.is_whitespace());
    let word_before = before.is_some_and(|c| !c.is_whitespace());
    let space_after = after.is_none_or(|c| c.is_whitespace() || ",.;:!?)]—–-".contains(c));
    match (open_before && word_after, word_before && space_after) {
        (true, false) => Context::Opening,
        (false, true) => Context::Closing,
        _ => Context::Unclear,
    }
}

struct Open {
    at: usize,
    content_start: usize,
    family: Family,
    /// Curly quotes nested inside a curly quotation.
    depth: usize,
}

/// Every quotation in `regions` of `text`, in text order.
pub(crate) fn find_quoted(text: &str, regions: &[Span]) -> Vec<Quoted> {
    let mut found = Vec::new();
    for region in regions {
        let Some(body) = region.slice(text) else { continue };
        let mut open: Option<Open> = None;
        for (offset, c) in body.char_indices() {
            let at = region.start + offset;
            let len = c.len_utf8();
            match c {
                '\n' => {
                    if let Some(o) = open.take() {
                        push(text, &mut found, &o, at, at);
                    }
                }
                '"' => match &open {
                    Some(o) if o.family == Family::Straight => {
                        let o = open.take().expect("checked");
                        push(text, &mut found, &o, at, at + len);
                    }
                    Some(_) => {}
                    None => {
                        let word_after = text[at + len..].chars().next().is_some_and(|c| !c.is_whitespace());
                        if word_after && context(text, at, len) != Context::Closing {
                            open = Some(Open {
                                at,
                                content_start: at + len,
                                family: Family::Straight,
                                depth: 0,
                            });
                        }
                    }
                },
                '“' | '«' | '„' => match &mut open {
                    Some(o) if o.family == Family::Curly => {
                        // A wrongly-turned closing mark (`word“ `) closes; otherwise nested.
                        if o.depth == 0 && context(text, at, len) == Context::Closing {
                            let o = open.take().expect("checked");
                            push(text, &mut found, &o, at, at + len);
                        } else {
                            o.depth += 1;
                        }
                    }
                    Some(_) => {}
                    None => {
                        open = Some(Open {
                            at,
                            content_start: at + len,
                            family: Family::Curly,
                            depth: 0,
                        })
                    }
                },
                '”' | '»' => match &mut open {
                    Some(o) if o.family == Family::Curly => {
                        if o.depth > 0 {
                            o.depth -= 1;
                        } else {
                            let o = open.take().expect("checked");
                            push(text, &mut found, &o, at, at + len);
                        }
                    }
                    Some(_) => {}
                    None => {
                        // Some feeds use `”` for both marks: trust the context.
                        if context(text, at, len) == Context::Opening {
                            open = Some(Open {
                                at,
                                content_start: at + len,
                                family: Family::Curly,
                                depth: 0,
                            });
                        }
                    }
                },
                _ => {}
            }
        }
        if let Some(o) = open.take() {
            push(text, &mut found, &o, region.end, region.end);
        }
    }
    found
}

fn push(text: &str, found: &mut Vec<Quoted>, open: &Open, content_end: usize, close_end: usize) {
    // The comma of "“…,” he said" belongs to the reporting sentence, not to the words quoted.
    let inner = &text[open.content_start..content_end];
    let start = open.content_start + (inner.len() - inner.trim_start().len());
    let end = content_end - (inner.len() - inner.trim_end().trim_end_matches(',').trim_end().len());
    if start < end {
        found.push(Quoted {
            open: open.at,
            content: Span::new(start, end),
            close_end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        find_quoted(text, &[Span::new(0, text.len())])
            .iter()
            .map(|q| &text[q.content.start..q.content.end])
            .collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(
            quotes(r#"He said, "We won." Then “They lost,” she said."#),
            vec!["We won.", "They lost"]
        );
    }

    #[test]
    fn nested_and_mixed() {
        assert_eq!(
            quotes("“He asked “why?” twice,” she said."),
            vec!["He asked “why?” twice"]
        );
        assert_eq!(quotes(r#""A “b” c," he said."#), vec!["A “b” c"]);
    }

    #[test]
    fn spans_sentences_but_not_paragraphs() {
        assert_eq!(quotes("“One. Two. Three,” he said."), vec!["One. Two. Three"]);
        assert_eq!(
            quotes("“Unclosed here\n\n“Next para.” Done."),
            vec!["Unclosed here", "Next para."]
        );
    }

    #[test]
    fn stray_marks_are_ignored() {
        assert_eq!(quotes("He is 6'2\" tall and \" alone."), Vec::<&str>::new());
        assert_eq!(quotes("”Same glyph twice,” he said."), vec!["Same glyph twice"]);
    }
}
