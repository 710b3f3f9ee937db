//! Scoring the event coder on ConfliBERT's CAMEO sentences (`../shared/data/dev/conflibert-cameo`):
//! real news sentences, each labelled with one of five coarse CAMEO classes, and a second
//! file marking each sentence's source and target spans. `dyad eval events` runs the stages
//! and uses this module to read the files and count.
//!
//! The files do not name their classes; the five labels follow CAMEO's quad classes with
//! verbal cooperation split in two, which is what the labelled sentences show (and what our
//! own coded roots line up with): 0 statements and appeals (01–02), 1 intentions,
//! consultation and diplomatic cooperation (03–05), 2 material cooperation (06–08),
//! 3 verbal conflict (09–13), 4 material conflict (14–20).

use std::ops::Range;

/// Number of coarse classes.
pub const CLASSES: usize = 5;

/// Short names of the five classes, for tables.
pub const CLASS_NAMES: [&str; CLASSES] = [
    "01-02 say",
    "03-05 consult",
    "06-08 mat.coop",
    "09-13 verb.confl",
    "14-20 mat.confl",
];

/// The coarse class of a two-digit CAMEO root ("04" → 1); `None` for anything else.
pub fn class_of_root(root: &str) -> Option<usize> {
    match root.parse::<u8>().ok()? {
        1..=2 => Some(0),
        3..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// One labelled sentence of the class file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassExample {
    pub text: String,
    pub class: usize,
}

/// Reads `sentence<TAB>class` lines. A malformed line is an error naming its number.
pub fn read_classes(text: &str) -> Result<Vec<ClassExample>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (sentence, label) = line
            .rsplit_once('\t')
            .ok_or_else(|| format!("line {}: no tab before the class", i + 1))?;
        let class: usize = label
            .trim()
            .parse()
            .map_err(|_| format!("line {}: class {label:?} is not a number", i + 1))?;
        if class >= CLASSES {
            return Err(format!("line {}: class {class} is not one of 0-{}", i + 1, CLASSES - 1));
        }
        out.push(ClassExample {
            text: sentence.trim().to_string(),
            class,
        });
    }
    Ok(out)
}

/// One sentence of the span file: its tokens and the token ranges marked source and target.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpanExample {
    pub tokens: Vec<String>,
    pub sources: Vec<Range<usize>>,
    pub targets: Vec<Range<usize>>,
}

impl SpanExample {
    /// The tokens joined by single spaces, and each token's byte range in that text.
    pub fn text(&self) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut at = Vec::with_capacity(self.tokens.len());
        for token in &self.tokens {
            if !text.is_empty() {
                text.push(' ');
            }
            at.push(text.len()..text.len() + token.len());
            text.push_str(token);
        }
        (text, at)
    }
}

/// Reads the CoNLL-style span file (`token<space or tab>BIO-tag`, blank line between
/// sentences; tags `S` source, `T` target, anything else ignored).
pub fn read_spans(text: &str) -> Result<Vec<SpanExample>, String> {
    let mut out = Vec::new();
    let mut current = SpanExample::default();
    // (kind, start) of the span being read.
    let mut open: Option<(char, usize)> = None;
    fn close(current: &mut SpanExample, open: &mut Option<(char, usize)>) {
        if let Some((kind, start)) = open.take() {
            let range = start..current.tokens.len();
            match kind {
                'S' => current.sources.push(range),
                'T' => current.targets.push(range),
                _ => {}
            }
        }
    }
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            close(&mut current, &mut open);
            if !current.tokens.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let (token, tag) = line
            .rsplit_once([' ', '\t'])
            .ok_or_else(|| format!("line {}: no tag after the token", i + 1))?;
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) => (p, k.chars().next().unwrap_or('?')),
            None if tag == "O" => ("O", 'O'),
            None => return Err(format!("line {}: tag {tag:?} is not O, B-X or I-X", i + 1)),
        };
        let continues = prefix == "I" && open.is_some_and(|(k, _)| k == kind);
        if !continues {
            close(&mut current, &mut open);
            if prefix != "O" {
                open = Some((kind, current.tokens.len()));
            }
        }
        current.tokens.push(token.to_string());
    }
    close(&mut current, &mut open);
    if !current.tokens.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// Counts for the class file: a confusion table with one extra column for "no event".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassScores {
    /// `confusion[gold][predicted]`, `predicted == CLASSES` meaning no event was coded.
    pub confusion: [[usize; CLASSES + 1]; CLASSES],
}

impl ClassScores {
    pub fn add(&mut self, gold: usize, predicted: Option<usize>) {
        self.confusion[gold][predicted.unwrap_or(CLASSES)] += 1;
    }

    pub fn sentences(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    /// Sentences where we coded at least one event.
    pub fn coded(&self) -> usize {
        self.sentences() - self.confusion.iter().map(|row| row[CLASSES]).sum::<usize>()
    }

    pub fn correct(&self) -> usize {
        (0..CLASSES).map(|c| self.confusion[c][c]).sum()
    }

    /// Precision and recall of one class (recall over all its sentences, coded or not).
    pub fn precision_recall(&self, class: usize) -> (f64, f64) {
        let right = self.confusion[class][class] as f64;
        let predicted: usize = (0..CLASSES).map(|g| self.confusion[g][class]).sum();
        let gold: usize = self.confusion[class].iter().sum();
        (ratio(right, predicted), ratio(right, gold))
    }
}

fn ratio(part: f64, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part / whole as f64
    }
}

/// True when two byte ranges share at least one byte.
pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_map_to_the_five_classes() {
        assert_eq!(class_of_root("01"), Some(0));
        assert_eq!(class_of_root("04"), Some(1));
        assert_eq!(class_of_root("07"), Some(2));
        assert_eq!(class_of_root("12"), Some(3));
        assert_eq!(class_of_root("19"), Some(4));
        assert_eq!(class_of_root("21"), None);
        assert_eq!(class_of_root("x"), None);
    }

    #[test]
    fn class_lines_are_read_and_bad_ones_named() {
        let read = read_classes("Iran and Syria met.\t1\n\nTroops shelled Idlib.\t4\n").unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(
            read[1],
            ClassExample {
                text: "Troops shelled Idlib.".into(),
                class: 4
            }
        );
        assert_eq!(
            read_classes("ok\t1\nno tab here\n").unwrap_err(),
            "line 2: no tab before the class"
        );
        assert!(read_classes("x\t7\n").unwrap_err().contains("not one of 0-4"));
    }

    #[test]
    fn spans_are_read_with_bio_repair() {
        let text = "Iraqi B-S\ntroops I-S\nhit O\nISIS B-T\nfighters I-T\n. O\n\nA B-S\nB I-T\n";
        let read = read_spans(text).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].sources, vec![0..2]);
        assert_eq!(read[0].targets, vec![3..5]);
        // An I- tag of another kind opens a new span rather than extending the old one.
        assert_eq!(read[1].sources, vec![0..1]);
        assert_eq!(read[1].targets, vec![1..2]);
        let (joined, at) = read[0].text();
        assert_eq!(&joined[at[3].clone()], "ISIS");
        assert!(read_spans("word\n").is_err());
    }

    #[test]
    fn confusion_counts_coverage_and_accuracy() {
        let mut s = ClassScores::default();
        s.add(1, Some(1));
        s.add(1, None);
        s.add(4, Some(3));
        s.add(3, Some(3));
        assert_eq!((s.sentences(), s.coded(), s.correct()), (4, 3, 2));
        assert_eq!(s.precision_recall(3), (0.5, 1.0));
        assert_eq!(s.precision_recall(1), (1.0, 0.5));
    }
}
