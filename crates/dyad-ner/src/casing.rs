//! How raw running text writes each word: mostly capitalised past a sentence's first word
//! (a name: "Mozilla", "Miramar"), mostly in lower case ("however", "market"), or both. The
//! tagger's training data shows few of the names it will meet, but unlabelled text shows
//! many of them capitalised where nothing else asks for a capital. Learned at training
//! time from raw text and stored in the model as hashed lowercased words and a band each.

use crate::features::hash_str;
use crate::format::{decode_byte_table, encode_byte_table, Decoder, Encoder};
use crate::perceptron::HashedMap;
use crate::NerError;

/// Words seen fewer times than this (past sentence starts) get no band: too little evidence.
const MIN_SEEN: u32 = 2;
/// From this many sightings on, a word's band is marked frequent.
const FREQUENT: u32 = 20;

/// Each lowercased word's (hashed) capitalisation band, see `CaseStats::band`.
#[derive(Clone, Debug, Default)]
pub struct CaseStats {
    bands: HashedMap<u8>,
}

impl CaseStats {
    /// Counts, for each word with a letter, how often it is capitalised (first letter upper
    /// case) and how often it is all lower case, skipping each sentence's first word and
    /// sentences written mostly in capitals or all in lower case (their case says nothing).
    pub fn count(sentences: &[Vec<String>]) -> CaseStats {
        let mut counts: HashedMap<(u32, u32)> = HashedMap::default();
        for s in sentences {
            let forms: Vec<&str> = s.iter().map(String::as_str).collect();
            if crate::features::case_style(&forms) != 0 {
                continue;
            }
            for w in forms.iter().skip(1) {
                let Some(first) = w.chars().next() else { continue };
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                let entry = counts.entry(hash_str(&w.to_lowercase())).or_default();
                if first.is_uppercase() {
                    entry.0 += 1;
                } else if !w.chars().any(char::is_uppercase) {
                    entry.1 += 1;
                }
            }
        }
        let bands = counts
            .into_iter()
            .filter_map(|(key, (caps, lower))| band(caps, lower).map(|b| (key, b)))
            .collect();
        CaseStats { bands }
    }

    /// The band of the word with lowercased hash `key`: 0 when unseen or rare, else
    /// `1 + 2 * ratio + frequent` where `ratio` is 0 (under 10% capitalised), 1 (10–50%),
    /// 2 (50–90%) or 3 (90% or more).
    pub(crate) fn band(&self, key: u64) -> u64 {
        self.bands.get(&key).map_or(0, |&b| u64::from(b))
    }

    /// Whether there are no statistics (the features are then left out).
    pub fn is_empty(&self) -> bool {
        self.bands.is_empty()
    }

    /// How many words have a band.
    pub fn len(&self) -> usize {
        self.bands.len()
    }

    pub(crate) fn memory(&self) -> usize {
        self.bands.len() * 16
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        encode_byte_table(&self.bands, out);
    }

    pub(crate) fn decode(input: &mut Decoder) -> Result<CaseStats, NerError> {
        let bands = decode_byte_table(input, "case statistics band", |b| (1..=8).contains(&b))?;
        Ok(CaseStats { bands })
    }
}

/// The band for `caps` capitalised and `lower` lower-case sightings (see [`CaseStats::band`]).
fn band(caps: u32, lower: u32) -> Option<u8> {
    let n = caps + lower;
    if n < MIN_SEEN {
        return None;
    }
    let share = f64::from(caps) / f64::from(n);
    let ratio = if share < 0.1 {
        0
    } else if share < 0.5 {
        1
    } else if share < 0.9 {
        2
    } else {
        3
    };
    Some(1 + 2 * ratio + u8::from(n >= FREQUENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn bands_separate_names_from_common_words_and_round_trip() {
        let text: Vec<Vec<String>> = (0..3)
            .map(|_| sentence("Users of Zorblat like the browser ."))
            .chain(std::iter::once(sentence("The browser is not Zorblat .")))
            .collect();
        let stats = CaseStats::count(&text);
        assert_eq!(stats.band(hash_str("zorblat")), 7);
        assert_eq!(stats.band(hash_str("browser")), 1);
        // Only ever sentence-initial: no evidence.
        assert_eq!(stats.band(hash_str("users")), 0);
        let mut out = Encoder::default();
        stats.encode(&mut out);
        let back = CaseStats::decode(&mut Decoder::new(&out.bytes)).unwrap();
        assert_eq!(back.len(), stats.len());
        assert_eq!(back.band(hash_str("zorblat")), 7);
    }
}
