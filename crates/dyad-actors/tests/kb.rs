//! Knowledge-base validation: the built-in files load cleanly, and the validator names bad
//! records by file:line.

use dyad_actors::KnowledgeBase;

#[test]
fn builtin_is_valid() {
    let problems = KnowledgeBase::validate_sources();
    assert!(
        problems.is_empty(),
        "{}",
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
    );
    let kb = KnowledgeBase::builtin();
    assert!(kb.countries.len() >= 70);
    assert!(kb.orgs.len() >= 20);
    assert!(kb.countries.iter().all(|c| c.code.len() == 3));
}

fn problems(people: &str) -> Vec<String> {
    let countries = "[[country]]\ncode = \"SYR\"\nname = \"Syria\"\n".to_string();
    let kb = KnowledgeBase::from_sources([
        ("kb/countries.toml".to_string(), countries),
        ("kb/people/x.toml".to_string(), people.to_string()),
    ]);
    kb.problems().iter().map(|p| p.to_string()).collect()
}

#[test]
fn validator_names_file_and_line() {
    let bad = "[[person]]\nname = \"A B\"\n[[person.role]]\ncountry = \"SYR\"\nsector = \"GOV\"\ntitle = \"x\"\nfrom = \"2020-13-01\"\n\n[[person]]\nname = \"C D\"\nqid = \"X1\"\n[[person.role]]\ncountry = \"ZZZ\"\nsector = \"FOO\"\ntitle = \"y\"\nfrom = \"2021\"\nto = \"2019\"\n";
    let p = problems(bad);
    assert!(
        p.iter()
            .any(|m| m.starts_with("kb/people/x.toml:3:") && m.contains("bad date")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("kb/people/x.toml:9:") && m.contains("QID")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("kb/people/x.toml:12:") && m.contains("ZZZ")),
        "{p:?}"
    );
    assert!(p.iter().any(|m| m.contains("sector \"FOO\"")), "{p:?}");
    assert!(p.iter().any(|m| m.contains("after it ends")), "{p:?}");
    // Unknown fields and broken TOML are reported with a line too.
    let p = problems("[[person]]\nname = \"A\"\nnick = \"b\"\n");
    assert!(p.iter().any(|m| m.starts_with("kb/people/x.toml:3:")), "{p:?}");
    let dup = "[[person]]\nname = \"A B\"\n[[person.role]]\ncountry = \"SYR\"\nsector = \"GOV\"\ntitle = \"x\"\n[[person]]\nname = \"A B\"\n[[person.role]]\ncountry = \"SYR\"\nsector = \"MIL\"\ntitle = \"y\"\n";
    assert!(problems(dup).iter().any(|m| m.contains("duplicates")));
}

#[test]
fn spelling_variants_found_by_surname_skeleton_within_country() {
    let kb = dyad_actors::KnowledgeBase::builtin();
    let name = |i: Option<usize>| i.map(|i| kb.people[i].name.clone());
    // Variants the knowledge base does not list as aliases.
    assert_eq!(
        name(kb.person_by_skeleton("Mouqdad", "SYR")),
        Some("Faisal Mekdad".to_string())
    );
    assert_eq!(
        name(kb.person_by_skeleton("Raeesy", "IRN")),
        Some("Ebrahim Raisi".to_string())
    );
    // Only within the person's country.
    assert_eq!(kb.person_by_skeleton("Mouqdad", "IRN"), None);
    assert_eq!(kb.person_by_skeleton("Zzzxq", "SYR"), None);
}
