//! Joins dyad's stages: a cleaned `Document` in, its FORMAT.md records out.
//!
//! Build a `Pipeline` once (it holds the parser model, the actor resolver and the event
//! coder, all immutable and `Send + Sync`), then call `code` for each document, from as many
//! threads as you like. Stages talk only through dyad-core's types: text → `Sentence`,
//! parse → `ParsedSentence`, actors → `Mention`, events and quotes → records.

use chrono::NaiveDate;
use dyad_core::record::{DocumentRecord, DroppedRecord, Record};
use dyad_core::{Document, Mention, ParsedSentence};

/// Options for a run of the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Publication date assumed for documents that carry none (`--date`).
    pub default_date: Option<NaiveDate>,
}

/// Why the pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("parser model: {0}")]
    Model(#[from] dyad_parse::ParseError),
}

/// What coding one document produced.
#[derive(Debug, Clone, Default)]
pub struct CodedDocument {
    /// The document record first, then mentions, events and quotes in text order.
    pub records: Vec<Record>,
    pub sentences: usize,
    pub tokens: usize,
}

/// Every stage's output for one document, for `dyad explain` and tests.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub published: Option<NaiveDate>,
    pub sentences: Vec<ParsedSentence>,
    pub mentions: Vec<Mention>,
}

/// The whole engine, built once.
pub struct Pipeline {
    config: Config,
    parser: &'static dyad_parse::Model,
    actors: dyad_actors::ActorResolver,
    events: dyad_events::EventCoder,
}

impl Pipeline {
    pub fn new(config: Config) -> Result<Pipeline, PipelineError> {
        let parser = dyad_parse::Model::builtin()?;
        let kb = dyad_actors::KnowledgeBase::builtin();
        let actors = dyad_actors::ActorResolver::new(kb, dyad_actors::ResolverConfig::default());
        let events = dyad_events::EventCoder::new(dyad_events::Config::default());
        Ok(Pipeline { config, parser, actors, events })
    }

    /// Text, parse and actors for one document.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        let published = doc.published.or(self.config.default_date);
        let sentences: Vec<ParsedSentence> = dyad_text::segment(&doc.text, &doc.body_regions())
            .iter()
            .enumerate()
            .map(|(index, sentence)| self.parser.parse(&doc.text, sentence, index))
            .collect();
        let mentions = self.actors.resolve_document(doc, &sentences, published);
        Analysis { published, sentences, mentions }
    }

    /// Code one document. Never fails: analysis problems become fewer records, not errors.
    pub fn code(&self, doc: &Document) -> CodedDocument {
        let analysis = self.analyse(doc);
        let events = self.events.code_document(doc, &analysis.sentences, &analysis.mentions, analysis.published);
        let quotes = dyad_quotes::find_quotes(doc, &analysis.sentences, &analysis.mentions);

        let document = DocumentRecord {
            doc: doc.id.clone(),
            outlet: doc.outlet.clone(),
            headline: doc.headline.clone(),
            dateline: doc.dateline.clone(),
            published: analysis.published.map(|d| d.format("%Y-%m-%d").to_string()),
            language: "en".into(),
            sentences: analysis.sentences.len(),
            dropped: doc.dropped.iter().map(DroppedRecord::from).collect(),
            text: doc.from_html.then(|| doc.text.clone()),
        };
        // Text order across kinds; at one offset mentions come before events before quotes.
        let mut body: Vec<(usize, u8, Record)> = Vec::new();
        for m in &analysis.mentions {
            body.push((m.span.start, 0, Record::Mention(mention_record(doc, m))));
        }
        body.extend(events.into_iter().map(|e| (e.span.start, 1, Record::Event(e))));
        body.extend(quotes.into_iter().map(|q| (q.span.start, 2, Record::Quote(q))));
        body.sort_by_key(|(start, kind, _)| (*start, *kind));

        let tokens = analysis.sentences.iter().map(|s| s.tokens.len()).sum();
        let mut records = vec![Record::Document(document)];
        records.extend(body.into_iter().map(|(_, _, r)| r));
        CodedDocument { records, sentences: analysis.sentences.len(), tokens }
    }
}

fn mention_record(doc: &Document, m: &Mention) -> dyad_core::record::MentionRecord {
    dyad_core::record::MentionRecord {
        doc: doc.id.clone(),
        text: m.text.clone(),
        span: m.span,
        entity: m.actor.entity.clone(),
        entity_id: m.actor.entity_id.clone(),
        code: m.actor.code.clone(),
        country: m.actor.country.clone(),
        sector: m.actor.sector.clone(),
        how: m.how.as_str().to_string(),
    }
}
