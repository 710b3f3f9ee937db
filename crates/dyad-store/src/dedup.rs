//! The deduplication rule: which coded events describe the same real-world happening.
//!
//! Two events are **compatible** when all of these hold:
//! 1. **Same CAMEO root and polarity.** `042` (visit) and `040` (consult) are one meeting
//!    seen by two reporters; a specific and a general code always share their root. A negated
//!    event ("did not meet") never merges with an asserted one.
//! 2. **Compatible actors, side by side.** Two actor sides are compatible when both name an
//!    entity and it is the same entity (`entity_id`, else the canonical name); or when at most
//!    one names an entity and one actor code is a prefix of the other (`SYR` ~ `SYRGOV`) or one
//!    side is country-level (`code == country`) and the countries agree. Two different people
//!    never merge. Both targets absent is compatible; one absent and one present is not.
//!    For CAMEO root `04` (consult, meet, visit) the dyad is unordered: "A met B" and "B met
//!    A" are the same meeting.
//! 3. **Dates within the window.** Each event's day is its resolved date, else its report's
//!    publication date. Two known days must be at most `window_days` apart (default 1, so a
//!    report of "Tuesday" published on Wednesday still merges). An event with no day at all
//!    is compatible only with events of the same document: without a date, merging across
//!    reports would join meetings years apart.
//! 4. **Compatible places.** The same place name (case-insensitive), or either place unknown.
//!
//! **Clustering** is complete-linkage and greedy in a canonical order (day, then document,
//! sentence, event id; undated events last): each event joins the first earlier cluster whose every member it is
//! compatible with, else opens a new one. Complete linkage keeps chains from growing (A~B and
//! B~C do not put A with C unless A~C), so one cluster's days span at most the window.
//! Because the order is canonical, the clusters do not depend on the order reports arrived.
//!
//! A cluster's **representative** is its most specific member (entities known on both sides,
//! longer CAMEO code, place and date known), ties broken by the canonical order. Its **stable
//! id** is `h` + 16 hex digits of the SHA-256 of the representative's key (root, actor keys,
//! day, place, polarity): the same happening gets the same id in every database that holds it,
//! and re-ingesting changes it only if a more specific report arrives.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// How events are merged into happenings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DedupConfig {
    /// Two known event days may be at most this many days apart (default 1, i.e. ±1 day).
    pub window_days: i64,
}

impl Default for DedupConfig {
    fn default() -> DedupConfig {
        DedupConfig { window_days: 1 }
    }
}

/// One side of an event, as far as deduplication cares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ActorKey {
    pub code: String,
    pub country: Option<String>,
    /// `entity_id`, else the canonical entity name; `None` for actors known only by code.
    pub entity: Option<String>,
}

impl ActorKey {
    /// The key that all actors compatible with this one share: the country, else the first
    /// three letters of the code (CAMEO codes start with their country or group).
    pub fn country_key(&self) -> &str {
        match &self.country {
            Some(country) if !country.is_empty() => country,
            _ => self.code.get(..3).unwrap_or(&self.code),
        }
    }

    fn is_country_level(&self) -> bool {
        self.country.as_deref() == Some(self.code.as_str()) || self.code.len() == 3 && self.entity.is_none()
    }

    fn identity(&self) -> &str {
        self.entity.as_deref().unwrap_or(&self.code)
    }
}

/// Side-by-side actor compatibility (rule 2).
pub(crate) fn actors_compatible(a: &ActorKey, b: &ActorKey) -> bool {
    if let (Some(x), Some(y)) = (&a.entity, &b.entity) {
        return x == y;
    }
    if a.code.starts_with(&b.code) || b.code.starts_with(&a.code) {
        return true;
    }
    (a.is_country_level() || b.is_country_level()) && a.country_key() == b.country_key()
}

/// An event as the clustering sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClusterEvent {
    pub id: String,
    pub doc: String,
    pub sentence: i64,
    pub day: Option<NaiveDate>,
    pub source: ActorKey,
    pub target: Option<ActorKey>,
    pub cameo: String,
    pub root: String,
    pub negated: bool,
    pub place: Option<String>,
}

impl ClusterEvent {
    fn symmetric(&self) -> bool {
        self.root == "04"
    }

