//! BILOU tags, the constraints between them, Viterbi decoding under those constraints, and
//! the conversion between tag sequences and entity spans.
//!
//! Each word of a name is tagged with its [`Position`] in it: `B`egin, `I`nside, `L`ast, or
//! `U`nit for a one-word name; every other word is `O`. Ratinov & Roth (2009) found this
//! encoding better than BIO for perceptron NER: the last word of a name ("Corp", "Street")
//! and a one-word name get weights of their own instead of sharing `I-X` or `B-X` with
//! words that say something else.
//!
//! Tag `0` is `O`; kind `k` has `1 + 4k + position`. Kinds are the three [`EntityKind`]s
//! plus [`OTHER`], Universal NER's OTH names ("American", "Firefox"): the tagger learns them
//! as a type of their own, so that a capitalised name it should leave alone is not taught
//! as "not a name", and drops them from its output. Decoding only produces sequences in
//! which every name opens with `B` and closes with `L`, or is one `U`, so every decoded
//! sequence reads as whole entities. [`kind_spans`] still reads any sequence (a stray
//! `I-X`/`L-X` starts a new entity, as conlleval does with a stray `I-X`).

use crate::{EntityKind, EntitySpan};

/// The kind index of OTH names.
pub(crate) const OTHER: u8 = EntityKind::ALL.len() as u8;
/// Kind indexes: the [`EntityKind`]s, then [`OTHER`].
pub(crate) const KINDS: usize = EntityKind::ALL.len() + 1;

/// Where a word sits in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    Begin,
    Inside,
    Last,
    Unit,
}

impl Position {
    const ALL: [Position; 4] = [Position::Begin, Position::Inside, Position::Last, Position::Unit];

    /// Whether the name goes on after this word (the next word must be `I` or `L` of it).
    fn leaves_open(self) -> bool {
        matches!(self, Position::Begin | Position::Inside)
    }

    /// Whether this word continues a name opened before it.
    fn continues(self) -> bool {
        matches!(self, Position::Inside | Position::Last)
    }
}

pub(crate) const TAGS: usize = 1 + Position::ALL.len() * KINDS;
/// The pseudo previous tag at the start of a sentence.
pub(crate) const START: usize = TAGS;
pub(crate) const OUTSIDE: u8 = 0;
/// Tags without their position: `O`, then `1 + kind index` (the document features'
/// labels).
pub(crate) const LABELS: usize = 1 + KINDS;

/// A tag's label (see [`LABELS`]).
pub(crate) fn label(tag: u8) -> usize {
    parts(tag).map_or(0, |(kind, _)| 1 + usize::from(kind))
}

/// The tag of a kind index (an [`EntityKind`] as `u8`, or [`OTHER`]) at a position.
pub(crate) fn tag(kind: u8, position: Position) -> u8 {
    1 + Position::ALL.len() as u8 * kind + position as u8
}

/// The kind index and position of a tag; `None` for `O`.
pub(crate) fn parts(tag: u8) -> Option<(u8, Position)> {
    if tag == OUTSIDE || usize::from(tag) >= TAGS {
        return None;
    }
    let n = Position::ALL.len() as u8;
    Some(((tag - 1) / n, Position::ALL[usize::from((tag - 1) % n)]))
}

/// The public kind of a kind index; `None` for [`OTHER`].
pub(crate) fn entity_kind(kind: u8) -> Option<EntityKind> {
    EntityKind::ALL.get(usize::from(kind)).copied()
}

/// The kind of the name a tag leaves open (`B`, `I`), if any.
fn open_kind(tag: usize) -> Option<u8> {
    if tag >= TAGS {
        return None;
    }
    parts(tag as u8).filter(|(_, p)| p.leaves_open()).map(|(k, _)| k)
}

/// Whether `tag` may follow `prev` (`START` at the beginning): after `B-X`/`I-X` only
/// `I-X`/`L-X`; anywhere else only `O`, `B` or `U`.
pub(crate) fn allowed(prev: usize, tag: usize) -> bool {
    let next = parts(tag as u8);
    match open_kind(prev) {
        Some(open) => next.is_some_and(|(kind, p)| kind == open && p.continues()),
        None => next.is_none_or(|(_, p)| !p.continues()),
    }
}

