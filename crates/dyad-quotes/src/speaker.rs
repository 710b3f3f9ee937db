//! Who is speaking: the reporting verb's subject, resolved through the actor stage's
//! mentions.

use crate::lexicon::Lexicon;
use crate::view::{DocView, Tree};
use dyad_core::record::SpeakerRecord;
use dyad_core::Span;

/// Relations through which a verb without a subject of its own inherits its governor's:
/// "Mekdad said, adding …", "stressed the need …, saying …", "X began to say …".
const INHERITS_SUBJECT: &[&str] = &["advcl", "xcomp", "conj", "parataxis"];

/// Pronouns that stand for a speaker even when the actor stage could not resolve them.
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "you"];

/// Relative pronouns: "Mekdad, who said …" — the speaker is the noun the clause modifies.
const RELATIVE_PRONOUNS: &[&str] = &["who", "which", "that", "whom"];

/// The token that names who does what `verb` says: its `nsubj`, the passive agent, the
/// noun a relative or participial clause modifies, or the subject inherited through
/// `INHERITS_SUBJECT` relations.
pub(crate) fn subject_of(tree: &Tree, verb: usize) -> Option<usize> {
    if let Some(inverted) = inverted_subject(tree, verb) {
        return Some(inverted);
    }
    let mut current = verb;
    for _ in 0..8 {
        // With several subjects (a misparse), the one nearest the verb, left first.
        let subjects = tree
            .children(current)
            .iter()
            .copied()
            .filter(|&c| tree.deprel(c) == "nsubj");
        if let Some(subject) = subjects.min_by_key(|&c| (c.abs_diff(current), c > current)) {
            let relative = RELATIVE_PRONOUNS.contains(&tree.lemma(subject).as_str());
            if relative && tree.base_deprel(current) == "acl" {
                return tree.head(current);
            }
            return Some(subject);
        }
        if let Some(agent) = tree
            .children(current)
            .iter()
            .copied()
            .find(|&c| tree.deprel(c) == "obl:agent")
        {
            return Some(agent);
        }
        let relation = tree.base_deprel(current).to_string();
        let head = tree.head(current)?;
        if relation == "acl" {
            return Some(head);
        }
        if !INHERITS_SUBJECT.contains(&relation.as_str()) {
            return None;
        }
        current = head;
    }
    None
}

/// Verbs whose object is the addressee, not an inverted subject ("told Reuters").
const ADDRESSEE_VERBS: &[&str] = &["tell", "ask", "inform", "remind", "assure", "advise", "urge", "warn"];

/// "“…,” said Caddell": parsers trained on few inversions attach the speaker after the
/// verb as its object. A reporting verb with no subject whose object is the very next
/// phrase and names someone has that phrase as its subject.
fn inverted_subject(tree: &Tree, verb: usize) -> Option<usize> {
    if tree.children(verb).iter().any(|&c| tree.base_deprel(c) == "nsubj")
        || ADDRESSEE_VERBS.contains(&tree.lemma(verb).as_str())
    {
        return None;
    }
    let object = tree
        .children(verb)
        .iter()
        .copied()
        .find(|&c| matches!(tree.base_deprel(c), "obj" | "dep"))?;
    let (first, _) = tree.extent(object, &["acl", "appos", "punct", "conj", "cc", "parataxis", "advcl"]);
    let upos = tree.sentence.tokens[object].upos.as_str();
    (first == verb + 1 && matches!(upos, "PROPN" | "NOUN" | "PRON")).then_some(object)
}

/// Does a common noun with this lemma name someone? Listed speaker nouns, and agent nouns
/// by their suffix ("announcer", "organizer", "activist", "historian", "chairwoman").
fn is_speaker_noun(lemma: &str) -> bool {
    const AGENT_SUFFIXES: &[&str] = &["er", "or", "ist", "ian", "man", "woman", "person"];
    Lexicon::get().is_speaker_noun(lemma) || (lemma.len() > 4 && AGENT_SUFFIXES.iter().any(|s| lemma.ends_with(s)))
}

/// The speaker record for token `subject` of sentence `k`: the actor mention covering it,
/// or, when there is none, the bare pronoun or noun phrase if it names a speaker.
pub(crate) fn speaker_record(doc: &DocView, k: usize, subject: usize) -> Option<SpeakerRecord> {
    if let Some(mention) = doc.mention_at(k, subject) {
        let actor = &mention.actor;
        return Some(SpeakerRecord {
            entity: actor.entity.clone(),
            entity_id: actor.entity_id.clone(),
            code: (!actor.code.is_empty()).then(|| actor.code.clone()),
            text: mention.text.clone(),
            span: mention.span,
        });
    }
    let tree = &doc.trees[k];
    let token = &tree.sentence.tokens[subject];
    let lemma = tree.lemma(subject);
    let names_someone = match token.upos.as_str() {
        "PRON" => PERSONAL_PRONOUNS.contains(&lemma.as_str()),
        "PROPN" => true,
        "NOUN" => is_speaker_noun(&lemma),
        _ => false,
    };
    if !names_someone {
        return None;
    }
    let span = noun_phrase_span(tree, subject);
    Some(SpeakerRecord {
        entity: None,
        entity_id: None,
        code: None,
        text: doc.text[span.start..span.end].to_string(),
        span,
    })
}

/// The noun phrase headed by `head` without clauses, appositions and conjuncts hanging off
/// it ("the spokesman, who …" → "the spokesman"), and never across punctuation, so a
/// misattached quotation cannot leak into the speaker ("…,” Iranian veteran diplomat").
fn noun_phrase_span(tree: &Tree, head: usize) -> Span {
    let (first, last) = tree.extent(
        head,
        &[
            "acl",
            "appos",
            "punct",
            "conj",
            "cc",
            "parataxis",
            "advcl",
            "dep",
            "case",
        ],
    );
    let mut start = head;
    while start > first && !tree.is_punct(start - 1) {
        start -= 1;
    }
    let mut end = head;
    while end < last && !tree.is_punct(end + 1) {
        end += 1;
    }
    tree.tokens_span(start, end)
}

/// The speaker of reporting verb `verb` in sentence `k`: its subject through the tree, or,
/// when the parse gave it none, an actor mention right next to the verb ("Mekdad said",
/// "said Mekdad").
pub(crate) fn speaker_of(doc: &DocView, k: usize, verb: usize) -> Option<SpeakerRecord> {
    let tree = &doc.trees[k];
    if let Some(subject) = subject_of(tree, verb) {
        if let Some(record) = speaker_record(doc, k, subject) {
            return Some(record);
        }
    }
    let adjacent = doc
        .mentions(k)
        .iter()
        .find(|m| m.last + 1 == verb || m.first == verb + 1)?;
    speaker_record(doc, k, adjacent.head)
}
