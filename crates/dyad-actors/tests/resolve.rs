//! Resolution on hand-written UD trees (tests/data/*.conllu) with a test people file:
//! dated roles, transliteration variants, title inference, metonymy and coreference chains.

use chrono::NaiveDate;
use dyad_actors::{ActorResolver, DictionaryEntry, KnowledgeBase, ResolverConfig};
use dyad_core::{Document, Mention, ParsedSentence, Span};

/// The built-in non-person files plus the test people.
fn test_kb() -> KnowledgeBase {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/kb");
    let mut files = Vec::new();
    for name in ["countries.toml", "agents.toml", "organisations.toml", "metonyms.toml"] {
        files.push((
            format!("kb/{name}"),
            std::fs::read_to_string(format!("{dir}/{name}")).unwrap(),
        ));
    }
    let people = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/people.toml")).unwrap();
    files.push(("kb/people/test.toml".into(), people));
    let kb = KnowledgeBase::from_sources(files);
    assert!(kb.problems().is_empty(), "{:?}", kb.problems());
    kb
}

/// A document whose text is the fixture's sentences joined by spaces.
fn load(name: &str) -> (Document, Vec<ParsedSentence>) {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let sents = dyad_parse::conllu::read_conllu_sentences(file).unwrap();
    let mut text = String::new();
    let mut out = Vec::new();
    for (i, s) in sents.into_iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        let off = text.len();
        text.push_str(&s.text);
        let mut p = s.parsed;
        p.index = i;
        p.span = Span::new(off, text.len());
        for t in &mut p.tokens {
            t.span = Span::new(t.span.start + off, t.span.end + off);
        }
        out.push(p);
    }
    (
        Document {
            id: name.into(),
            text,
            ..Default::default()
        },
        out,
    )
}

fn run(kb: &KnowledgeBase, name: &str, date: Option<&str>) -> Vec<Mention> {
    let (doc, sents) = load(name);
    let date = date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    let ms = ActorResolver::new(kb, ResolverConfig::default()).resolve_document(&doc, &sents, date);
    for m in &ms {
        assert_eq!(&doc.text[m.span.start..m.span.end], m.text);
    }
    ms
}

fn find<'m>(ms: &'m [Mention], text: &str) -> &'m Mention {
    ms.iter().find(|m| m.text == text).unwrap_or_else(|| {
        panic!(
            "no mention {text:?} in {:?}",
            ms.iter().map(|m| (&m.text, &m.actor.code)).collect::<Vec<_>>()
        )
    })
}

#[test]
fn names_titles_descriptions_pronouns_metonymy() {
    let kb = test_kb();
    let ms = run(&kb, "mekdad.conllu", Some("2021-06-01"));
    let m = find(&ms, "Syrian Foreign Minister Faisal Mikdad");
    assert_eq!(
        (m.actor.code.as_str(), m.actor.entity.as_deref(), m.how.as_str()),
        ("SYRGOV", Some("Faisal Mekdad"), "alias")
    );
    assert_eq!(m.actor.entity_id.as_deref(), Some("Q2640424"));
    assert!(m.rule.starts_with("kb/people/test.toml:"), "{}", m.rule);
    let r = find(&ms, "Iranian Deputy Foreign Minister Ali Rezaei");
    assert_eq!(
        (r.actor.code.as_str(), r.actor.entity.as_deref(), r.how.as_str()),
        ("IRNGOV", Some("Ali Rezaei"), "title")
    );
    // "in Damascus" is a place, not an actor; "Damascus condemned" is the government.
    let dam: Vec<_> = ms.iter().filter(|m| m.text == "Damascus").collect();
    assert_eq!(dam.len(), 1);
    assert_eq!(dam[0].actor.code, "SYRGOV");
    assert_eq!(dam[0].sentence, 2);
    let d = find(&ms, "the Syrian foreign minister");
    assert_eq!(
        (d.actor.entity.as_deref(), d.how.as_str()),
        (Some("Faisal Mekdad"), "coreference")
    );
    let he = find(&ms, "he");
    assert_eq!(
        (he.actor.entity.as_deref(), he.how.as_str()),
        (Some("Faisal Mekdad"), "pronoun")
    );
    assert_eq!(find(&ms, "the Turkish occupying army").actor.code, "TURMIL");
    assert_eq!(find(&ms, "the Zionist regime").actor.code, "ISR");
    let top = find(&ms, "The top Syrian diplomat");
    assert_eq!(
        (top.actor.entity.as_deref(), top.how.as_str()),
        (Some("Faisal Mekdad"), "coreference")
    );
    let rz = ms.iter().rfind(|m| m.text == "Rezaei").unwrap();
    assert_eq!(
        (rz.actor.entity.as_deref(), rz.actor.code.as_str(), rz.how.as_str()),
        (Some("Ali Rezaei"), "IRNGOV", "coreference")
    );
    let l = find(&ms, "Speaker of Iran 's Shura Council Ali Larijani");
    assert_eq!(l.actor.code, "IRNGOV"); // in 2021 he is an adviser, no longer speaker
    let a = find(&ms, "President Bashar al-Assad of Syria");
    assert_eq!((a.actor.code.as_str(), a.how.as_str()), ("SYRGOV", "dictionary"));
    // Text order.
    assert!(ms.windows(2).all(|w| w[0].span.start <= w[1].span.start));
}