/// Whether a sentence may end with `tag`: not inside an unfinished name.
pub(crate) fn may_end(tag: usize) -> bool {
    open_kind(tag).is_none()
}

/// Scores of a word's tag given the tag before it: `[prev][tag]`, `prev` = `START` first.
pub(crate) type PairScores = [[i32; TAGS]; TAGS + 1];

/// Classes of a pair-weight table, one per (previous tag, tag): [`pair_class`] numbers
/// them as a flattened [`PairScores`] lays them out.
pub(crate) const PAIR_CLASSES: usize = (TAGS + 1) * TAGS;

/// The pair-weight class of `tag` after `prev` (`START` at the beginning).
pub(crate) fn pair_class(prev: usize, tag: usize) -> usize {
    prev * TAGS + tag
}

/// The best tag sequence under emission scores, transition scores (`transitions[prev][tag]`)
/// and per-word pair scores (`pairs[i][prev][tag]`, empty when there are none), with
/// disallowed transitions and unfinished names at the end excluded.
pub(crate) fn viterbi(emissions: &[[i32; TAGS]], transitions: &PairScores, pairs: &[PairScores]) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: i64 = i64::MIN / 4;
    // The constraints once per sentence, not once per word and tag pair.
    let mut may_follow = [[false; TAGS]; TAGS + 1];
    for (prev, row) in may_follow.iter_mut().enumerate() {
        for (t, ok) in row.iter_mut().enumerate() {
            *ok = allowed(prev, t);
        }
    }
    let mut back = vec![[0u8; TAGS]; n];
    let mut score = [NEG; TAGS];
    for t in 0..TAGS {
        if may_follow[START][t] {
            let pair = pairs.first().map_or(0, |m| m[START][t]);
            score[t] = i64::from(emissions[0][t]) + i64::from(transitions[START][t]) + i64::from(pair);
        }
    }
    for i in 1..n {
        let mut next = [NEG; TAGS];
        for t in 0..TAGS {
            let mut best = NEG;
            let mut from = 0u8;
            for (p, &s) in score.iter().enumerate() {
                if s == NEG || !may_follow[p][t] {
                    continue;
                }
                let pair = pairs.get(i).map_or(0, |m| m[p][t]);
                let v = s + i64::from(transitions[p][t]) + i64::from(pair);
                if v > best {
                    best = v;
                    from = p as u8;
                }
            }
            if best > NEG {
                next[t] = best + i64::from(emissions[i][t]);
                back[i][t] = from;
            }
        }
        score = next;
    }
    let mut tag = (0..TAGS)
        .filter(|&t| may_end(t))
        .max_by_key(|&t| (score[t], std::cmp::Reverse(t)))
        .unwrap_or(0) as u8;
    let mut tags = vec![0u8; n];
    for i in (0..n).rev() {
        tags[i] = tag;
        tag = back[i][usize::from(tag)];
    }
    tags
}

/// Every span a tag sequence spells out as `(start, end, kind index)`. A name ends at its
/// `L` or `U`, or where the next word does not continue it; a stray `I-X`/`L-X` starts a
/// new one.
pub(crate) fn kind_spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, u8)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let Some((kind, position)) = parts(tag) else {
            out.extend(open.take());
            continue;
        };
        match open.as_mut() {
            Some(s) if position.continues() && s.2 == kind => s.1 = i + 1,
            _ => {
                out.extend(open.take());
                open = Some((i, i + 1, kind));
            }
        }
        if !position.leaves_open() {
            out.extend(open.take());
        }
    }
    out.extend(open);
    out
}

/// The PER/ORG/LOC entities among `(start, end, kind index)` spans (OTH names left out).
pub(crate) fn entities(kind_spans: &[(usize, usize, u8)]) -> Vec<EntitySpan> {
    kind_spans
        .iter()
        .filter_map(|&(start, end, k)| {
            Some(EntitySpan {
                start,
                end,
                kind: entity_kind(k)?,
            })
        })
        .collect()
}

/// The PER/ORG/LOC entities a tag sequence spells out (OTH names left out).
pub(crate) fn spans(tags: &[u8]) -> Vec<EntitySpan> {
    entities(&kind_spans(tags))
}

