//! Direct quotations: which quoted strings are someone's words, and whose.
//!
//! A quoted string is a direct quotation when it is *set off* — it opens a sentence or a
//! paragraph, or follows `,` `:` a dash, a reporting verb ("saying “…”") or a `that` right
//! after one — or when a reporting clause follows its closing mark ("“…,” Mekdad said",
//! "“…,” said Caddell"). Quoted strings embedded in a clause (`Syria has “won an
//! international war”`, a title, a scare quote) are not direct quotations: when they sit in
//! reported speech, the indirect-speech rule covers the whole clause instead. Set-off strings
//! of three words or fewer need a reporting verb, so labels and titles in quotes are skipped.
//!
//! The cue is, in order of preference: a reporting verb right after the closing mark whose
//! only company before it is its subject; the nearest reporting verb before the opening mark
//! in the same sentence; the main verb of a clause ending in `:` ("Caddell continued:");
//! a short reporting sentence that follows ("… .” He added.”); and failing all, the speaker
//! of a direct quotation in the previous two sentences carries over (a quotation running on
//! over several sentences or paragraphs), with no cue.

use crate::marks::Quoted;
use crate::speaker::{speaker_of, subject_of};
use crate::view::DocView;
use dyad_core::record::{QuoteRecord, SpeakerRecord};

/// Set-off quotations of at most this many words need a reporting verb to count.
const SHORT_QUOTE_WORDS: usize = 3;
/// How far past the closing mark a reporting verb may sit (the subject lies in between).
const AFTER_WINDOW: usize = 12;
/// A following sentence this short that holds a reporting verb is a reporting clause.
const SHORT_REPORTING_SENTENCE: usize = 8;

/// A direct quotation with where it sits, for the indirect-speech pass.
pub(crate) struct Direct {
    pub record: QuoteRecord,
    /// Position (in `DocView::trees`) of the sentence the quotation closes in.
    pub last_sentence: usize,
}

/// The cue verb found for a quotation: sentence position and token.
#[derive(Clone, Copy)]
struct Cue {
    sentence: usize,
    token: usize,
}

pub(crate) fn find_direct(doc: &DocView, doc_id: &str, quoted: &[Quoted]) -> Vec<Direct> {
    let mut found: Vec<Direct> = Vec::new();
    for (n, q) in quoted.iter().enumerate() {
        let Some(first) = doc.sentence_at(q.content.start).or_else(|| doc.sentence_at(q.open)) else {
            continue;
        };
        let last = doc.sentence_at(q.content.end - 1).unwrap_or(first).max(first);
        let words = count_words(doc, q, first, last);
        let next_open = quoted.get(n + 1).map_or(usize::MAX, |next| next.open);
        let previous_close = n.checked_sub(1).map_or(0, |p| quoted[p].close_end);

        let set_off = is_set_off(doc, q);
        let after = cue_after(doc, q, last, next_open, set_off);
        let before = if set_off {
            cue_before(doc, q, first, previous_close)
        } else {
            None
        };
        let (cue, speaker) = if let Some(cue) = after.or(before) {
            (Some(cue), speaker_of(doc, cue.sentence, cue.token))
        } else if !set_off || words <= SHORT_QUOTE_WORDS {
            continue;
        } else if let Some(cue) = cue_from_colon(doc, q).or_else(|| cue_in_next_sentence(doc, last)) {
            (Some(cue), speaker_of(doc, cue.sentence, cue.token))
        } else {
            (None, carried_speaker(&found, first))
        };
        let cue_text = cue.map(|c| {
            let span = doc.trees[c.sentence].cue_span(c.token);
            doc.text[span.start..span.end].to_string()
        });
        found.push(Direct {
            record: QuoteRecord {
                doc: doc_id.to_string(),
                text: doc.text[q.content.start..q.content.end].to_string(),
                span: q.content,
                direct: true,
                cue: cue_text,
                speaker,
            },
            last_sentence: last,
        });
    }
    found
}

/// Words (non-punctuation tokens) inside the quotation; whitespace-separated words when
/// the tokens do not line up with it.
fn count_words(doc: &DocView, q: &Quoted, first: usize, last: usize) -> usize {
    let counted: usize = doc.trees[first..=last]
        .iter()
        .map(|tree| {
            (0..tree.len())
                .filter(|&i| q.content.contains(tree.span(i)) && !tree.is_punct(i))
                .count()
        })
        .sum();
    if counted > 0 {
        counted
    } else {
        doc.text[q.content.start..q.content.end].split_whitespace().count()
    }
}

