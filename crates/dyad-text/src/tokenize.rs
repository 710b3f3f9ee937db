//! Tokenization into EWT-style tokens with exact byte spans.
//!
//! The tagger and parser are trained on UD English EWT, so tokens follow its conventions:
//! punctuation, quotes and brackets are split off; clitics are split (`do`+`n't`,
//! `Iran`+`'s`, `can`+`not`); hyphens between words are tokens of their own (`al`+`-`+`Assad`)
//! except after prefixes EWT keeps (`non-Arab`, `e-mail`); numbers keep their separators
//! (`1,000.5`, `5:30`, `02/13/2001`, phone numbers); abbreviations and initials keep their
//! period (`Gen.`, `U.S.`, `J.`); URLs and e-mail addresses are one token.
//!
//! One left-to-right pass over the text: whitespace-separated chunks, each scanned once with a
//! character or two of look-ahead. No regexes and no allocation besides the output vector, so
//! time is linear in the input even for a megabyte-long line.

use crate::abbrev::{self, AbbrevEnd};
use dyad_core::Span;

/// What a token is, as far as the sentence splitter cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and/or digits (words, numbers, URLs, clitics).
    Word,
    /// A word that keeps its final period ("Gen.", "U.S.", "J.").
    Abbrev(AbbrevEnd),
    /// A run of `.`, `!`/`?` or `…`: punctuation that can end a sentence.
    Terminal,
    OpenQuote,
    CloseQuote,
    /// `(`, `[`, `{`.
    Open,
    /// `)`, `]`, `}`.
    Close,
    /// Any other punctuation or symbol (`,`, `-`, `—`, `%`, `$`).
    Symbol,
}

/// A token and its kind: the tokenizer's output before the splitter reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) span: Span,
    pub(crate) kind: Kind,
}

/// Clamps `span` into `text` and onto character boundaries, so odd input never panics.
pub(crate) fn clamp(text: &str, span: Span) -> Span {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    Span {
        start,
        end: end.max(start),
    }
}

/// Whitespace and invisible characters that separate tokens and belong to none.
pub(crate) fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that make up words: letters, digits, combining marks (Arabic harakat, accents),
/// and `_` (user names, identifiers).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{0300}'..='\u{036F}').contains(&c) || ('\u{064B}'..='\u{065F}').contains(&c)
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|head| head.chars().next_back())
}

/// Appends the tokens of `span` (clamped into `text`) to `out`.
pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<Piece>) {
    let span = clamp(text, span);
    let mut scanner = Scanner {
        text,
        end: span.end,
        out,
        no_phone_until: 0,
    };
    let mut at = span.start;
    while at < span.end {
        let Some(c) = char_at(text, at) else { break };
        if is_separator(c) {
            at += c.len_utf8();
            continue;
        }
        let mut chunk_end = at;
        while chunk_end < span.end {
            match char_at(text, chunk_end) {
                Some(c) if !is_separator(c) => chunk_end += c.len_utf8(),
                _ => break,
            }
        }
        scanner.chunk(at, chunk_end);
        at = chunk_end;
    }
}

struct Scanner<'t, 'o> {
    text: &'t str,
    /// End of the span being tokenized (look-ahead never crosses it).
    end: usize,
    out: &'o mut Vec<Piece>,
    /// A digit run starting before here was already found not to be a phone number or
    /// ISO date; remembering it keeps `1-2-3-…-x` linear.
    no_phone_until: usize,
}

