//! Scoring coded events against a record's expected ones: exact matches of
//! (source, target, event code) sets.

use crate::records::Expected;
use std::collections::BTreeSet;
use std::fmt;

/// One record's comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordScore {
    pub matched: Vec<Expected>,
    pub missed: Vec<Expected>,
    pub extra: Vec<Expected>,
}

impl RecordScore {
    /// Nothing missed and nothing extra.
    pub fn exact(&self) -> bool {
        self.missed.is_empty() && self.extra.is_empty()
    }
}

/// Compare the expected events with the coded ones (duplicates count once).
pub fn score_record(expected: &[Expected], coded: &[Expected]) -> RecordScore {
    let expected: BTreeSet<&Expected> = expected.iter().collect();
    let coded: BTreeSet<&Expected> = coded.iter().collect();
    RecordScore {
        matched: expected.intersection(&coded).map(|e| (*e).clone()).collect(),
        missed: expected.difference(&coded).map(|e| (*e).clone()).collect(),
        extra: coded.difference(&expected).map(|e| (*e).clone()).collect(),
    }
}

/// Sums over a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub records: usize,
    /// Records whose coded set equals the expected set.
    pub exact: usize,
    pub expected: usize,
    pub matched: usize,
    pub extra: usize,
}

impl Totals {
    pub fn add(&mut self, score: &RecordScore) {
        self.records += 1;
        self.exact += usize::from(score.exact());
        self.expected += score.matched.len() + score.missed.len();
        self.matched += score.matched.len();
        self.extra += score.extra.len();
    }

    /// matched / (matched + extra); 0 when nothing was coded.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.matched + self.extra)
    }

    /// matched / expected; 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Totals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "records exactly right: {}/{} ({:.1}%)",
            self.exact,
            self.records,
            100.0 * ratio(self.exact, self.records)
        )?;
        writeln!(
            f,
            "events: matched {} of {} expected, {} extra",
            self.matched, self.expected, self.extra
        )?;
        writeln!(f, "precision {:.3}  recall {:.3}", self.precision(), self.recall())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str, t: &str, c: &str) -> Expected {
        Expected {
            source: s.into(),
            target: t.into(),
            code: c.into(),
        }
    }

    #[test]
    fn counts_matches_misses_and_extras() {
        let gold = [e("A", "B", "042"), e("B", "A", "043")];
        let coded = [e("A", "B", "042"), e("A", "B", "042"), e("A", "C", "042")];
        let s = score_record(&gold, &coded);
        assert_eq!((s.matched.len(), s.missed.len(), s.extra.len()), (1, 1, 1));
        assert!(!s.exact());
        let mut t = Totals::default();
        t.add(&s);
        t.add(&score_record(&[], &[]));
        assert_eq!(
            t,
            Totals {
                records: 2,
                exact: 1,
                expected: 2,
                matched: 1,
                extra: 1
            }
        );
        assert!((t.precision() - 0.5).abs() < 1e-9 && (t.recall() - 0.5).abs() < 1e-9);
        assert_eq!(Totals::default().precision(), 0.0);
    }
}
