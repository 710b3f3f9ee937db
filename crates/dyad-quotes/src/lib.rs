//! Quotations: who said what. Finds direct quotations (in quotation marks) and indirect
//! speech (reported clauses) in a parsed document and attributes each to a speaker through
//! the reporting verb's subject and the actor stage's mentions.
//!
//! The stage reads only dyad-core's data: the document text, its parsed sentences and its
//! resolved mentions. It can therefore run on gold CoNLL-U trees as well as on dyad's own
//! parse. The word lists it relies on (reporting verbs, speaker nouns) are data files in
//! `data/`. [`eval`] reads PolNeAR's brat annotations and scores quotes against them.
//!
//! ```
//! use dyad_core::{Document, ParsedSentence};
//! let doc = Document { id: "d".into(), text: "No parse, no quotes.".into(), ..Document::default() };
//! assert!(dyad_quotes::find_quotes(&doc, &[], &[]).is_empty());
//! ```

mod direct;
pub mod eval;
mod indirect;
mod lexicon;
mod marks;
mod speaker;
mod view;

use dyad_core::record::QuoteRecord;
use dyad_core::{Document, Mention, ParsedSentence, Span};

/// Every quotation in `doc`, direct and indirect, in text order.
///
/// `sentences` are the document's parsed sentences (spans into `doc.text`), `mentions` the
/// actor mentions resolved for them (`Mention::sentence` is `ParsedSentence::index`).
/// Quotation marks are looked for in the document body only (not the headline, dateline or
/// dropped spans), and a quotation counts only where it lies in a parsed sentence. Never
/// panics: sentences or tokens whose spans do not fit the text are ignored.
pub fn find_quotes(doc: &Document, sentences: &[ParsedSentence], mentions: &[Mention]) -> Vec<QuoteRecord> {
    let view = view::DocView::new(&doc.text, sentences, mentions);
    let quoted = marks::find_quoted(&doc.text, &doc.body_regions());
    let direct = direct::find_direct(&view, &doc.id, &quoted);
    let direct_spans: Vec<Span> = direct.iter().map(|d| d.record.span).collect();
    let indirect = indirect::find_indirect(&view, &doc.id, &direct_spans);
    let mut quotes: Vec<QuoteRecord> = direct.into_iter().map(|d| d.record).chain(indirect).collect();
    quotes.sort_by_key(|q| (q.span.start, q.span.end, !q.direct));
    quotes.dedup_by(|b, a| a.span == b.span);
    quotes
}
