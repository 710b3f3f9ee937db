//! The flat table behind the CSV and Parquet exports: one typed column list, so both
//! formats carry the same fields with the same names.

use super::{ExportRow, ExportUnit};
use crate::{EventFilter, Store, StoreError};
use std::io::Write;

/// A column's type (Parquet: optional UTF8 / INT64 / DOUBLE, required BOOLEAN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Int,
    Float,
    Bool,
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(bool),
}

impl Cell {
    fn csv(&self) -> String {
        match self {
            Cell::Text(v) => v.clone().unwrap_or_default(),
            Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Float(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Bool(v) => v.to_string(),
        }
    }
}

pub(crate) const COLUMNS: &[(&str, Kind)] = &[
    ("id", Kind::Text),
    ("happening", Kind::Text),
    ("date", Kind::Text),
    ("first_day", Kind::Text),
    ("last_day", Kind::Text),
    ("first_report", Kind::Text),
    ("last_report", Kind::Text),
    ("num_reports", Kind::Int),
    ("num_sources", Kind::Int),
    ("num_mentions", Kind::Int),
    ("outlets", Kind::Text),
    ("source_code", Kind::Text),
    ("source_country", Kind::Text),
    ("source_sector", Kind::Text),
    ("source_entity", Kind::Text),
    ("source_entity_id", Kind::Text),
    ("source_text", Kind::Text),
    ("target_code", Kind::Text),
    ("target_country", Kind::Text),
    ("target_sector", Kind::Text),
    ("target_entity", Kind::Text),
    ("target_entity_id", Kind::Text),
    ("target_text", Kind::Text),
    ("cameo", Kind::Text),
    ("cameo_root", Kind::Text),
    ("plover", Kind::Text),
    ("mode", Kind::Text),
    ("context", Kind::Text),
    ("quad", Kind::Int),
    ("goldstein", Kind::Float),
    ("negated", Kind::Bool),
    ("modality", Kind::Text),
    ("place", Kind::Text),
    ("place_country", Kind::Text),
    ("lat", Kind::Float),
    ("lon", Kind::Float),
    ("event_id", Kind::Text),
    ("doc", Kind::Text),
    ("sentence", Kind::Int),
    ("outlet", Kind::Text),
    ("url", Kind::Text),
    ("text", Kind::Text),
];

pub(crate) fn cells(row: &ExportRow) -> Vec<Cell> {
    let e = &row.event;
    let h = &row.happening;
    let t = e.target.as_ref();
    let text = |v: Option<&String>| Cell::Text(v.cloned());
    let cells = vec![
        Cell::Text(Some(row.id().to_string())),
        Cell::Text(Some(h.id.clone())),
        Cell::Text(row.day()),
        text(h.first_day.as_ref()),
        text(h.last_day.as_ref()),
        text(h.first_report.as_ref()),
        text(h.last_report.as_ref()),
        Cell::Int(Some(h.reports as i64)),
        Cell::Int(Some(h.outlets.len() as i64)),
        Cell::Int(Some(h.events as i64)),
        Cell::Text(Some(h.outlets.join(";"))),
        Cell::Text(Some(e.source.code.clone())),
        text(e.source.country.as_ref()),
        text(e.source.sector.as_ref()),
        text(e.source.entity.as_ref()),
        text(e.source.entity_id.as_ref()),
        Cell::Text(Some(e.source.text.clone())),
        text(t.map(|t| &t.code)),
        text(t.and_then(|t| t.country.as_ref())),
        text(t.and_then(|t| t.sector.as_ref())),
        text(t.and_then(|t| t.entity.as_ref())),
        text(t.and_then(|t| t.entity_id.as_ref())),
        text(t.map(|t| &t.text)),
        Cell::Text(Some(e.cameo.clone())),
        Cell::Text(Some(e.cameo_root.clone())),
        Cell::Text(Some(e.plover.clone())),
        text(e.mode.as_ref()),
        Cell::Text(Some(e.context.join(";"))),
        Cell::Int(Some(i64::from(e.quad))),
        Cell::Float(Some(e.goldstein)),
        Cell::Bool(e.negated),
        Cell::Text(Some(e.modality.clone())),
        text(e.place.as_ref().map(|p| &p.name)),
        text(e.place.as_ref().and_then(|p| p.country.as_ref())),
        Cell::Float(e.place.as_ref().and_then(|p| p.lat)),
        Cell::Float(e.place.as_ref().and_then(|p| p.lon)),
        Cell::Text(Some(e.id.clone())),
        Cell::Text(Some(e.doc.clone())),
        Cell::Int(Some(e.sentence as i64)),
        text(row.outlet.as_ref()),
        text(row.url.as_ref()),
        Cell::Text(Some(e.text.clone())),
    ];
    debug_assert_eq!(cells.len(), COLUMNS.len());
    cells
}

pub(crate) fn write_csv<W: Write>(
    store: &Store,
    unit: ExportUnit,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS.iter().map(|(name, _)| *name))?;
    let count = store.for_each_row(unit, filter, |row| {
        writer.write_record(cells(&row).iter().map(Cell::csv))?;
        Ok(())
    })?;
    writer.flush()?;
    Ok(count)
}
