//! Place names → canonical place, country and coordinates, from the built-in gazetteer
//! table (`tables/gazetteer.tsv`).
//!
//! Lookup is by normalized name (lower case, straight quotes, no leading "the"), so
//! "Idleb", "IDLIB" and "Idlib" all land on one row. The table is small (hundreds of rows),
//! so a hash map of variants is all the index it needs.

use std::collections::HashMap;

const GAZETTEER_TSV: &str = include_str!("../tables/gazetteer.tsv");

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The canonical name (the row's first name).
    pub name: String,
    /// ISO 3166 alpha-3.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// `country`, `capital`, `city` or `region`.
    pub kind: String,
}

/// The compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_name: HashMap<String, usize>,
    /// The longest name in words, bounding the n-grams tried in a phrase.
    pub(crate) max_words: usize,
    pub version: String,
}

/// Lower case, straight apostrophes, collapsed spaces, no leading "the".
pub(crate) fn normalize_place(name: &str) -> String {
    let lower = name.trim().to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

impl Gazetteer {
    /// The built-in table; a malformed row is reported as `gazetteer.tsv:<line>`.
    pub fn builtin() -> Result<Gazetteer, String> {
        let mut places = Vec::new();
        let mut by_name = HashMap::new();
        let mut version = String::from("unknown");
        let mut max_words = 1;
        for (i, line) in GAZETTEER_TSV.lines().enumerate() {
            if let Some(v) = line.strip_prefix("# version\t") {
                version = v.trim().to_string();
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let bad = |what: &str| format!("gazetteer.tsv:{}: {what}", i + 1);
            let [names, country, lat, lon, kind] = cols[..] else {
                return Err(bad("expected 5 tab-separated columns"));
            };
            let lat: f64 = lat.parse().map_err(|_| bad("bad latitude"))?;
            let lon: f64 = lon.parse().map_err(|_| bad("bad longitude"))?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(bad("coordinates out of range"));
            }
            if country.len() != 3 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(bad("country must be ISO alpha-3"));
            }
            if !["country", "capital", "city", "region"].contains(&kind) {
                return Err(bad("kind must be country, capital, city or region"));
            }
            let index = places.len();
            let mut canonical = None;
            for name in names.split('|') {
                canonical.get_or_insert_with(|| name.trim().to_string());
                let key = normalize_place(name);
                max_words = max_words.max(key.split(' ').count());
                // The first row to claim a name keeps it (Tripoli → Libya's capital).
                by_name.entry(key).or_insert(index);
            }
            places.push(Place {
                name: canonical.unwrap_or_default(),
                country: country.to_string(),
                lat,
                lon,
                kind: kind.to_string(),
            });
        }
        Ok(Gazetteer {
            places,
            by_name,
            max_words,
            version,
        })
    }

    /// The place called `name`, if the gazetteer knows it.
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        self.by_name.get(&normalize_place(name)).map(|&i| &self.places[i])
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_capitals() {
        let g = Gazetteer::builtin().unwrap();
        assert!(g.places().len() > 300);
        assert_eq!(g.lookup("Idleb").unwrap().name, "Idlib");
        assert_eq!(g.lookup("IDLIB").unwrap().country, "SYR");
        assert_eq!(g.lookup("the Gaza Strip").unwrap().country, "PSE");
        let tehran = g.lookup("Tehran").unwrap();
        assert_eq!((tehran.kind.as_str(), tehran.country.as_str()), ("capital", "IRN"));
        assert!(g.lookup("Atlantis").is_none());
        // every country row has a capital row with the same country code
        for c in g.places().iter().filter(|p| p.kind == "country") {
            let skip = ["MCO", "SGP", "VAT", "SMR"]; // city-states: the country is the capital
            if !skip.contains(&c.country.as_str()) {
                assert!(
                    g.places().iter().any(|p| p.kind == "capital" && p.country == c.country),
                    "{} has no capital",
                    c.name
                );
            }
        }
    }
}
