//! The published PETRARCH2/Phoenix dictionaries in `../shared`: everything loads, every
//! problem is located, and the counts are the ones measured when this reader was written.

use dyad_dictionaries::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn phoenix_and_validation_dictionaries_load_with_the_measured_counts() {
    let dir = dyad_testkit::require_shared!("data/petrarch2/dictionaries");
    let dicts = load_dir(&dir).expect("folder is readable");
    let counts = |files: &[DictionaryFile<Vec<ActorEntry>>]| -> Vec<(String, usize, usize, usize)> {
        files
            .iter()
            .map(|f| {
                let name = f.path.file_name().unwrap().to_string_lossy().into_owned();
                let names = f.entries.iter().map(|e| e.names.len()).sum();
                let codes = f.entries.iter().map(|e| e.codes.len()).sum();
                (name, f.entries.len(), names, codes)
            })
            .collect()
    };
    assert_eq!(
        counts(&dicts.actors),
        [
            (
                "PETR.Validate.actors.txt".to_string(),
                ACTORS[0].0,
                ACTORS[0].1,
                ACTORS[0].2
            ),
            (
                "Phoenix.Countries.actors.txt".to_string(),
                ACTORS[1].0,
                ACTORS[1].1,
                ACTORS[1].2
            ),
            (
                "Phoenix.International.actors.txt".to_string(),
                ACTORS[2].0,
                ACTORS[2].1,
                ACTORS[2].2
            ),
            (
                "Phoenix.MilNonState.actors.txt".to_string(),
                ACTORS[3].0,
                ACTORS[3].1,
                ACTORS[3].2
            ),
        ]
    );
    let lens = |v: Vec<usize>| v;
    assert_eq!(lens(dicts.agents.iter().map(|f| f.entries.len()).collect()), AGENTS);
    assert_eq!(lens(dicts.discards.iter().map(|f| f.entries.len()).collect()), DISCARDS);
    assert_eq!(lens(dicts.issues.iter().map(|f| f.entries.len()).collect()), ISSUES);
    let verbs: Vec<[usize; 5]> = dicts
        .verbs
        .iter()
        .map(|f| {
            let v = &f.entries;
            [
                v.synsets.len(),
                v.blocks.len(),
                v.verbs().count(),
                v.patterns().count(),
                v.transformations.len(),
            ]
        })
        .collect();
    assert_eq!(verbs, VERBS);
    assert_eq!(dicts.problems.len(), PROBLEMS);
    for p in &dicts.problems {
        assert!(p.line > 0, "{p}");
        assert!(p.to_string().starts_with(&format!("{}:{}: ", p.file, p.line)));
    }
}

#[test]
fn the_last_entry_of_the_countries_file_is_not_dropped() {
    let dir = dyad_testkit::require_shared!("data/petrarch2/dictionaries");
    let (entries, _) = load_actors(&dir.join("Phoenix.Countries.actors.txt")).unwrap();
    let last = entries.last().unwrap();
    assert_eq!(last.names, ["WITNESS MANGWENDE"]);
    assert_eq!(
        (last.codes[0].from, last.codes[0].to),
        (Some(day(2003, 1, 1)), Some(day(2004, 2, 28)))
    );
}

#[test]
fn dated_codes_resolve_by_the_event_date() {
    let dir = dyad_testkit::require_shared!("data/petrarch2/dictionaries");
    let (entries, _) = load_actors(&dir.join("Phoenix.Countries.actors.txt")).unwrap();
    let assad = entries
        .iter()
        .find(|e| e.names[0] == "BASHAR AL ASSAD")
        .expect("CountryInfo entry");
    assert_eq!(assad.code_on(day(1990, 1, 1)).unwrap().code, "SYRELI");
    assert_eq!(assad.code_on(day(2010, 1, 1)).unwrap().code, "SYRGOV");
}

#[test]
fn ud_petrarch_validation_dictionaries_load() {
    let dir = dyad_testkit::require_shared!("data/dev/udpetrarch-validate");
    let dicts = load_dir(&dir).expect("folder is readable");
    assert_eq!(dicts.actors[0].entries.len(), UD_ACTORS);
    assert_eq!(dicts.verbs[0].entries.patterns().count(), UD_PATTERNS);
    assert_eq!(dicts.problems.len(), UD_PROBLEMS);
}

// Measured on the published files (see the crate's load_dictionaries example).
const ACTORS: [(usize, usize, usize); 4] = [
    (128, 161, 138),
    (18352, 25876, 28383),
    (7838, 7902, 7895),
    (1021, 1786, 1021),
];
const AGENTS: [usize; 2] = [88, 2243];
const DISCARDS: [usize; 2] = [9, 506];
const ISSUES: [usize; 1] = [3152];
const VERBS: [[usize; 5]; 2] = [[40, 397, 1817, 4666, 8], [17, 261, 269, 473, 0]];
const PROBLEMS: usize = 1298;
const UD_ACTORS: usize = 133;
const UD_PATTERNS: usize = 357;
const UD_PROBLEMS: usize = 10;
