//! The verb dictionary: synonym sets, verb blocks with their verbs and patterns, and
//! transformations.
//!
//! ```text
//! &MILITARY                 # a synonym set: '+' members until a blank line
//! +ARMY
//! +TROOPS
//!
//! ---  RUSH   [---]  ---    # a verb block: name and default code
//! RUSH                      # verbs; {…} lists irregular forms; a code may follow
//! SPEED {SPEEDING SPEEDS SPED }
//! +ASK_FOR {+ASKED_FOR} [020]   # multi-word: '+' marks the verb word
//! - * (TO)            [042:043]  # patterns: text around '*' (the verb), then the code
//! - &MILITARY *       [154]
//! - * AID (TO +)      [070]
//!
//! ~ a (a b ATTACK) SAY = a b 015   # transformation
//! ```
//! Pattern syntax: `*` verb, `$` source, `+` target, `%` compound actor (source and target),
//! `^` skip a noun phrase, `&SET` synonym set, `{…}` one noun phrase, `(…)` a prepositional
//! phrase, `A/B` alternative words, `_` joins an element to the one before it (adjacent words,
//! TABARI's connector). Codes: `[042]`, `[0344]`, `[---]` (no event), `[042:043]` paired
//! (the second code for the reverse direction), `[:173]` (reverse only).

use std::collections::HashSet;
use std::path::Path;

use crate::problem::{read_file, DictError, DictProblem, Problems};
use crate::source::{lines, phrase, split_brackets};

/// A parsed verb dictionary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerbDictionary {
    /// Synonym sets, in file order.
    pub synsets: Vec<Synset>,
    /// Verb blocks, in file order.
    pub blocks: Vec<VerbBlock>,
    /// Transformations (`~ … = …`), in file order.
    pub transformations: Vec<Transformation>,
}

impl VerbDictionary {
    /// The synonym set called `name` (without `&`).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synsets.iter().find(|s| s.name == name)
    }

    /// All verbs of all blocks.
    pub fn verbs(&self) -> impl Iterator<Item = &Verb> {
        self.blocks.iter().flat_map(|b| b.verbs.iter())
    }

    /// All patterns of all blocks.
    pub fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        self.blocks.iter().flat_map(|b| b.patterns.iter())
    }
}

/// `&NAME` and its members. Members are phrases (`DISPLACED PERSON`); a member `&OTHER`
/// names another set, whose members it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    /// Name without `&` or the trailing `_` some files add (`AUXVERB1`).
    pub name: String,
    /// Member phrases.
    pub members: Vec<String>,
    /// Line of the `&NAME` header.
    pub line: usize,
}

/// An event code: `042`, `---`, `042:043`, `:173`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventCode {
    /// The code for source → target; `None` for the reverse-only form `[:173]`; `---` means
    /// "no event".
    pub code: Option<String>,
    /// The paired code for target → source (`[042:043]` → `043`).
    pub paired: Option<String>,
}

/// One block: `--- NAME [CODE] ---`, then its verbs and patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    /// The block name (its first verb, by convention).
    pub name: String,
    /// The block's default code.
    pub code: EventCode,
    /// The verbs sharing the block's patterns.
    pub verbs: Vec<Verb>,
    /// Patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Line of the header.
    pub line: usize,
}

/// One verb line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The verb phrase, words joined by spaces (`ASK FOR`).
    pub text: String,
    /// Index of the verb word within `text`'s words (the word marked `+`; 0 when unmarked).
    pub head: usize,
    /// Inflected forms: the `{…}` list when given (empty for `{}`), otherwise the regular
    /// forms of the verb word (-S/-ES, -ED, -ING), as PETRARCH2 generates them.
    pub forms: Vec<String>,
    /// Whether `forms` came from the file (`{…}`) rather than being generated.
    pub forms_listed: bool,
    /// A code of the verb's own, overriding the block's.
    pub code: Option<EventCode>,
    /// Line in the file.
    pub line: usize,
}

/// One pattern: `- [words] * [words] [CODE]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The elements in order; exactly one is [`PatternElement::Verb`].
    pub items: Vec<PatternItem>,
    /// The code the pattern assigns.
    pub code: EventCode,
    /// Line in the file.
    pub line: usize,
}

impl Pattern {
    /// Index in `items` of the top-level verb position, if the verb is not inside a group.
    pub fn verb_index(&self) -> Option<usize> {
        self.items.iter().position(|i| i.element == PatternElement::Verb)
    }
}

