//! Store benchmark: ingest throughput (documents, events and rows per second) on synthetic
//! coded documents, then query times on the resulting store (1M events by default).
//!
//! `cargo bench -p dyad-store` — `DYAD_BENCH_EVENTS=200000` for a smaller run. The bench
//! asserts what it counted (events stored, happenings found) so a fast wrong answer fails.

use dyad_core::record::{
    ActorRecord, DocumentRecord, EventRecord, MentionRecord, PlaceRecord, QuoteRecord, Record, SpeakerRecord,
    TableVersions, TriggerRecord,
};
use dyad_core::{Document, Span};
use dyad_store::{EventFilter, EventType, ExportFormat, ExportUnit, Level, Period, QuoteFilter, Store};
use std::time::Instant;

const EVENTS_PER_DOC: usize = 5;
const COUNTRIES: [&str; 40] = [
    "SYR", "IRN", "TUR", "RUS", "USA", "IRQ", "LBN", "ISR", "SAU", "EGY", "JOR", "QAT", "ARE", "CHN", "FRA", "GBR",
    "DEU", "IND", "PAK", "AFG", "YEM", "OMN", "KWT", "BHR", "LBY", "TUN", "DZA", "MAR", "SDN", "ETH", "KEN", "NGA",
    "ZAF", "BRA", "ARG", "MEX", "CAN", "JPN", "KOR", "PRK",
];
const SECTORS: [&str; 4] = ["GOV", "MIL", "", "OPP"];
const CAMEO: [&str; 12] = [
    "010", "020", "036", "040", "042", "043", "051", "057", "1056", "111", "120", "190",
];
const PLOVER: [&str; 12] = [
    "", "REQUEST", "AGREE", "CONSULT", "CONSULT", "CONSULT", "SUPPORT", "AGREE", "DEMAND", "ACCUSE", "REJECT",
    "ASSAULT",
];

/// A tiny deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn actor(rng: &mut Rng) -> ActorRecord {
    let country = COUNTRIES[rng.next(COUNTRIES.len())];
    let sector = SECTORS[rng.next(SECTORS.len())];
    let person = rng.next(8);
    let named = sector == "GOV" && person < 4;
    ActorRecord {
        code: format!("{country}{sector}"),
        country: Some(country.into()),
        sector: (!sector.is_empty()).then(|| sector.into()),
        entity: named.then(|| format!("{country} official {person}")),
        entity_id: named.then(|| format!("Q{country}{person}")),
        text: format!("{country} actor"),
        span: Span::new(0, 5),
    }
}