/// A capital addressed as a party ("appreciation to Tehran") is its government; one that is
/// a destination ("a visit to Tehran") or a location ("in Tehran") is a place, not an actor.
#[test]
fn capital_addressed_as_party() {
    let kb = test_kb();
    let ms = run(&kb, "capital.conllu", None);
    let tehran: Vec<_> = ms.iter().filter(|m| m.text == "Tehran").collect();
    assert_eq!(
        tehran.len(),
        1,
        "{:?}",
        tehran.iter().map(|m| m.sentence).collect::<Vec<_>>()
    );
    assert_eq!((tehran[0].sentence, tehran[0].actor.code.as_str()), (0, "IRNGOV"));
}

#[test]
fn dated_roles() {
    let kb = test_kb();
    let at = |d: Option<&str>| run(&kb, "larijani.conllu", d)[0].actor.code.clone();
    assert_eq!(at(Some("2015-01-01")), "IRNLEG");
    assert_eq!(at(Some("2022-01-01")), "IRNGOV");
    assert_eq!(at(None), "IRNGOV"); // unknown date: the most recent role
    let p = kb.people.iter().find(|p| p.name == "Faisal Mekdad").unwrap();
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(p.role_at(d("2017-10-25")).unwrap().title, "deputy foreign minister");
    assert_eq!(p.role_at(d("2020-11-22")).unwrap().title, "foreign minister");
}

#[test]
fn variants_groups_and_peoples() {
    let kb = test_kb();
    let ms = run(&kb, "deputy.conllu", Some("2017-10-25"));
    let m = find(&ms, "Deputy Foreign Minister Fayssal Mikdad");
    assert_eq!(
        (m.actor.code.as_str(), m.actor.entity.as_deref()),
        ("SYRGOV", Some("Faisal Mekdad"))
    );
    assert_eq!(find(&ms, "ISIS").actor.code, "IMGMUSISI");
    assert_eq!(find(&ms, "the Americans").actor.code, "USA");
}

