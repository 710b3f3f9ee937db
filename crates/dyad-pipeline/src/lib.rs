//! Joins dyad's stages: a cleaned `Document` in, its FORMAT.md records out.
//!
//! Build a `Pipeline` once (it holds the parser model, the actor base and the event
//! lexicon, all immutable and `Send + Sync`), then call `code` for each document, from as
//! many threads as you like.

use chrono::NaiveDate;
use dyad_core::record::{DocumentRecord, DroppedRecord, Record};
use dyad_core::Document;

/// Options for a run of the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Publication date assumed for documents that carry none (`--date`).
    pub default_date: Option<NaiveDate>,
}

/// What coding one document produced.
#[derive(Debug, Clone, Default)]
pub struct CodedDocument {
    /// The document record first, then mentions, events and quotes in text order.
    pub records: Vec<Record>,
    pub sentences: usize,
    pub tokens: usize,
}

/// The whole engine, built once.
pub struct Pipeline {
    config: Config,
}

impl Pipeline {
    pub fn new(config: Config) -> Result<Pipeline, std::convert::Infallible> {
        Ok(Pipeline { config })
    }

    /// Code one document. Never fails: analysis problems become fewer records, not errors.
    pub fn code(&self, doc: &Document) -> CodedDocument {
        let published = doc.published.or(self.config.default_date);
        let sentences = dyad_text::segment(&doc.text, &doc.body_regions());
        let tokens = sentences.iter().map(|s| s.tokens.len()).sum();
        let record = DocumentRecord {
            doc: doc.id.clone(),
            outlet: doc.outlet.clone(),
            headline: doc.headline.clone(),
            dateline: doc.dateline.clone(),
            published: published.map(|d| d.format("%Y-%m-%d").to_string()),
            language: "en".into(),
            sentences: sentences.len(),
            dropped: doc.dropped.iter().map(DroppedRecord::from).collect(),
            text: doc.from_html.then(|| doc.text.clone()),
        };
        CodedDocument { records: vec![Record::Document(record)], sentences: sentences.len(), tokens }
    }
}