/// Is the opening mark at the start of a sentence or paragraph, or right after `,` `:` a
/// dash, a reporting verb, or a `that`/`as` that follows one?
fn is_set_off(doc: &DocView, q: &Quoted) -> bool {
    let before = doc.text[..q.open].trim_end_matches([' ', '\t']);
    let Some(c) = before.chars().next_back() else {
        return true;
    };
    if c == '\n' || ",:;—–-(.!?".contains(c) {
        return true;
    }
    let Some(k) = doc.sentence_at(before.len() - c.len_utf8()) else {
        return false;
    };
    let tree = &doc.trees[k];
    let Some(i) = (0..tree.len()).rev().find(|&i| tree.span(i).end <= before.len()) else {
        return false;
    };
    if tree.span(i).end < before.len() {
        return false;
    }
    if tree.is_reporting_verb(i) {
        return true;
    }
    let form = tree.sentence.tokens[i].form.to_lowercase();
    (form == "that" || form == "as") && (i.saturating_sub(3)..i).any(|j| tree.is_reporting_verb(j))
}

/// Parts of speech a subject noun phrase (and a trailing modifier) is made of.
const NOMINAL: &[&str] = &["PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON", "ADP", "PART"];

/// A reporting verb after the closing mark, with nothing before it but punctuation and its
/// own subject: "“…,” Mekdad said", "“…,” said the minister". For a set-off quotation any
/// nominal words may come between ("“…” for criminal behavior, she said"; a subject the
/// parser split up); an embedded one needs the strict form, so a scare quote followed by
/// more of its clause is not taken for a quotation.
fn cue_after(doc: &DocView, q: &Quoted, k: usize, next_open: usize, set_off: bool) -> Option<Cue> {
    let tree = &doc.trees[k];
    let following: Vec<usize> = (0..tree.len())
        .filter(|&i| tree.span(i).start >= q.close_end && tree.span(i).end <= next_open)
        .collect();
    let verb = following
        .iter()
        .copied()
        .take(AFTER_WINDOW)
        .find(|&i| tree.is_reporting_verb(i))?;
    let subject = subject_of(tree, verb).map(|s| tree.extent(s, &["acl", "punct", "parataxis", "advcl"]));
    let between_ok = following.iter().take_while(|&&i| i != verb).all(|&i| {
        tree.is_punct(i)
            || subject.is_some_and(|(a, b)| a <= i && i <= b)
            || tree.deprel(i) == "aux"
            || (set_off && NOMINAL.contains(&tree.sentence.tokens[i].upos.as_str()))
    });
    between_ok.then_some(Cue {
        sentence: k,
        token: verb,
    })
}

/// The nearest reporting verb before the opening mark in the quotation's first sentence.
fn cue_before(doc: &DocView, q: &Quoted, k: usize, previous_close: usize) -> Option<Cue> {
    let tree = &doc.trees[k];
    (0..tree.len())
        .rev()
        .filter(|&i| tree.span(i).end <= q.open && tree.span(i).start >= previous_close)
        .find(|&i| tree.is_reporting_verb(i))
        .map(|token| Cue { sentence: k, token })
}

/// "Caddell continued: “…”": the main verb of the clause the colon ends.
fn cue_from_colon(doc: &DocView, q: &Quoted) -> Option<Cue> {
    let before = doc.text[..q.open].trim_end();
    if !before.ends_with(':') {
        return None;
    }
    let k = doc.sentence_at(before.len() - 1)?;
    let tree = &doc.trees[k];
    let colon = (0..tree.len()).rev().find(|&i| tree.span(i).end == before.len())?;
    let mut verb = tree.head(colon)?;
    while !tree.sentence.tokens[verb].upos.starts_with("VERB") {
        verb = tree.head(verb)?;
    }
    Some(Cue {
        sentence: k,
        token: verb,
    })
}

/// ". “…” He added." — a short sentence right after, made of a subject and a reporting verb.
fn cue_in_next_sentence(doc: &DocView, last: usize) -> Option<Cue> {
    let k = last + 1;
    let tree = doc.trees.get(k)?;
    if tree.len() > SHORT_REPORTING_SENTENCE {
        return None;
    }
    let text = &doc.text[tree.sentence.span.start..tree.sentence.span.end];
    if text.contains(['"', '“', '”']) {
        return None;
    }
    let verb = (0..tree.len()).find(|&i| tree.is_reporting_verb(i) && subject_of(tree, i).is_some())?;
    Some(Cue {
        sentence: k,
        token: verb,
    })
}

/// A quotation running on from the previous sentences keeps their speaker.
fn carried_speaker(found: &[Direct], first: usize) -> Option<SpeakerRecord> {
    let previous = found.last()?;
    (previous.last_sentence + 2 >= first)
        .then(|| previous.record.speaker.clone())
        .flatten()
}
