//! Agreement with UD English EWT's gold tokens: the parser learns from them, so every token
//! boundary we draw differently costs parsing accuracy.
//!
//! For each EWT sentence, the `# text` line is tokenized and the token spans compared with
//! the gold ones (found in the text in order; a multi-word token like `don't` → `do` `n't`
//! counts as its words where they spell it). Reports precision/recall/F1 of exact spans and
//! the most frequent disagreements, and fails when F1 drops below a floor.

use dyad_core::Span;
use std::collections::{BTreeMap, HashSet};

/// Gold token spans of one sentence within its text, or `None` when they cannot be aligned.
fn gold_spans(text: &str, forms: &[Vec<String>]) -> Option<Vec<Span>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for words in forms {
        // A token is its words when they spell its surface, else the surface alone (first).
        let spelled: String = words[1..].concat();
        let rest = &text[at..];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        if words.len() > 1 && spelled == words[0] && text[at..].starts_with(&spelled) {
            for word in &words[1..] {
                spans.push(Span::new(at, at + word.len()));
                at += word.len();
            }
        } else if text[at..].starts_with(words[0].as_str()) {
            spans.push(Span::new(at, at + words[0].len()));
            at += words[0].len();
        } else {
            return None;
        }
    }
    Some(spans)
}

/// `(text, tokens)` per sentence; a token is `[surface]` or `[surface, word, word…]`.
fn read_conllu(path: &std::path::Path) -> Vec<(String, Vec<Vec<String>>)> {
    let data = std::fs::read_to_string(path).expect("readable CoNLL-U");
    let mut sentences = Vec::new();
    let (mut text, mut tokens) = (String::new(), Vec::<Vec<String>>::new());
    let mut multiword_until = 0;
    for line in data.lines() {
        if let Some(t) = line.strip_prefix("# text = ") {
            text = t.to_string();
        } else if line.is_empty() {
            multiword_until = 0;
            if !tokens.is_empty() {
                sentences.push((std::mem::take(&mut text), std::mem::take(&mut tokens)));
            }
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 || cols[0].contains('.') {
                continue;
            }
            if let Some((_, to)) = cols[0].split_once('-') {
                tokens.push(vec![cols[1].to_string()]);
                multiword_until = to.parse().unwrap_or(0);
            } else {
                let id: usize = cols[0].parse().unwrap_or(0);
                if let Some(token) = tokens.last_mut().filter(|_| id <= multiword_until) {
                    token.push(cols[1].to_string());
                } else {
                    tokens.push(vec![cols[1].to_string()]);
                }
            }
        }
    }
    sentences
}

