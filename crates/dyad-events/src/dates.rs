//! When: temporal phrases ("on 25 October 2017", "Oct. 25", "on Tuesday", "Sunday
//! morning", "yesterday", "earlier in the day") found and resolved against the publication
//! date.
//!
//! Decisions: a weekday resolves to the most recent such day on or before publication
//! (the day itself included) unless the event is in the future, then to the next one on
//! or after it; week-, month- and year-level phrases ("last week") keep only `date_text`,
//! since a record has no way to say "some day that week". Impossible dates ("31 February")
//! keep the phrase and no date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dyad_core::Span;

/// A word of the text with where it is.
#[derive(Debug, Clone)]
pub(crate) struct Word<'t> {
    pub text: &'t str,
    pub span: Span,
}

/// A temporal phrase found in text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TimeMention {
    pub span: Span,
    /// The resolved day, when it can be resolved.
    pub date: Option<NaiveDate>,
    /// True when the phrase names a real day but it could not be resolved (no publication
    /// date, or an impossible date): a counted reason.
    pub unresolved: bool,
}

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word.to_lowercase().as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn day_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let digits = w
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse().ok().filter(|y| (1900..=2100).contains(y))
    } else {
        None
    }
}

/// `2017-10-25`, `25/10/2017` (day first unless the first number cannot be a month… or
/// the second cannot be one).
fn numeric_date(word: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = word.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        return Some((nums[0] as i32, nums[1], nums[2]));
    }
    if parts[2].len() == 4 {
        let (a, b) = (nums[0], nums[1]);
        let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
        return Some((nums[2] as i32, m, d));
    }
    None
}

/// How a phrase resolves against the publication date.
enum Reference {
    Day(i64),
    Weekday(Weekday, i8),
    Explicit(Option<i32>, u32, u32),
    Vague,
}

