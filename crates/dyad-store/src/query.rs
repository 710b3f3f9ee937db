//! Queries an analyst asks of the store: happenings by actor, dyad, type, time and outlet;
//! actors with their mention counts; quotes by speaker; dyad time series.
//!
//! Filters are parsed before any SQL runs, so a bad date or code is a one-line error, and
//! every filter maps onto an index of the `happenings` table (see `schema.rs`).

use crate::codes::EventType;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Row;
use serde::Serialize;

/// Which happenings to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// The source actor: an actor-code prefix when it looks like a code (`SYR`, `SYRGOV`),
    /// else a case-insensitive substring of the entity's name (`Mekdad`). For meetings
    /// (CAMEO 04) source and target are interchangeable.
    pub actor: Option<String>,
    /// The target actor, matched like `actor`.
    pub target: Option<String>,
    pub event_type: Option<EventType>,
    /// First and last day (inclusive); undated happenings are left out when either is set.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Case-insensitive substring of an outlet that reported the happening.
    pub outlet: Option<String>,
    /// At most this many, newest first.
    pub limit: Option<usize>,
}

/// One side of a happening (its representative's actor).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub code: String,
    pub country: Option<String>,
    pub entity: Option<String>,
}

/// A happening: one real-world event, however many reports described it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Happening {
    /// Stable id (`h` + 16 hex digits), see the dedup rule.
    pub id: String,
    /// The representative event's day.
    pub day: Option<String>,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Earliest and latest publication date of the reports.
    pub first_report: Option<String>,
    pub last_report: Option<String>,
    /// Distinct reports (documents) that described it.
    pub reports: u64,
    /// Distinct outlets among them.
    pub outlets: Vec<String>,
    /// Coded events (sentences) merged into it.
    pub events: u64,
    pub source: Side,
    pub target: Option<Side>,
    pub cameo: String,
    pub cameo_root: String,
    pub plover: String,
    pub quad: u8,
    pub goldstein: f64,
    pub negated: bool,
    pub place: Option<String>,
    /// The event id of the representative record.
    pub representative: String,
}

pub(crate) const HAPPENING_COLUMNS: &str =
    "h.id, h.day, h.first_day, h.last_day, h.first_report, h.last_report, h.reports,
    h.outlet_list, h.events, h.source_code, h.source_country, h.source_entity, h.target_code, h.target_country,
    h.target_entity, h.cameo, h.cameo_root, h.plover, h.quad, h.goldstein, h.negated, h.place, h.representative";

pub(crate) fn happening_from_row(row: &Row) -> rusqlite::Result<Happening> {
    let outlets: String = row.get(7)?;
    let target_code: Option<String> = row.get(12)?;
    Ok(Happening {
        id: row.get(0)?,
        day: row.get(1)?,
        first_day: row.get(2)?,
        last_day: row.get(3)?,
        first_report: row.get(4)?,
        last_report: row.get(5)?,
        reports: count(row, 6)?,
        outlets: if outlets.is_empty() {
            Vec::new()
        } else {
            outlets.split('|').map(String::from).collect()
        },
        events: count(row, 8)?,
        source: Side {
            code: row.get(9)?,
            country: row.get(10)?,
            entity: row.get(11)?,
        },
        target: match target_code {
            Some(code) => Some(Side {
                code,
                country: row.get(13)?,
                entity: row.get(14)?,
            }),
            None => None,
        },
        cameo: row.get(15)?,
        cameo_root: row.get(16)?,
        plover: row.get(17)?,
        quad: row.get(18)?,
        goldstein: row.get(19)?,
        negated: row.get(20)?,
        place: row.get(21)?,
        representative: row.get(22)?,
    })
}

/// `(code prefix range | entity substring)` on one side's columns.
fn actor_clause(side: &str, value: &str, params: &mut Vec<Value>) -> String {
    let looks_like_code =
        (2..=15).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if looks_like_code {
        let mut upper = value.as_bytes().to_vec();
        *upper.last_mut().expect("non-empty") += 1;
        params.push(Value::Text(value.to_string()));
        params.push(Value::Text(String::from_utf8(upper).expect("ascii")));
        format!(
            "(h.{side}_code >= ?{} AND h.{side}_code < ?{})",
            params.len() - 1,
            params.len()
        )
    } else {
        params.push(Value::Text(format!("%{}%", escape_like(value))));
        format!("(h.{side}_entity LIKE ?{} ESCAPE '\\')", params.len())
    }
}

