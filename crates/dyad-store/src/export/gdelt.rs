//! The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header.
//!
//! Mapping choices, where dyad's records differ from GDELT's:
//! - `GLOBALEVENTID` is 60 bits of the SHA-256 of the happening id: stable across databases.
//! - `NumMentions` = coded events merged into the happening, `NumSources` = distinct outlets,
//!   `NumArticles` = distinct reports (with `--unit events`: the event's happening's counts).
//! - `IsRootEvent` is 1 for events in the first four sentences (GDELT: the lead paragraph).
//! - Country codes are the CAMEO/ISO-3 codes dyad uses (GDELT's geo columns use FIPS).
//! - `AvgTone` and the actor geo columns are left empty: dyad does not compute them.
//! - `DATEADDED` is the last report's publication date at 00:00:00, so exports are
//!   deterministic; `SOURCEURL` is the representative report's URL, else `doc:<id>`.

use super::{ExportRow, ExportUnit};
use crate::{EventFilter, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use dyad_core::record::ActorRecord;
use std::io::Write;

/// The GDELT 2.0 event table's columns, in file order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Tabs and newlines would break the row; GDELT fields never contain them.
fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

fn actor_columns(actor: Option<&ActorRecord>, columns: &mut Vec<String>) {
    match actor {
        Some(a) => {
            columns.push(clean(&a.code));
            columns.push(clean(
                &a.entity.clone().unwrap_or_else(|| a.text.clone()).to_uppercase(),
            ));
            columns.push(a.country.clone().unwrap_or_default());
            columns.extend(std::iter::repeat_n(String::new(), 4));
            columns.push(a.sector.clone().unwrap_or_default());
            columns.extend(std::iter::repeat_n(String::new(), 2));
        }
        None => columns.extend(std::iter::repeat_n(String::new(), 10)),
    }
}

pub(crate) fn row(row: &ExportRow) -> Vec<String> {
    let e = &row.event;
    let h = &row.happening;
    let day: Option<NaiveDate> = row.day().and_then(|d| d.parse().ok());
    let mut c = Vec::with_capacity(61);
    c.push(row.numeric_id().to_string());
    match day {
        Some(d) => {
            c.push(d.format("%Y%m%d").to_string());
            c.push(d.format("%Y%m").to_string());
            c.push(d.year().to_string());
            c.push(format!("{:.4}", d.year() as f64 + d.ordinal0() as f64 / 365.0));
        }
        None => c.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_columns(Some(&e.source), &mut c);
    actor_columns(e.target.as_ref(), &mut c);
    c.push(if e.sentence < 4 { "1" } else { "0" }.into());
    c.push(e.cameo.clone());
    c.push(e.cameo.chars().take(3).collect());
    c.push(e.cameo_root.clone());
    c.push(e.quad.to_string());
    c.push(format!("{:.1}", e.goldstein));
    c.push(h.events.to_string());
    c.push(h.outlets.len().to_string());
    c.push(h.reports.to_string());
    c.push(String::new()); // AvgTone
    c.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo_*, Actor2Geo_*
    match &e.place {
        Some(p) => {
            let geo_type = if p.lat.is_some() { "4" } else { "1" };
            c.push(geo_type.into());
            let full = match &p.country {
                Some(country) => format!("{}, {country}", p.name),
                None => p.name.clone(),
            };
            c.push(clean(&full));
            c.push(p.country.clone().unwrap_or_default());
            c.push(String::new());
            c.push(String::new());
            c.push(p.lat.map(|v| format!("{v:.4}")).unwrap_or_default());
            c.push(p.lon.map(|v| format!("{v:.4}")).unwrap_or_default());
            c.push(String::new());
        }
        None => c.extend(std::iter::repeat_n(String::new(), 8)),
    }
    let added = h
        .last_report
        .clone()
        .or_else(|| row.day())
        .and_then(|d| d.parse::<NaiveDate>().ok());
    c.push(added.map(|d| d.format("%Y%m%d000000").to_string()).unwrap_or_default());
    c.push(clean(&row.url.clone().unwrap_or_else(|| format!("doc:{}", e.doc))));
    debug_assert_eq!(c.len(), GDELT_COLUMNS.len());
    c
}

pub(crate) fn write<W: Write>(
    store: &Store,
    unit: ExportUnit,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    let mut out = std::io::BufWriter::new(out);
    let count = store.for_each_row(unit, filter, |r| {
        writeln!(out, "{}", row(&r).join("\t"))?;
        Ok(())
    })?;
    out.flush()?;
    Ok(count)
}