/// The BILOU tags of `len` words holding `spans` and OTH names `others` (later spans win
/// where they overlap; what is left of a name they cut into is tagged as a name of its own).
pub(crate) fn tags(len: usize, spans: &[EntitySpan], others: &[(usize, usize)]) -> Vec<u8> {
    // Which span owns each word, then each run of words with one owner becomes one name.
    let mut owner: Vec<Option<(usize, u8)>> = vec![None; len];
    let all = others
        .iter()
        .map(|&(s, e)| (s, e, OTHER))
        .chain(spans.iter().map(|s| (s.start, s.end, s.kind as u8)));
    for (id, (start, end, kind)) in all.enumerate() {
        if start < end && end <= len {
            owner[start..end].fill(Some((id, kind)));
        }
    }
    let mut tags = vec![OUTSIDE; len];
    let mut start = 0;
    while start < len {
        let mut end = start + 1;
        while end < len && owner[end] == owner[start] {
            end += 1;
        }
        if let Some((_, kind)) = owner[start] {
            if end - start == 1 {
                tags[start] = tag(kind, Position::Unit);
            } else {
                tags[start] = tag(kind, Position::Begin);
                tags[start + 1..end - 1].fill(tag(kind, Position::Inside));
                tags[end - 1] = tag(kind, Position::Last);
            }
        }
        start = end;
    }
    tags
}

