//! Actor mentions resolved to entities and CAMEO actor codes: what the actor stage hands
//! the event coder.

use crate::Span;

/// Who an actor is, as far as dyad could tell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actor {
    /// The full CAMEO actor code: country (or international/non-state code) plus sector,
    /// e.g. "SYRGOV", "TURMIL", "USA", "IMGMUSISI".
    pub code: String,
    /// ISO 3166 alpha-3 country, when the actor belongs to one.
    pub country: Option<String>,
    /// The CAMEO sector/agent code ("GOV", "MIL", "LEG"…), when known.
    pub sector: Option<String>,
    /// Canonical entity name ("Faisal Mekdad"), when the actor is a known or inferred entity.
    pub entity: Option<String>,
    /// Stable entity key: a Wikidata QID when known, otherwise dyad's own id.
    pub entity_id: Option<String>,
}

/// How a mention was resolved; serialized into `mention.how`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resolution {
    Dictionary,
    Title,
    Alias,
    Coreference,
    Pronoun,
    Inferred,
}

impl Resolution {
    pub fn as_str(&self) -> &'static str {
        match self {
            Resolution::Dictionary => "dictionary",
            Resolution::Title => "title",
            Resolution::Alias => "alias",
            Resolution::Coreference => "coreference",
            Resolution::Pronoun => "pronoun",
            Resolution::Inferred => "inferred",
        }
    }
}

/// An actor mention in a parsed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// 0-based index of the mention's head token in its sentence: the token the event
    /// coder finds as a verb's subject or object.
    pub head: usize,
    /// 0-based token range `[first, last]` of the mention's words.
    pub first: usize,
    pub last: usize,
    /// Byte range in the document text; `&text[span] == text`.
    pub span: Span,
    pub text: String,
    pub actor: Actor,
    pub how: Resolution,
    /// The dictionary or knowledge-base entry that produced it ("kb/people.toml:120").
    pub rule: String,
}
