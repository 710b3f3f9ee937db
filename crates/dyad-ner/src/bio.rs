//! BIO tags, the constraints between them, Viterbi decoding under those constraints, and
//! the conversion between tag sequences and entity spans.
//!
//! Tag `0` is `O`; kind `k` has `B` = `1 + 2k` and `I` = `2 + 2k`. Kinds are the three
//! [`EntityKind`]s plus [`OTHER`], Universal NER's OTH names ("American", "Firefox"): the
//! tagger learns them as a type of their own, so that a capitalised name it should leave
//! alone is not taught as "not a name", and drops them from its output. Decoding never produces an
//! `I-X` that does not continue an `X`, so every decoded sequence reads as whole entities.
//! Gold files can hold such sequences anyway; [`spans`] repairs them the way conlleval does
//! (a stray `I-X` starts a new entity).

use crate::{EntityKind, EntitySpan};

/// The kind index of OTH names.
pub(crate) const OTHER: u8 = EntityKind::ALL.len() as u8;
pub(crate) const TAGS: usize = 1 + 2 * (EntityKind::ALL.len() + 1);
/// The pseudo previous tag at the start of a sentence.
pub(crate) const START: usize = TAGS;
pub(crate) const OUTSIDE: u8 = 0;
/// Tags without their `B`/`I` part: `O`, then `1 + kind index` (the document features'
/// labels).
pub(crate) const LABELS: usize = 2 + EntityKind::ALL.len();

/// A tag's label (see [`LABELS`]).
pub(crate) fn label(tag: u8) -> usize {
    parts(tag).map_or(0, |(kind, _)| 1 + usize::from(kind))
}

/// The `B-` tag of a kind index (an [`EntityKind`] as `u8`, or [`OTHER`]).
pub(crate) fn begin(kind: u8) -> u8 {
    1 + 2 * kind
}

pub(crate) fn inside(kind: u8) -> u8 {
    2 + 2 * kind
}

/// The kind index of a tag, and whether it is an `I-` tag.
pub(crate) fn parts(tag: u8) -> Option<(u8, bool)> {
    if tag == OUTSIDE || usize::from(tag) >= TAGS {
        return None;
    }
    Some(((tag - 1) / 2, (tag - 1) % 2 == 1))
}

/// The public kind of a kind index; `None` for [`OTHER`].
pub(crate) fn entity_kind(kind: u8) -> Option<EntityKind> {
    EntityKind::ALL.get(usize::from(kind)).copied()
}

/// Whether `tag` may follow `prev` (`START` at the beginning): `I-X` only continues `X`.
pub(crate) fn allowed(prev: usize, tag: usize) -> bool {
    match parts(tag as u8) {
        Some((kind, true)) => prev < TAGS && parts(prev as u8).is_some_and(|(k, _)| k == kind),
        _ => true,
    }
}

/// Scores of a word's tag given the tag before it: `[prev][tag]`, `prev` = `START` first.
pub(crate) type PairScores = [[i32; TAGS]; TAGS + 1];

/// The best tag sequence under emission scores, transition scores (`transitions[prev][tag]`)
/// and per-word pair scores (`pairs[i][prev][tag]`, empty when there are none), with
/// disallowed transitions excluded.
pub(crate) fn viterbi(emissions: &[[i32; TAGS]], transitions: &PairScores, pairs: &[PairScores]) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: i64 = i64::MIN / 4;
    let mut back = vec![[0u8; TAGS]; n];
    let mut score = [NEG; TAGS];
    for t in 0..TAGS {
        if allowed(START, t) {
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
                if s == NEG || !allowed(p, t) {
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
    let mut tag = (0..TAGS).max_by_key(|&t| (score[t], std::cmp::Reverse(t))).unwrap_or(0) as u8;
    let mut tags = vec![0u8; n];
    for i in (0..n).rev() {
        tags[i] = tag;
        tag = back[i][usize::from(tag)];
    }
    tags
}

/// Every span a tag sequence spells out as `(start, end, kind index)`; a stray `I-X`
/// starts a new one.
pub(crate) fn kind_spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, u8)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        match parts(tag) {
            Some((kind, true)) if open.is_some_and(|s| s.2 == kind) => {
                if let Some(s) = open.as_mut() {
                    s.1 = i + 1;
                }
            }
            Some((kind, _)) => {
                out.extend(open.take());
                open = Some((i, i + 1, kind));
            }
            None => out.extend(open.take()),
        }
    }
    out.extend(open);
    out
}

