//! Mentions without a knowledge-base name, on text parsed by dyad's own model with the
//! built-in knowledge base: first-person pronouns and their speakers, descriptions headed by a
//! person noun, titles without a name, people known by a given name, group pronouns, and
//! names an external tagger vouches for.

use dyad_actors::{ActorResolver, KnowledgeBase, NameKind, NameSpan, ResolverConfig};
use dyad_core::{Document, Mention, Span};

fn mentions_with(text: &str, names: &[NameSpan]) -> Vec<Mention> {
    // The built-in model is committed with the code: not loading it is a failure, not a skip.
    let model = dyad_parse::Model::builtin().expect("the built-in parser model loads");
    let doc = Document {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    };
    let sentences = dyad_text::segment(&doc.text, &doc.body_regions());
    let parsed: Vec<_> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| model.parse(&doc.text, s, i))
        .collect();
    let ms = ActorResolver::new(KnowledgeBase::builtin(), ResolverConfig::default())
        .resolve_document_with_names(&doc, &parsed, None, names);
    for m in &ms {
        assert_eq!(&text[m.span.start..m.span.end], m.text);
    }
    ms
}

fn mentions(text: &str) -> Vec<Mention> {
    mentions_with(text, &[])
}

fn find<'m>(ms: &'m [Mention], text: &str) -> &'m Mention {
    ms.iter().find(|m| m.text == text).unwrap_or_else(|| {
        panic!(
            "no mention {text:?} in {:?}",
            ms.iter().map(|m| (&m.text, &m.rule)).collect::<Vec<_>>()
        )
    })
}

#[test]
fn first_person_pronouns_are_the_quotations_speaker() {
    let ms = mentions("\"I will not give up,\" Faisal Mekdad said.");
    let i = find(&ms, "I");
    assert_eq!((i.how.as_str(), i.rule.as_str()), ("pronoun", "coreference:speaker"));
    assert_eq!(i.actor.entity.as_deref(), Some("Faisal Mekdad"));
    assert_eq!(i.actor.code, "SYRGOV");
    // With no speaker, a person mention with no code (the event coder leaves it out).
    let ms = mentions("I have been conducting interviews by Skype.");
    let i = find(&ms, "I");
    assert_eq!(
        (i.rule.as_str(), i.actor.code.as_str(), i.actor.entity.as_deref()),
        ("person:first-person", "", None)
    );
}

#[test]
fn descriptions_and_titles_without_a_name_are_people() {
    let ms = mentions("A local physician said the hospital was hit. Local doctors fled.");
    assert_eq!(find(&ms, "A local physician").rule, "person:description");
    // Plural: a group (coded by its sector alone), not one person.
    let group = find(&ms, "Local doctors");
    assert!(!group.rule.starts_with("person:"), "{group:?}");
    let ms = mentions("The Foreign Secretary welcomed the agreement.");
    let t = find(&ms, "The Foreign Secretary");
    assert_eq!((t.rule.as_str(), t.actor.code.as_str()), ("person:title", ""));
}

#[test]
fn given_names_mark_people_and_lower_case_words_are_no_names() {
    let ms = mentions("Karim Wasifi fled the city in 2014.");
    assert_eq!(find(&ms, "Karim Wasifi").rule, "name:given");
    // "power" is an alias of a person only when written as a name.
    let ms = mentions("The dam produces hydroelectric power for the region.");
    assert!(ms.is_empty(), "{ms:?}");
}

#[test]
fn group_pronouns_and_acronyms_read_as_verbs() {
    let ms = mentions(
        "We condemn the attack, and they must stop. A police officer said IS had carried out a mortar attack.",
    );
    assert_eq!(find(&ms, "We").rule, "group:pronoun");
    assert_eq!(find(&ms, "they").rule, "group:pronoun");
    assert_eq!(find(&ms, "IS").actor.code, "IMGMUSISI");
}

#[test]
fn an_external_taggers_person_names_are_used() {
    let text = "The convoy was led by Zorab Teltik.";
    assert!(mentions(text).is_empty());
    let start = text.find("Zorab").unwrap();
    let names = [NameSpan {
        span: Span::new(start, start + "Zorab Teltik".len()),
        kind: NameKind::Person,
    }];
    let ms = mentions_with(text, &names);
    let m = find(&ms, "Zorab Teltik");
    assert_eq!(
        (m.rule.as_str(), m.actor.entity.as_deref()),
        ("name:tagger", Some("Zorab Teltik"))
    );
    // A tagger's organisation is no person, whatever the sentence says.
    let text = "Karim Wasifi said the talks failed.";
    let names = [NameSpan {
        span: Span::new(0, 12),
        kind: NameKind::Organisation,
    }];
    assert_eq!(find(&mentions_with(text, &names), "Karim Wasifi").rule, "group:tagger");
}

#[test]
fn unknown_bodies_become_group_entities() {
    let ms = mentions("The Syrian Computer Society said the network was down.");
    let m = find(&ms, "The Syrian Computer Society");
    assert_eq!(
        (m.rule.as_str(), m.actor.entity.as_deref(), m.actor.code.as_str()),
        ("group:name", Some("Syrian Computer Society"), "")
    );
    // An external tagger's organisation needs no body word.
    let text = "Zorab Teltik condemned the attack.";
    let names = [NameSpan {
        span: Span::new(0, 12),
        kind: NameKind::Organisation,
    }];
    assert_eq!(find(&mentions_with(text, &names), "Zorab Teltik").rule, "group:tagger");
}
