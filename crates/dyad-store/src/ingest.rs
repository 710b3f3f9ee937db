//! Ingest: coded documents into the database, one transaction per batch.
//!
//! Each document is keyed by its id and a content hash. A document whose hash is already
//! stored is skipped (idempotence); one whose id is stored with another hash has its old
//! mentions, events and quotes deleted first (a changed report replaces its records). The
//! happenings of every block the batch touched (new or deleted events) are rebuilt before the
//! commit, so readers never see events without their happening.

use crate::dedup::{ActorKey, ClusterEvent};
use crate::rebuild::{self, Affected};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use dyad_core::record::{DocumentRecord, EventRecord, MentionRecord, QuoteRecord, Record};
use dyad_core::Document;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What one [`Store::ingest_batch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestSummary {
    /// Documents stored for the first time.
    pub added: usize,
    /// Documents whose content changed: old records replaced.
    pub replaced: usize,
    /// Documents already stored with the same content: skipped.
    pub unchanged: usize,
    pub mentions: usize,
    pub events: usize,
    pub quotes: usize,
    /// Blocks (see the dedup rule) whose happenings were rebuilt.
    pub blocks: usize,
}

impl std::ops::AddAssign for IngestSummary {
    fn add_assign(&mut self, other: IngestSummary) {
        self.added += other.added;
        self.replaced += other.replaced;
        self.unchanged += other.unchanged;
        self.mentions += other.mentions;
        self.events += other.events;
        self.quotes += other.quotes;
        self.blocks += other.blocks;
    }
}

/// SHA-256 (hex) of a document's text and metadata: what makes "the same report".
pub fn content_hash(doc: &Document) -> String {
    let mut hasher = Sha256::new();
    let fields: [(&str, Option<&str>); 6] = [
        ("id", Some(&doc.id)),
        ("outlet", doc.outlet.as_deref()),
        ("url", doc.url.as_deref()),
        ("headline", doc.headline.as_deref()),
        ("published", None),
        ("text", Some(&doc.text)),
    ];
    for (name, value) in fields {
        hasher.update(name.as_bytes());
        hasher.update([0x1f]);
        match (name, value) {
            ("published", _) => hasher.update(doc.published.map(|d| d.to_string()).unwrap_or_default().as_bytes()),
            (_, Some(value)) => hasher.update(value.as_bytes()),
            (_, None) => hasher.update([0xff]),
        }
        hasher.update([0x1e]);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// True when this exact document (same id and content hash) is already stored: callers
    /// skip coding it, which is how an interrupted ingest resumes.
    pub fn contains(&self, doc: &Document) -> Result<bool, StoreError> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT hash FROM documents WHERE doc = ?1", [&doc.id], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))?;
        Ok(stored.is_some_and(|hash| hash == content_hash(doc)))
    }

    /// Stores a batch of coded documents (each with its records as `Pipeline::code` returned
    /// them) in one transaction, and rebuilds the happenings the batch touched. On any error
    /// the whole batch is rolled back and the database is as before.
    pub fn ingest_batch<'a, I>(&mut self, batch: I) -> Result<IngestSummary, StoreError>
    where
        I: IntoIterator<Item = (&'a Document, &'a [Record])>,
    {
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let mut summary = IngestSummary::default();
        let mut affected = Affected::default();
        let mut entities: HashMap<String, i64> = HashMap::new();
        for (doc, records) in batch {
            let hash = content_hash(doc);
            let stored: Option<String> = tx
                .prepare_cached("SELECT hash FROM documents WHERE doc = ?1")
                .and_then(|mut stmt| stmt.query_row([&doc.id], |r| r.get(0)))
                .optional()
                .map_err(sql)?;
            match stored {
                Some(old) if old == hash => {
                    summary.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    delete_document(&tx, &doc.id, &mut affected).map_err(sql)?;
                    summary.replaced += 1;
                }
                None => summary.added += 1,
            }
            insert_document(&tx, doc, &hash, records, &mut entities, &mut affected, &mut summary).map_err(sql)?;
        }
        summary.blocks = rebuild::rebuild(&tx, &affected, &self.dedup).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(summary)
    }
}

fn delete_document(tx: &Transaction, doc: &str, affected: &mut Affected) -> rusqlite::Result<()> {
    {
        let mut stmt = tx.prepare_cached("SELECT block, day, happening FROM events WHERE doc = ?1")?;
        let mut rows = stmt.query([doc])?;
        while let Some(row) = rows.next()? {
            let block: String = row.get(0)?;
            let day: Option<String> = row.get(1)?;
            let happening: Option<String> = row.get(2)?;
            affected.add(block, day.and_then(|d| d.parse().ok()), doc, happening);
        }
    }
    for table in ["mentions", "events", "quotes", "documents"] {
        tx.execute(&format!("DELETE FROM {table} WHERE doc = ?1"), [doc])?;
    }
    Ok(())
}

fn insert_document(
    tx: &Transaction,
    doc: &Document,
    hash: &str,
    records: &[Record],
    entities: &mut HashMap<String, i64>,
    affected: &mut Affected,
    summary: &mut IngestSummary,
) -> rusqlite::Result<()> {
    let fallback;
    let document = match records
        .iter()
        .find_map(|r| if let Record::Document(d) = r { Some(d) } else { None })
    {
        Some(d) => d,
        None => {
            fallback = DocumentRecord {
                doc: doc.id.clone(),
                outlet: doc.outlet.clone(),
                headline: doc.headline.clone(),
                dateline: doc.dateline.clone(),
                published: doc.published.map(|d| d.to_string()),
                language: "en".into(),
                sentences: 0,
                dropped: Vec::new(),
                text: None,
            };
            &fallback
        }
    };
    tx.prepare_cached(
        "INSERT INTO documents (doc, hash, outlet, url, headline, dateline, published, language, sentences, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        doc.id,
        hash,
        document.outlet,
        doc.url,
        document.headline,
        document.dateline,
        document.published,
        document.language,
        document.sentences as i64,
        serde_json::to_string(document).unwrap_or_default(),
    ])?;
    let published: Option<NaiveDate> = document.published.as_deref().and_then(|d| d.parse().ok());
    for record in records {
        match record {
            Record::Document(_) => {}
            Record::Mention(m) => {
                insert_mention(tx, &doc.id, m, entities)?;
                summary.mentions += 1;
            }
            Record::Event(e) => {
                insert_event(tx, &doc.id, e, published, affected)?;
                summary.events += 1;
            }
            Record::Quote(q) => {
                insert_quote(tx, &doc.id, q)?;
                summary.quotes += 1;
            }
        }
    }
    Ok(())
}

fn insert_mention(
    tx: &Transaction,
    doc: &str,
    m: &MentionRecord,
    entities: &mut HashMap<String, i64>,
) -> rusqlite::Result<()> {
    let key = match (&m.entity_id, &m.entity) {
        (Some(id), _) => Some(format!("id:{id}")),
        (None, Some(name)) => Some(format!("name:{name}")),
        (None, None) => None,
    };
    let entity = match key {
        None => None,
        Some(key) => match entities.get(&key) {
            Some(&id) => Some(id),
            None => {
                tx.prepare_cached(
                    "INSERT INTO entities (key, name, entity_id, code, country, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(key) DO NOTHING",
                )?
                .execute(params![key, m.entity, m.entity_id, m.code, m.country, m.sector])?;
                let id: i64 = tx
                    .prepare_cached("SELECT id FROM entities WHERE key = ?1")?
                    .query_row([&key], |r| r.get(0))?;
                entities.insert(key, id);
                Some(id)
            }
        },
    };
    tx.prepare_cached(
        "INSERT INTO mentions (doc, start, end, text, entity, code, country, sector, how) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![doc, m.span.start as i64, m.span.end as i64, m.text, entity, m.code, m.country, m.sector, m.how])?;
    Ok(())
}

/// The dedup view of a stored event record.
pub(crate) fn cluster_event(e: &EventRecord, published: Option<NaiveDate>) -> ClusterEvent {
    let key = |a: &dyad_core::record::ActorRecord| ActorKey {
        code: a.code.clone(),
        country: a.country.clone(),
        entity: a.entity_id.clone().or_else(|| a.entity.clone()),
    };
    ClusterEvent {
        id: e.id.clone(),
        doc: e.doc.clone(),
        sentence: e.sentence as i64,
        day: e.date.as_deref().and_then(|d| d.parse().ok()).or(published),
        source: key(&e.source),
        target: e.target.as_ref().map(key),
        cameo: e.cameo.clone(),
        root: if e.cameo_root.is_empty() {
            e.cameo.chars().take(2).collect()
        } else {
            e.cameo_root.clone()
        },
        negated: e.negated,
        place: e.place.as_ref().map(|p| p.name.clone()),
    }
}

fn insert_event(
    tx: &Transaction,
    doc: &str,
    e: &EventRecord,
    published: Option<NaiveDate>,
    affected: &mut Affected,
) -> rusqlite::Result<()> {
    let view = cluster_event(e, published);
    let block = view.block();
    let day = view.day.map(|d| d.to_string());
    let target = e.target.as_ref();
    tx.prepare_cached(
        "INSERT OR REPLACE INTO events (id, doc, sentence, block, day, source_code, source_country, source_entity, source_entity_id,
           target_code, target_country, target_entity, target_entity_id, cameo, cameo_root, plover, goldstein, quad, negated,
           modality, place, happening, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, NULL, ?22)",
    )?
    .execute(params![
        e.id,
        doc,
        e.sentence as i64,
        block,
        day,
        e.source.code,
        e.source.country,
        e.source.entity,
        e.source.entity_id,
        target.map(|t| &t.code),
        target.and_then(|t| t.country.as_ref()),
        target.and_then(|t| t.entity.as_ref()),
        target.and_then(|t| t.entity_id.as_ref()),
        e.cameo,
        view.root,
        e.plover,
        e.goldstein,
        e.quad as i64,
        e.negated,
        e.modality,
        view.place,
        serde_json::to_string(e).unwrap_or_default(),
    ])?;
    affected.add(block, view.day, doc, None);
    Ok(())
}

fn insert_quote(tx: &Transaction, doc: &str, q: &QuoteRecord) -> rusqlite::Result<()> {
    let speaker = q.speaker.as_ref();
    tx.prepare_cached(
        "INSERT INTO quotes (doc, start, end, text, direct, cue, speaker_entity, speaker_entity_id, speaker_code, speaker_text, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        doc,
        q.span.start as i64,
        q.span.end as i64,
        q.text,
        q.direct,
        q.cue,
        speaker.and_then(|s| s.entity.as_ref()),
        speaker.and_then(|s| s.entity_id.as_ref()),
        speaker.and_then(|s| s.code.as_ref()),
        speaker.map(|s| &s.text),
        serde_json::to_string(q).unwrap_or_default(),
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::record::{ActorRecord, TableVersions, TriggerRecord};
    use dyad_core::Span;

    fn big_document(id: &str) -> (Document, Vec<Record>) {
        let doc = Document {
            id: id.into(),
            text: "x".repeat(10_000),
            published: "2023-05-02".parse().ok(),
            ..Document::default()
        };
        let actor = |code: &str| ActorRecord {
            code: code.into(),
            country: Some(code[..3].into()),
            sector: None,
            entity: None,
            entity_id: None,
            text: code.into(),
            span: Span::new(0, 1),
        };
        let records = (0..200)
            .map(|n| {
                Record::Event(EventRecord {
                    id: format!("e:{id}:{n}:0"),
                    doc: id.into(),
                    sentence: n,
                    source: actor("SYRGOV"),
                    target: Some(actor(["IRN", "TUR", "USA", "RUS"][n % 4])),
                    cameo: "040".into(),
                    cameo_root: "04".into(),
                    plover: "CONSULT".into(),
                    mode: None,
                    context: vec![],
                    goldstein: 1.0,
                    quad: 1,
                    negated: false,
                    modality: "asserted".into(),
                    date: None,
                    date_text: None,
                    place: None,
                    text: "y".repeat(2_000),
                    span: Span::new(0, 1),
                    trigger: TriggerRecord {
                        text: "met".into(),
                        span: Span::new(0, 1),
                    },
                    rule: "test".into(),
                    versions: TableVersions {
                        cameo: "1".into(),
                        plover: "1".into(),
                        goldstein: "1".into(),
                    },
                })
            })
            .collect();
        (doc, records)
    }

    #[test]
    fn a_full_disk_rolls_the_batch_back_and_leaves_the_database_intact() {
        let dir = std::env::temp_dir().join(format!("dyad-store-full-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("full.db");
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).unwrap();
        let (doc, records) = big_document("small");
        store.ingest_batch([(&doc, &records[..4])]).unwrap();
        let before = store.counts().unwrap();
        // Simulate a full disk: the database may not grow by more than a few pages.
        let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        store.conn.pragma_update(None, "max_page_count", pages + 8).unwrap();
        let (doc, records) = big_document("big");
        let error = store.ingest_batch([(&doc, records.as_slice())]).unwrap_err();
        assert!(matches!(error, StoreError::Full { .. }), "{error}");
        assert!(error.to_string().contains("intact"));
        assert_eq!(store.counts().unwrap(), before);
        assert!(store.check_integrity().unwrap().is_empty());
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
