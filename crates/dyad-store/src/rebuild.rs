//! Rebuilding happenings after a batch: re-cluster only what the batch could have changed.
//!
//! Clusters never cross a block (see `dedup`), and inside a block a cluster's days span at
//! most the window. So the events a batch can regroup are, per touched block, those in the
//! **segments** around the batch's days — runs of days with no gap wider than the window —
//! plus the undated events of the batch's documents, plus every member of a happening that
//! any of those belonged to. Clustering that set gives the same happenings as clustering the
//! whole database, in time proportional to the batch, not the store.

use crate::dedup::{cluster, ActorKey, ClusterEvent, DedupConfig};
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Row, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a batch touched, per block.
#[derive(Debug, Default)]
pub(crate) struct Affected {
    blocks: BTreeMap<String, Touched>,
}

#[derive(Debug, Default)]
struct Touched {
    days: BTreeSet<NaiveDate>,
    docs: BTreeSet<String>,
    happenings: BTreeSet<String>,
}

impl Affected {
    pub fn add(&mut self, block: String, day: Option<NaiveDate>, doc: &str, happening: Option<String>) {
        let touched = self.blocks.entry(block).or_default();
        touched.days.extend(day);
        if !touched.docs.contains(doc) {
            touched.docs.insert(doc.to_string());
        }
        touched.happenings.extend(happening);
    }
}

/// An event row with what a happening row needs.
struct Loaded {
    view: ClusterEvent,
    happening: Option<String>,
    /// How many members the event's current happening has (0 when it has none).
    happening_size: i64,
    published: Option<String>,
    outlet: Option<String>,
    source_entity: Option<String>,
    target_entity: Option<String>,
    plover: String,
    quad: i64,
    goldstein: f64,
}

const SELECT: &str =
    "SELECT e.id, e.doc, e.sentence, e.day, e.source_code, e.source_country, e.source_entity, e.source_entity_id,
    e.target_code, e.target_country, e.target_entity, e.target_entity_id, e.cameo, e.cameo_root, e.negated, e.place,
    e.plover, e.quad, e.goldstein, e.happening, d.published, d.outlet, hp.events
    FROM events e JOIN documents d ON d.doc = e.doc LEFT JOIN happenings hp ON hp.id = e.happening";

fn load(row: &Row) -> rusqlite::Result<Loaded> {
    let day: Option<String> = row.get(3)?;
    let source_entity: Option<String> = row.get(6)?;
    let source_entity_id: Option<String> = row.get(7)?;
    let target_code: Option<String> = row.get(8)?;
    let target_entity: Option<String> = row.get(10)?;
    let target_entity_id: Option<String> = row.get(11)?;
    let target = match target_code {
        Some(code) => Some(ActorKey {
            code,
            country: row.get(9)?,
            entity: target_entity_id.or_else(|| target_entity.clone()),
        }),
        None => None,
    };
    Ok(Loaded {
        view: ClusterEvent {
            id: row.get(0)?,
            doc: row.get(1)?,
            sentence: row.get(2)?,
            day: day.and_then(|d| d.parse().ok()),
            source: ActorKey {
                code: row.get(4)?,
                country: row.get(5)?,
                entity: source_entity_id.or_else(|| source_entity.clone()),
            },
            target,
            cameo: row.get(12)?,
            root: row.get(13)?,
            negated: row.get(14)?,
            place: row.get(15)?,
        },
        source_entity,
        target_entity,
        plover: row.get(16)?,
        quad: row.get(17)?,
        goldstein: row.get(18)?,
        happening: row.get(19)?,
        published: row.get(20)?,
        outlet: row.get(21)?,
        happening_size: row.get::<_, Option<i64>>(22)?.unwrap_or(0),
    })
}

/// Rebuilds the happenings of every touched block; returns how many blocks.
pub(crate) fn rebuild(tx: &Transaction, affected: &Affected, config: &DedupConfig) -> rusqlite::Result<usize> {
    for (block, touched) in &affected.blocks {
        rebuild_block(tx, block, touched, config)?;
    }
    Ok(affected.blocks.len())
}

/// Throws all happenings away and clusters every block again (after a window change).
pub(crate) fn rebuild_all(tx: &Transaction, config: &DedupConfig) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM happenings", [])?;
    tx.execute("UPDATE events SET happening = NULL", [])?;
    let blocks: Vec<String> = {
        let mut stmt = tx.prepare("SELECT DISTINCT block FROM events")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for block in blocks {
        let mut stmt = tx.prepare_cached(&format!("{SELECT} WHERE e.block = ?1"))?;
        let loaded: Vec<Loaded> = stmt.query_map([&block], load)?.collect::<rusqlite::Result<_>>()?;
        store_clusters(tx, &block, loaded, config)?;
    }
    Ok(())
}

