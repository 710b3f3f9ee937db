//! Reading and writing CoNLL-U, so later stages can be tested on gold trees and anyone can
//! inspect a parse.
//!
//! Reading keeps what dyad's types hold: word lines become [`ParsedToken`]s whose spans point
//! into the sentence's `# text` (rebuilt from the forms and `SpaceAfter=No` when absent).
//! Multiword-token lines (`1-2`) only give their words a shared span; empty nodes (`1.1`)
//! and enhanced dependencies are skipped.

use crate::ParseError;
use dyad_core::{ParsedSentence, ParsedToken, Span};
use std::io::{self, BufRead, Write};

/// A sentence read from CoNLL-U with its id and text: what a caller needs to write it back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    /// `# sent_id`, or the 1-based position in the file when absent.
    pub id: String,
    /// `# text`, or the forms joined as `SpaceAfter` says; token spans point into it.
    pub text: String,
    pub parsed: ParsedSentence,
}

/// Reads every sentence of a CoNLL-U stream; see [`read_conllu_sentences`].
pub fn read_conllu<R: BufRead>(reader: R) -> Result<Vec<ParsedSentence>, ParseError> {
    Ok(read_conllu_sentences(reader)?.into_iter().map(|s| s.parsed).collect())
}

struct Pending {
    line: usize,
    id: Option<String>,
    text: Option<String>,
    words: Vec<ParsedToken>,
    space_after: Vec<bool>,
    /// (first word index, last word index, surface form, space after) of multiword tokens.
    multiword: Vec<(usize, usize, String, bool)>,
}

