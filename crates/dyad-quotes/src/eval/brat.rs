//! PolNeAR's brat standoff format: `T` lines are spans (`T3<TAB>Content 13 98;120 140<TAB>text`,
//! offsets in characters, `;` between the fragments of a discontinuous span) and `E` lines
//! tie them into attributions (`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`; the
//! `Attribution-no-source` type has no Source). Other lines (`#` annotator notes, the
//! continuation lines of span texts that hold a line break) are skipped.

use dyad_core::Span;
use std::collections::HashMap;

/// One annotated attribution: who (source), the cue, and what (content), each possibly in
/// several fragments, as byte spans into the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attribution {
    /// The `E` id ("E1").
    pub id: String,
    pub content: Vec<Span>,
    pub cue: Vec<Span>,
    pub source: Vec<Span>,
}

/// A malformed line, named by file and line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct BratError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The attributions of one `.ann` file (`name` is used in errors), with character offsets
/// converted to byte spans into `text`. Attributions without content are left out.
pub fn read_brat(name: &str, ann: &str, text: &str) -> Result<Vec<Attribution>, BratError> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let error = |line: usize, message: String| BratError {
        file: name.to_string(),
        line,
        message,
    };

    let mut spans: HashMap<&str, Vec<Span>> = HashMap::new();
    let mut events: Vec<(usize, &str, &str)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        let is_id =
            |prefix: char| id.starts_with(prefix) && id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        if is_id('T') {
            let (_, offsets) = body
                .split_once(' ')
                .ok_or_else(|| error(n + 1, format!("no offsets in {id}")))?;
            let mut fragments = Vec::new();
            for fragment in offsets.split(';') {
                let mut numbers = fragment.split_whitespace().map(str::parse::<usize>);
                let (Some(Ok(start)), Some(Ok(end)), None) = (numbers.next(), numbers.next(), numbers.next()) else {
                    return Err(error(n + 1, format!("bad offsets {fragment:?} in {id}")));
                };
                let (Some(&start), Some(&end)) = (bytes.get(start), bytes.get(end)) else {
                    return Err(error(
                        n + 1,
                        format!("offsets {fragment:?} of {id} past the text's end"),
                    ));
                };
                if start > end {
                    return Err(error(n + 1, format!("offsets {fragment:?} of {id} run backwards")));
                }
                fragments.push(Span::new(start, end));
            }
            spans.insert(id, fragments);
        } else if is_id('E') {
            events.push((n + 1, id, body));
        }
    }

    let mut attributions = Vec::new();
    for (line, id, body) in events {
        let mut attribution = Attribution {
            id: id.to_string(),
            ..Attribution::default()
        };
        for argument in body.split_whitespace().skip(1) {
            let (role, target) = argument
                .split_once(':')
                .ok_or_else(|| error(line, format!("bad argument {argument:?} in {id}")))?;
            let fragments = spans
                .get(target)
                .ok_or_else(|| error(line, format!("{id} refers to unknown span {target}")))?;
            let slot = match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Content" => &mut attribution.content,
                "Cue" => &mut attribution.cue,
                "Source" => &mut attribution.source,
                _ => continue,
            };
            slot.extend(fragments.iter().copied());
        }
        if !attribution.content.is_empty() {
            attributions.push(attribution);
        }
    }
    attributions.sort_by_key(|a| a.content.iter().map(|s| s.start).min());
    Ok(attributions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spans_in_characters_and_fragments() {
        let text = "“Héllo,” he said. “Bye.”";
        let ann = "T1\tContent 1 7;19 23\tHéllo, Bye.\nT2\tSource 9 11\the\nT3\tCue 12 16\tsaid\n\
                   T4\tAttribution 12 16\tsaid\nE1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n\
                   a continuation line\n#1\tAnnotatorNotes T1\tnote\n";
        let got = read_brat("x.ann", ann, text).unwrap();
        assert_eq!(got.len(), 1);
        let slices: Vec<&str> = got[0].content.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(slices, vec!["Héllo,", "Bye."]);
        assert_eq!(&text[got[0].source[0].start..got[0].source[0].end], "he");
        assert_eq!(&text[got[0].cue[0].start..got[0].cue[0].end], "said");
    }

    #[test]
    fn errors_name_the_line() {
        let err = read_brat("x.ann", "T1\tContent 1 999\tx\n", "short").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.to_string().starts_with("x.ann:1:"), "{err}");
        let err = read_brat("x.ann", "E1\tAttribution:T4 Content:T9\n", "short").unwrap_err();
        assert!(err.to_string().contains("unknown span T9"), "{err}");
    }
}
