//! Abbreviations that keep their period, and the words that may start a sentence after one.
//!
//! These are linguistic word lists, not corpus strings: a period after a listed word is part
//! of the word ("Gen.", "Inc.") rather than the end of a sentence. The lists are split by how
//! the abbreviation behaves at a sentence boundary, because that is what the splitter needs.

/// How an abbreviation with its period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevEnd {
    /// Titles and initials ("Mr.", "Gen.", "J."): always followed by more of the sentence.
    Never,
    /// "U.S.", "Inc.", "Jan.": may end a sentence; the splitter decides from the next word.
    May,
}

/// Titles and other abbreviations that are always followed by a name: never sentence-final.
/// Matched case-sensitively (a title is capitalised).
const TITLES: &[&str] = &[
    "Adm", "Amb", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Cpt", "Dr", "Drs", "Fr", "Gen", "Gens", "Gov", "Hon",
    "Insp", "Lt", "Maj", "Messrs", "Mlle", "Mme", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Pres", "Prof", "Pvt", "Rep",
    "Reps", "Rev", "Sen", "Sens", "Sgt", "Supt",
];

/// Abbreviations that can close a sentence ("… founded by Smith Jr.").
/// Matched case-sensitively.
const MAY_END: &[&str] = &[
    "Apr", "Ariz", "Assn", "Aug", "Ave", "Blvd", "Bros", "Calif", "Co", "Colo", "Conn", "Corp", "Dec", "Dept", "Esq",
    "Feb", "Fla", "Fri", "Ft", "Inc", "Jan", "Jr", "Jul", "Jun", "Ltd", "Mass", "Mich", "Minn", "Mon", "Nov", "Oct",
    "Okla", "Penn", "Rd", "Sat", "Sep", "Sept", "Sr", "St", "Tenn", "Tex", "Thu", "Thur", "Thurs", "Tue", "Tues",
    "Univ", "Va", "Wed", "Wis",
];

/// Lower-case abbreviations; matched ignoring case ("etc.", "vs.", "approx.").
const LOWER: &[(&str, AbbrevEnd)] = &[
    ("al", AbbrevEnd::May),
    ("approx", AbbrevEnd::Never),
    ("cf", AbbrevEnd::Never),
    ("dept", AbbrevEnd::May),
    ("est", AbbrevEnd::Never),
    ("etc", AbbrevEnd::May),
    ("govt", AbbrevEnd::May),
    ("incl", AbbrevEnd::Never),
    ("vs", AbbrevEnd::Never),
];

/// Abbreviations that are only abbreviations before a number ("No. 5", "Art. 51", "p. 12");
/// elsewhere "No." is the word "no" ending a sentence.
const BEFORE_NUMBER: &[&str] = &[
    "Art", "Ch", "Fig", "No", "Nos", "Para", "Sec", "Vol", "art", "no", "nos", "p", "pp", "vol",
];

/// Months: never sentence-final before a day number ("Oct. 3"), may be otherwise.
const MONTHS: &[&str] = &[
    "Apr", "Aug", "Dec", "Feb", "Jan", "Jul", "Jun", "Mar", "Nov", "Oct", "Sep", "Sept",
];

/// Whether `word` (without its final period) keeps the period, and how it behaves at a
/// sentence end. `next_is_digit`: the next token after the period starts with a digit.
pub(crate) fn classify(word: &str, next_is_digit: bool) -> Option<AbbrevEnd> {
    let mut chars = word.chars();
    let first = chars.next()?;
    // Initials: a single capital letter ("George W. Bush", "J. R. R. Tolkien"). They may
    // end a sentence ("World War I.", "Plan B."): a surname is no sentence starter.
    if chars.next().is_none() && first.is_uppercase() {
        return Some(AbbrevEnd::May);
    }
    // Dotted abbreviations: "U.S", "e.g", "a.m", "Ph.D" (not numbers such as "1.5").
    if word.contains('.') && word.chars().any(char::is_alphabetic) {
        return Some(if matches!(word, "e.g" | "i.e" | "E.g" | "I.e") {
            AbbrevEnd::Never
        } else {
            AbbrevEnd::May
        });
    }
    if BEFORE_NUMBER.contains(&word) {
        return next_is_digit.then_some(AbbrevEnd::Never);
    }
    if MONTHS.contains(&word) && next_is_digit {
        return Some(AbbrevEnd::Never);
    }
    if TITLES.contains(&word) {
        return Some(AbbrevEnd::Never);
    }
    if MAY_END.contains(&word) {
        return Some(AbbrevEnd::May);
    }
    LOWER
        .iter()
        .find(|(abbr, _)| abbr.eq_ignore_ascii_case(word))
        .map(|&(_, end)| end)
}

/// Capitalised words that commonly open a sentence. After an abbreviation that may end a
/// sentence ("… in the U.S. The talks …"), one of these means a new sentence starts, while a
/// name or noun ("U.S. President", "Inc. Chairman") means the sentence goes on. This is the
/// orthographic heuristic of Punkt-style splitters, reduced to closed-class words.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "According",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "Most",
    "My",
    "No",
    "Now",
    "On",
    "One",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "Such",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "Today",
    "Under",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

pub(crate) fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTERS.contains(&word)
}

/// Word parts before a hyphen that EWT keeps in one token with what follows ("non-Arab",
/// "anti-Zionist", "co-operation", "e-mail"); every other hyphen between words is split off
/// as its own token ("al - Assad", "long - term"), as EWT does.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "inter", "intra", "micro", "mid", "mis", "multi", "neo", "non",
    "over", "post", "pre", "pro", "re", "semi", "socio", "sub", "un", "vice",
];

pub(crate) fn is_hyphen_prefix(part: &str) -> bool {
    part.len() <= 7 && HYPHEN_PREFIXES.iter().any(|prefix| prefix.eq_ignore_ascii_case(part))
}

/// Slashed abbreviations EWT keeps whole ("w/o", "b/c").
pub(crate) fn is_slash_abbreviation(left: &str) -> bool {
    left.chars().count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_readers() {
        for list in [TITLES, MAY_END, SENTENCE_STARTERS, HYPHEN_PREFIXES] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }

    #[test]
    fn classifies() {
        assert_eq!(classify("Mr", false), Some(AbbrevEnd::Never));
        assert_eq!(classify("U.S", false), Some(AbbrevEnd::May));
        assert_eq!(classify("W", false), Some(AbbrevEnd::May));
        assert_eq!(classify("No", false), None);
        assert_eq!(classify("No", true), Some(AbbrevEnd::Never));
        assert_eq!(classify("1.5", false), None);
        assert_eq!(classify("said", false), None);
        assert_eq!(classify("etc", false), Some(AbbrevEnd::May));
    }
}