/// An element of a pattern, and whether `_` joins it to the element before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternItem {
    /// The element.
    pub element: PatternElement,
    /// Written with `_` before it: it must follow the previous element directly.
    pub joined: bool,
}

/// The pieces of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternElement {
    /// A literal word.
    Word(String),
    /// One of several words (`TO/FOR`).
    AnyOf(Vec<String>),
    /// A synonym set reference (`&MILITARY` → `MILITARY`).
    Synset(String),
    /// `*`: the verb.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor that is both source and target.
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `{…}`: elements that must fall within one noun phrase.
    NounPhrase(Vec<PatternItem>),
    /// `(…)`: a prepositional phrase; its first word is the preposition.
    PrepPhrase(Vec<PatternItem>),
}

/// `~ a (a b ATTACK) SAY = a b 015`: when the left side matches, code the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// The left side as written (`a (a b ATTACK) SAY`).
    pub pattern: String,
    /// The variable that becomes the source.
    pub source: String,
    /// The variable that becomes the target.
    pub target: String,
    /// The resulting code, or a variable (`Q`) carrying the inner event's code.
    pub code: String,
    /// Line in the file.
    pub line: usize,
}

/// Reads a verb dictionary file.
pub fn load_verbs(path: &Path) -> Result<(VerbDictionary, Vec<DictProblem>), DictError> {
    let (name, bytes) = read_file(path)?;
    Ok(parse_verbs(&name, &bytes))
}

#[derive(PartialEq)]
enum State {
    /// Before any block or set.
    Start,
    /// Inside a block (index into `blocks`).
    Block,
    /// Reading members of the last synset; returns to the block (if any) after.
    Synset,
    /// The current block's header was unreadable: its lines are skipped.
    SkippedBlock,
}

/// Parses verb dictionary text; `file` names the source in problems.
pub fn parse_verbs(file: &str, bytes: &[u8]) -> (VerbDictionary, Vec<DictProblem>) {
    let mut problems = Problems::new(file);
    let mut dict = VerbDictionary::default();
    let mut state = State::Start;
    let mut in_block = false; // a block is open (state may be Synset meanwhile)
    for line in lines(bytes, &mut problems) {
        let n = line.number;
        if line.broken {
            if state == State::Synset {
                state = if in_block { State::Block } else { State::Start };
            }
            continue;
        }
        if line.blank && state == State::Synset {
            state = if in_block { State::Block } else { State::Start };
            continue;
        }
        let text = line.text.as_str();
        if text.is_empty() {
            continue;
        }
        if text.starts_with("---") {
            match parse_header(text, n, &mut problems) {
                Some(block) => {
                    dict.blocks.push(block);
                    state = State::Block;
                    in_block = true;
                }
                None => {
                    state = State::SkippedBlock;
                    in_block = false;
                }
            }
            continue;
        }
        if let Some(name) = text.strip_prefix('&') {
            let name = name.trim().trim_end_matches('_');
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                problems.skip(n, format!("synonym set name '&{name}' must be letters, digits and '_'"));
                continue;
            }
            if dict.synsets.iter().any(|s| s.name == name) {
                problems.recover(
                    n,
                    format!("synonym set &{name} defined twice; both kept, the first is used"),
                );
            }
            dict.synsets.push(Synset {
                name: name.to_string(),
                members: Vec::new(),
                line: n,
            });
            state = State::Synset;
            continue;
        }
        if state == State::Synset {
            if let Some(member) = text.strip_prefix('+') {
                let member = phrase(member);
                if member.is_empty() || member.contains(['[', ']', '{', '}']) {
                    problems.skip(n, format!("synonym set member '{member}' is empty or has brackets"));
                } else if let Some(set) = dict.synsets.last_mut() {
                    set.members.push(member);
                }
                continue;
            }
            state = if in_block { State::Block } else { State::Start };
        }
        if let Some(rest) = text.strip_prefix('~') {
            match parse_transformation(rest, n) {
                Ok(t) => dict.transformations.push(t),
                Err(why) => problems.skip(n, why),
            }
            continue;
        }
        match state {
            State::SkippedBlock => {
                problems.skip(n, "belongs to a verb block whose header was skipped");
                continue;
            }
            State::Start => {
                problems.skip(n, "verb or pattern before any '--- VERB [CODE] ---' header");
                continue;
            }
            _ => {}
        }
        let Some(block) = dict.blocks.last_mut() else {
            continue;
        };
        if let Some(rest) = text.strip_prefix('-') {
            if let Some(pattern) = parse_pattern(rest, n, &mut problems) {
                block.patterns.push(pattern);
            }
        } else if let Some(verb) = parse_verb(text, n, &mut problems) {
            block.verbs.push(verb);
        }
    }
    for set in &dict.synsets {
        if set.members.is_empty() {
            problems.recover(set.line, format!("synonym set &{} has no members", set.name));
        }
    }
    resolve_synsets(&mut dict, &mut problems);
    (dict, problems.list)
}

