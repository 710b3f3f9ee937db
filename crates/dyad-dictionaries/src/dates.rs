//! Date restrictions on actor codes: `[CODE >D]`, `[CODE <D]`, `[CODE A-B]`, `[CODE A-]`.

use chrono::NaiveDate;

/// A date restriction as inclusive bounds. `bare` marks a lone date with no operator.
pub(crate) struct Range {
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    pub(crate) bare: bool,
}

/// Parses the restriction text after the code, with all whitespace already removed.
pub(crate) fn parse_range(text: &str) -> Result<Range, String> {
    if let Some(rest) = text.strip_prefix('>') {
        return Ok(Range {
            from: Some(parse_date(rest)?),
            to: None,
            bare: false,
        });
    }
    if let Some(rest) = text.strip_prefix('<') {
        let before = parse_date(rest)?;
        let to = before.pred_opt().ok_or_else(|| format!("no day before '{rest}'"))?;
        return Ok(Range {
            from: None,
            to: Some(to),
            bare: false,
        });
    }
    if let Some((start, end)) = text.split_once('-') {
        if start.is_empty() && end.is_empty() {
            return Err("date range '-' has neither start nor end".to_string());
        }
        let from = if start.is_empty() {
            None
        } else {
            Some(parse_date(start)?)
        };
        let to = if end.is_empty() { None } else { Some(parse_date(end)?) };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                return Err(format!("date range '{text}' ends before it starts"));
            }
        }
        return Ok(Range { from, to, bare: false });
    }
    Ok(Range {
        from: Some(parse_date(text)?),
        to: None,
        bare: true,
    })
}

/// `YYMMDD` (00–30 → 20YY, else 19YY, as KEDS and TABARI did) or `YYYYMMDD`.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("date '{text}' is not YYMMDD or YYYYMMDD"));
    }
    let n = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (year, month, day) = match text.len() {
        6 => {
            let yy = n(&text[0..2]) as i32;
            (
                if yy <= 30 { 2000 + yy } else { 1900 + yy },
                n(&text[2..4]),
                n(&text[4..6]),
            )
        }
        8 => (n(&text[0..4]) as i32, n(&text[4..6]), n(&text[6..8])),
        len => return Err(format!("date '{text}' has {len} digits; expected YYMMDD or YYYYMMDD")),
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("date '{text}' is not a day of the calendar"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn six_digit_years_pivot_at_thirty() {
        assert_eq!(parse_date("300101").unwrap(), d(2030, 1, 1));
        assert_eq!(parse_date("310101").unwrap(), d(1931, 1, 1));
        assert_eq!(parse_date("20201122").unwrap(), d(2020, 11, 22));
    }

    #[test]
    fn bad_dates_are_errors() {
        assert!(parse_date("2020133").is_err());
        assert!(parse_date("20210229").is_err());
        assert!(parse_date("1920030320").is_err());
        assert!(parse_range("-").is_err());
        assert!(parse_range("20200101-20190101").is_err());
    }

    #[test]
    fn before_means_up_to_the_previous_day() {
        let r = parse_range("<20200301").unwrap();
        assert_eq!((r.from, r.to), (None, Some(d(2020, 2, 29))));
    }
}
