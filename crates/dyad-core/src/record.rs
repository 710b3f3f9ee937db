//! The output records of FORMAT.md: the contract other programs read.
//!
//! Field order and names here are the order and names on the wire; fields are added,
//! never renamed or removed without a version bump. `Option` fields serialize as `null`
//! unless FORMAT.md says the field is absent (only `document.text`).

use crate::{Dropped, Span};
use serde::{Deserialize, Serialize};

/// One line of `dyad code` output.
// Records are built, serialized and dropped one document at a time; boxing the large event
// variant would cost an allocation each for no memory saved.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    Document(DocumentRecord),
    Mention(MentionRecord),
    Event(EventRecord),
    Quote(QuoteRecord),
}

impl Record {
    /// The record as one JSON line (no trailing newline).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("records always serialize")
    }

    pub fn doc(&self) -> &str {
        match self {
            Record::Document(r) => &r.doc,
            Record::Mention(r) => &r.doc,
            Record::Event(r) => &r.doc,
            Record::Quote(r) => &r.doc,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc: String,
    pub outlet: Option<String>,
    pub headline: Option<String>,
    pub dateline: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub published: Option<String>,
    pub language: String,
    pub sentences: usize,
    pub dropped: Vec<DroppedRecord>,
    /// The extracted text, only for HTML input (spans point into it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedRecord {
    pub span: Span,
    pub reason: String,
}

impl From<&Dropped> for DroppedRecord {
    fn from(d: &Dropped) -> DroppedRecord {
        DroppedRecord {
            span: d.span,
            reason: d.reason.as_str().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub doc: String,
    pub text: String,
    pub span: Span,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub how: String,
}

/// An event's source or target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriggerRecord {
    pub text: String,
    pub span: Span,
}

/// Versions of the reference tables an event was coded with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableVersions {
    pub cameo: String,
    pub plover: String,
    pub goldstein: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// `e:<doc>:<sentence>:<n>`.
    pub id: String,
    pub doc: String,
    pub sentence: usize,
    pub source: ActorRecord,
    pub target: Option<ActorRecord>,
    pub cameo: String,
    pub cameo_root: String,
    pub plover: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub goldstein: f64,
    pub quad: u8,
    pub negated: bool,
    /// `asserted`, `future`, `hypothetical` or `reported`.
    pub modality: String,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub place: Option<PlaceRecord>,
    pub text: String,
    pub span: Span,
    pub trigger: TriggerRecord,
    pub rule: String,
    pub versions: TableVersions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub code: Option<String>,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub doc: String,
    pub text: String,
    pub span: Span,
    pub direct: bool,
    pub cue: Option<String>,
    pub speaker: Option<SpeakerRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_record_matches_format() {
        let record = Record::Document(DocumentRecord {
            doc: "004".into(),
            outlet: Some("SANA".into()),
            headline: None,
            dateline: Some("Tehran".into()),
            published: None,
            language: "en".into(),
            sentences: 24,
            dropped: vec![DroppedRecord {
                span: Span::new(5012, 5030),
                reason: "teaser".into(),
            }],
            text: None,
        });
        assert_eq!(
            record.to_json_line(),
            r#"{"kind":"document","doc":"004","outlet":"SANA","headline":null,"dateline":"Tehran","published":null,"language":"en","sentences":24,"dropped":[{"span":[5012,5030],"reason":"teaser"}]}"#
        );
        let back: Record = serde_json::from_str(&record.to_json_line()).unwrap();
        assert_eq!(back, record);
    }
}