    /// The block: every event compatible with this one has the same block, so clustering
    /// runs block by block (and the store re-clusters only the blocks a batch touched).
    pub fn block(&self) -> String {
        let source = self.source.country_key();
        let target = self.target.as_ref().map_or("-", |t| t.country_key());
        let (a, b) = if self.symmetric() && target < source {
            (target, source)
        } else {
            (source, target)
        };
        format!("{}|{}|{}|{}", self.root, a, b, u8::from(self.negated))
    }

    fn specificity(&self) -> u32 {
        let entities =
            u32::from(self.source.entity.is_some()) + self.target.as_ref().map_or(0, |t| u32::from(t.entity.is_some()));
        entities * 100
            + self.cameo.len() as u32 * 10
            + u32::from(self.place.is_some()) * 2
            + u32::from(self.day.is_some())
    }

    /// Dated events first (by day), undated last: an undated event may then join a cluster
    /// only when every member is from its own document, whatever else was loaded with it.
    fn canonical_key(&self) -> (bool, Option<NaiveDate>, &str, i64, &str) {
        (self.day.is_none(), self.day, &self.doc, self.sentence, &self.id)
    }
}

fn targets_compatible(a: &Option<ActorKey>, b: &Option<ActorKey>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => actors_compatible(x, y),
        _ => false,
    }
}

/// Rules 1–4 for one pair of events.
pub(crate) fn compatible(a: &ClusterEvent, b: &ClusterEvent, config: &DedupConfig) -> bool {
    if a.root != b.root || a.negated != b.negated {
        return false;
    }
    let straight = actors_compatible(&a.source, &b.source) && targets_compatible(&a.target, &b.target);
    let crossed = a.symmetric()
        && match (&a.target, &b.target) {
            (Some(at), Some(bt)) => actors_compatible(&a.source, bt) && actors_compatible(at, &b.source),
            _ => false,
        };
    if !(straight || crossed) {
        return false;
    }
    let days = match (a.day, b.day) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= config.window_days,
        _ => a.doc == b.doc,
    };
    if !days {
        return false;
    }
    match (&a.place, &b.place) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    }
}

/// One happening: indices into the clustered slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cluster {
    pub id: String,
    pub members: Vec<usize>,
    pub representative: usize,
}

/// Clusters `events` (any order) by the rule above. Deterministic for a given set of events.
pub(crate) fn cluster(events: &[ClusterEvent], config: &DedupConfig) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| events[a].canonical_key().cmp(&events[b].canonical_key()));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &index in &order {
        let event = &events[index];
        let home = groups
            .iter()
            .position(|group| group.iter().all(|&m| compatible(event, &events[m], config)));
        match home {
            Some(g) => groups[g].push(index),
            None => groups.push(vec![index]),
        }
    }
    let mut used = std::collections::HashSet::new();
    groups
        .into_iter()
        .map(|members| {
            // Members are in canonical order, so `max_by_key` keeping the first maximum
            // breaks ties by that order.
            let mut representative = members[0];
            for &m in &members {
                if events[m].specificity() > events[representative].specificity() {
                    representative = m;
                }
            }
            let mut id = happening_id(&events[representative], "");
            if !used.insert(id.clone()) {
                id = happening_id(&events[representative], &events[representative].id);
                used.insert(id.clone());
            }
            Cluster {
                id,
                members,
                representative,
            }
        })
        .collect()
}