/// `---  NAME   [CODE]  ---`; dashes run into the code (`[110]---`) are tolerated.
fn parse_header(text: &str, n: usize, problems: &mut Problems) -> Option<VerbBlock> {
    let body = text.trim_start_matches('-').trim();
    let (Some(open), Some(close)) = (body.find('['), body.find(']')) else {
        problems.skip(n, "verb block header has no [CODE]");
        return None;
    };
    if close < open {
        problems.skip(n, "verb block header has unbalanced brackets");
        return None;
    }
    let name = body[..open].trim();
    let mut tail = &body[close + 1..];
    if let Some(extra) = tail.trim_start().strip_prefix('[') {
        // `--- DELAY [120]  [031:031] ---`: PETRARCH2 read the first code only.
        let end = extra.find(']').map_or(extra.len(), |e| e + 1);
        problems.recover(
            n,
            format!(
                "second code [{}] in the header ignored; the first is used",
                &extra[..end.saturating_sub(1)]
            ),
        );
        tail = &extra[end.min(extra.len())..];
    }
    if !tail.chars().all(|c| c == '-' || c.is_whitespace()) {
        problems.skip(n, format!("unexpected text '{}' after the header's code", tail.trim()));
        return None;
    }
    if tail.trim() != "---" {
        problems.recover(n, "header does not end with ' ---'");
    }
    if name.is_empty() {
        problems.skip(n, "verb block header has no name");
        return None;
    }
    let code = match parse_event_code(&body[open + 1..close]) {
        Ok(code) => {
            unusual_code(&code, n, problems);
            code
        }
        Err(why) => {
            problems.skip(n, why);
            return None;
        }
    };
    Some(VerbBlock {
        name: name.to_string(),
        code,
        verbs: Vec::new(),
        patterns: Vec::new(),
        line: n,
    })
}

/// `042`, `0344`, `---`, `042:043`, `:173`, and the letters some test files use (`075A`).
fn parse_event_code(raw: &str) -> Result<EventCode, String> {
    let raw = raw.trim();
    let part = |p: &str| -> Result<Option<String>, String> {
        if p.is_empty() {
            return Ok(None);
        }
        // PETRARCH2 takes any code text; the validation files rely on that (`abc`, `+++`,
        // `102b`), so only characters that cannot be a code are refused.
        if p.chars()
            .any(|c| c.is_whitespace() || matches!(c, '[' | ']' | '{' | '}'))
        {
            return Err(format!("event code '{raw}' is not like 042, 0344, --- or 042:043"));
        }
        Ok(Some(p.to_string()))
    };
    let (code, paired) = match raw.split_once(':') {
        Some((a, b)) => (part(a.trim())?, part(b.trim())?),
        None => (part(raw)?, None),
    };
    if code.is_none() && paired.is_none() {
        return Err("empty event code".to_string());
    }
    Ok(EventCode { code, paired })
}

/// Codes are kept as written, but one with characters no CAMEO code has (`080!`, `025?`)
/// is worth a curator's look.
fn unusual_code(code: &EventCode, n: usize, problems: &mut Problems) {
    for part in [&code.code, &code.paired].into_iter().flatten() {
        if !part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '+') {
            problems.recover(
                n,
                format!("event code '{part}' has characters no CAMEO code has; kept as written"),
            );
        }
    }
}

