//! PLOVER JSON Lines, with the field names of the PLOVER 2.0 data-interchange chapter.
//!
//! Meetings follow PLOVER's reciprocal rule: for CAMEO 04 codes other than "visit" (042)
//! and "host" (043) all participants are `actor` and there is no `recipient`; a visit has
//! the visitor as `actor`, the host as `recipient` and mode `visit` (a 043 is turned round).
//! PLOVER's auxiliary modes (`negation`, `future`, `hypothetical`) go into `context`.

use super::{ExportRow, ExportUnit};
use crate::{EventFilter, Store, StoreError};
use dyad_core::record::ActorRecord;
use serde_json::{json, Value};
use std::io::Write;

fn entity(actor: &ActorRecord) -> Value {
    json!({
        "code": actor.country.clone().unwrap_or_else(|| actor.code.chars().take(3).collect()),
        "sector": actor.sector,
        "actor_code": actor.code,
        "entity_text": actor.text,
        "identifier_id": actor.entity_id,
        "identifier_text": actor.entity,
    })
}

pub(crate) fn record(row: &ExportRow) -> Value {
    let e = &row.event;
    let mut mode: Vec<String> = e.mode.iter().cloned().collect();
    let (actor, recipient) = match (e.cameo_root.as_str(), e.cameo.as_str(), &e.target) {
        ("04", "042", Some(t)) => {
            mode.push("visit".into());
            (vec![entity(&e.source)], vec![entity(t)])
        }
        ("04", "043", Some(t)) => {
            mode.push("visit".into());
            (vec![entity(t)], vec![entity(&e.source)])
        }
        ("04", _, Some(t)) => (vec![entity(&e.source), entity(t)], vec![]),
        (_, _, Some(t)) => (vec![entity(&e.source)], vec![entity(t)]),
        (_, _, None) => (vec![entity(&e.source)], vec![]),
    };
    mode.dedup();
    let mut context = e.context.clone();
    if e.negated {
        context.push("negation".into());
    }
    if matches!(e.modality.as_str(), "future" | "hypothetical") {
        context.push(e.modality.clone());
    }
    let h = &row.happening;
    json!({
        "id": row.id(),
        "date": row.day(),
        "actor": actor,
        "recipient": recipient,
        "event": [e.plover],
        "event_type": e.plover,
        "mode": mode,
        "context": context,
        "event_loc": e.place.as_ref().map(|p| json!({
            "extracted_place": p.name, "country_code": p.country, "lat": p.lat, "lon": p.lon,
        })),
        "event_text": [e.trigger.text],
        "quad_code": e.quad,
        "event_scale": e.goldstein,
        "text": e.text,
        "text_info": {"sequence": e.sentence, "start": e.span.start, "end": e.span.end},
        "cite_info": {
            "corpus": "dyad", "citation": e.doc, "url": row.url, "title": row.headline, "language": "en",
            "publication": row.outlet, "coder": "dyad", "codebook": format!("plover-{}", e.versions.plover),
        },
        "coder": concat!("dyad ", env!("CARGO_PKG_VERSION")),
        "link": h.id,
        "cameo": e.cameo,
        "modality": e.modality,
        "num_mentions": h.events,
        "num_reports": h.reports,
        "num_sources": h.outlets.len(),
        "sources": h.outlets,
        "first_report": h.first_report,
        "last_report": h.last_report,
    })
}

pub(crate) fn write<W: Write>(
    store: &Store,
    unit: ExportUnit,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    let mut out = std::io::BufWriter::new(out);
    let count = store.for_each_row(unit, filter, |row| {
        serde_json::to_writer(&mut out, &record(&row)).map_err(|e| StoreError::Export(e.to_string()))?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(count)
}