#[test]
fn dictionary_entries_plug_in_with_dates() {
    let mut kb = test_kb();
    kb.add_dictionary_entries([DictionaryEntry {
        phrase: "Rezaei".into(),
        code: "IRNMIL".into(),
        from: None,
        to: NaiveDate::from_ymd_opt(2019, 12, 31),
        rule: "Phoenix.Countries.actors.txt:1".into(),
    }]);
    let (doc, sents) = load("mekdad.conllu");
    let r = ActorResolver::new(&kb, ResolverConfig::default());
    let old = r.resolve_document(&doc, &sents, NaiveDate::from_ymd_opt(2018, 1, 1));
    let last = old.iter().rfind(|m| m.text == "Rezaei").unwrap();
    assert_eq!(
        (last.actor.code.as_str(), last.rule.as_str()),
        ("IRNMIL", "Phoenix.Countries.actors.txt:1")
    );
    let new = r.resolve_document(&doc, &sents, NaiveDate::from_ymd_opt(2021, 1, 1));
    assert_eq!(new.iter().rfind(|m| m.text == "Rezaei").unwrap().actor.code, "IRNGOV");
}

#[test]
fn odd_trees_do_not_panic() {
    use dyad_core::ParsedToken;
    let kb = test_kb();
    let text = "Mekdad he the Syrian , of".to_string();
    let mut toks = Vec::new();
    let mut pos = 0;
    // Cycles, self-loops, heads past the end, no root.
    for (i, w) in text.split(' ').enumerate() {
        let start = text[pos..].find(w).unwrap() + pos;
        pos = start + w.len();
        let upos = ["PROPN", "PRON", "DET", "ADJ", "PUNCT", "ADP"][i];
        let head = [2, 1, 3, 99, 0, 5][i];
        toks.push(ParsedToken {
            form: w.into(),
            span: Span::new(start, pos),
            lemma: w.to_lowercase(),
            upos: upos.into(),
            xpos: "_".into(),
            feats: "_".into(),
            head,
            deprel: ["flat", "nmod:desc", "det", "amod", "punct", "case"][i].into(),
        });
    }
    let sent = ParsedSentence {
        index: 0,
        span: Span::new(0, text.len()),
        tokens: toks,
    };
    let doc = Document {
        id: "odd".into(),
        text,
        ..Default::default()
    };
    let r = ActorResolver::new(&kb, ResolverConfig::default());
    let ms = r.resolve_document(&doc, &[sent, ParsedSentence::default()], None);
    for m in &ms {
        assert_eq!(&doc.text[m.span.start..m.span.end], m.text);
    }
}

#[test]
fn unlisted_spelling_variant_resolves_by_surname_skeleton() {
    let kb = test_kb();
    let ms = run(&kb, "variant.conllu", Some("2021-06-01"));
    let first = find(&ms, "Syrian Foreign Minister Faisal Mouqdad");
    assert_eq!(first.actor.entity.as_deref(), Some("Faisal Mekdad"));
    assert_eq!(first.actor.code, "SYRGOV");
    assert_eq!(first.how.as_str(), "alias");
    // The variant then links later surname mentions to the same entity.
    let later = find(&ms, "Mouqdad");
    assert_eq!(later.actor.entity_id, first.actor.entity_id);
    // Another country's title does not borrow a Syrian's name.
    assert_ne!(
        find(&ms, "Iranian Deputy Foreign Minister Ali Rezaei")
            .actor
            .entity
            .as_deref(),
        Some("Faisal Mekdad")
    );
}

#[test]
fn people_named_without_a_known_entry() {
    let kb = test_kb();
    let ms = run(&kb, "named.conllu", None);
    let speaker = find(&ms, "Ahmed Hassan");
    assert_eq!(
        (speaker.how.as_str(), speaker.rule.as_str(), speaker.actor.code.as_str()),
        ("inferred", "name:speaker", "")
    );
    assert_eq!(speaker.actor.entity.as_deref(), Some("Ahmed Hassan"));
    assert_eq!(find(&ms, "Hassan").actor.entity_id, speaker.actor.entity_id);
    let titled = find(&ms, "Mr Colville");
    assert_eq!(
        (titled.rule.as_str(), titled.actor.entity.as_deref()),
        ("name:title", Some("Colville"))
    );
    // A place object of "in" is no person.
    assert!(
        ms.iter().all(|m| m.text != "Geneva"),
        "{:?}",
        ms.iter().map(|m| &m.text).collect::<Vec<_>>()
    );
}