/// `VERB`, `VERB {FORMS} [CODE]`, `+ASK_FOR {+ASKED_FOR}`, `KLM_NOP_+RST [002]`.
fn parse_verb(text: &str, n: usize, problems: &mut Problems) -> Option<Verb> {
    let parts = split_brackets(text);
    if let Some(fault) = parts.faults.first() {
        problems.skip(n, fault.clone());
        return None;
    }
    let code = match parts.blocks.as_slice() {
        [] => None,
        [c] => match parse_event_code(c) {
            Ok(code) => {
                unusual_code(&code, n, problems);
                Some(code)
            }
            Err(why) => {
                problems.skip(n, why);
                return None;
            }
        },
        _ => {
            problems.skip(n, "verb has more than one [CODE]");
            return None;
        }
    };
    let (verb_text, forms_text) = match parts.head.split_once('{') {
        Some((v, rest)) => match rest.split_once('}') {
            Some((f, tail)) if tail.trim().is_empty() => (v, Some(f)),
            Some((f, tail)) if tail.trim_start().starts_with(';') => {
                problems.recover(
                    n,
                    format!("text '{}' after the forms read as a TABARI ';' comment", tail.trim()),
                );
                (v, Some(f))
            }
            _ => {
                problems.skip(n, "unclosed '{' or text after '}' in verb forms");
                return None;
            }
        },
        None => (parts.head, None),
    };
    if verb_text.contains('}') {
        problems.skip(n, "'}' without '{' in verb line");
        return None;
    }
    let (text, head) = match verb_phrase(verb_text) {
        Ok(v) => v,
        Err(why) => {
            problems.skip(n, why);
            return None;
        }
    };
    let (forms, forms_listed) = match forms_text {
        Some(list) => {
            let mut forms = Vec::new();
            if list.contains(',') {
                problems.recover(n, "commas between verb forms read as separators");
            }
            for raw in list
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|f| !f.is_empty())
            {
                match verb_phrase(raw) {
                    Ok((form, _)) => forms.push(form),
                    Err(why) => {
                        problems.skip(n, format!("verb form '{raw}': {why}"));
                        return None;
                    }
                }
            }
            (forms, true)
        }
        None => (regular_verb_forms(&text, head), false),
    };
    Some(Verb {
        text,
        head,
        forms,
        forms_listed,
        code,
        line: n,
    })
}

/// Words of a verb phrase and the index of the `+`-marked verb word.
fn verb_phrase(raw: &str) -> Result<(String, usize), String> {
    let words: Vec<&str> = raw
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err("verb line has no verb".to_string());
    }
    let marked: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.starts_with('+'))
        .map(|(i, _)| i)
        .collect();
    if marked.len() > 1 {
        return Err(format!("'{raw}' marks more than one verb word with '+'"));
    }
    let clean: Vec<&str> = words.iter().map(|w| w.trim_start_matches('+')).collect();
    if clean
        .iter()
        .any(|w| w.is_empty() || !w.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.')))
    {
        return Err(format!("'{raw}' is not a verb phrase"));
    }
    Ok((clean.join(" "), marked.first().copied().unwrap_or(0)))
}

/// -S/-ES, -ED, -ING of the verb word (a final E drops before -ED and -ING; consonant + Y
/// becomes -IES/-IED), the rest of the phrase unchanged.
fn regular_verb_forms(text: &str, head: usize) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let Some(verb) = words.get(head) else {
        return Vec::new();
    };
    if !verb.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let upper = verb.ends_with(|c: char| c.is_ascii_uppercase());
    let low = verb.to_ascii_lowercase();
    let vowel = |c: Option<char>| matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u'));
    let before_last = low.chars().rev().nth(1);
    let (third, past, ing) = if low.ends_with('y') && !vowel(before_last) {
        let stem = &low[..low.len() - 1];
        (format!("{stem}ies"), format!("{stem}ied"), format!("{low}ing"))
    } else if low.ends_with('e') {
        let stem = &low[..low.len() - 1];
        (format!("{low}s"), format!("{low}d"), format!("{stem}ing"))
    } else if low.ends_with(['s', 'x', 'z']) || low.ends_with("sh") || low.ends_with("ch") {
        (format!("{low}es"), format!("{low}ed"), format!("{low}ing"))
    } else {
        (format!("{low}s"), format!("{low}ed"), format!("{low}ing"))
    };
    [third, past, ing]
        .into_iter()
        .map(|form| {
            let form = if upper { form.to_ascii_uppercase() } else { form };
            let mut w: Vec<&str> = words.clone();
            w[head] = &form;
            w.join(" ")
        })
        .collect()
}