/// A non-negative integer column (SQLite integers are i64).
pub(crate) fn count(row: &Row, index: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, i64>(index)?.max(0) as u64)
}

pub(crate) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl EventFilter {
    /// The WHERE clause (with a leading `WHERE`, or empty) and its parameters.
    pub(crate) fn where_clause(&self) -> (String, Vec<Value>) {
        let mut params = Vec::new();
        let mut clauses = Vec::new();
        match (&self.actor, &self.target) {
            (None, None) => {}
            (Some(a), None) => {
                let straight = actor_clause("source", a, &mut params);
                let crossed = actor_clause("target", a, &mut params);
                clauses.push(format!("({straight} OR (h.cameo_root = '04' AND {crossed}))"));
            }
            (None, Some(t)) => {
                let straight = actor_clause("target", t, &mut params);
                let crossed = actor_clause("source", t, &mut params);
                clauses.push(format!("({straight} OR (h.cameo_root = '04' AND {crossed}))"));
            }
            (Some(a), Some(t)) => {
                let s1 = actor_clause("source", a, &mut params);
                let t1 = actor_clause("target", t, &mut params);
                let s2 = actor_clause("source", t, &mut params);
                let t2 = actor_clause("target", a, &mut params);
                clauses.push(format!("(({s1} AND {t1}) OR (h.cameo_root = '04' AND {s2} AND {t2}))"));
            }
        }
        match &self.event_type {
            None => {}
            Some(EventType::Plover(p)) => {
                params.push(Value::Text(p.clone()));
                clauses.push(format!("h.plover = ?{}", params.len()));
            }
            Some(EventType::Cameo(code)) => {
                params.push(Value::Text(code[..2].to_string()));
                params.push(Value::Text(format!("{}%", code)));
                clauses.push(format!(
                    "(h.cameo_root = ?{} AND h.cameo LIKE ?{})",
                    params.len() - 1,
                    params.len()
                ));
            }
        }
        if let Some(since) = self.since {
            params.push(Value::Text(since.to_string()));
            clauses.push(format!("h.day >= ?{}", params.len()));
        }
        if let Some(until) = self.until {
            params.push(Value::Text(until.to_string()));
            clauses.push(format!("h.day <= ?{}", params.len()));
        }
        if let Some(outlet) = &self.outlet {
            params.push(Value::Text(format!("%{}%", escape_like(outlet))));
            clauses.push(format!("h.outlet_list LIKE ?{} ESCAPE '\\'", params.len()));
        }
        if clauses.is_empty() {
            (String::new(), params)
        } else {
            (format!("WHERE {}", clauses.join(" AND ")), params)
        }
    }

    fn check(&self) -> Result<(), StoreError> {
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(StoreError::BadQuery(format!(
                    "--since {since} is after --until {until}"
                )));
            }
        }
        Ok(())
    }
}

/// Actors to list.
#[derive(Debug, Clone, Default)]
pub struct ActorFilter {
    /// Case-insensitive substring of the entity name, a mention's text or the actor code.
    pub name: Option<String>,
    pub limit: Option<usize>,
}

/// An entity (or, for mentions no entity was found for, an actor code) and how often it
/// was mentioned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCount {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub code: String,
    pub country: Option<String>,
    pub mentions: u64,
    pub documents: u64,
}

/// Quotes to list.
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// Case-insensitive substring of the speaker's entity name, of the speaker's text, or of
    /// any mention of the speaker's entity (so `Mikdad` finds the quotes of "Faisal Mekdad").
    pub speaker: Option<String>,
    pub limit: Option<usize>,
}

/// A stored quote with where it appeared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredQuote {
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub speaker: Option<String>,
    pub speaker_code: Option<String>,
    pub direct: bool,
    pub cue: Option<String>,
    pub text: String,
    pub span: [usize; 2],
}

/// The time unit of a dyad series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    /// ISO week, written `2023-W18`.
    Week,
    Month,
    Year,
}

/// Whether dyads are actor codes (`SYRGOV`) or countries (`SYR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    #[default]
    Code,
    Country,
}

/// One point of a dyad time series: happenings of a directed dyad in a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadPeriod {
    pub period: String,
    pub source: String,
    pub target: String,
    /// Happenings (deduplicated events).
    pub events: u64,
    /// Reports behind them.
    pub reports: u64,
    pub goldstein_mean: f64,
}

