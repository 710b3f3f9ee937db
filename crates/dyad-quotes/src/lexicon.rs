//! The word lists quote finding depends on, kept as data files in `data/` so a linguist can
//! read and grow them without touching code.

use std::collections::HashSet;
use std::sync::OnceLock;

const REPORTING_VERBS: &str = include_str!("../data/reporting_verbs.txt");
const SPEAKER_NOUNS: &str = include_str!("../data/speaker_nouns.txt");

/// Reporting-verb lemmas: bare ones, and verb + particle pairs ("point out").
pub(crate) struct Lexicon {
    verbs: HashSet<&'static str>,
    particle_verbs: HashSet<(&'static str, &'static str)>,
    speaker_nouns: HashSet<&'static str>,
}

fn entries(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The built-in lists, parsed once per process.
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut verbs = HashSet::new();
            let mut particle_verbs = HashSet::new();
            for entry in entries(REPORTING_VERBS) {
                match entry.split_once(' ') {
                    Some((verb, particle)) => {
                        particle_verbs.insert((verb, particle.trim()));
                    }
                    None => {
                        verbs.insert(entry);
                    }
                }
            }
            Lexicon {
                verbs,
                particle_verbs,
                speaker_nouns: entries(SPEAKER_NOUNS).collect(),
            }
        })
    }

    /// Is `lemma` a reporting verb on its own?
    pub(crate) fn is_reporting(&self, lemma: &str) -> bool {
        self.verbs.contains(lemma)
    }

    /// Is `lemma` + `particle` a reporting phrasal verb ("point" + "out")?
    pub(crate) fn is_reporting_with(&self, lemma: &str, particle: &str) -> bool {
        self.particle_verbs.contains(&(lemma, particle))
    }

    /// Is `lemma` a noun for someone (or some body) who can speak?
    pub(crate) fn is_speaker_noun(&self, lemma: &str) -> bool {
        self.speaker_nouns.contains(lemma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        let lexicon = Lexicon::get();
        assert!(lexicon.is_reporting("say"));
        assert!(lexicon.is_reporting("emphasize"));
        assert!(!lexicon.is_reporting("point"));
        assert!(lexicon.is_reporting_with("point", "out"));
        assert!(!lexicon.is_reporting("think"));
        assert!(lexicon.is_speaker_noun("spokesman"));
    }
}