/// The text after the leading `-`: elements, then the code in brackets.
fn parse_pattern(rest: &str, n: usize, problems: &mut Problems) -> Option<Pattern> {
    let Some(open) = rest.rfind('[') else {
        problems.skip(n, "pattern has no [CODE]");
        return None;
    };
    let (body, code_part) = rest.split_at(open);
    let Some(inner) = code_part.strip_prefix('[').and_then(|c| c.trim_end().strip_suffix(']')) else {
        problems.skip(
            n,
            format!("pattern code '{}' is not closed by ']' at the end", code_part.trim()),
        );
        return None;
    };
    if body.contains(['[', ']']) {
        problems.skip(n, "pattern has brackets before its code");
        return None;
    }
    let code = match parse_event_code(inner) {
        Ok(code) => {
            unusual_code(&code, n, problems);
            code
        }
        Err(why) => {
            problems.skip(n, why);
            return None;
        }
    };
    let items = match tokenize_pattern(body) {
        Ok(items) => items,
        Err(why) => {
            problems.skip(n, why);
            return None;
        }
    };
    let verbs = count_verbs(&items);
    if verbs != 1 {
        problems.skip(
            n,
            format!("pattern has {verbs} '*' verb positions; it needs exactly one"),
        );
        return None;
    }
    Some(Pattern { items, code, line: n })
}

fn count_verbs(items: &[PatternItem]) -> usize {
    items
        .iter()
        .map(|i| match &i.element {
            PatternElement::Verb => 1,
            PatternElement::NounPhrase(inner) | PatternElement::PrepPhrase(inner) => count_verbs(inner),
            _ => 0,
        })
        .sum()
}

fn tokenize_pattern(body: &str) -> Result<Vec<PatternItem>, String> {
    // Each open group: its closing character and the items so far.
    let mut stack: Vec<(char, bool, Vec<PatternItem>)> = vec![(' ', false, Vec::new())];
    let mut joined = false;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let element = match c {
            c if c.is_whitespace() => {
                joined = false;
                continue;
            }
            '_' => {
                joined = true;
                continue;
            }
            '{' | '(' => {
                stack.push((if c == '{' { '}' } else { ')' }, joined, Vec::new()));
                joined = false;
                continue;
            }
            '}' | ')' => {
                let (close, was_joined, items) = stack.pop().unwrap_or((' ', false, Vec::new()));
                if close != c || stack.is_empty() {
                    return Err(format!("'{c}' does not close an open group at column {}", i + 1));
                }
                if items.is_empty() {
                    return Err(format!("empty group before column {}", i + 1));
                }
                let element = if c == '}' {
                    PatternElement::NounPhrase(items)
                } else {
                    PatternElement::PrepPhrase(items)
                };
                if let Some(top) = stack.last_mut() {
                    top.2.push(PatternItem {
                        element,
                        joined: was_joined,
                    });
                }
                joined = false;
                continue;
            }
            '*' => PatternElement::Verb,
            '$' => PatternElement::Source,
            '+' => PatternElement::Target,
            '%' => PatternElement::Compound,
            '^' => PatternElement::Skip,
            _ => {
                let synset = c == '&';
                let start = if synset { i + 1 } else { i };
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    // A set name may hold '_' (`&FIGHT_OF_WORDS`); a word may not.
                    let delimiter = d.is_whitespace()
                        || matches!(d, '{' | '}' | '(' | ')' | '*' | '$' | '%' | '^' | '&' | '+')
                        || (d == '_' && !synset);
                    if delimiter {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                let word = &body[start..end];
                if synset {
                    if word.is_empty() {
                        return Err(format!("'&' without a set name at column {}", i + 1));
                    }
                    PatternElement::Synset(word.trim_end_matches('_').to_string())
                } else if word.contains('/') {
                    let alternatives: Vec<String> = word.split('/').map(str::to_string).collect();
                    if alternatives.iter().any(String::is_empty) {
                        return Err(format!("empty alternative in '{word}'"));
                    }
                    PatternElement::AnyOf(alternatives)
                } else {
                    PatternElement::Word(word.to_string())
                }
            }
        };
        if let Some(top) = stack.last_mut() {
            top.2.push(PatternItem { element, joined });
        }
        joined = false;
    }
    if stack.len() != 1 {
        let close = stack.last().map_or(' ', |group| group.0);
        return Err(format!("unclosed group: missing '{close}'"));
    }
    Ok(stack.pop().map(|(_, _, items)| items).unwrap_or_default())
}