impl Scanner<'_, '_> {
    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        if start < end {
            self.out.push(Piece {
                span: Span { start, end },
                kind,
            });
        }
    }

    /// One whitespace-separated chunk: a URL or e-mail address kept whole, else scanned.
    fn chunk(&mut self, start: usize, end: usize) {
        let chunk = &self.text[start..end];
        let core_start = start
            + (chunk.len()
                - chunk
                    .trim_start_matches(['"', '\'', '“', '‘', '(', '<', '[', '«'])
                    .len());
        let core_end = start
            + chunk
                .trim_end_matches([
                    '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '"', '\'', '”', '’', '»',
                ])
                .len();
        if core_start < core_end && is_url_or_email(&self.text[core_start..core_end]) {
            self.scan(start, core_start);
            self.push(core_start, core_end, Kind::Word);
            self.scan(core_end, end);
        } else {
            self.scan(start, end);
        }
    }

    fn scan(&mut self, start: usize, end: usize) {
        let mut at = start;
        while at < end {
            let Some(c) = char_at(self.text, at) else { return };
            if is_word_char(c) {
                at = match url_end(self.text, at, end) {
                    Some(url_end) => {
                        self.push(at, url_end, Kind::Word);
                        url_end
                    }
                    None => self.word(at, end),
                };
                continue;
            }
            let next = at + c.len_utf8();
            // Emoticons are one token in EWT (":)", ":-(", ";)").
            if let Some(len) = emoticon_len(&self.text.as_bytes()[at..end]) {
                self.push(at, at + len, Kind::Symbol);
                at += len;
                continue;
            }
            at = match c {
                '.' => self.run(at, end, |c| c == '.', Kind::Terminal),
                '!' | '?' => self.run(at, end, |c| c == '!' || c == '?', Kind::Terminal),
                '…' => self.run(at, end, |c| c == '…', Kind::Terminal),
                // PTB-style doubled quotes: ``…'' (one token each, as in EWT).
                '`' => self.run(at, end, |c| c == '`', Kind::OpenQuote),
                '\'' if self.text[next..end].starts_with('\'') => {
                    let kind = if opens_quote(
                        char_before(self.text, at),
                        char_at(self.text, next + 1).filter(|_| next + 1 < end),
                    ) {
                        Kind::OpenQuote
                    } else {
                        Kind::CloseQuote
                    };
                    self.push(at, next + 1, kind);
                    next + 1
                }
                '"' | '\'' | '’' => {
                    if c != '"' {
                        if let Some(after) = self.clitic_or_year(at, next, end) {
                            self.push(at, after, Kind::Word);
                            at = after;
                            continue;
                        }
                    }
                    let kind = if opens_quote(
                        char_before(self.text, at),
                        char_at(self.text, next).filter(|_| next < end),
                    ) {
                        Kind::OpenQuote
                    } else {
                        Kind::CloseQuote
                    };
                    self.push(at, next, kind);
                    next
                }
                '“' | '‘' | '«' | '„' | '‹' => {
                    self.push(at, next, Kind::OpenQuote);
                    next
                }
                '”' | '»' | '›' => {
                    self.push(at, next, Kind::CloseQuote);
                    next
                }
                '(' | '[' | '{' => {
                    self.push(at, next, Kind::Open);
                    next
                }
                ')' | ']' | '}' => {
                    self.push(at, next, Kind::Close);
                    next
                }
                // Runs of one symbol are one token ("--", "***", "====").
                _ => self.run(at, end, |d| d == c, Kind::Symbol),
            };
        }
    }

    /// A run of characters matching `keep`, as one token of `kind`.
    fn run(&mut self, start: usize, end: usize, keep: impl Fn(char) -> bool, kind: Kind) -> usize {
        let mut at = start;
        while at < end {
            match char_at(self.text, at) {
                Some(c) if keep(c) => at += c.len_utf8(),
                _ => break,
            }
        }
        self.push(start, at, kind);
        at
    }

    /// After an apostrophe at the start of a word: a detached clitic ("Bush 's", "Inc.'s") or a
    /// shortened year ("'90s"), which EWT keeps as one token. Returns its end.
    fn clitic_or_year(&self, apostrophe: usize, start: usize, end: usize) -> Option<usize> {
        let mut at = start;
        while at < end {
            match char_at(self.text, at) {
                Some(c) if is_word_char(c) => at += c.len_utf8(),
                _ => break,
            }
        }
        let word = &self.text[start..at];
        let clitic = ["s", "re", "ll", "ve", "m", "d"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(word))
            && char_before(self.text, apostrophe).is_none_or(|c| is_separator(c) || c == '.');
        let year = word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit())
            || word.len() == 3 && word.starts_with(|c: char| c.is_ascii_digit()) && word.ends_with('s');
        (clitic || year).then_some(at)
    }

    /// A word starting at `start` (a word character): its extent with internal connectors,
    /// a final abbreviation period, and clitics split off. Returns where scanning resumes.
    fn word(&mut self, start: usize, end: usize) -> usize {
        if let Some(after) = self.phone_or_date(start, end) {
            self.push(start, after, Kind::Word);
            return after;
        }
        let text = self.text;
        let mut at = start;
        // Start of the current part (after the last `.`, `-` or `/`), for the part rules.
        let mut part_start = start;
        let mut prev = '\0';
        while at < end {
            let Some(c) = char_at(text, at) else { break };
            if is_word_char(c) {
                prev = c;
                at += c.len_utf8();
                continue;
            }
            let after = at + c.len_utf8();
            let Some(next) = char_at(text, after).filter(|&n| after < end && is_word_char(n)) else {
                break;
            };
            let part = &text[part_start..at];
            let join = match c {
                '.' => {
                    (prev.is_ascii_digit() && next.is_ascii_digit())
                        || (part.chars().count() <= 2 && prev.is_alphabetic())
                        || (next.is_ascii_alphabetic() && part.chars().count() > 1 && domain_like(text, after, end))
                }
                ',' | ':' => prev.is_ascii_digit() && next.is_ascii_digit(),
                '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
                '-' | '\u{2010}' | '\u{2011}' => {
                    abbrev::is_hyphen_prefix(part) && (part.len() == 1 || part.chars().any(char::is_lowercase))
                }
                '/' => {
                    abbrev::is_slash_abbreviation(part)
                        && prev.is_alphabetic()
                        && next.is_alphabetic()
                        && !char_at(text, after + next.len_utf8()).is_some_and(is_word_char)
                }
                '&' => prev.is_uppercase() && next.is_uppercase(),
                '\u{200C}' | '\u{200D}' => true,
                _ => false,
            };
            if !join {
                break;
            }
            if matches!(c, '.' | '-' | '\u{2010}' | '\u{2011}' | '/') {
                part_start = after;
            }
            prev = next;
            at = after + next.len_utf8();
        }
        // A final period that belongs to the word: abbreviations and initials.
        if at < end
            && text.as_bytes()[at] == b'.'
            && !matches!(char_at(text, at + 1), Some(c) if at + 1 < end && (c == '.' || is_word_char(c)))
        {
            let next_is_digit = self.next_token_char(at + 1).is_some_and(|c| c.is_ascii_digit());
            if let Some(how) = abbrev::classify(&text[start..at], next_is_digit) {
                self.push(start, at + 1, Kind::Abbrev(how));
                return at + 1;
            }
        }
        let split = clitic_split(&text[start..at]).map_or(at, |offset| start + offset);
        self.push(start, split, Kind::Word);
        self.push(split, at, Kind::Word);
        at
    }

    /// The first character of the next token after `at`, looking past whitespace.
    fn next_token_char(&self, at: usize) -> Option<char> {
        let rest = self.text.get(at..self.end)?;
        rest.chars().find(|&c| !is_separator(c))
    }

    /// Digits joined by two or more hyphens or slashes (`713-853-3989`, `2011-05-03`,
    /// `02/13/2001`) or a local phone number (`571-9571`): one token in EWT, while `3-4` and
    /// the fraction `2/3` are three.
    fn phone_or_date(&mut self, start: usize, end: usize) -> Option<usize> {
        if start < self.no_phone_until || !self.text.as_bytes()[start].is_ascii_digit() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let mut at = start;
        let mut separators = 0;
        let mut separator = 0u8;
        while at < end && (bytes[at].is_ascii_digit() || bytes[at] == b'-' || bytes[at] == b'/') {
            if !bytes[at].is_ascii_digit() {
                if bytes[at - 1] == bytes[at] || (separator != 0 && separator != bytes[at]) {
                    break;
                }
                separator = bytes[at];
                separators += 1;
            }
            at += 1;
        }
        let ends_well =
            bytes[at - 1].is_ascii_digit() && !char_at(self.text, at).filter(|_| at < end).is_some_and(is_word_char);
        let local_number = separator == b'-' && separators == 1 && at - start == 8 && bytes[start + 3] == b'-';
        if (separators >= 2 || local_number) && ends_well {
            Some(at)
        } else {
            self.no_phone_until = at;
            None
        }
    }
}