fn rebuild_block(tx: &Transaction, block: &str, touched: &Touched, config: &DedupConfig) -> rusqlite::Result<()> {
    let mut loaded: HashMap<String, Loaded> = HashMap::new();
    let add = |rows: Vec<Loaded>, loaded: &mut HashMap<String, Loaded>| {
        for row in rows {
            loaded.entry(row.view.id.clone()).or_insert(row);
        }
    };
    // Dated segments: widen [lo, hi] until no stored day lies within the window outside it.
    let window = Duration::days(config.window_days.max(0));
    if let (Some(&first), Some(&last)) = (touched.days.first(), touched.days.last()) {
        let (mut lo, mut hi) = (first - window, last + window);
        let mut bounds =
            tx.prepare_cached("SELECT min(day), max(day) FROM events WHERE block = ?1 AND day BETWEEN ?2 AND ?3")?;
        loop {
            let (min, max): (Option<String>, Option<String>) = bounds
                .query_row(params![block, lo.to_string(), hi.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let new_lo = min
                .and_then(|d| d.parse::<NaiveDate>().ok())
                .map_or(lo, |d| lo.min(d - window));
            let new_hi = max
                .and_then(|d| d.parse::<NaiveDate>().ok())
                .map_or(hi, |d| hi.max(d + window));
            if (new_lo, new_hi) == (lo, hi) {
                break;
            }
            (lo, hi) = (new_lo, new_hi);
        }
        let mut stmt = tx.prepare_cached(&format!("{SELECT} WHERE e.block = ?1 AND e.day BETWEEN ?2 AND ?3"))?;
        let rows = stmt
            .query_map(params![block, lo.to_string(), hi.to_string()], load)?
            .collect::<rusqlite::Result<_>>()?;
        add(rows, &mut loaded);
    }
    {
        let mut stmt = tx.prepare_cached(&format!("{SELECT} WHERE e.block = ?1 AND e.day IS NULL AND e.doc = ?2"))?;
        for doc in &touched.docs {
            let rows = stmt
                .query_map(params![block, doc], load)?
                .collect::<rusqlite::Result<_>>()?;
            add(rows, &mut loaded);
        }
    }
    // Every member of a happening we are about to replace must be re-clustered with it. The
    // segments already hold the dated members; look up the rest only where some are missing.
    let mut happenings: BTreeSet<String> = touched.happenings.clone();
    let mut present: HashMap<&str, (i64, i64)> = HashMap::new();
    for l in loaded.values() {
        if let Some(id) = &l.happening {
            let entry = present.entry(id.as_str()).or_insert((0, l.happening_size));
            entry.0 += 1;
        }
    }
    happenings.extend(present.keys().map(|id| id.to_string()));
    let incomplete: Vec<String> = happenings
        .iter()
        .filter(|id| present.get(id.as_str()).is_none_or(|&(have, size)| have < size))
        .cloned()
        .collect();
    drop(present);
    {
        let mut stmt = tx.prepare_cached(&format!("{SELECT} WHERE e.happening = ?1"))?;
        for id in &incomplete {
            let rows = stmt.query_map([id], load)?.collect::<rusqlite::Result<_>>()?;
            add(rows, &mut loaded);
        }
    }
    let mut loaded: Vec<Loaded> = loaded.into_values().collect();
    loaded.sort_by(|a, b| a.view.id.cmp(&b.view.id));
    let new_ids = store_clusters(tx, block, loaded, config)?;
    // Happenings that no longer exist (their ids changed or their events went away).
    let mut delete = tx.prepare_cached("DELETE FROM happenings WHERE id = ?1")?;
    for id in happenings.difference(&new_ids) {
        delete.execute([id])?;
    }
    Ok(())
}

/// Clusters `loaded`, writes the happenings and the events' assignments; returns the ids.
fn store_clusters(
    tx: &Transaction,
    block: &str,
    loaded: Vec<Loaded>,
    config: &DedupConfig,
) -> rusqlite::Result<BTreeSet<String>> {
    let views: Vec<ClusterEvent> = loaded.iter().map(|l| l.view.clone()).collect();
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO happenings (id, block, representative, day, first_day, last_day, first_report, last_report,
           reports, outlets, outlet_list, events, source_code, source_country, source_entity, target_code, target_country,
           target_entity, cameo, cameo_root, plover, quad, goldstein, negated, place)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?;
    let mut assign = tx.prepare_cached("UPDATE events SET happening = ?1 WHERE id = ?2")?;
    let mut ids = BTreeSet::new();
    for c in cluster(&views, config) {
        let rep = &loaded[c.representative];
        let members: Vec<&Loaded> = c.members.iter().map(|&m| &loaded[m]).collect();
        let days: Vec<NaiveDate> = members.iter().filter_map(|m| m.view.day).collect();
        let reports: BTreeSet<&str> = members.iter().map(|m| m.view.doc.as_str()).collect();
        let outlets: BTreeSet<&str> = members.iter().filter_map(|m| m.outlet.as_deref()).collect();
        let published: Vec<&str> = members.iter().filter_map(|m| m.published.as_deref()).collect();
        let outlet_list = outlets.iter().copied().collect::<Vec<_>>().join("|");
        let target = rep.view.target.as_ref();
        insert.execute(params![
            c.id,
            block,
            rep.view.id,
            rep.view.day.map(|d| d.to_string()),
            days.iter().min().map(|d| d.to_string()),
            days.iter().max().map(|d| d.to_string()),
            published.iter().min(),
            published.iter().max(),
            reports.len() as i64,
            outlets.len() as i64,
            outlet_list,
            members.len() as i64,
            rep.view.source.code,
            rep.view.source.country,
            rep.source_entity,
            target.map(|t| &t.code),
            target.and_then(|t| t.country.as_ref()),
            rep.target_entity,
            rep.view.cameo,
            rep.view.root,
            rep.plover,
            rep.quad,
            rep.goldstein,
            rep.view.negated,
            rep.view.place,
        ])?;
        for member in members {
            if member.happening.as_deref() != Some(c.id.as_str()) {
                assign.execute(params![c.id, member.view.id])?;
            }
        }
        ids.insert(c.id);
    }
    Ok(ids)
}