/// `a (a b ATTACK) SAY = a b 015`.
fn parse_transformation(rest: &str, n: usize) -> Result<Transformation, String> {
    let (lhs, rhs) = rest.split_once('=').ok_or("transformation has no '='")?;
    let lhs = lhs.split_whitespace().collect::<Vec<_>>().join(" ");
    if lhs.matches('(').count() != lhs.matches(')').count() {
        return Err("transformation has unbalanced parentheses".to_string());
    }
    let rhs: Vec<&str> = rhs.split_whitespace().collect();
    let [source, target, code] = rhs.as_slice() else {
        return Err(format!(
            "transformation result '{}' is not 'SOURCE TARGET CODE'",
            rhs.join(" ")
        ));
    };
    if lhs.is_empty() {
        return Err("transformation has an empty left side".to_string());
    }
    Ok(Transformation {
        pattern: lhs,
        source: source.to_string(),
        target: target.to_string(),
        code: code.to_string(),
        line: n,
    })
}

/// Names written as `&SET_WORD` (TABARI lets `_` join a set to the next word) are split at
/// the longest defined set name; references to sets that do not exist are reported.
fn resolve_synsets(dict: &mut VerbDictionary, problems: &mut Problems) {
    let names: HashSet<String> = dict.synsets.iter().map(|s| s.name.clone()).collect();
    for set in &dict.synsets {
        for member in &set.members {
            if let Some(other) = member.strip_prefix('&') {
                let other = other.trim_end_matches('_');
                if !names.contains(other) {
                    problems.recover(set.line, format!("set &{} names unknown set &{other}", set.name));
                }
            }
        }
    }
    for block in &mut dict.blocks {
        for pattern in &mut block.patterns {
            let mut unknown = Vec::new();
            resolve_items(&mut pattern.items, &names, &mut unknown);
            for name in unknown {
                problems.recover(
                    pattern.line,
                    format!("pattern uses unknown synonym set &{name}; it can never match"),
                );
            }
        }
    }
}

fn resolve_items(items: &mut Vec<PatternItem>, names: &HashSet<String>, unknown: &mut Vec<String>) {
    let mut out = Vec::with_capacity(items.len());
    for mut item in items.drain(..) {
        match &mut item.element {
            PatternElement::NounPhrase(inner) | PatternElement::PrepPhrase(inner) => {
                resolve_items(inner, names, unknown);
                out.push(item);
            }
            PatternElement::Synset(name) if !names.contains(name.as_str()) => {
                let split = name
                    .match_indices('_')
                    .map(|(i, _)| i)
                    .rev()
                    .find(|&i| names.contains(&name[..i]));
                match split {
                    Some(i) => {
                        let rest: Vec<String> = name[i + 1..]
                            .split('_')
                            .filter(|w| !w.is_empty())
                            .map(str::to_string)
                            .collect();
                        out.push(PatternItem {
                            element: PatternElement::Synset(name[..i].to_string()),
                            joined: item.joined,
                        });
                        out.extend(rest.into_iter().map(|w| PatternItem {
                            element: PatternElement::Word(w),
                            joined: true,
                        }));
                    }
                    None => {
                        unknown.push(name.clone());
                        out.push(item);
                    }
                }
            }
            _ => out.push(item),
        }
    }
    *items = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_in_all_published_shapes() {
        let c = parse_event_code("042:043").unwrap();
        assert_eq!((c.code.as_deref(), c.paired.as_deref()), (Some("042"), Some("043")));
        let c = parse_event_code(":173").unwrap();
        assert_eq!((c.code, c.paired.as_deref()), (None, Some("173")));
        assert_eq!(parse_event_code("---").unwrap().code.as_deref(), Some("---"));
        assert!(parse_event_code("08 0").is_err());
        assert_eq!(parse_event_code("abc").unwrap().code.as_deref(), Some("abc"));
        assert!(parse_event_code("").is_err());
    }

    #[test]
    fn regular_forms_follow_spelling() {
        assert_eq!(regular_verb_forms("ACCUSE", 0), ["ACCUSES", "ACCUSED", "ACCUSING"]);
        assert_eq!(regular_verb_forms("DENY", 0), ["DENIES", "DENIED", "DENYING"]);
        assert_eq!(
            regular_verb_forms("ASK FOR", 0),
            ["ASKS FOR", "ASKED FOR", "ASKING FOR"]
        );
        assert_eq!(regular_verb_forms("REACH", 0), ["REACHES", "REACHED", "REACHING"]);
    }
}