fn happening_id(rep: &ClusterEvent, salt: &str) -> String {
    let source = rep.source.identity();
    let target = rep.target.as_ref().map_or("-", |t| t.identity());
    let (a, b) = if rep.symmetric() && target < source {
        (target, source)
    } else {
        (source, target)
    };
    let day = rep
        .day
        .map(|d| d.to_string())
        .unwrap_or_else(|| format!("doc:{}", rep.doc));
    let place = rep.place.as_deref().unwrap_or("").to_lowercase();
    let key = format!(
        "{}\u{1f}{a}\u{1f}{b}\u{1f}{day}\u{1f}{place}\u{1f}{}\u{1f}{salt}",
        rep.root, rep.negated
    );
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("h{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(code: &str, entity: Option<&str>) -> ActorKey {
        ActorKey {
            code: code.into(),
            country: Some(code[..3].into()),
            entity: entity.map(Into::into),
        }
    }

    fn event(
        id: &str,
        doc: &str,
        day: Option<&str>,
        source: ActorKey,
        target: Option<ActorKey>,
        cameo: &str,
    ) -> ClusterEvent {
        ClusterEvent {
            id: id.into(),
            doc: doc.into(),
            sentence: 0,
            day: day.map(|d| d.parse().unwrap()),
            source,
            target,
            cameo: cameo.into(),
            root: cameo[..2].into(),
            negated: false,
            place: None,
        }
    }

    #[test]
    fn country_level_actor_is_compatible_with_its_government_and_people() {
        assert!(actors_compatible(&actor("SYR", None), &actor("SYRGOV", None)));
        assert!(actors_compatible(&actor("SYR", None), &actor("SYRGOV", Some("Q1"))));
        assert!(actors_compatible(&actor("SYRGOV", None), &actor("SYRGOV", Some("Q1"))));
        assert!(!actors_compatible(&actor("SYRGOV", None), &actor("SYRMIL", None)));
        assert!(!actors_compatible(
            &actor("SYRGOV", Some("Q1")),
            &actor("SYRGOV", Some("Q2"))
        ));
        assert!(!actors_compatible(&actor("SYR", None), &actor("IRNGOV", None)));
    }

    #[test]
    fn meetings_are_unordered_but_demands_are_not() {
        let config = DedupConfig::default();
        let a = event(
            "a",
            "d1",
            Some("2023-05-02"),
            actor("SYRGOV", Some("M")),
            Some(actor("IRNGOV", Some("V"))),
            "040",
        );
        let b = event(
            "b",
            "d2",
            Some("2023-05-03"),
            actor("IRNGOV", Some("V")),
            Some(actor("SYRGOV", Some("M"))),
            "042",
        );
        assert!(compatible(&a, &b, &config));
        assert_eq!(a.block(), b.block());
        let c = event(
            "c",
            "d1",
            Some("2023-05-02"),
            actor("SYRGOV", None),
            Some(actor("TURMIL", None)),
            "1056",
        );
        let d = event(
            "d",
            "d2",
            Some("2023-05-02"),
            actor("TURMIL", None),
            Some(actor("SYRGOV", None)),
            "1056",
        );
        assert!(!compatible(&c, &d, &config));
    }

    #[test]
    fn window_and_unknown_dates() {
        let config = DedupConfig::default();
        let a = event(
            "a",
            "d1",
            Some("2023-05-02"),
            actor("SYR", None),
            Some(actor("IRN", None)),
            "040",
        );
        let far = event(
            "b",
            "d2",
            Some("2023-05-05"),
            actor("SYR", None),
            Some(actor("IRN", None)),
            "040",
        );
        assert!(!compatible(&a, &far, &config));
        assert!(compatible(&a, &far, &DedupConfig { window_days: 3 }));
        let undated_same_doc = event("c", "d1", None, actor("SYR", None), Some(actor("IRN", None)), "040");
        let undated_other_doc = event("d", "d3", None, actor("SYR", None), Some(actor("IRN", None)), "040");
        assert!(compatible(&a, &undated_same_doc, &config));
        assert!(!compatible(&a, &undated_other_doc, &config));
    }

    #[test]
    fn complete_linkage_does_not_chain_and_ignores_input_order() {
        let config = DedupConfig::default();
        let mut events = vec![
            event(
                "a",
                "d1",
                Some("2023-05-01"),
                actor("SYR", None),
                Some(actor("IRN", None)),
                "040",
            ),
            event(
                "b",
                "d2",
                Some("2023-05-02"),
                actor("SYR", None),
                Some(actor("IRN", None)),
                "040",
            ),
            event(
                "c",
                "d3",
                Some("2023-05-03"),
                actor("SYR", None),
                Some(actor("IRN", None)),
                "040",
            ),
        ];
        let forward = cluster(&events, &config);
        assert_eq!(forward.len(), 2, "{forward:?}");
        events.reverse();
        let mut ids_forward: Vec<_> = forward.iter().map(|c| c.id.clone()).collect();
        let mut ids_reverse: Vec<_> = cluster(&events, &config).iter().map(|c| c.id.clone()).collect();
        ids_forward.sort();
        ids_reverse.sort();
        assert_eq!(ids_forward, ids_reverse);
    }

    #[test]
    fn representative_is_the_most_specific_member() {
        let config = DedupConfig::default();
        let events = vec![
            event(
                "a",
                "d1",
                Some("2023-05-02"),
                actor("SYR", None),
                Some(actor("IRN", None)),
                "040",
            ),
            event(
                "b",
                "d2",
                Some("2023-05-02"),
                actor("SYRGOV", Some("M")),
                Some(actor("IRNGOV", Some("V"))),
                "042",
            ),
        ];
        let clusters = cluster(&events, &config);
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].representative, 1);
    }
}
