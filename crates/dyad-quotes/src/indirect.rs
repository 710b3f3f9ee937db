//! Indirect speech: reported clauses attributed through the dependency tree.
//!
//! Four shapes, all read off the parse:
//! - a reporting verb with a clausal complement: "Velayati said that all plots … have
//!   failed" → the `ccomp` clause, without the complementizer "that";
//! - a reporting clause after the reported one, which UD attaches as `parataxis`:
//!   "Syria will win, Mekdad said." → the clause before the reporting clause;
//! - a reporting verb with an infinitive: "Trump urged supporters to vote" → "supporters to
//!   vote" (the addressee and what they are to do);
//! - "according to X, …" → the clause "according to X" modifies.
//!
//! Reported clauses that overlap a direct quotation are skipped (the direct one already
//! says it), as are reporting verbs inside a direct quotation (speech nested in a quote is
//! the quoted speaker's business).

use crate::speaker::{speaker_of, speaker_record};
use crate::view::{DocView, Tree};
use dyad_core::record::QuoteRecord;
use dyad_core::Span;

/// Complementizers dropped from the start of a reported clause.
const COMPLEMENTIZERS: &[&str] = &["that"];

pub(crate) fn find_indirect(doc: &DocView, doc_id: &str, direct: &[Span]) -> Vec<QuoteRecord> {
    let mut found = Vec::new();
    // `direct` is in text order and its spans do not overlap: look up by binary search.
    let overlapping = |span: Span| {
        let from = direct.partition_point(|d| d.end <= span.start);
        direct[from..].iter().take_while(move |d| d.start < span.end)
    };
    let inside_direct = |span: Span| overlapping(span).any(|d| d.contains(span));
    let overlaps_direct = |span: Span| overlapping(span).next().is_some();
    for (k, tree) in doc.trees.iter().enumerate() {
        for verb in 0..tree.len() {
            if !tree.is_reporting_verb(verb) || inside_direct(tree.span(verb)) {
                continue;
            }
            let cue_span = tree.cue_span(verb);
            let cue = doc.text[cue_span.start..cue_span.end].to_string();
            let clauses = tree
                .children(verb)
                .iter()
                .copied()
                .filter(|&c| tree.base_deprel(c) == "ccomp");
            let mut contents: Vec<Span> = clauses.filter_map(|c| complement_span(tree, c)).collect();
            contents.extend(
                tree.children(verb)
                    .iter()
                    .filter_map(|&x| infinitive_span(tree, verb, x)),
            );
            if tree.base_deprel(verb) == "parataxis" {
                contents.extend(preceding_clause_span(tree, verb));
            }
            for span in contents {
                if overlaps_direct(span) {
                    continue;
                }
                found.push(record(doc, doc_id, span, Some(cue.clone()), speaker_of(doc, k, verb)));
            }
        }
        for according in 0..tree.len() {
            if let Some((span, cue, source)) = according_to(tree, according) {
                if !overlaps_direct(span) && !inside_direct(tree.span(according)) {
                    let cue = doc.text[cue.start..cue.end].to_string();
                    found.push(record(doc, doc_id, span, Some(cue), speaker_record(doc, k, source)));
                }
            }
        }
    }
    found
}

fn record(
    doc: &DocView,
    doc_id: &str,
    span: Span,
    cue: Option<String>,
    speaker: Option<dyad_core::record::SpeakerRecord>,
) -> QuoteRecord {
    QuoteRecord {
        doc: doc_id.to_string(),
        text: doc.text[span.start..span.end].to_string(),
        span,
        direct: false,
        cue,
        speaker,
    }
}

/// Tokens `first..=last` trimmed of punctuation at both ends, as a span.
fn trimmed(tree: &Tree, mut first: usize, mut last: usize) -> Option<Span> {
    while first <= last && tree.is_punct(first) {
        first += 1;
    }
    while last > first && tree.is_punct(last) {
        last -= 1;
    }
    (first <= last && !tree.is_punct(first)).then(|| tree.tokens_span(first, last))
}

/// The `ccomp` clause headed by `clause`, from after its "that" to its end.
fn complement_span(tree: &Tree, clause: usize) -> Option<Span> {
    let (mut first, last) = tree.extent(clause, &[]);
    while first < clause
        && (tree.is_punct(first)
            || (tree.deprel(first) == "mark"
                && tree.head(first) == Some(clause)
                && COMPLEMENTIZERS.contains(&tree.lemma(first).as_str())))
    {
        first += 1;
    }
    trimmed(tree, first, last)
}

/// "urged his supporters to vote", "promised to build a wall": the addressee (when there is
/// one) and the infinitive clause, for an `xcomp` headed by `clause` with its own "to".
fn infinitive_span(tree: &Tree, verb: usize, clause: usize) -> Option<Span> {
    let has_to = tree
        .children(clause)
        .iter()
        .any(|&c| tree.deprel(c) == "mark" && tree.lemma(c) == "to");
    if tree.base_deprel(clause) != "xcomp" || !has_to || clause < verb {
        return None;
    }
    let (mut first, last) = tree.extent(clause, &[]);
    if let Some(object) = tree
        .children(verb)
        .iter()
        .copied()
        .find(|&c| tree.base_deprel(c) == "obj" && c < clause)
    {
        first = first.min(tree.extent(object, &[]).0);
    }
    trimmed(tree, first, last)
}

/// "Syria will win, Mekdad said": the governing clause up to where the reporting clause
/// begins, when the reporting clause comes after it.
fn preceding_clause_span(tree: &Tree, verb: usize) -> Option<Span> {
    let head = tree.head(verb)?;
    if head > verb {
        return None;
    }
    let (clause_first, _) = tree.extent(head, &[]);
    let (report_first, _) = tree.extent(verb, &[]);
    if report_first <= clause_first {
        return None;
    }
    trimmed(tree, clause_first, report_first - 1)
}

/// "According to X, …": the clause (span), the cue "according to" and the source token X.
fn according_to(tree: &Tree, according: usize) -> Option<(Span, Span, usize)> {
    if tree.sentence.tokens[according].form.to_lowercase() != "according" {
        return None;
    }
    let to = according + 1;
    if to >= tree.len() || tree.sentence.tokens[to].form.to_lowercase() != "to" {
        return None;
    }
    let source = tree.head(according)?;
    let clause = tree.head(source)?;
    let (source_first, source_last) = tree.extent(source, &[]);
    let source_first = source_first.min(according);
    let (clause_first, clause_last) = tree.extent(clause, &[]);
    let content = if source_first <= clause_first {
        trimmed(tree, source_last + 1, clause_last)?
    } else if source_last >= clause_last {
        trimmed(tree, clause_first, source_first.checked_sub(1)?)?
    } else {
        return None;
    };
    Some((content, tree.tokens_span(according, to), source))
}
