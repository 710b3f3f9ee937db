//! Event-type vocabulary for queries and exports: PLOVER types, CAMEO roots and their names.
//!
//! A query's `--type` is either a PLOVER type (`CONSULT`) or a CAMEO code prefix (`04`,
//! `042`). Anything else is an error, so a typo does not silently return nothing.

use crate::StoreError;

/// The PLOVER 2.0 event types, and the older draft names some coders still emit.
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT", // PLOVER 2.0
    "DEMAND",
    "DISAPPROVE",
    "YIELD",
    "INVESTIGATE",
    "FIGHT", // earlier drafts
];

/// CAMEO's twenty root categories, by root code, with their short names (ICEWS "Event Text").
const CAMEO_ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Engage in unconventional mass violence",
];

/// The name of a CAMEO code's root category, e.g. `"042"` → `"Consult"`.
pub(crate) fn cameo_root_name(code: &str) -> Option<&'static str> {
    let root: usize = code.get(..2)?.parse().ok()?;
    CAMEO_ROOTS.get(root.checked_sub(1)?).copied()
}

/// What `--type` selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventType {
    /// A PLOVER event type, upper case.
    Plover(String),
    /// A CAMEO code prefix of 2 to 4 digits (`04` = every consultation).
    Cameo(String),
}

impl EventType {
    /// Parses `CONSULT`, `consult`, `04`, `042`, `0431`; anything else is a one-line error.
    pub fn parse(text: &str) -> Result<EventType, StoreError> {
        let text = text.trim();
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            if (2..=4).contains(&text.len()) && cameo_root_name(text).is_some() {
                return Ok(EventType::Cameo(text.to_string()));
            }
            return Err(StoreError::BadQuery(format!(
                "unknown CAMEO code `{text}`: use 2 to 4 digits starting with a root from 01 to 20 (e.g. 04, 042)"
            )));
        }
        let upper = text.to_ascii_uppercase();
        if PLOVER_TYPES.contains(&upper.as_str()) {
            return Ok(EventType::Plover(upper));
        }
        Err(StoreError::BadQuery(format!(
            "unknown event type `{text}`: use a PLOVER type ({}) or a CAMEO code such as 04",
            PLOVER_TYPES[..16].join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plover_and_cameo_and_rejects_the_rest() {
        assert_eq!(
            EventType::parse("consult").unwrap(),
            EventType::Plover("CONSULT".into())
        );
        assert_eq!(EventType::parse("042").unwrap(), EventType::Cameo("042".into()));
        for bad in ["CONSLUT", "21", "0", "99999", ""] {
            let error = EventType::parse(bad).unwrap_err().to_string();
            assert!(!error.contains('\n') && error.contains("unknown"), "{bad}: {error}");
        }
        assert_eq!(cameo_root_name("042"), Some("Consult"));
        assert_eq!(cameo_root_name("20"), Some("Engage in unconventional mass violence"));
        assert_eq!(cameo_root_name("00"), None);
    }
}
