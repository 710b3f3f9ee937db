//! Joins dyad's stages: a cleaned `Document` in, its FORMAT.md records out.
//!
//! Build a `Pipeline` once (it holds the parser model, the actor resolver and the event
//! coder, all immutable and `Send + Sync`), then call `code` for each document, from as many
//! threads as you like. Stages talk only through dyad-core's types: text → `Sentence`,
//! parse → `ParsedSentence`, actors → `Mention`, events and quotes → records. This crate does
//! no I/O: whatever the user points at (dictionaries, lexicons) the CLI reads and passes in.

use chrono::NaiveDate;
use dyad_actors::{ActorResolver, DictionaryEntry, KnowledgeBase, NameKind, NameSpan, ResolverConfig};
use dyad_core::record::{DocumentRecord, DroppedRecord, EventRecord, MentionRecord, Record};
use dyad_core::{Document, Mention, ParsedSentence};
use dyad_events::EventCoder;
use std::time::{Duration, Instant};

/// Options for a run of the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Publication date assumed for documents that carry none (`--date`).
    pub default_date: Option<NaiveDate>,
    /// Actor phrases from PETRARCH/Phoenix dictionaries (`--dictionaries`), matched alongside
    /// (or, with `dictionaries_only`, instead of) the built-in knowledge base.
    pub actor_entries: Vec<DictionaryEntry>,
    pub dictionaries_only: bool,
    /// Event coder options: Goldstein table, extra lexicons.
    pub events: dyad_events::Config,
}

/// Why the pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("parser model: {0}")]
    Model(#[from] dyad_parse::ParseError),
    #[error("event coder: {0}")]
    Events(#[from] dyad_events::Error),
    #[error("entity tagger model: {0}")]
    Ner(#[from] dyad_ner::NerError),
}

/// What coding one document produced.
#[derive(Debug, Clone, Default)]
pub struct CodedDocument {
    /// The document record first, then mentions, events and quotes in text order.
    pub records: Vec<Record>,
    pub sentences: usize,
    pub tokens: usize,
}

/// The analysis of one document before events and quotes: for `dyad explain` and tests.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub published: Option<NaiveDate>,
    pub sentences: Vec<ParsedSentence>,
    pub mentions: Vec<Mention>,
}

/// Wall time spent in each stage, summed over the documents given to [`Pipeline::code_timed`]:
/// `dyad bench` uses it to show which stage costs what (target: coding adds at most 30% to
/// the parse).
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// Sentence splitting and tokenization.
    pub segment: Duration,
    /// Tagging, lemmatization and dependency parsing.
    pub parse: Duration,
    /// Named-entity tagging (names no dictionary holds).
    pub names: Duration,
    /// Mention detection, resolution and coreference.
    pub actors: Duration,
    pub events: Duration,
    pub quotes: Duration,
    /// Building and ordering the output records.
    pub records: Duration,
}

impl StageTimes {
    /// Everything after the parse: actors, events, quotes and records.
    pub fn coding(&self) -> Duration {
        self.names + self.actors + self.events + self.quotes + self.records
    }

    pub fn total(&self) -> Duration {
        self.segment + self.parse + self.coding()
    }
}

/// Adds the time since `*clock` to `slot` and restarts the clock.
fn lap(clock: &mut Instant, slot: &mut Duration) {
    let now = Instant::now();
    *slot += now - *clock;
    *clock = now;
}

/// The whole engine, built once.
pub struct Pipeline {
    default_date: Option<NaiveDate>,
    parser: &'static dyad_parse::Model,
    /// Finds person and organisation names no dictionary holds, for the resolver.
    ner: &'static dyad_ner::Ner,
    actors: ActorResolver<'static>,
    events: EventCoder,
    /// Knowledge-base people by entity id, to give an event's actors the role they held on
    /// the event's date rather than the story's.
    people: std::collections::HashMap<String, &'static dyad_actors::Person>,
}

