//! Datelines and agency credits at the start of the body.
//!
//! News copy opens with where it was filed and who filed it, in a handful of house styles:
//! - `TEHRAN —`, `KYIV, Ukraine —` (place in capitals, a dash);
//! - `WASHINGTON (Reuters) -`, `BEIRUT, Oct 3 (AP) —`, `TEHRAN, Dec. 14 (MNA) –` (place, date,
//!   agency in parentheses);
//! - `Tehran, SANA –`, `Kuala Lumpur, SANA-` (place, agency acronym, dash);
//! - `AhlulBayt News Agency (ABNA):`, `(Reuters) -` (an agency credit without a place).
//!
//! The place becomes `dateline` as written, the agency becomes `outlet` when metadata gave
//! none, and the whole prefix, dash or colon and following spaces included, becomes
//! `dateline_span` so it is not coded. Only the first few hundred bytes are looked at.

use super::floor_boundary;
use dyad_core::{Document, Span};
use regex::Regex;
use std::sync::LazyLock;

/// Datelines are short; no pattern needs to see further than this.
const WINDOW: usize = 300;

const DASH: &str = r"(?:--|[-–—―])";
/// A place in capitals, up to four words: `TEHRAN`, `KUALA LUMPUR`, `ST. LOUIS`.
const PLACE_CAPS: &str = r"\p{Lu}[\p{Lu}'’.\-]+(?:[ \t]+\p{Lu}[\p{Lu}'’.\-]*){0,3}";
/// A place in title case, up to three words: `Tehran`, `Kuala Lumpur`.
const PLACE_TITLE: &str = r"\p{Lu}[\p{Ll}'’.\-]+(?:[ \t]+\p{Lu}[\p{Ll}'’.\-]+){0,2}";
const MONTH: &str = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";

fn date() -> String {
    format!(r"(?:{MONTH}[ \t]+\d{{1,2}}(?:,?[ \t]+\d{{4}})?|\d{{1,2}}[ \t]+{MONTH}(?:,?[ \t]+\d{{4}})?)")
}

/// `PLACE[, Region][, DATE] (Agency) —`
static PLACE_PAREN_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    let date = date();
    Regex::new(&format!(
        r"^(?P<place>{PLACE_CAPS}|{PLACE_TITLE})(?:,[ \t]+\p{{Lu}}[\p{{L}}.'’\- ]{{1,30}}?)?(?:,[ \t]+{date})?[ \t]*\((?P<agency>\p{{Lu}}[\p{{L}}0-9.&'’ \-]{{0,40}}?)\)[ \t]*(?:{DASH}|:)[ \t\u{{a0}}]*"
    ))
    .expect("valid regex")
});

/// `Place, ACRONYM –` (SANA's style) and `PLACE, DATE, ACRONYM -`.
static PLACE_COMMA_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    let date = date();
    Regex::new(&format!(
        r"^(?P<place>{PLACE_CAPS}|{PLACE_TITLE}),[ \t]+(?:{date},?[ \t]+)?(?P<agency>\p{{Lu}}[\p{{Lu}}0-9]{{1,7}})[ \t]*{DASH}[ \t\u{{a0}}]+"
    ))
    .expect("valid regex")
});

/// `TEHRAN —`, `KYIV, Ukraine —`, `TEHRAN, Oct. 3 -`; a title-case place only with a long dash
/// (`Tehran —`), since `Tehran - ` with a hyphen is too often ordinary prose.
static PLACE_DASH: LazyLock<Regex> = LazyLock::new(|| {
    let date = date();
    Regex::new(&format!(
        r"^(?:(?P<place>{PLACE_CAPS})(?:,[ \t]+(?:{date}|\p{{Lu}}[\p{{L}}.'’\- ]{{1,30}}?))?[ \t]*{DASH}|(?P<tplace>{PLACE_TITLE})[ \t]*(?:--|[–—―]))[ \t\u{{a0}}]+"
    ))
    .expect("valid regex")
});

/// `Name Of Outlet (ACR):` or `Name Of Outlet (ACR) —`, and `Name Of Outlet:`.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<name>\p{{Lu}}[\p{{L}}0-9'’.&\-]*(?:[ \t]+(?:\p{{Lu}}[\p{{L}}0-9'’.&\-]*|of|and|for|the|de|al)){{0,7}})(?:[ \t]*\((?P<acr>\p{{Lu}}[\p{{L}}]{{1,9}})\))?[ \t]*(?:(?P<colon>:)|{DASH})[ \t\u{{a0}}]+"
    ))
    .expect("valid regex")
});

/// `(Reuters) -` with no place.
static BARE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\((?P<agency>\p{{Lu}}[\p{{L}}0-9.&'’ \-]{{0,40}}?)\)[ \t]*(?:{DASH}|:)[ \t\u{{a0}}]*"
    ))
    .expect("valid regex")
});

