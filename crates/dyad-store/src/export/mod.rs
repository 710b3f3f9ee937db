//! Exports: happenings (or every coded event) in the formats event-data tools read.
//!
//! Every format is produced from one stream of [`ExportRow`]s: a happening with its
//! representative event record (or, with [`ExportUnit::Events`], each event with the happening
//! it belongs to) and its report's metadata. Rows come in a fixed order (day, then id), so an
//! export is byte-for-byte deterministic for a given database.

mod gdelt;
mod icews;
#[cfg(feature = "parquet")]
mod parquet;
mod plover;
mod table;

use crate::query::{happening_from_row, Happening, HAPPENING_COLUMNS};
use crate::{EventFilter, Store, StoreError};
use dyad_core::record::EventRecord;
use std::io::Write;

pub use gdelt::GDELT_COLUMNS;
pub use icews::ICEWS_COLUMNS;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// PLOVER JSON Lines (PLOVER 2.0 field names: `id`, `date`, `actor`, `recipient`,
    /// `event`, `mode`, `context`, …, plus `num_reports`/`num_sources`/`num_mentions`).
    Plover,
    /// The GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// ICEWS-style event TSV: the 20 ICEWS columns with their header.
    Icews,
    /// CSV with a header; the same columns as Parquet.
    Csv,
    /// Apache Parquet (needs the `parquet` feature).
    Parquet,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Result<ExportFormat, StoreError> {
        Ok(match text.to_ascii_lowercase().as_str() {
            "plover" | "json" | "jsonl" => ExportFormat::Plover,
            "gdelt" => ExportFormat::Gdelt,
            "icews" => ExportFormat::Icews,
            "csv" => ExportFormat::Csv,
            "parquet" => ExportFormat::Parquet,
            _ => {
                return Err(StoreError::BadQuery(format!(
                    "unknown export format `{text}`: use plover, gdelt, icews, csv or parquet"
                )))
            }
        })
    }
}

/// One row per happening (deduplicated, the default) or one per coded event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportUnit {
    #[default]
    Happenings,
    Events,
}

/// What every exporter gets for one row.
pub(crate) struct ExportRow {
    pub happening: Happening,
    /// The representative event (happenings) or the event itself (events).
    pub event: EventRecord,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub headline: Option<String>,
    /// True when the row is one event rather than a happening.
    pub single_event: bool,
}

impl ExportRow {
    /// The row's day: the event's resolved date, else the happening's day.
    pub fn day(&self) -> Option<String> {
        if self.single_event {
            self.event.date.clone().or_else(|| self.published.clone())
        } else {
            self.happening.day.clone()
        }
    }

    /// The row's id: the happening id, or the event id.
    pub fn id(&self) -> &str {
        if self.single_event {
            &self.event.id
        } else {
            &self.happening.id
        }
    }

    /// A stable integer id for formats that want one (GDELT, ICEWS): 60 bits of SHA-256.
    pub fn numeric_id(&self) -> i64 {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(self.id().as_bytes());
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&digest[..8]);
        (u64::from_be_bytes(bytes) >> 4) as i64
    }
}

impl Store {
    /// Writes the happenings (or events) matching `filter` to `out` in `format`; returns how
    /// many rows were written.
    pub fn export<W: Write + Send>(
        &self,
        format: ExportFormat,
        unit: ExportUnit,
        filter: &EventFilter,
        out: W,
    ) -> Result<u64, StoreError> {
        match format {
            ExportFormat::Plover => plover::write(self, unit, filter, out),
            ExportFormat::Gdelt => gdelt::write(self, unit, filter, out),
            ExportFormat::Icews => icews::write(self, unit, filter, out),
            ExportFormat::Csv => table::write_csv(self, unit, filter, out),
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => parquet::write(self, unit, filter, out),
            #[cfg(not(feature = "parquet"))]
            ExportFormat::Parquet => {
                let _ = out;
                Err(StoreError::Export(
                    "this dyad was built without Parquet (cargo feature `parquet`)".into(),
                ))
            }
        }
    }

    /// Calls `each` for every export row, in day then id order.
    pub(crate) fn for_each_row(
        &self,
        unit: ExportUnit,
        filter: &EventFilter,
        mut each: impl FnMut(ExportRow) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        let (clause, params) = filter.where_clause();
        let limit = filter.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let sql = match unit {
            ExportUnit::Happenings => format!(
                "SELECT {HAPPENING_COLUMNS}, e.record, d.outlet, d.url, d.published, d.headline
                 FROM happenings h JOIN events e ON e.id = h.representative JOIN documents d ON d.doc = e.doc
                 {clause} ORDER BY h.day IS NULL, h.day, h.id{limit}"
            ),
            ExportUnit::Events => format!(
                "SELECT {HAPPENING_COLUMNS}, e.record, d.outlet, d.url, d.published, d.headline
                 FROM events e JOIN happenings h ON h.id = e.happening JOIN documents d ON d.doc = e.doc
                 {clause} ORDER BY h.day IS NULL, h.day, h.id, e.doc, e.sentence, e.id{limit}"
            ),
        };
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.sql(e))?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            let read = || -> rusqlite::Result<(Happening, String, [Option<String>; 4])> {
                Ok((
                    happening_from_row(row)?,
                    row.get(23)?,
                    [row.get(24)?, row.get(25)?, row.get(26)?, row.get(27)?],
                ))
            };
            let (happening, record, [outlet, url, published, headline]) = read().map_err(|e| self.sql(e))?;
            let event: EventRecord = serde_json::from_str(&record).map_err(|e| StoreError::Database {
                path: self.path.clone(),
                message: format!("stored event record: {e}"),
            })?;
            each(ExportRow {
                happening,
                event,
                outlet,
                url,
                published,
                headline,
                single_event: unit == ExportUnit::Events,
            })?;
            count += 1;
        }
        Ok(count)
    }
}
