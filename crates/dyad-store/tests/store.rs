//! The store's guarantees: idempotent and replacing ingest, schema versions, read-only and
//! full databases, queries and their errors.

mod common;

use common::{coded, event, ingest, TempDir};
use dyad_core::record::Record;
use dyad_core::Document;
use dyad_store::{EventFilter, EventType, Level, Period, Store, StoreError};

fn corpus() -> Vec<(Document, Vec<Record>)> {
    vec![
        coded(
            "mehr",
            Some("Mehr News Agency"),
            Some("2022-05-09"),
            vec![
                event(
                    "mehr",
                    0,
                    "IRNGOV|Ali Khamenei|Q57336",
                    Some("SYRGOV|Bashar al-Assad|Q44329"),
                    "040",
                    Some("2022-05-08"),
                    Some("Tehran"),
                ),
                event(
                    "mehr",
                    1,
                    "SYRGOV|Bashar al-Assad|Q44329",
                    Some("IRN"),
                    "051",
                    Some("2022-05-08"),
                    None,
                ),
            ],
        ),
        coded(
            "sana",
            Some("Syrian Arab News Agency (SANA)"),
            Some("2022-05-08"),
            vec![event(
                "sana",
                0,
                "SYRGOV|Bashar al-Assad|Q44329",
                Some("IRNGOV|Ali Khamenei|Q57336"),
                "042",
                Some("2022-05-08"),
                None,
            )],
        ),
        coded(
            "sana2",
            Some("SANA"),
            Some("2017-10-25"),
            vec![
                event(
                    "sana2",
                    0,
                    "SYRGOV|Faisal Mekdad|Q2640424",
                    Some("TURMIL"),
                    "1056",
                    Some("2017-10-25"),
                    Some("Idlib"),
                ),
                event(
                    "sana2",
                    3,
                    "IRNGOV|Ali Akbar Velayati|Q312980",
                    Some("SYRGOV|Faisal Mekdad|Q2640424"),
                    "040",
                    Some("2017-10-25"),
                    None,
                ),
            ],
        ),
    ]
}

fn happening_ids(store: &Store) -> Vec<(String, u64, u64)> {
    let mut ids: Vec<_> = store
        .happenings(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|h| (h.id, h.reports, h.events))
        .collect();
    ids.sort();
    ids
}