/// `2023-05-02` → `2023-05-02`, `2023-W18`, `2023-05` or `2023`; `None` for a malformed day.
fn period_label(period: Period, day: &str) -> Option<String> {
    use chrono::Datelike;
    let date: NaiveDate = day.parse().ok()?;
    Some(match period {
        Period::Day => date.to_string(),
        Period::Week => {
            let week = date.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        Period::Month => format!("{}-{:02}", date.year(), date.month()),
        Period::Year => date.year().to_string(),
    })
}

impl Store {
    /// Happenings matching `filter`, newest first.
    pub fn happenings(&self, filter: &EventFilter) -> Result<Vec<Happening>, StoreError> {
        filter.check()?;
        let (clause, params) = filter.where_clause();
        let limit = filter.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let sql =
            format!("SELECT {HAPPENING_COLUMNS} FROM happenings h {clause} ORDER BY h.day DESC, h.id DESC{limit}");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), happening_from_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.sql(e))
    }

    /// How many happenings match `filter` (ignoring its limit).
    pub fn count_happenings(&self, filter: &EventFilter) -> Result<u64, StoreError> {
        filter.check()?;
        let (clause, params) = filter.where_clause();
        let sql = format!("SELECT count(*) FROM happenings h {clause}");
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(params), |r| count(r, 0))
            .map_err(|e| self.sql(e))
    }

    /// Entities with their mention and document counts, most mentioned first.
    pub fn actors(&self, filter: &ActorFilter) -> Result<Vec<ActorCount>, StoreError> {
        let mut params: Vec<Value> = Vec::new();
        let mut clause = String::new();
        if let Some(name) = &filter.name {
            params.push(Value::Text(format!("%{}%", escape_like(name))));
            clause =
                "WHERE (e.name LIKE ?1 ESCAPE '\\' OR m.text LIKE ?1 ESCAPE '\\' OR m.code LIKE ?1 ESCAPE '\\')".into();
        }
        let limit = filter.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        // Two grouped scans of the (entity, code, doc) index: named entities, then the
        // mentions no entity was found for, by actor code.
        let sql = format!(
            "SELECT * FROM (
               SELECT e.name AS name, e.entity_id, e.code AS code, e.country, count(*) AS n, count(DISTINCT m.doc)
               FROM mentions m JOIN entities e ON e.id = m.entity {clause} GROUP BY m.entity
               UNION ALL
               SELECT NULL AS name, NULL, m.code AS code, min(m.country), count(*) AS n, count(DISTINCT m.doc)
               FROM mentions m {clause_null} GROUP BY m.code)
             ORDER BY n DESC, coalesce(name, code){limit}",
            clause_null = if clause.is_empty() {
                "WHERE m.entity IS NULL"
            } else {
                "WHERE m.entity IS NULL AND (m.text LIKE ?1 ESCAPE '\\' OR m.code LIKE ?1 ESCAPE '\\')"
            },
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok(ActorCount {
                    entity: r.get(0)?,
                    entity_id: r.get(1)?,
                    code: r.get(2)?,
                    country: r.get(3)?,
                    mentions: count(r, 4)?,
                    documents: count(r, 5)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.sql(e))
    }

    /// Quotes, by document and position.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<StoredQuote>, StoreError> {
        let mut params: Vec<Value> = Vec::new();
        let mut clause = String::new();
        if let Some(speaker) = &filter.speaker {
            params.push(Value::Text(format!("%{}%", escape_like(speaker))));
            clause = "WHERE q.speaker_entity LIKE ?1 ESCAPE '\\' OR q.speaker_text LIKE ?1 ESCAPE '\\'
                OR q.speaker_entity_id IN (SELECT e.entity_id FROM mentions m JOIN entities e ON e.id = m.entity
                                           WHERE m.text LIKE ?1 ESCAPE '\\' AND e.entity_id IS NOT NULL)
                OR q.speaker_entity IN (SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity
                                        WHERE m.text LIKE ?1 ESCAPE '\\' AND e.name IS NOT NULL)"
                .into();
        }
        let limit = filter.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let sql = format!(
            "SELECT q.doc, d.outlet, d.published, coalesce(q.speaker_entity, q.speaker_text), q.speaker_code, q.direct, q.cue,
                    q.text, q.start, q.end
             FROM quotes q JOIN documents d ON d.doc = q.doc {clause} ORDER BY q.doc, q.start{limit}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok(StoredQuote {
                    doc: r.get(0)?,
                    outlet: r.get(1)?,
                    published: r.get(2)?,
                    speaker: r.get(3)?,
                    speaker_code: r.get(4)?,
                    direct: r.get(5)?,
                    cue: r.get(6)?,
                    text: r.get(7)?,
                    span: [r.get::<_, i64>(8)? as usize, r.get::<_, i64>(9)? as usize],
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.sql(e))
    }

    /// Happening counts and mean Goldstein per directed dyad and period (the series analysts
    /// plot). Meetings (CAMEO 04) are unordered, so their pair is written in sorted order.
    /// Undated happenings are left out. The filter's limit is ignored.
    ///
    /// Aggregated in Rust over borrowed row values with interned actor codes: no allocation
    /// per happening, which keeps a million happenings under a second (SQLite's GROUP BY
    /// sorts and took twice as long).
    pub fn dyads(&self, filter: &EventFilter, period: Period, level: Level) -> Result<Vec<DyadPeriod>, StoreError> {
        use std::collections::HashMap;
        filter.check()?;
        let (clause, params) = filter.where_clause();
        let clause = if clause.is_empty() {
            "WHERE h.day IS NOT NULL".to_string()
        } else {
            format!("{clause} AND h.day IS NOT NULL")
        };
        let (source, target) = match level {
            Level::Code => ("h.source_code", "coalesce(h.target_code, '-')"),
            Level::Country => (
                "coalesce(h.source_country, substr(h.source_code, 1, 3))",
                "coalesce(h.target_country, substr(h.target_code, 1, 3), '-')",
            ),
        };
        let sql = format!(
            "SELECT h.day, {source}, {target}, h.cameo_root = '04', h.reports, h.goldstein FROM happenings h {clause}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.sql(e))?;
        let mut names: HashMap<String, u32> = HashMap::new();
        let mut labels: HashMap<String, u32> = HashMap::new();
        let mut series: HashMap<(u32, u32, u32), (u64, u64, f64)> = HashMap::new();
        let intern = |map: &mut HashMap<String, u32>, text: &str| -> u32 {
            if let Some(&id) = map.get(text) {
                return id;
            }
            let id = map.len() as u32;
            map.insert(text.to_string(), id);
            id
        };
        let mut last_day: (Vec<u8>, u32) = (Vec::new(), 0);
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            let text = |i: usize| -> rusqlite::Result<&str> { Ok(row.get_ref(i)?.as_str().unwrap_or("-")) };
            let day = text(0).map_err(|e| self.sql(e))?;
            // Rows come in storage order, where one day's happenings are often neighbours.
            let label = if last_day.0 == day.as_bytes() {
                last_day.1
            } else {
                let Some(label) = period_label(period, day) else {
                    continue;
                };
                let id = intern(&mut labels, &label);
                last_day = (day.as_bytes().to_vec(), id);
                id
            };
            let (mut a, mut b) = (text(1).map_err(|e| self.sql(e))?, text(2).map_err(|e| self.sql(e))?);
            let symmetric: bool = row.get(3).map_err(|e| self.sql(e))?;
            if symmetric && b != "-" && b < a {
                std::mem::swap(&mut a, &mut b);
            }
            let key = (label, intern(&mut names, a), intern(&mut names, b));
            let reports = count(row, 4).map_err(|e| self.sql(e))?;
            let goldstein: f64 = row.get(5).map_err(|e| self.sql(e))?;
            let entry = series.entry(key).or_default();
            entry.0 += 1;
            entry.1 += reports;
            entry.2 += goldstein;
        }
        let name_of = |map: &HashMap<String, u32>| {
            let mut by_id = vec![String::new(); map.len()];
            for (name, &id) in map {
                by_id[id as usize] = name.clone();
            }
            by_id
        };
        let (labels, names) = (name_of(&labels), name_of(&names));
        let mut out: Vec<DyadPeriod> = series
            .into_iter()
            .map(|((label, a, b), (events, reports, sum))| DyadPeriod {
                period: labels[label as usize].clone(),
                source: names[a as usize].clone(),
                target: names[b as usize].clone(),
                events,
                reports,
                goldstein_mean: sum / events as f64,
            })
            .collect();
        out.sort_by(|x, y| (&x.period, &x.source, &x.target).cmp(&(&y.period, &y.source, &y.target)));
        Ok(out)
    }
}
