//! Reading PETRARCH validation files (`PETR.UnitTest.records.xml`, UD-PETRARCH's
//! `PETR_Validate_records_2_02.xml` and `PETR2_GSR_constructed.xml`).
//!
//! These files are XML in spirit only: comments hold `#` banners, text sits outside
//! elements, attributes are written `id ="…"`, and one file closes `<Sentence …/>` before its
//! content. So this is a tolerant hand reader: comments are blanked (keeping line numbers),
//! a record runs from one `<Sentence` to `</Sentence>` or the next `<Sentence`, and a record
//! without text is reported as `file:line` rather than stopping the read. The files' own
//! parses are ignored on purpose: dyad parses the text itself.

use chrono::NaiveDate;
use std::path::Path;

/// The `<Environment>` block: which dictionary files the records were written for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub verb_file: Option<String>,
    /// `<Actorfile>`, split at commas.
    pub actor_files: Vec<String>,
    pub agent_files: Vec<String>,
    pub discard_file: Option<String>,
}

/// One expected event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Expected {
    pub source: String,
    pub target: String,
    pub code: String,
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub category: String,
    /// False for `sentence="false"` or `evaluate="false"`: not scored.
    pub active: bool,
    /// The sentence text, whitespace runs collapsed, entities decoded.
    pub text: String,
    /// Expected events; empty for `noevents="True"` records.
    pub expected: Vec<Expected>,
    /// 1-based line of the `<Sentence` tag.
    pub line: usize,
}

/// A record file read: its environment, records, and the malformed records skipped.
#[derive(Debug, Clone, Default)]
pub struct RecordFile {
    pub environment: Environment,
    pub records: Vec<Record>,
    /// `file:line: what` for each record that could not be read.
    pub problems: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("cannot read {path}")]
    Io { path: String, source: std::io::Error },
}

/// Read a record file from disk.
pub fn read_records(path: &Path) -> Result<RecordFile, RecordError> {
    let bytes = std::fs::read(path).map_err(|source| RecordError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(parse_records(
        &path.display().to_string(),
        &String::from_utf8_lossy(&bytes),
    ))
}

/// Parse the text of a record file named `file` (the name is used in problem messages).
pub fn parse_records(file: &str, text: &str) -> RecordFile {
    let text = blank_comments(text);
    let line_of = |pos: usize| text[..pos].bytes().filter(|&b| b == b'\n').count() + 1;
    let mut out = RecordFile::default();
    if let Some(env) = between(&text, "<Environment>", "</Environment>") {
        out.environment.verb_file = element(env, "Verbfile").map(str::to_string);
        out.environment.actor_files = list(element(env, "Actorfile"));
        out.environment.agent_files = list(element(env, "Agentfile"));
        out.environment.discard_file = element(env, "Discardfile").map(str::to_string);
    }
    let starts: Vec<usize> = text.match_indices("<Sentence ").map(|(i, _)| i).collect();
    for (k, &start) in starts.iter().enumerate() {
        let limit = starts.get(k + 1).copied().unwrap_or(text.len());
        let chunk = &text[start..limit];
        let end = chunk.find("</Sentence>").unwrap_or(chunk.len());
        let chunk = &chunk[..end];
        let line = line_of(start);
        let Some(tag_end) = chunk.find('>') else {
            out.problems.push(format!("{file}:{line}: unterminated <Sentence tag"));
            continue;
        };
        let tag = &chunk[..tag_end];
        let id = attribute(tag, "id").unwrap_or_default();
        let Some(raw) = element(chunk, "Text") else {
            out.problems.push(format!("{file}:{line}: record {id:?} has no <Text>"));
            continue;
        };
        let date = attribute(tag, "date").and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y%m%d").ok());
        let active = ["sentence", "evaluate"]
            .iter()
            .all(|a| attribute(tag, a).is_none_or(|v| !v.eq_ignore_ascii_case("false")));
        let mut expected = Vec::new();
        let mut rest = chunk;
        while let Some(at) = rest.find("<EventCoding") {
            let after = &rest[at..];
            let close = after.find('>').unwrap_or(after.len());
            let coding = &after[..close];
            if let (Some(s), Some(t), Some(c)) = (
                attribute(coding, "sourcecode"),
                attribute(coding, "targetcode"),
                attribute(coding, "eventcode"),
            ) {
                expected.push(Expected {
                    source: s.to_string(),
                    target: t.to_string(),
                    code: c.to_string(),
                });
            } else if attribute(coding, "noevents").is_none() && attribute(coding, "error").is_none() {
                out.problems.push(format!(
                    "{file}:{}: record {id:?}: <EventCoding> without source, target and event codes",
                    line_of(start + (chunk.len() - rest.len()) + at)
                ));
            }
            rest = &after[close.min(after.len())..];
        }
        expected.sort();
        expected.dedup();
        out.records.push(Record {
            id: id.to_string(),
            date,
            category: attribute(tag, "category").unwrap_or_default().to_string(),
            active,
            text: decode(&raw.split_whitespace().collect::<Vec<_>>().join(" ")),
            expected,
            line,
        });
    }
    out
}

/// `text` with every `<!-- … -->` replaced by spaces, newlines kept (so line numbers hold).
fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let close = after.find("-->").map(|c| c + 3).unwrap_or(after.len());
        out.extend(after[..close].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// The content of `<name>…</name>` (or `<name attrs>…</name>`).
fn element<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = text[from..].find(&open) {
        let at = from + at;
        let after = &text[at + open.len()..];
        if after.starts_with('>') || after.starts_with(char::is_whitespace) {
            let body_start = at + open.len() + after.find('>')? + 1;
            let end = text[body_start..].find(&format!("</{name}>"))? + body_start;
            return Some(text[body_start..end].trim());
        }
        from = at + open.len();
    }
    None
}

/// `name = "value"` in a tag, spaces around `=` allowed, single or double quotes.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let at = from + at;
        from = at + name.len();
        let before_ok = at == 0 || tag[..at].ends_with(char::is_whitespace);
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=').filter(|_| before_ok) else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let value = &rest[1..];
        return Some(&value[..value.find(quote)?]);
    }
    None
}

