//! Our transcribed GDELT Goldstein column against the pairs (CAMEO code, Goldstein score)
//! that appear in published GDELT event records (tests/data/gdelt_observed_goldstein.tsv).
//! A typo in tables/goldstein.tsv for any code seen there fails this test.

use dyad_events::{GoldsteinTable, Tables};

#[test]
fn gdelt_column_matches_scores_in_published_gdelt_records() {
    let tables = Tables::builtin().expect("built-in tables load");
    let observed = include_str!("data/gdelt_observed_goldstein.tsv");
    let mut checked = 0;
    for line in observed.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (code, score) = line.split_once('\t').expect("code<TAB>score");
        let score: f64 = score.parse().expect("a number");
        let info = tables
            .get(code)
            .unwrap_or_else(|| panic!("CAMEO code {code} from GDELT records is not in our tables"));
        assert_eq!(
            info.goldstein(GoldsteinTable::Gdelt),
            score,
            "Goldstein score of {code} ({})",
            info.name
        );
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} published pairs checked");
}