/// Whether a straight quote (or a misused `’`) opens a quotation, from its neighbours:
/// it opens after whitespace, the start, or an opening bracket/dash, when text follows.
fn opens_quote(before: Option<char>, after: Option<char>) -> bool {
    let open_context = match before {
        None => true,
        Some(c) => is_separator(c) || matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '—' | '–' | '-' | '/'),
    };
    open_context && after.is_some_and(|c| !is_separator(c))
}

/// `google.com`-style continuation: a top-level domain or file extension ends the word.
/// Bounded look-ahead (a domain label), so scanning stays linear.
fn domain_like(text: &str, from: usize, end: usize) -> bool {
    let rest = &text.as_bytes()[from..end];
    let label_len = rest.iter().take(6).take_while(|b| b.is_ascii_alphanumeric()).count();
    let label = &rest[..label_len];
    let at_end = rest.get(label_len).is_none_or(|b| !b.is_ascii_alphanumeric());
    // Top-level domains and file extensions ("sana.sy", "report.pdf").
    const ENDINGS: &[&[u8]] = &[
        b"com", b"org", b"net", b"gov", b"edu", b"int", b"mil", b"info", b"io", b"co", b"uk", b"ir", b"sy", b"doc",
        b"docx", b"xls", b"xlsx", b"pdf", b"txt", b"ppt", b"zip", b"htm", b"html", b"jpg", b"png",
    ];
    at_end && ENDINGS.iter().any(|ending| ending.eq_ignore_ascii_case(label))
}