/// Reads every sentence of a CoNLL-U stream, with ids and texts.
///
/// Errors name the 1-based line: a line without 10 tab-separated columns, a bad id or head,
/// words out of sequence, a head pointing outside the sentence.
pub fn read_conllu_sentences<R: BufRead>(reader: R) -> Result<Vec<ConlluSentence>, ParseError> {
    let mut out = Vec::new();
    let mut pending: Option<Pending> = None;
    for (number, line) in reader.lines().enumerate() {
        let number = number + 1;
        let line = line.map_err(|e| ParseError::Conllu { line: number, message: e.to_string() })?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            if let Some(p) = pending.take() {
                out.push(finish(p, out.len())?);
            }
            continue;
        }
        let p = pending.get_or_insert_with(|| Pending {
            line: number,
            id: None,
            text: None,
            words: Vec::new(),
            space_after: Vec::new(),
            multiword: Vec::new(),
        });
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(v) = comment.strip_prefix("sent_id") {
                p.id = Some(v.trim_start().trim_start_matches('=').trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                p.text = Some(v.strip_prefix(' ').unwrap_or(v).to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |message: String| ParseError::Conllu { line: number, message };
        if cols.len() != 10 {
            return Err(bad(format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if cols[0].contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = cols[0].split_once('-') {
            let (a, b) = match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(a), Ok(b)) if a >= 1 && a <= b => (a, b),
                _ => return Err(bad(format!("bad multiword token id {:?}", cols[0]))),
            };
            if a != p.words.len() + 1 {
                return Err(bad(format!("multiword token {} out of sequence", cols[0])));
            }
            p.multiword.push((a - 1, b - 1, cols[1].to_string(), space_after));
            continue;
        }
        let id: usize = cols[0].parse().map_err(|_| bad(format!("bad word id {:?}", cols[0])))?;
        if id != p.words.len() + 1 {
            return Err(bad(format!("word id {id} out of sequence (expected {})", p.words.len() + 1)));
        }
        let head = if cols[6] == "_" { 0 } else { cols[6].parse().map_err(|_| bad(format!("bad head {:?}", cols[6])))? };
        p.words.push(ParsedToken {
            form: cols[1].to_string(),
            span: Span::default(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
        p.space_after.push(space_after);
    }
    if let Some(p) = pending.take() {
        out.push(finish(p, out.len())?);
    }
    Ok(out)
}

fn finish(mut p: Pending, index: usize) -> Result<ConlluSentence, ParseError> {
    let n = p.words.len();
    if let Some(t) = p.words.iter().find(|t| t.head > n) {
        return Err(ParseError::Conllu { line: p.line, message: format!("head {} of {:?} outside the sentence of {n} words", t.head, t.form) });
    }
    // Surface units: a multiword token, or a word outside any.
    let mut units: Vec<(usize, usize, String, bool)> = Vec::new();
    let mut i = 0;
    let mut mw = p.multiword.iter().peekable();
    while i < n {
        if let Some(&&(a, b, ref form, space)) = mw.peek() {
            if a == i {
                let b = b.min(n - 1);
                units.push((a, b, form.clone(), space));
                mw.next();
                i = b + 1;
                continue;
            }
        }
        units.push((i, i, p.words[i].form.clone(), p.space_after[i]));
        i += 1;
    }
    let text = match p.text.take() {
        Some(t) => t,
        None => {
            let mut t = String::new();
            for (k, (_, _, form, space)) in units.iter().enumerate() {
                t.push_str(form);
                if *space && k + 1 < units.len() {
                    t.push(' ');
                }
            }
            t
        }
    };
    let mut cursor = 0;
    for (a, b, form, _) in &units {
        let rest = &text[cursor..];
        let skipped = rest.len() - rest.trim_start().len();
        let span = if rest[skipped..].starts_with(form.as_str()) {
            Span::new(cursor + skipped, cursor + skipped + form.len())
        } else if let Some(at) = rest.find(form.as_str()) {
            Span::new(cursor + at, cursor + at + form.len())
        } else {
            Span::new(cursor + skipped, cursor + skipped) // text disagrees with the forms
        };
        cursor = span.end;
        for w in &mut p.words[*a..=*b] {
            w.span = span;
        }
    }
    Ok(ConlluSentence {
        id: p.id.unwrap_or_else(|| (index + 1).to_string()),
        parsed: ParsedSentence { index, span: Span::new(0, text.len()), tokens: p.words },
        text,
    })
}

/// Writes one sentence as CoNLL-U (with a trailing blank line).
///
/// `text` is what the token spans point into (the document text); the `# text` comment is
/// the sentence's own span of it, with line breaks turned into spaces. Consecutive words
/// sharing one span are written under a multiword-token line.
pub fn write_sentence<W: Write + ?Sized>(w: &mut W, sentence: &ParsedSentence, sent_id: &str, text: &str) -> io::Result<()> {
    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    writeln!(w, "# sent_id = {}", clean(sent_id))?;
    let own = sentence.span.slice(text).unwrap_or("");
    writeln!(w, "# text = {}", clean(own.trim()))?;
    let toks = &sentence.tokens;
    let field = |s: &str| if s.is_empty() { "_".to_string() } else { clean(s).replace(' ', "_") };
    let mut i = 0;
    while i < toks.len() {
        let span = toks[i].span;
        let mut j = i;
        while !span.is_empty() && j + 1 < toks.len() && toks[j + 1].span == span {
            j += 1;
        }
        let space_after = |k: usize| toks.get(k + 1).is_none_or(|next| next.span.start != toks[k].span.end || toks[k].span.is_empty());
        if j > i {
            let surface = span.slice(text).map(|s| s.to_string()).unwrap_or_else(|| toks[i].form.clone());
            let misc = if space_after(j) { "_" } else { "SpaceAfter=No" };
            writeln!(w, "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}", i + 1, j + 1, field(&surface))?;
        }
        for (k, t) in toks.iter().enumerate().take(j + 1).skip(i) {
            let misc = if j > i || space_after(k) { "_" } else { "SpaceAfter=No" };
            writeln!(
                w,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{misc}",
                k + 1,
                field(&t.form),
                field(&t.lemma),
                field(&t.upos),
                field(&t.xpos),
                field(&t.feats),
                t.head,
                field(&t.deprel),
            )?;
        }
        i = j + 1;
    }
    writeln!(w)
}