/// The PER/ORG/LOC entities a tag sequence spells out (OTH names left out).
pub(crate) fn spans(tags: &[u8]) -> Vec<EntitySpan> {
    kind_spans(tags)
        .into_iter()
        .filter_map(|(start, end, k)| {
            Some(EntitySpan {
                start,
                end,
                kind: entity_kind(k)?,
            })
        })
        .collect()
}

/// The BIO tags of `len` words holding `spans` and OTH names `others` (later spans win where
/// they overlap).
pub(crate) fn tags(len: usize, spans: &[EntitySpan], others: &[(usize, usize)]) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; len];
    let all = others
        .iter()
        .map(|&(s, e)| (s, e, OTHER))
        .chain(spans.iter().map(|s| (s.start, s.end, s.kind as u8)));
    for (start, end, kind) in all {
        if start >= end || end > len {
            continue;
        }
        tags[start] = begin(kind);
        for t in &mut tags[start + 1..end] {
            *t = inside(kind);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;
    const PER: u8 = Person as u8;
    const ORG: u8 = Organisation as u8;
    const LOC: u8 = Location as u8;

    fn span(start: usize, end: usize, kind: EntityKind) -> EntitySpan {
        EntitySpan { start, end, kind }
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
        assert_eq!(t, vec![1, 2, 1, 0, 3, 4, 4, 5, 7, 8]);
        assert_eq!(spans(&t), s, "OTH names are not entities");
        assert_eq!(kind_spans(&t).last(), Some(&(8, 10, OTHER)));
    }

    #[test]
    fn stray_inside_tags_are_repaired() {
        // O I-PER I-PER I-ORG B-LOC I-PER
        let t = [0, inside(PER), inside(PER), inside(ORG), begin(LOC), inside(PER)];
        assert_eq!(
            spans(&t),
            vec![
                span(1, 3, Person),
                span(3, 4, Organisation),
                span(4, 5, Location),
                span(5, 6, Person)
            ]
        );
        assert!(spans(&[]).is_empty());
    }

    #[test]
    fn viterbi_respects_bio_constraints() {
        let flat = [[0i32; TAGS]; TAGS + 1];
        // The first word prefers I-PER and the second I-ORG, neither allowed there; the best
        // allowed path is B-PER I-PER (6 + 5) over B-ORG I-ORG (0 + 10).
        let mut e = [[0i32; TAGS]; 2];
        e[0][usize::from(inside(PER))] = 10;
        e[0][usize::from(begin(PER))] = 6;
        e[1][usize::from(inside(ORG))] = 10;
        e[1][usize::from(inside(PER))] = 5;
        let got = viterbi(&e, &flat, &[]);
        assert_eq!(got, vec![begin(PER), inside(PER)]);
        for (i, &t) in got.iter().enumerate() {
            let prev = if i == 0 { START } else { usize::from(got[i - 1]) };
            assert!(allowed(prev, usize::from(t)));
        }
        assert!(viterbi(&[], &flat, &[]).is_empty());
    }

    #[test]
    fn viterbi_uses_transitions() {
        let mut trans = [[0i32; TAGS]; TAGS + 1];
        // B-LOC followed by B-LOC is heavily penalised, so the second word joins the first.
        trans[usize::from(begin(LOC))][usize::from(begin(LOC))] = -100;
        let mut e = [[0i32; TAGS]; 2];
        e[0][usize::from(begin(LOC))] = 10;
        e[1][usize::from(begin(LOC))] = 10;
        e[1][usize::from(inside(LOC))] = 8;
        assert_eq!(viterbi(&e, &trans, &[]), vec![begin(LOC), inside(LOC)]);
    }
}