/// Words that make a name an outlet rather than a place ("AhlulBayt News Agency").
static OUTLET_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:News|Agency|Press|Service|Network|Media|Radio|Television|TV|Times|Post|Herald|Daily|Journal|Tribune|Gazette|Agence|Channel|Broadcasting|Corporation|Wire|Online|Telegraph|Observer)\b")
        .expect("valid regex")
});

pub(super) fn detect(doc: &mut Document, body_start: usize) {
    let text = doc.text.as_str();
    let window = &text[body_start..floor_boundary(text, body_start + WINDOW)];
    let Some(found) = find(window) else { return };
    doc.dateline_span = Some(Span::new(body_start, body_start + found.len));
    if doc.dateline.is_none() {
        doc.dateline = found.place;
    }
    if doc.outlet.is_none() {
        doc.outlet = found.outlet;
    }
}

struct Found {
    len: usize,
    place: Option<String>,
    outlet: Option<String>,
}

fn find(window: &str) -> Option<Found> {
    // An outlet credit first: "AhlulBayt News Agency (ABNA):" would otherwise read as a place.
    if let Some(c) = CREDIT.captures(window) {
        let name = &c["name"];
        if OUTLET_WORD.is_match(name) && (c.name("colon").is_some() || c.name("acr").is_some()) {
            let outlet = match c.name("acr") {
                Some(acr) => format!("{name} ({})", acr.as_str()),
                None => name.to_string(),
            };
            return Some(Found {
                len: c[0].len(),
                place: None,
                outlet: Some(outlet),
            });
        }
    }
    for re in [&*PLACE_PAREN_AGENCY, &*PLACE_COMMA_AGENCY] {
        if let Some(c) = re.captures(window) {
            return Some(Found {
                len: c[0].len(),
                place: Some(c["place"].to_string()),
                outlet: Some(c["agency"].trim().to_string()),
            });
        }
    }
    if let Some(c) = PLACE_DASH.captures(window) {
        let place = c.name("place").or(c.name("tplace")).map(|m| m.as_str().to_string());
        return Some(Found {
            len: c[0].len(),
            place,
            outlet: None,
        });
    }
    if let Some(c) = BARE_AGENCY.captures(window) {
        return Some(Found {
            len: c[0].len(),
            place: None,
            outlet: Some(c["agency"].trim().to_string()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(text: &str) -> (Option<String>, Option<String>, Option<String>) {
        match find(text) {
            Some(f) => (f.place, f.outlet, Some(text[..f.len].to_string())),
            None => (None, None, None),
        }
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn house_styles() {
        assert_eq!(
            dl("TEHRAN — Syrian President"),
            (some("TEHRAN"), None, some("TEHRAN — "))
        );
        assert_eq!(
            dl("WASHINGTON (Reuters) - The U.S."),
            (some("WASHINGTON"), some("Reuters"), some("WASHINGTON (Reuters) - "))
        );
        assert_eq!(
            dl("BEIRUT, Oct 3 (AP) — Israeli"),
            (some("BEIRUT"), some("AP"), some("BEIRUT, Oct 3 (AP) — "))
        );
        assert_eq!(
            dl("LONDON, Jan. 5 (Reuters) - Oil"),
            (some("LONDON"), some("Reuters"), some("LONDON, Jan. 5 (Reuters) - "))
        );
        assert_eq!(
            dl("Tehran, SANA – Adviser"),
            (some("Tehran"), some("SANA"), some("Tehran, SANA – "))
        );
        assert_eq!(
            dl("Kuala Lumpur, SANA- Syrian"),
            (some("Kuala Lumpur"), some("SANA"), some("Kuala Lumpur, SANA- "))
        );
        assert_eq!(
            dl("KYIV, Ukraine (AP) — Russia"),
            (some("KYIV"), some("AP"), some("KYIV, Ukraine (AP) — "))
        );
        assert_eq!(
            dl("TEHRAN, Dec. 14 (MNA) – Iran"),
            (some("TEHRAN"), some("MNA"), some("TEHRAN, Dec. 14 (MNA) – "))
        );
        assert_eq!(
            dl("AhlulBayt News Agency (ABNA): Iran’s"),
            (
                None,
                some("AhlulBayt News Agency (ABNA)"),
                some("AhlulBayt News Agency (ABNA): ")
            )
        );
        assert_eq!(
            dl("(Reuters) - Oil prices"),
            (None, some("Reuters"), some("(Reuters) - "))
        );
        assert_eq!(
            dl("KUALA LUMPUR -- The"),
            (some("KUALA LUMPUR"), None, some("KUALA LUMPUR -- "))
        );
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert_eq!(
            dl("In the meeting which took place in Tehran on Tuesday"),
            (None, None, None)
        );
        assert_eq!(dl("Syrian President Bashar al-Assad (R) met"), (None, None, None));
        assert_eq!(dl("Iran-Syria ties - a history"), (None, None, None));
        assert_eq!(dl("Speaking in a meeting: the minister"), (None, None, None));
    }
}
