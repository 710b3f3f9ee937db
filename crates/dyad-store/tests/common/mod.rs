//! Builders for hand-made coded documents: the store's tests feed it records, not text, so
//! they do not depend on how well the coder reads.
#![allow(dead_code)]

use dyad_core::record::{
    ActorRecord, DocumentRecord, EventRecord, MentionRecord, PlaceRecord, QuoteRecord, Record, SpeakerRecord,
    TableVersions, TriggerRecord,
};
use dyad_core::{Document, Span};
use std::path::PathBuf;

/// A fresh temporary folder for one test (removed when dropped).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("dyad-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    pub fn db(&self) -> PathBuf {
        self.0.join("test.db")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `"SYRGOV"`, `"SYRGOV|Bashar al-Assad"` or `"SYRGOV|Bashar al-Assad|Q44329"`.
pub fn actor(spec: &str) -> ActorRecord {
    let mut parts = spec.split('|');
    let code = parts.next().unwrap().to_string();
    let entity = parts.next().map(String::from);
    let entity_id = parts.next().map(String::from);
    ActorRecord {
        country: Some(code.chars().take(3).collect()),
        sector: (code.len() > 3).then(|| code[3..].to_string()),
        text: entity.clone().unwrap_or_else(|| code.clone()),
        code,
        entity,
        entity_id,
        span: Span::new(0, 1),
    }
}

/// A coded event; `cameo` decides root, PLOVER type and quad roughly like the coder would.
pub fn event(
    doc: &str,
    sentence: usize,
    source: &str,
    target: Option<&str>,
    cameo: &str,
    date: Option<&str>,
    place: Option<&str>,
) -> EventRecord {
    let root = cameo[..2].to_string();
    let (plover, quad, goldstein) = match root.as_str() {
        "04" => ("CONSULT", 1, 1.0),
        "05" => ("SUPPORT", 1, 3.5),
        "10" => ("DEMAND", 3, -5.0),
        "11" => ("DISAPPROVE", 3, -2.0),
        "12" => ("REJECT", 3, -4.0),
        _ => ("ASSAULT", 4, -9.0),
    };
    EventRecord {
        id: format!("e:{doc}:{sentence}:0"),
        doc: doc.into(),
        sentence,
        source: actor(source),
        target: target.map(actor),
        cameo: cameo.into(),
        cameo_root: root,
        plover: plover.into(),
        mode: None,
        context: vec!["diplomatic".into()],
        goldstein,
        quad,
        negated: false,
        modality: "asserted".into(),
        date: date.map(String::from),
        date_text: None,
        place: place.map(|name| PlaceRecord {
            name: name.into(),
            country: None,
            lat: Some(35.7),
            lon: Some(51.4),
        }),
        text: format!("sentence {sentence} of {doc}\twith a tab"),
        span: Span::new(0, 1),
        trigger: TriggerRecord {
            text: "met".into(),
            span: Span::new(0, 1),
        },
        rule: "test".into(),
        versions: TableVersions {
            cameo: "1.1b3".into(),
            plover: "2.0".into(),
            goldstein: "gdelt".into(),
        },
    }
}

/// A document and its records: the document record, a mention per named actor, the events
/// and one quote per event source that names an entity.
pub fn coded(
    id: &str,
    outlet: Option<&str>,
    published: Option<&str>,
    events: Vec<EventRecord>,
) -> (Document, Vec<Record>) {
    let text = format!(
        "report {id}: {}",
        events.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join(" ")
    );
    let document = Document {
        id: id.into(),
        text,
        outlet: outlet.map(String::from),
        published: published.map(|d| d.parse().unwrap()),
        ..Document::default()
    };
    let mut records = vec![Record::Document(DocumentRecord {
        doc: id.into(),
        outlet: outlet.map(String::from),
        headline: Some(format!("headline of {id}")),
        dateline: None,
        published: published.map(String::from),
        language: "en".into(),
        sentences: events.len(),
        dropped: vec![],
        text: None,
    })];
    for e in &events {
        for a in std::iter::once(&e.source).chain(e.target.as_ref()) {
            records.push(Record::Mention(MentionRecord {
                doc: id.into(),
                text: a.text.clone(),
                span: a.span,
                entity: a.entity.clone(),
                entity_id: a.entity_id.clone(),
                code: a.code.clone(),
                country: a.country.clone(),
                sector: a.sector.clone(),
                how: "dictionary".into(),
            }));
        }
    }
    for e in &events {
        if e.source.entity.is_some() {
            records.push(Record::Quote(QuoteRecord {
                doc: id.into(),
                text: format!("words of {}", e.source.text),
                span: Span::new(0, 1),
                direct: true,
                cue: Some("said".into()),
                speaker: Some(SpeakerRecord {
                    entity: e.source.entity.clone(),
                    entity_id: e.source.entity_id.clone(),
                    code: Some(e.source.code.clone()),
                    text: e.source.text.clone(),
                    span: e.source.span,
                }),
            }));
        }
    }
    records.extend(events.into_iter().map(Record::Event));
    (document, records)
}

/// Ingests `docs` as one batch.
pub fn ingest(store: &mut dyad_store::Store, docs: &[(Document, Vec<Record>)]) -> dyad_store::IngestSummary {
    store.ingest_batch(docs.iter().map(|(d, r)| (d, r.as_slice()))).unwrap()
}
