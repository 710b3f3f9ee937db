//! The database schema and its forward migrations.
//!
//! The schema version lives in `PRAGMA user_version`. `MIGRATIONS[i]` takes a database from
//! version `i` to `i + 1`; opening a database applies the missing ones in one transaction.
//! A database with a version above `MIGRATIONS.len()` was written by a newer dyad and is
//! refused untouched: guessing at an unknown layout could corrupt an analyst's data.

use rusqlite::Connection;

/// Version 1: documents, entities, mentions, events, quotes, happenings.
const V1: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE documents (
    doc TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    headline TEXT,
    dateline TEXT,
    published TEXT,
    language TEXT NOT NULL,
    sentences INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT,
    entity_id TEXT,
    code TEXT,
    country TEXT,
    sector TEXT
);

CREATE TABLE mentions (
    doc TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    entity INTEGER,
    code TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    how TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_entity ON mentions(entity, code, doc, country);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    block TEXT NOT NULL,
    day TEXT,
    source_code TEXT NOT NULL,
    source_country TEXT,
    source_entity TEXT,
    source_entity_id TEXT,
    target_code TEXT,
    target_country TEXT,
    target_entity TEXT,
    target_entity_id TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    plover TEXT NOT NULL,
    goldstein REAL NOT NULL,
    quad INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    modality TEXT NOT NULL,
    place TEXT,
    happening TEXT,
    record TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_block_day ON events(block, day);
CREATE INDEX events_happening ON events(happening);

CREATE TABLE quotes (
    doc TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    cue TEXT,
    speaker_entity TEXT,
    speaker_entity_id TEXT,
    speaker_code TEXT,
    speaker_text TEXT,
    record TEXT NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);

CREATE TABLE happenings (
    id TEXT PRIMARY KEY,
    block TEXT NOT NULL,
    representative TEXT NOT NULL,
    day TEXT,
    first_day TEXT,
    last_day TEXT,
    first_report TEXT,
    last_report TEXT,
    reports INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    outlet_list TEXT NOT NULL,
    events INTEGER NOT NULL,
    source_code TEXT NOT NULL,
    source_country TEXT,
    source_entity TEXT,
    target_code TEXT,
    target_country TEXT,
    target_entity TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    plover TEXT NOT NULL,
    quad INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    negated INTEGER NOT NULL,
    place TEXT
);
CREATE INDEX happenings_day ON happenings(day);
CREATE INDEX happenings_source ON happenings(source_code, day);
CREATE INDEX happenings_target ON happenings(target_code, day);
CREATE INDEX happenings_plover ON happenings(plover, day);
CREATE INDEX happenings_cameo ON happenings(cameo_root, cameo);
"#;

/// Forward migrations, oldest first. Append only: a released step is never edited.
const MIGRATIONS: &[&str] = &[V1];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies the migrations after `from`, all in one transaction with the version bump.
pub(crate) fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (index, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()
}