impl Pipeline {
    pub fn new(config: Config) -> Result<Pipeline, PipelineError> {
        let parser = dyad_parse::Model::builtin()?;
        let ner = dyad_ner::Ner::builtin()?;
        let kb: &'static KnowledgeBase = if config.actor_entries.is_empty() && !config.dictionaries_only {
            KnowledgeBase::builtin()
        } else {
            // A knowledge base extended by the user's dictionaries lives for the whole run;
            // leaking the one we build keeps the resolver's borrow simple.
            let mut kb = if config.dictionaries_only {
                KnowledgeBase::from_sources(std::iter::empty())
            } else {
                KnowledgeBase::builtin().clone()
            };
            kb.add_dictionary_entries(config.actor_entries);
            Box::leak(Box::new(kb))
        };
        let actors = ActorResolver::new(kb, ResolverConfig::default());
        let events = EventCoder::try_new(config.events)?;
        let people = kb.people.iter().map(|p| (p.entity_id(), p)).collect();
        Ok(Pipeline {
            default_date: config.default_date,
            parser,
            ner,
            actors,
            events,
            people,
        })
    }

    /// Sentences, parses and resolved actor mentions of one document.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        self.analyse_timed(doc, &mut StageTimes::default())
    }

    fn analyse_timed(&self, doc: &Document, times: &mut StageTimes) -> Analysis {
        let mut clock = Instant::now();
        let published = doc.published.or(self.default_date);
        let split = dyad_text::segment(&doc.text, &doc.body_regions());
        lap(&mut clock, &mut times.segment);
        let sentences: Vec<ParsedSentence> = split
            .iter()
            .enumerate()
            .map(|(index, sentence)| self.parser.parse(&doc.text, sentence, index))
            .collect();
        lap(&mut clock, &mut times.parse);
        let names = self.names(&sentences);
        lap(&mut clock, &mut times.names);
        let mentions = self
            .actors
            .resolve_document_with_names(doc, &sentences, published, &names);
        lap(&mut clock, &mut times.actors);
        Analysis {
            published,
            sentences,
            mentions,
        }
    }

    /// An event dated apart from its story ("in 2017, Mekdad met …" in a 2023 report) gets
    /// each known person's role on that date: code, country and sector.
    fn roles_on_event_date(&self, mut event: EventRecord, published: Option<NaiveDate>) -> EventRecord {
        let Some(date) = event
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            return event;
        };
        if Some(date) == published {
            return event;
        }
        for actor in std::iter::once(&mut event.source).chain(event.target.as_mut()) {
            let Some(person) = actor.entity_id.as_ref().and_then(|id| self.people.get(id)) else {
                continue;
            };
            // A title written in the text ("defence minister Rajnath Singh") already chose the role.
            let text = actor.text.to_lowercase();
            if person.roles.iter().any(|r| text.contains(&r.title.to_lowercase())) {
                continue;
            }
            if let Some(role) = person.role_at(Some(date)) {
                actor.code = role.code();
                actor.country = Some(role.country.clone());
                actor.sector = Some(role.sector.clone());
            }
        }
        event
    }

    /// The entity tagger's names in every sentence, as byte spans of the document.
    fn names(&self, sentences: &[ParsedSentence]) -> Vec<NameSpan> {
        // The resolver asks the tagger about multi-word names only ("Syrian Computer
        // Society"): a sentence without two capitalised words in a row past its first word
        // has none, and skipping it saves most of the tagger's time. The sentences kept are
        // tagged together, so that a name is read the same way across the document.
        let capitalised = |t: &dyad_core::ParsedToken| t.form.starts_with(|c: char| c.is_uppercase());
        let tagged: Vec<&ParsedSentence> = sentences
            .iter()
            .filter(|s| {
                s.tokens
                    .windows(2)
                    .skip(1)
                    .any(|w| capitalised(&w[0]) && capitalised(&w[1]))
            })
            .collect();
        let words: Vec<Vec<&str>> = tagged
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect())
            .collect();
        let mut names = Vec::new();
        for (s, found) in tagged.iter().zip(self.ner.tag_document(&words)) {
            for e in found {
                // Person names from the tagger cost more precision than they add recall on
                // news (re3d Person F1 0.860 without them, 0.848 with full names only, 0.828
                // with all); its organisations and places help (Organisation F1 0.593 → 0.613).
                let kind = match e.kind {
                    dyad_ner::EntityKind::Person => continue,
                    dyad_ner::EntityKind::Organisation => NameKind::Organisation,
                    dyad_ner::EntityKind::Location => NameKind::Place,
                };
                let span = dyad_core::Span::new(s.tokens[e.start].span.start, s.tokens[e.end - 1].span.end);
                names.push(NameSpan { span, kind });
            }
        }
        names
    }

    /// The event coder, for tracing one sentence (`dyad explain`).
    pub fn event_coder(&self) -> &EventCoder {
        &self.events
    }

    /// Code one document. Never fails: analysis problems become fewer records, not errors.
    pub fn code(&self, doc: &Document) -> CodedDocument {
        self.code_timed(doc, &mut StageTimes::default())
    }

    /// [`Pipeline::code`], adding each stage's time to `times`.
    pub fn code_timed(&self, doc: &Document, times: &mut StageTimes) -> CodedDocument {
        let analysis = self.analyse_timed(doc, times);
        let mut clock = Instant::now();
        // People found by name alone, with no nationality, have no actor code yet: they can be
        // speakers of quotes, but not sources or targets of coded events.
        // Most documents have none, so copy the mentions only when there is one to leave out.
        let coded_actors: std::borrow::Cow<[Mention]> = if analysis.mentions.iter().all(|m| !m.actor.code.is_empty()) {
            std::borrow::Cow::Borrowed(&analysis.mentions)
        } else {
            analysis
                .mentions
                .iter()
                .filter(|m| !m.actor.code.is_empty())
                .cloned()
                .collect()
        };
        let events = self
            .events
            .code_document(doc, &analysis.sentences, &coded_actors, analysis.published);
        let events: Vec<_> = events
            .into_iter()
            .map(|e| self.roles_on_event_date(e, analysis.published))
            .collect();
        lap(&mut clock, &mut times.events);
        let quotes = dyad_quotes::find_quotes(doc, &analysis.sentences, &analysis.mentions);
        lap(&mut clock, &mut times.quotes);

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
        // Text order across kinds; at one offset, mentions come before events before quotes.
        let mut body: Vec<(usize, u8, Record)> = Vec::new();
        body.extend(
            analysis
                .mentions
                .iter()
                .map(|m| (m.span.start, 0, Record::Mention(mention_record(doc, m)))),
        );
        body.extend(events.into_iter().map(|e| (e.span.start, 1, Record::Event(e))));
        body.extend(quotes.into_iter().map(|q| (q.span.start, 2, Record::Quote(q))));
        body.sort_by_key(|(start, kind, _)| (*start, *kind));

        let tokens = analysis.sentences.iter().map(|s| s.tokens.len()).sum();
        let mut records = vec![Record::Document(document)];
        records.extend(body.into_iter().map(|(_, _, record)| record));
        lap(&mut clock, &mut times.records);
        CodedDocument {
            records,
            sentences: analysis.sentences.len(),
            tokens,
        }
    }
}

fn mention_record(doc: &Document, m: &Mention) -> MentionRecord {
    MentionRecord {
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