#[test]
fn ewt_token_boundary_agreement() {
    let dir = dyad_testkit::require_shared!("data/ud-english-ewt");
    let (mut gold_total, mut ours_total, mut matched, mut unaligned, mut exact_sentences, mut sentences_seen) =
        (0, 0, 0, 0, 0, 0);
    let mut missed: BTreeMap<String, usize> = BTreeMap::new();
    // `DYAD_EWT_SHOW='ours "."'` prints the sentences with that disagreement.
    let show = std::env::var("DYAD_EWT_SHOW").ok();
    for file in [
        "en_ewt-ud-train.conllu",
        "en_ewt-ud-dev.conllu",
        "en_ewt-ud-test.conllu",
    ] {
        for (text, forms) in read_conllu(&dir.join(file)) {
            let Some(gold) = gold_spans(&text, &forms) else {
                unaligned += 1;
                continue;
            };
            sentences_seen += 1;
            // Tokens of the text as `segment` gives them (it splits a final abbreviation's period).
            let ours: Vec<Span> = dyad_text::segment(&text, &[Span::new(0, text.len())])
                .iter()
                .flat_map(|s| s.tokens.iter().map(|t| t.span))
                .collect();
            let ours_set: HashSet<Span> = ours.iter().copied().collect();
            let gold_set: HashSet<Span> = gold.iter().copied().collect();
            let hits = gold.iter().filter(|s| ours_set.contains(s)).count();
            if hits == gold.len() && ours.len() == gold.len() {
                exact_sentences += 1;
            }
            let ours_only = ours.iter().filter(|s| !gold_set.contains(s)).map(|s| ("ours", s));
            let gold_only = gold.iter().filter(|s| !ours_set.contains(s)).map(|s| ("gold", s));
            for (side, span) in ours_only.chain(gold_only) {
                let key = format!("{side} {:?}", &text[span.start..span.end]);
                if show.as_deref() == Some(key.as_str()) {
                    let words = |spans: &[Span]| {
                        spans
                            .iter()
                            .map(|s| &text[s.start..s.end])
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    eprintln!("{key}\n  gold: {}\n  ours: {}", words(&gold), words(&ours));
                }
                *missed.entry(key).or_default() += 1;
            }
            gold_total += gold.len();
            ours_total += ours.len();
            matched += hits;
        }
    }
    let precision = matched as f64 / ours_total.max(1) as f64;
    let recall = matched as f64 / gold_total.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    let mut worst: Vec<(usize, String)> = missed.into_iter().map(|(k, v)| (v, k)).collect();
    worst.sort_by(|a, b| b.cmp(a));
    eprintln!(
        "EWT token spans: P {:.4} R {:.4} F1 {:.4}; sentences tokenized exactly {:.2}% of {sentences_seen} ({unaligned} unaligned)",
        precision,
        recall,
        f1,
        100.0 * exact_sentences as f64 / sentences_seen.max(1) as f64
    );
    for (count, what) in worst.iter().take(60) {
        eprintln!("  {count:5} {what}");
    }
    assert!(sentences_seen > 15_000, "EWT reading broke: {sentences_seen} sentences");
    assert!(f1 > 0.97, "EWT token agreement fell to F1 {f1:.4}");
}

/// Sentence-boundary agreement on EWT paragraphs: each `# newpar` paragraph's sentences are
/// joined with a space and split again; a boundary is right when a sentence of ours ends
/// where a gold sentence ends. EWT is web text (e-mails, reviews, forum posts often without
/// final punctuation), so the floor is low; the weblog genre is closest to news reports.
#[test]
fn ewt_sentence_boundary_agreement() {
    let dir = dyad_testkit::require_shared!("data/ud-english-ewt");
    // genre → (gold boundaries, ours, matched)
    let mut by_genre: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let show = std::env::var("DYAD_EWT_SHOW_SENTENCES").ok();
    for file in [
        "en_ewt-ud-train.conllu",
        "en_ewt-ud-dev.conllu",
        "en_ewt-ud-test.conllu",
    ] {
        let data = std::fs::read_to_string(dir.join(file)).expect("readable CoNLL-U");
        let mut paragraphs: Vec<(String, Vec<String>)> = Vec::new();
        let mut genre = String::new();
        for line in data.lines() {
            if let Some(id) = line.strip_prefix("# sent_id = ") {
                genre = id.split('-').next().unwrap_or("").to_string();
            } else if line.starts_with("# newpar") || line.starts_with("# newdoc") {
                paragraphs.push((genre.clone(), Vec::new()));
            } else if let Some(text) = line.strip_prefix("# text = ") {
                match paragraphs.last_mut() {
                    Some(paragraph) => paragraph.1.push(text.to_string()),
                    None => paragraphs.push((genre.clone(), vec![text.to_string()])),
                }
            }
        }
        for (genre, sentences) in paragraphs.iter().filter(|p| !p.1.is_empty()) {
            let text = sentences.join(" ");
            let mut gold = HashSet::new();
            let mut at = 0;
            for sentence in sentences {
                at += sentence.len();
                gold.insert(at);
                at += 1;
            }
            let ours: HashSet<usize> = dyad_text::segment(&text, &[Span::new(0, text.len())])
                .iter()
                .map(|s| s.span.end)
                .collect();
            let entry = by_genre.entry(genre.clone()).or_default();
            entry.0 += gold.len();
            entry.1 += ours.len();
            entry.2 += gold.intersection(&ours).count();
            if show.as_deref() == Some(genre.as_str()) && gold != ours {
                let mut ends: Vec<usize> = ours.iter().copied().collect();
                ends.sort_unstable();
                let ours_text: Vec<&str> = ends
                    .iter()
                    .scan(0, |from, &end| {
                        let piece = text[*from..end].trim();
                        *from = end;
                        Some(piece)
                    })
                    .collect();
                eprintln!("gold: {}\nours: {}", sentences.join(" ‖ "), ours_text.join(" ‖ "));
            }
        }
    }
    let mut total = (0, 0, 0);
    for (genre, (gold, ours, matched)) in &by_genre {
        eprintln!(
            "EWT sentence ends, {genre}: P {:.3} R {:.3} ({gold} gold)",
            *matched as f64 / (*ours).max(1) as f64,
            *matched as f64 / (*gold).max(1) as f64
        );
        total = (total.0 + gold, total.1 + ours, total.2 + matched);
    }
    let (precision, recall) = (
        total.2 as f64 / total.1.max(1) as f64,
        total.2 as f64 / total.0.max(1) as f64,
    );
    eprintln!("EWT sentence ends, all: P {precision:.3} R {recall:.3}");
    assert!(
        precision > 0.8 && recall > 0.6,
        "EWT sentence agreement fell: P {precision:.3} R {recall:.3}"
    );
}