/// Finds the first temporal phrase among `words` (consecutive words of one phrase or
/// sentence) and resolves it. `future` picks the direction of weekday resolution.
pub(crate) fn find_time(words: &[Word<'_>], published: Option<NaiveDate>, future: bool) -> Option<TimeMention> {
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    let at = |i: usize| lower.get(i).map(String::as_str).unwrap_or("");
    for i in 0..words.len() {
        let w = at(i);
        let mut found: Option<(usize, usize, Reference)> = None;
        if let Some(m) = month(w).filter(|_| w != "may" || day_number(at(i + 1)).is_some()) {
            if let Some(d) = day_number(at(i + 1)) {
                let mut end = i + 1;
                let mut y = None;
                let k = if at(i + 2) == "," { i + 3 } else { i + 2 };
                if let Some(yy) = year(at(k)) {
                    y = Some(yy);
                    end = k;
                }
                found = Some((i, end, Reference::Explicit(y, m, d)));
            }
        } else if let Some(d) = day_number(w) {
            if let Some(m) = month(at(i + 1)) {
                let (y, end) = match year(at(i + 2)) {
                    Some(y) => (Some(y), i + 2),
                    None => (None, i + 1),
                };
                found = Some((i, end, Reference::Explicit(y, m, d)));
            }
        } else if let Some((y, m, d)) = numeric_date(w) {
            found = Some((i, i, Reference::Explicit(Some(y), m, d)));
        } else if let Some(day) = weekday(w) {
            let (start, shift) = match at(i.wrapping_sub(1)) {
                "last" | "past" => (i - 1, -1),
                "next" | "coming" => (i - 1, 1),
                _ => (i, 0),
            };
            let end = if matches!(at(i + 1), "morning" | "afternoon" | "evening" | "night") {
                i + 1
            } else {
                i
            };
            found = Some((start, end, Reference::Weekday(day, shift)));
        } else {
            found = match (w, at(i + 1), at(i + 2), at(i + 3)) {
                ("yesterday", ..) => Some((i, i, Reference::Day(-1))),
                ("today" | "tonight", ..) => Some((i, i, Reference::Day(0))),
                ("tomorrow", ..) => Some((i, i, Reference::Day(1))),
                ("last", "night", ..) => Some((i, i + 1, Reference::Day(-1))),
                ("this", "morning" | "afternoon" | "evening", ..) => Some((i, i + 1, Reference::Day(0))),
                ("earlier" | "later", "in", "the", "day") => Some((i, i + 3, Reference::Day(0))),
                ("earlier" | "later", "today" | "tonight", ..) => Some((i, i + 1, Reference::Day(0))),
                ("last" | "next" | "this" | "past", "week" | "month" | "year" | "weekend", ..) => {
                    Some((i, i + 1, Reference::Vague))
                }
                ("earlier" | "later", "this", "week" | "month" | "year", _) => Some((i, i + 2, Reference::Vague)),
                _ => None,
            };
        }
        let Some((start, end, reference)) = found else { continue };
        let span = Span::new(words[start].span.start, words[end].span.end);
        let date = match reference {
            Reference::Vague => None,
            Reference::Day(offset) => published.map(|p| p + Duration::days(offset)),
            Reference::Weekday(day, shift) => published.map(|p| resolve_weekday(p, day, future || shift > 0)),
            Reference::Explicit(Some(y), m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Reference::Explicit(None, m, d) => published.and_then(|p| {
                let this_year = NaiveDate::from_ymd_opt(p.year(), m, d)?;
                if !future && this_year > p {
                    NaiveDate::from_ymd_opt(p.year() - 1, m, d)
                } else {
                    Some(this_year)
                }
            }),
        };
        let vague = matches!(reference, Reference::Vague);
        return Some(TimeMention {
            span,
            date,
            unresolved: date.is_none() && !vague,
        });
    }
    None
}

/// The most recent `day` on or before `published`, or (future) the next on or after it.
pub(crate) fn resolve_weekday(published: NaiveDate, day: Weekday, future: bool) -> NaiveDate {
    let from = published.weekday().num_days_from_monday() as i64;
    let to = day.num_days_from_monday() as i64;
    if future {
        published + Duration::days((to - from).rem_euclid(7))
    } else {
        published - Duration::days((from - to).rem_euclid(7))
    }
}

/// Splits free text (a dateline) into words with spans offset by `base`.
pub(crate) fn words_of(text: &str, base: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let is_word = c.is_alphanumeric() || c == '/' || c == '-' || (c == '.' && start.is_some());
        match (is_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = text[s..i].trim_end_matches('.');
                if !word.is_empty() {
                    out.push(Word {
                        text: word,
                        span: Span::new(base + s, base + s + word.len()),
                    });
                }
                start = None;
                if c == ',' {
                    out.push(Word {
                        text: ",",
                        span: Span::new(base + i, base + i + 1),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, published: Option<&str>, future: bool) -> Option<(Option<String>, String)> {
        let published = published.map(|p| p.parse::<NaiveDate>().unwrap());
        let words = words_of(text, 0);
        find_time(&words, published, future).map(|t| {
            (
                t.date.map(|d| d.to_string()),
                text[t.span.start..t.span.end].to_string(),
            )
        })
    }

    /// text, publication date, future?, expected (date, phrase)
    type DateCase<'a> = (&'a str, Option<&'a str>, bool, Option<(Option<&'a str>, &'a str)>);

    #[test]
    fn cases() {
        let cases: &[DateCase<'_>] = &[
            // weekday in the past: on or before publication (2017-10-25 is a Wednesday)
            (
                "met on Tuesday",
                Some("2017-10-25"),
                false,
                Some((Some("2017-10-24"), "Tuesday")),
            ),
            (
                "met on Wednesday",
                Some("2017-10-25"),
                false,
                Some((Some("2017-10-25"), "Wednesday")),
            ),
            (
                "met on Thursday",
                Some("2017-10-25"),
                false,
                Some((Some("2017-10-19"), "Thursday")),
            ),
            (
                "will meet on Thursday",
                Some("2017-10-25"),
                true,
                Some((Some("2017-10-26"), "Thursday")),
            ),
            (
                "on Sunday morning",
                Some("2017-10-25"),
                false,
                Some((Some("2017-10-22"), "Sunday morning")),
            ),
            ("met on Tuesday", None, false, Some((None, "Tuesday"))),
            (
                "on 25 October 2017",
                None,
                false,
                Some((Some("2017-10-25"), "25 October 2017")),
            ),
            (
                "on October 25, 2017",
                None,
                false,
                Some((Some("2017-10-25"), "October 25, 2017")),
            ),
            (
                "on Oct. 25",
                Some("2018-01-03"),
                false,
                Some((Some("2017-10-25"), "Oct. 25")),
            ),
            ("on Oct. 25", None, false, Some((None, "Oct. 25"))),
            ("on 25/10/2017", None, false, Some((Some("2017-10-25"), "25/10/2017"))),
            (
                "on 31 February 2017",
                Some("2017-03-01"),
                false,
                Some((None, "31 February 2017")),
            ),
            (
                "yesterday",
                Some("2017-10-25"),
                false,
                Some((Some("2017-10-24"), "yesterday")),
            ),
            (
                "Earlier in the day",
                Some("2017-10-25"),
                false,
                Some((Some("2017-10-25"), "Earlier in the day")),
            ),
            ("last week", Some("2017-10-25"), false, Some((None, "last week"))),
            ("may meet soon", Some("2017-10-25"), false, None),
            ("the 2011 war", Some("2017-10-25"), false, None),
        ];
        for (text, published, future, expected) in cases {
            let got = find(text, *published, *future);
            let expected = expected.map(|(d, t)| (d.map(str::to_string), t.to_string()));
            assert_eq!(got, expected, "{text}");
        }
    }
}
