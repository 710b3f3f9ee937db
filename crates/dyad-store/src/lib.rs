//! dyad's store: coded reports in an embedded SQLite database, merged into happenings.
//!
//! A [`Store`] holds documents, mentions, entities, events and quotes as `dyad code` emits
//! them (see FORMAT.md), plus **happenings**: clusters of events from different sentences and
//! reports that describe the same real-world event (the rule is in [`dedup`](crate::DedupConfig)
//! and documented at the top of `src/dedup.rs`). Analysts query happenings, each with its
//! number of reports and distinct outlets, and export them for GDELT-, ICEWS- and PLOVER-shaped
//! tools, CSV or Parquet.
//!
//! Guarantees:
//! - **Idempotent ingest.** A document is keyed by its id and a SHA-256 of its text and
//!   metadata: the same report twice is stored once; a changed report replaces its records.
//! - **Transactional batches.** [`Store::ingest_batch`] commits all its documents and the
//!   re-clustered happenings together or not at all, so a killed ingest leaves a consistent
//!   database, and the next ingest skips what was committed ([`Store::contains`]).
//! - **Versioned schema.** `PRAGMA user_version` with forward migrations; a database from a
//!   newer dyad is refused untouched ([`StoreError::NewerSchema`]).
//! - **WAL mode**, so queries (opened with [`Store::open_read_only`]) run during an ingest.
//!
//! ```no_run
//! # fn main() -> Result<(), dyad_store::StoreError> {
//! let store = dyad_store::Store::open_read_only("dyad.db".as_ref())?;
//! let filter = dyad_store::EventFilter { actor: Some("SYR".into()), ..Default::default() };
//! for happening in store.happenings(&filter)? {
//!     println!("{} {} reports", happening.id, happening.reports);
//! }
//! # Ok(()) }
//! ```

mod codes;
mod dedup;
mod error;
mod export;
mod ingest;
mod query;
mod rebuild;
mod schema;

pub use codes::{EventType, PLOVER_TYPES};
pub use dedup::DedupConfig;
pub use error::StoreError;
pub use export::{ExportFormat, ExportUnit, GDELT_COLUMNS, ICEWS_COLUMNS};
pub use ingest::{content_hash, IngestSummary};
pub use query::{
    ActorCount, ActorFilter, DyadPeriod, EventFilter, Happening, Level, Period, QuoteFilter, Side, StoredQuote,
};
pub use schema::SCHEMA_VERSION;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The file `dyad ingest` and the queries use when no `--db` is given.
pub const DEFAULT_PATH: &str = "dyad.db";

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    dedup: DedupConfig,
}

impl Store {
    /// Opens (creating if needed) a database for reading and writing, migrating an older
    /// schema forward. Refuses a database written by a newer dyad.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, DedupConfig::default())
    }

    /// Like [`Store::open`], clustering with `dedup`. When the database was clustered with a
    /// different window, every happening is rebuilt with the new one.
    pub fn open_with(path: &Path, dedup: DedupConfig) -> Result<Store, StoreError> {
        let sql = |e| StoreError::from_sqlite(path, e);
        let mut conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(sql)?;
        // Ingest keeps ~20 statements hot; the default cache (16) would re-parse them.
        conn.set_prepared_statement_cache_capacity(64);
        let found = schema::version(&conn).map_err(sql)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.into(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        // WAL lets readers run during an ingest; NORMAL sync is durable at each checkpoint and
        // never corrupts on a crash (a killed process loses at most the uncommitted batch).
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
        // Index pages of a million-event store do not fit SQLite's default 2 MB cache.
        conn.pragma_update(None, "cache_size", -65536).map_err(sql)?;
        if found < SCHEMA_VERSION {
            schema::migrate(&mut conn, found).map_err(sql)?;
        }
        let mut store = Store {
            conn,
            path: path.into(),
            dedup,
        };
        store.apply_dedup_config()?;
        Ok(store)
    }

    /// Opens an existing database for queries only. Works on read-only files and while
    /// another process ingests.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing { path: path.into() });
        }
        let sql = |e| StoreError::from_sqlite(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(sql)?;
        conn.pragma_update(None, "cache_size", -65536).map_err(sql)?;
        let found = schema::version(&conn).map_err(sql)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.into(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(StoreError::OlderSchema {
                path: path.into(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let dedup = stored_dedup(&conn).map_err(sql)?.unwrap_or_default();
        Ok(Store {
            conn,
            path: path.into(),
            dedup,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The clustering rule's settings this database was built with.
    pub fn dedup_config(&self) -> DedupConfig {
        self.dedup
    }

    /// Counts of what the database holds: documents, events, happenings, quotes, mentions.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| query::count(r, 0))
                .map_err(|e| self.sql(e))
        };
        Ok(Counts {
            documents: count("documents")?,
            mentions: count("mentions")?,
            events: count("events")?,
            quotes: count("quotes")?,
            happenings: count("happenings")?,
        })
    }

    /// Checks the file (SQLite's `integrity_check`) and the store's own invariants: every
    /// event belongs to an existing happening, every happening has its members, and the
    /// counts agree. Returns the problems found (empty when consistent).
    pub fn check_integrity(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        if integrity != "ok" {
            problems.push(format!("integrity_check: {integrity}"));
        }
        let checks = [
            ("events without a happening", "SELECT count(*) FROM events e LEFT JOIN happenings h ON h.id = e.happening WHERE h.id IS NULL"),
            ("happenings without events", "SELECT count(*) FROM happenings h WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.happening = h.id)"),
            (
                "happenings whose event count is wrong",
                "SELECT count(*) FROM happenings h WHERE h.events != (SELECT count(*) FROM events e WHERE e.happening = h.id)",
            ),
            ("events of unknown documents", "SELECT count(*) FROM events e LEFT JOIN documents d ON d.doc = e.doc WHERE d.doc IS NULL"),
            ("mentions of unknown documents", "SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.doc = m.doc WHERE d.doc IS NULL"),
            ("quotes of unknown documents", "SELECT count(*) FROM quotes q LEFT JOIN documents d ON d.doc = q.doc WHERE d.doc IS NULL"),
        ];
        for (what, sql) in checks {
            let n = self
                .conn
                .query_row(sql, [], |r| query::count(r, 0))
                .map_err(|e| self.sql(e))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        Ok(problems)
    }

    pub(crate) fn sql(&self, error: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, error)
    }

    fn apply_dedup_config(&mut self) -> Result<(), StoreError> {
        let stored = stored_dedup(&self.conn).map_err(|e| self.sql(e))?;
        if stored == Some(self.dedup) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('window_days', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [self.dedup.window_days.to_string()],
        )
        .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        if stored.is_some() {
            rebuild::rebuild_all(&tx, &self.dedup).map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        }
        tx.commit().map_err(|e| StoreError::from_sqlite(&self.path, e))
    }
}

/// What a database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    pub documents: u64,
    pub mentions: u64,
    pub events: u64,
    pub quotes: u64,
    pub happenings: u64,
}

fn stored_dedup(conn: &Connection) -> rusqlite::Result<Option<DedupConfig>> {
    use rusqlite::OptionalExtension;
    let value: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'window_days'", [], |r| r.get(0))
        .optional()?;
    Ok(value
        .and_then(|v| v.parse().ok())
        .map(|window_days| DedupConfig { window_days }))
}