fn list(value: Option<&str>) -> Vec<String> {
    value
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = r#"<Validation>
# a banner outside any element
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A.txt, B.txt</Actorfile>
</Environment>
<!-- <Sentence date="19950101" id="COMMENTED" sentence="true"> -->
<Sentence date = "19950102" id ="R-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="064"/>
<Text>
Arnor restored ties
  with Gondor &amp; Osgiliath.
</Text>
<Parse>(ROOT (S))</Parse>
</Sentence>
<Sentence category="TEST" date="20150609" id="R-2" evaluate="false"/>
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
<Sentence id="R-3" sentence="true">
<EventCoding sourcecode="X"></EventCoding>
</Sentence>
</Validation>"#;

    #[test]
    fn reads_records_tolerantly() {
        let file = parse_records("f.xml", FIXTURE);
        assert_eq!(file.environment.verb_file.as_deref(), Some("V.txt"));
        assert_eq!(file.environment.actor_files, vec!["A.txt", "B.txt"]);
        assert_eq!(file.records.len(), 2, "{:?}", file.records);
        let r = &file.records[0];
        assert_eq!((r.id.as_str(), r.line, r.active), ("R-1", 8, true));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(1995, 1, 2));
        assert_eq!(r.text, "Arnor restored ties with Gondor & Osgiliath.");
        assert_eq!(r.expected.len(), 2);
        assert_eq!(
            r.expected[0],
            Expected {
                source: "ARN".into(),
                target: "GON".into(),
                code: "064".into()
            }
        );
        let r = &file.records[1];
        assert_eq!((r.id.as_str(), r.active, r.expected.len()), ("R-2", false, 0));
        assert_eq!(r.text, "Nothing happened.");
        assert_eq!(
            file.problems,
            vec![r#"f.xml:20: record "R-3" has no <Text>"#.to_string()]
        );
    }
}