/// The IOB2 label of each of `len` words holding the PER/ORG/LOC names `spans` (`O`,
/// `B-PER`, `I-PER`, …): the format gold files and CoNLL output use.
pub(crate) fn iob2_labels(len: usize, spans: &[EntitySpan]) -> Vec<String> {
    let mut labels = vec!["O".to_string(); len];
    for s in spans.iter().filter(|s| s.start < s.end && s.end <= len) {
        for (i, label) in labels[s.start..s.end].iter_mut().enumerate() {
            let prefix = if i == 0 { "B" } else { "I" };
            *label = format!("{prefix}-{}", s.kind.label());
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;
    use Position::*;
    const PER: u8 = Person as u8;
    const ORG: u8 = Organisation as u8;
    const LOC: u8 = Location as u8;

    fn span(start: usize, end: usize, kind: EntityKind) -> EntitySpan {
        EntitySpan { start, end, kind }
    }

    #[test]
    fn tags_and_parts_agree() {
        let mut seen = vec![OUTSIDE];
        for kind in 0..KINDS as u8 {
            for position in Position::ALL {
                let t = tag(kind, position);
                assert_eq!(parts(t), Some((kind, position)));
                seen.push(t);
            }
        }
        seen.sort_unstable();
        assert_eq!(seen, (0..TAGS as u8).collect::<Vec<_>>());
        assert_eq!(parts(OUTSIDE), None);
        assert_eq!(label(tag(ORG, Last)), 1 + usize::from(ORG));
    }

    #[test]
    fn spans_round_trip_through_tags() {
        let s = vec![
            span(0, 2, Person),
            span(2, 3, Person),
            span(4, 7, Organisation),
            span(7, 8, Location),
        ];
        let t = tags(10, &s, &[(8, 10)]);
        assert_eq!(
            t,
            vec![
                tag(PER, Begin),
                tag(PER, Last),
                tag(PER, Unit),
                OUTSIDE,
                tag(ORG, Begin),
                tag(ORG, Inside),
                tag(ORG, Last),
                tag(LOC, Unit),
                tag(OTHER, Begin),
                tag(OTHER, Last),
            ]
        );
        assert_eq!(spans(&t), s, "OTH names are not entities");
        assert_eq!(kind_spans(&t).last(), Some(&(8, 10, OTHER)));
        for (i, &x) in t.iter().enumerate() {
            let prev = if i == 0 { START } else { usize::from(t[i - 1]) };
            assert!(allowed(prev, usize::from(x)), "word {i}");
        }
        assert!(may_end(usize::from(*t.last().unwrap())));
    }

    #[test]
    fn overlapping_spans_still_give_well_formed_tags() {
        // The later LOC 2..4 cuts the ORG 0..3 short: ORG 0..2, LOC 2..4.
        let t = tags(5, &[span(0, 3, Organisation), span(2, 4, Location)], &[]);
        assert_eq!(spans(&t), vec![span(0, 2, Organisation), span(2, 4, Location)]);
        // A name inside another splits it in three.
        let t = tags(5, &[span(0, 5, Organisation), span(2, 3, Person)], &[]);
        assert_eq!(
            spans(&t),
            vec![span(0, 2, Organisation), span(2, 3, Person), span(3, 5, Organisation)]
        );
        assert!(tags(2, &[span(1, 4, Person)], &[]).iter().all(|&x| x == OUTSIDE));
    }

    #[test]
    fn ill_formed_sequences_are_read_as_whole_names() {
        // O I-PER L-PER L-ORG B-LOC U-LOC B-PER (stray I/L start a name; B without L ends
        // where the next word does not continue it)
        let t = [
            OUTSIDE,
            tag(PER, Inside),
            tag(PER, Last),
            tag(ORG, Last),
            tag(LOC, Begin),
            tag(LOC, Unit),
            tag(PER, Begin),
        ];
        assert_eq!(
            spans(&t),
            vec![
                span(1, 3, Person),
                span(3, 4, Organisation),
                span(4, 5, Location),
                span(5, 6, Location),
                span(6, 7, Person)
            ]
        );
        assert!(spans(&[]).is_empty());
    }

    #[test]
    fn bilou_constraints() {
        let t = |kind, p| usize::from(tag(kind, p));
        let o = usize::from(OUTSIDE);
        for prev in [START, o, t(PER, Last), t(ORG, Unit)] {
            for next in [o, t(PER, Begin), t(LOC, Unit)] {
                assert!(allowed(prev, next), "{prev} -> {next}");
            }
            for next in [t(PER, Inside), t(PER, Last)] {
                assert!(!allowed(prev, next), "{prev} -> {next}");
            }
        }
        for prev in [t(ORG, Begin), t(ORG, Inside)] {
            assert!(allowed(prev, t(ORG, Inside)) && allowed(prev, t(ORG, Last)));
            for next in [o, t(ORG, Begin), t(ORG, Unit), t(PER, Inside), t(PER, Last)] {
                assert!(!allowed(prev, next), "{prev} -> {next}");
            }
            assert!(!may_end(prev));
        }
        assert!(may_end(o) && may_end(t(PER, Last)) && may_end(t(PER, Unit)));
    }

    #[test]
    fn viterbi_respects_bilou_constraints() {
        let flat = [[0i32; TAGS]; TAGS + 1];
        // The first word prefers I-PER and the second B-ORG, neither allowed there (B-ORG
        // would leave a name open at the end); the best allowed path is B-PER L-PER (6 + 5)
        // over U-ORG O (3 + 0) and O U-ORG (0 + 4).
        let mut e = [[0i32; TAGS]; 2];
        e[0][usize::from(tag(PER, Inside))] = 10;
        e[0][usize::from(tag(PER, Begin))] = 6;
        e[0][usize::from(tag(ORG, Unit))] = 3;
        e[1][usize::from(tag(ORG, Begin))] = 10;
        e[1][usize::from(tag(PER, Last))] = 5;
        e[1][usize::from(tag(ORG, Unit))] = 4;
        let got = viterbi(&e, &flat, &[]);
        assert_eq!(got, vec![tag(PER, Begin), tag(PER, Last)]);
        for (i, &x) in got.iter().enumerate() {
            let prev = if i == 0 { START } else { usize::from(got[i - 1]) };
            assert!(allowed(prev, usize::from(x)));
        }
        assert!(viterbi(&[], &flat, &[]).is_empty());
    }

    #[test]
    fn viterbi_uses_transitions() {
        let mut trans = [[0i32; TAGS]; TAGS + 1];
        // U-LOC followed by U-LOC is heavily penalised, so the two words make one name.
        trans[usize::from(tag(LOC, Unit))][usize::from(tag(LOC, Unit))] = -100;
        let mut e = [[0i32; TAGS]; 2];
        e[0][usize::from(tag(LOC, Unit))] = 10;
        e[1][usize::from(tag(LOC, Unit))] = 10;
        e[0][usize::from(tag(LOC, Begin))] = 8;
        e[1][usize::from(tag(LOC, Last))] = 8;
        assert_eq!(viterbi(&e, &trans, &[]), vec![tag(LOC, Begin), tag(LOC, Last)]);
    }

    #[test]
    fn iob2_labels_spell_out_entities() {
        let s = [span(0, 2, Person), span(2, 3, Location)];
        assert_eq!(iob2_labels(4, &s), ["B-PER", "I-PER", "B-LOC", "O"]);
    }
}