fn document(n: usize, rng: &mut Rng) -> (Document, Vec<Record>) {
    let id = format!("doc{n:07}");
    let day = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + chrono::Duration::days(rng.next(3650) as i64);
    let published = day.to_string();
    let outlet = format!("Outlet {}", rng.next(50));
    let doc = Document {
        id: id.clone(),
        text: format!("report {n}"),
        outlet: Some(outlet.clone()),
        published: Some(day),
        ..Document::default()
    };
    let mut records = vec![Record::Document(DocumentRecord {
        doc: id.clone(),
        outlet: Some(outlet),
        headline: Some(format!("headline {n}")),
        dateline: None,
        published: Some(published.clone()),
        language: "en".into(),
        sentences: 12,
        dropped: vec![],
        text: None,
    })];
    let mut events = Vec::new();
    for k in 0..EVENTS_PER_DOC {
        let source = actor(rng);
        let target = actor(rng);
        for a in [&source, &target] {
            records.push(Record::Mention(MentionRecord {
                doc: id.clone(),
                text: a.text.clone(),
                span: a.span,
                entity: a.entity.clone(),
                entity_id: a.entity_id.clone(),
                code: a.code.clone(),
                country: a.country.clone(),
                sector: a.sector.clone(),
                how: "dictionary".into(),
            }));
        }
        let c = rng.next(CAMEO.len());
        events.push(Record::Event(EventRecord {
            id: format!("e:{id}:{k}:0"),
            doc: id.clone(),
            sentence: k,
            source,
            target: Some(target),
            cameo: CAMEO[c].into(),
            cameo_root: CAMEO[c][..2].into(),
            plover: if PLOVER[c].is_empty() {
                "OTHER".into()
            } else {
                PLOVER[c].into()
            },
            mode: None,
            context: vec!["diplomatic".into()],
            goldstein: c as f64 - 5.0,
            quad: 1 + (c % 4) as u8,
            negated: rng.next(20) == 0,
            modality: "asserted".into(),
            date: Some(published.clone()),
            date_text: None,
            place: (rng.next(3) == 0).then(|| PlaceRecord {
                name: "Tehran".into(),
                country: Some("IRN".into()),
                lat: Some(35.7),
                lon: Some(51.4),
            }),
            text: "A sentence of about the usual length in a wire report, long enough to weigh what real text weighs."
                .into(),
            span: Span::new(0, 100),
            trigger: TriggerRecord {
                text: "met".into(),
                span: Span::new(10, 13),
            },
            rule: "lexicon:meet".into(),
            versions: TableVersions {
                cameo: "1.1b3".into(),
                plover: "2.0".into(),
                goldstein: "gdelt".into(),
            },
        }));
    }
    records.push(Record::Quote(QuoteRecord {
        doc: id.clone(),
        text: "We will continue to cooperate.".into(),
        span: Span::new(0, 30),
        direct: true,
        cue: Some("said".into()),
        speaker: Some(SpeakerRecord {
            entity: Some("SYR official 1".into()),
            entity_id: Some("QSYR1".into()),
            code: Some("SYRGOV".into()),
            text: "the minister".into(),
            span: Span::new(31, 43),
        }),
    }));
    records.extend(events);
    (doc, records)
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = f();
    println!("{label:<58} {:>8.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    value
}

fn main() {
    let events: usize = std::env::var("DYAD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let docs = events / EVENTS_PER_DOC;
    // DYAD_BENCH_DB=FILE keeps the database (and reuses it when it exists: queries only).
    let keep = std::env::var_os("DYAD_BENCH_DB").map(std::path::PathBuf::from);
    let dir = std::env::temp_dir().join(format!("dyad-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = keep.clone().unwrap_or_else(|| dir.join("bench.db"));
    if !path.exists() {
        ingest(&path, docs);
    }
    queries(&path);
    let _ = std::fs::remove_dir_all(&dir);
}

fn ingest(path: &std::path::Path, docs: usize) {
    let mut store = Store::open(path).unwrap();
    let mut rng = Rng(0x9e3779b97f4a7c15);

    // Ingest in batches of 200 documents (what `dyad ingest` does); generation is not timed.
    let mut ingest_seconds = 0.0;
    let mut rows = 0usize;
    let mut stored_events = 0usize;
    for start in (0..docs).step_by(200) {
        let batch: Vec<_> = (start..(start + 200).min(docs))
            .map(|n| document(n, &mut rng))
            .collect();
        rows += batch.iter().map(|(_, r)| r.len()).sum::<usize>();
        let started = Instant::now();
        let summary = store
            .ingest_batch(batch.iter().map(|(d, r)| (d, r.as_slice())))
            .unwrap();
        ingest_seconds += started.elapsed().as_secs_f64();
        stored_events += summary.events;
    }
    assert_eq!(stored_events, docs * EVENTS_PER_DOC);
    let counts = store.counts().unwrap();
    assert_eq!(counts.events as usize, stored_events);
    println!(
        "ingest: {docs} documents, {stored_events} events, {rows} records in {ingest_seconds:.1} s = {:.0} docs/s, {:.0} events/s, {:.0} records/s ({} happenings)",
        docs as f64 / ingest_seconds,
        stored_events as f64 / ingest_seconds,
        rows as f64 / ingest_seconds,
        counts.happenings
    );
    println!(
        "database: {:.0} MB",
        std::fs::metadata(path).unwrap().len() as f64 / 1e6
    );
}

fn queries(path: &std::path::Path) {
    let store = Store::open_read_only(path).unwrap();
    let filter = |f: EventFilter| EventFilter { limit: Some(50), ..f };
    let syr_irn = EventFilter {
        actor: Some("SYR".into()),
        target: Some("IRN".into()),
        ..Default::default()
    };
    let n = timed("events (newest 50)", || {
        store.happenings(&filter(EventFilter::default())).unwrap().len()
    });
    assert_eq!(n, 50);
    timed("count all happenings", || {
        store.count_happenings(&EventFilter::default()).unwrap()
    });
    let found = timed("events --actor SYR --target IRN (count)", || {
        store.count_happenings(&syr_irn).unwrap()
    });
    assert!(found > 0);
    timed("events --actor SYR --target IRN --limit 50", || {
        store.happenings(&filter(syr_irn.clone())).unwrap()
    });
    let consult = EventFilter {
        event_type: Some(EventType::parse("CONSULT").unwrap()),
        since: "2017-01-01".parse().ok(),
        until: "2017-12-31".parse().ok(),
        outlet: Some("Outlet 7".into()),
        ..syr_irn.clone()
    };
    timed("events SYR/IRN CONSULT 2017 --outlet (all rows)", || {
        store.happenings(&consult).unwrap().len()
    });
    timed("events --actor 'official 1' (entity substring, count)", || {
        store
            .count_happenings(&EventFilter {
                actor: Some("official 1".into()),
                ..Default::default()
            })
            .unwrap()
    });
    timed("events --type 04 --since 2020-01-01 --limit 50", || {
        store
            .happenings(&filter(EventFilter {
                event_type: Some(EventType::parse("04").unwrap()),
                since: "2020-01-01".parse().ok(),
                ..Default::default()
            }))
            .unwrap()
    });
    timed("actors (all)", || store.actors(&Default::default()).unwrap().len());
    timed("quotes --speaker 'official 1' --limit 50", || {
        store
            .quotes(&QuoteFilter {
                speaker: Some("official 1".into()),
                limit: Some(50),
            })
            .unwrap()
            .len()
    });
    timed("dyads --period month --actor SYR --target IRN", || {
        store.dyads(&syr_irn, Period::Month, Level::Code).unwrap().len()
    });
    timed("dyads --period month --level country (everything)", || {
        store
            .dyads(&EventFilter::default(), Period::Month, Level::Country)
            .unwrap()
            .len()
    });
    let export_rows = timed("export --format gdelt (SYR/IRN)", || {
        store
            .export(ExportFormat::Gdelt, ExportUnit::Happenings, &syr_irn, std::io::sink())
            .unwrap()
    });
    assert_eq!(export_rows, found);
    timed("export --format csv (all happenings)", || {
        store
            .export(
                ExportFormat::Csv,
                ExportUnit::Happenings,
                &EventFilter::default(),
                std::io::sink(),
            )
            .unwrap()
    });
}