#[test]
fn ingesting_twice_stores_once_and_a_changed_report_replaces_its_records() {
    let dir = TempDir::new("idempotent");
    let mut store = Store::open(&dir.db()).unwrap();
    let docs = corpus();
    let first = ingest(&mut store, &docs);
    assert_eq!((first.added, first.unchanged, first.events), (3, 0, 5));
    let counts = store.counts().unwrap();
    let ids = happening_ids(&store);
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(docs.iter().all(|(d, _)| store.contains(d).unwrap()));

    let again = ingest(&mut store, &docs);
    assert_eq!((again.added, again.unchanged, again.events), (0, 3, 0));
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(happening_ids(&store), ids);

    // The SANA report is corrected: the meeting is dropped from it.
    let (mut doc, _) = docs[1].clone();
    doc.text.push_str(" (corrected)");
    assert!(!store.contains(&doc).unwrap());
    let corrected = coded(
        "sana",
        Some("Syrian Arab News Agency (SANA)"),
        Some("2022-05-08"),
        vec![],
    )
    .1;
    let replaced = store.ingest_batch([(&doc, corrected.as_slice())]).unwrap();
    assert_eq!(replaced.replaced, 1);
    assert_eq!(store.counts().unwrap().events, counts.events - 1);
    assert!(store.check_integrity().unwrap().is_empty());
    let meeting = store
        .happenings(&EventFilter {
            actor: Some("Khamenei".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(meeting.len(), 1);
    assert_eq!((meeting[0].reports, meeting[0].outlets.len()), (1, 1));
}

#[test]
fn a_database_from_a_newer_dyad_is_refused_untouched() {
    let dir = TempDir::new("newer");
    drop(Store::open(&dir.db()).unwrap());
    {
        let conn = rusqlite::Connection::open(dir.db()).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(dir.db()).unwrap();
    for result in [Store::open(&dir.db()).err(), Store::open_read_only(&dir.db()).err()] {
        let error = result.expect("must be refused");
        assert!(matches!(error, StoreError::NewerSchema { found: 99, .. }), "{error}");
        let message = error.to_string();
        assert!(
            message.contains("version 99") && message.contains("newer dyad") && !message.contains('\n'),
            "{message}"
        );
    }
    assert_eq!(std::fs::read(dir.db()).unwrap(), before);
}

#[test]
fn writing_through_a_read_only_open_is_a_clear_error_and_changes_nothing() {
    let dir = TempDir::new("readonly");
    let mut store = Store::open(&dir.db()).unwrap();
    let docs = corpus();
    ingest(&mut store, &docs[..1]);
    let counts = store.counts().unwrap();
    drop(store);
    let mut reader = Store::open_read_only(&dir.db()).unwrap();
    let error = reader
        .ingest_batch(docs[1..].iter().map(|(d, r)| (d, r.as_slice())))
        .unwrap_err();
    assert!(matches!(error, StoreError::ReadOnly { .. }), "{error}");
    assert!(error.to_string().contains("read-only"));
    assert_eq!(reader.counts().unwrap(), counts);
    assert!(matches!(
        Store::open_read_only(&dir.0.join("nothing.db")),
        Err(StoreError::Missing { .. })
    ));
}

#[test]
fn queries_filter_by_actor_target_type_dates_and_outlet() {
    let dir = TempDir::new("queries");
    let mut store = Store::open(&dir.db()).unwrap();
    ingest(&mut store, &corpus());
    let count = |filter: EventFilter| store.happenings(&filter).unwrap().len();
    assert_eq!(count(EventFilter::default()), 4);
    // Meetings are symmetric: SYR→IRN finds the Khamenei–Assad meeting coded IRN→SYR too.
    assert_eq!(
        count(EventFilter {
            actor: Some("SYR".into()),
            target: Some("IRN".into()),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("SYR".into()),
            target: Some("IRN".into()),
            event_type: Some(EventType::parse("CONSULT").unwrap()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            event_type: Some(EventType::parse("10").unwrap()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("TUR".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            target: Some("TUR".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            since: Some("2020-01-01".parse().unwrap()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            until: Some("2020-01-01".parse().unwrap()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            outlet: Some("sana".into()),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        count(EventFilter {
            outlet: Some("Mehr".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            limit: Some(1),
            ..Default::default()
        }),
        1
    );
    let backwards = EventFilter {
        since: Some("2021-01-01".parse().unwrap()),
        until: Some("2020-01-01".parse().unwrap()),
        ..Default::default()
    };
    assert!(matches!(store.happenings(&backwards), Err(StoreError::BadQuery(_))));
    // Newest first.
    let days: Vec<_> = store
        .happenings(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|h| h.day.unwrap())
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
}

#[test]
fn actors_quotes_and_dyads() {
    let dir = TempDir::new("actors");
    let mut store = Store::open(&dir.db()).unwrap();
    ingest(&mut store, &corpus());
    let actors = store.actors(&Default::default()).unwrap();
    assert_eq!(actors[0].entity.as_deref(), Some("Bashar al-Assad"));
    assert_eq!((actors[0].mentions, actors[0].documents), (3, 2));
    assert!(actors.iter().any(|a| a.entity.is_none() && a.code == "TURMIL"));

    let quotes = store
        .quotes(&dyad_store::QuoteFilter {
            speaker: Some("mekdad".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Faisal Mekdad"));
    assert!(store
        .quotes(&dyad_store::QuoteFilter {
            speaker: Some("Nobody".into()),
            ..Default::default()
        })
        .unwrap()
        .is_empty());

    let months = store
        .dyads(&EventFilter::default(), Period::Month, Level::Country)
        .unwrap();
    let may = months
        .iter()
        .find(|d| d.period == "2022-05" && d.source == "IRN" && d.target == "SYR")
        .unwrap();
    assert_eq!((may.events, may.reports), (1, 2));
    let support = months
        .iter()
        .find(|d| d.period == "2022-05" && d.source == "SYR" && d.target == "IRN")
        .unwrap();
    assert_eq!(support.goldstein_mean, 3.5);
    let weeks = store.dyads(&EventFilter::default(), Period::Week, Level::Code).unwrap();
    assert!(
        weeks
            .iter()
            .any(|d| d.period == "2017-W43" && d.source == "SYRGOV" && d.target == "TURMIL"),
        "{weeks:?}"
    );
}

#[test]
fn a_wider_window_rebuilds_the_happenings() {
    let dir = TempDir::new("window");
    let docs = vec![
        coded(
            "a",
            Some("X"),
            Some("2023-05-01"),
            vec![event("a", 0, "SYR", Some("IRN"), "040", Some("2023-05-01"), None)],
        ),
        coded(
            "b",
            Some("Y"),
            Some("2023-05-04"),
            vec![event("b", 0, "SYR", Some("IRN"), "040", Some("2023-05-04"), None)],
        ),
    ];
    let mut store = Store::open(&dir.db()).unwrap();
    ingest(&mut store, &docs);
    assert_eq!(store.counts().unwrap().happenings, 2);
    drop(store);
    let store = Store::open_with(&dir.db(), dyad_store::DedupConfig { window_days: 3 }).unwrap();
    assert_eq!(store.counts().unwrap().happenings, 1);
    assert!(store.check_integrity().unwrap().is_empty());
    drop(store);
    assert_eq!(Store::open_read_only(&dir.db()).unwrap().dedup_config().window_days, 3);
}