/// Where EWT splits a clitic off `word`, as a byte offset: `don't` → 2, `Iran's` → 4,
/// `cannot` → 3, `gonna` → 3; also a time's `am`/`pm` (`9pm` → 1).
fn clitic_split(word: &str) -> Option<usize> {
    let lower_ends = |suffix: &str| {
        word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    for negation in ["n't", "n’t"] {
        if lower_ends(negation) && word.len() > negation.len() + 1 {
            return Some(word.len() - negation.len());
        }
    }
    if let Some(apostrophe) = word.rfind(['\'', '’']) {
        let suffix = &word[apostrophe + word[apostrophe..].chars().next().map_or(1, char::len_utf8)..];
        if apostrophe > 0
            && ["s", "re", "ll", "ve", "m", "d"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(suffix))
        {
            return Some(apostrophe);
        }
    }
    // "9pm" → "9" "pm".
    if word.len() > 2
        && ["am", "pm"]
            .iter()
            .any(|m| word.as_bytes()[word.len() - 2..].eq_ignore_ascii_case(m.as_bytes()))
    {
        let number = &word.as_bytes()[..word.len() - 2];
        if number.first().is_some_and(u8::is_ascii_digit) && number.iter().all(|b| b.is_ascii_digit() || *b == b':') {
            return Some(word.len() - 2);
        }
    }
    for fused in ["cannot", "gonna", "wanna", "gotta"] {
        if word.eq_ignore_ascii_case(fused) {
            return Some(3);
        }
    }
    None
}

/// Whether `s` starts with a URL scheme or `www.`.
fn starts_like_url(s: &str) -> bool {
    ["http://", "https://", "ftp://", "www.", "mailto:"]
        .iter()
        .any(|prefix| s.len() > prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The end of a URL starting at `start`, if one does: up to whitespace or an angle bracket or
/// quote, less trailing punctuation ("see http://x.org/a." ends before the period).
fn url_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let rest = &text[start..end];
    if !starts_like_url(rest) {
        return None;
    }
    let stop = rest.find(['<', '>', '"', '“', '”', '«', '»']).unwrap_or(rest.len());
    let url = rest[..stop].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '’']);
    Some(start + url.len())
}

/// The length of an emoticon at the start of `rest`: `:)`, `:-)`, `;(`, `:D`, `:P`.
fn emoticon_len(rest: &[u8]) -> Option<usize> {
    let (eyes, tail) = rest.split_first()?;
    if !matches!(eyes, b':' | b';') {
        return None;
    }
    let tail = tail.strip_prefix(b"-").unwrap_or(tail);
    let nose = rest.len() - 1 - tail.len();
    let mouth = *tail.first()?;
    let after = tail.get(1);
    let closes =
        matches!(mouth, b')' | b'(') || (matches!(mouth, b'D' | b'P') && !after.is_some_and(u8::is_ascii_alphanumeric));
    closes.then_some(2 + nose)
}

/// URLs (`http://…`, `www.…`) and e-mail addresses, kept as one token.
fn is_url_or_email(core: &str) -> bool {
    if starts_like_url(core) {
        return true;
    }
    let Some((local, domain)) = core.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
        && domain.contains('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && domain.starts_with(|c: char| c.is_ascii_alphanumeric())
        && domain.ends_with(|c: char| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics() {
        assert_eq!(clitic_split("don't"), Some(2));
        assert_eq!(clitic_split("Iran’s"), Some(4));
        assert_eq!(clitic_split("O'Brien"), None);
        assert_eq!(clitic_split("cannot"), Some(3));
        assert_eq!(clitic_split("n't"), None);
    }

    #[test]
    fn clamps_odd_spans() {
        let text = "héllo";
        assert_eq!(clamp(text, Span { start: 2, end: 99 }), Span { start: 3, end: 6 });
        assert_eq!(clamp(text, Span { start: 9, end: 2 }), Span { start: 1, end: 1 });
    }
}
