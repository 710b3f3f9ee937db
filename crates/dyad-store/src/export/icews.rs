//! ICEWS-style event TSV: the 20 columns of the public ICEWS coded event files, with header.
//!
//! `Event ID` is the same stable integer as GDELT's; `Event Text` is the CAMEO root's name;
//! `Intensity` is the Goldstein score; countries are CAMEO/ISO-3 codes (ICEWS writes names).
//! District and province are empty: dyad's gazetteer resolves cities and countries only.

use super::{ExportRow, ExportUnit};
use crate::codes::cameo_root_name;
use crate::{EventFilter, Store, StoreError};
use dyad_core::record::ActorRecord;
use std::io::Write;

/// The ICEWS event file's columns, in order.
pub const ICEWS_COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

fn actor(a: Option<&ActorRecord>) -> [String; 3] {
    match a {
        Some(a) => [
            clean(a.entity.as_deref().unwrap_or(&a.text)),
            a.sector.clone().unwrap_or_default(),
            a.country.clone().unwrap_or_default(),
        ],
        None => Default::default(),
    }
}

pub(crate) fn row(row: &ExportRow) -> Vec<String> {
    let e = &row.event;
    let [source_name, source_sector, source_country] = actor(Some(&e.source));
    let [target_name, target_sector, target_country] = actor(e.target.as_ref());
    let place = e.place.as_ref();
    vec![
        row.numeric_id().to_string(),
        row.day().unwrap_or_default(),
        source_name,
        source_sector,
        source_country,
        cameo_root_name(&e.cameo).unwrap_or("").to_string(),
        e.cameo.clone(),
        format!("{:.1}", e.goldstein),
        target_name,
        target_sector,
        target_country,
        e.doc.clone(),
        e.sentence.to_string(),
        clean(row.outlet.as_deref().unwrap_or("")),
        place.map(|p| clean(&p.name)).unwrap_or_default(),
        String::new(),
        String::new(),
        place.and_then(|p| p.country.clone()).unwrap_or_default(),
        place.and_then(|p| p.lat).map(|v| format!("{v:.4}")).unwrap_or_default(),
        place.and_then(|p| p.lon).map(|v| format!("{v:.4}")).unwrap_or_default(),
    ]
}

pub(crate) fn write<W: Write>(
    store: &Store,
    unit: ExportUnit,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    let mut out = std::io::BufWriter::new(out);
    writeln!(out, "{}", ICEWS_COLUMNS.join("\t"))?;
    let count = store.for_each_row(unit, filter, |r| {
        writeln!(out, "{}", row(&r).join("\t"))?;
        Ok(())
    })?;
    out.flush()?;
    Ok(count)
}
