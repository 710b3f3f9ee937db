//! Each syntax feature and each malformed case, on small fixture files in `tests/data`.

use dyad_dictionaries::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `(line, action)` of each problem, to compare with what a fixture plants.
fn located(problems: &[DictProblem]) -> Vec<(usize, ProblemAction)> {
    problems.iter().map(|p| (p.line, p.action)).collect()
}

fn code(entry: &ActorEntry, i: usize) -> (&str, Option<NaiveDate>, Option<NaiveDate>) {
    let c = &entry.codes[i];
    (c.code.as_str(), c.from, c.to)
}

#[test]
fn actor_features_are_all_read() {
    let (entries, problems) = parse_actors("actors_features.txt", &fixture("actors_features.txt"));
    assert!(problems.is_empty(), "{problems:#?}");
    let names: Vec<&str> = entries.iter().map(|e| e.names[0].as_str()).collect();
    assert_eq!(
        names,
        [
            "SYRIA",
            "FAISAL MEKDAD",
            "BASHAR JAAFARI",
            "UN SECRETARY GENERAL",
            "ALI KHAMENEI",
            "HOSSEIN SALAMI",
            "OLD ENVOY",
            "TWO PEOPLE",
            "NOBODY",
            "LEONID BREZHNEV",
            "LAST ACTOR"
        ]
    );
    assert_eq!(entries[0].names, ["SYRIA", "SYRIAN ARAB REPUBLIC", "DAMASCUS"]);
    assert_eq!(entries[0].line, 4);
    let mekdad = &entries[1];
    assert_eq!(mekdad.names, ["FAISAL MEKDAD", "FAISAL MIKDAD", "FAYSSAL MIQDAD"]);
    assert_eq!(
        code(mekdad, 0),
        ("SYRGOV", Some(day(2006, 1, 1)), Some(day(2020, 11, 21)))
    );
    assert_eq!(
        code(mekdad, 1),
        ("SYRGOV", Some(day(2020, 11, 22)), Some(day(2024, 9, 21)))
    );
    assert_eq!(code(mekdad, 2), ("SYRELI", Some(day(2024, 9, 22)), None));
    // Two codes on one line; `<D` means up to the day before D.
    assert_eq!(
        code(&entries[2], 0),
        ("SYRGOV", Some(day(2006, 1, 1)), Some(day(2020, 11, 21)))
    );
    assert_eq!(code(&entries[2], 1), ("SYRGOV", None, Some(day(2005, 12, 31))));
    assert_eq!(code(&entries[3], 0), ("IGOUNO", Some(day(2007, 1, 1)), None));
    // Spaced operators: `> 890604` and `19950601 - 19990815`.
    assert_eq!(code(&entries[4], 0), ("IRNGOV", Some(day(1989, 6, 4)), None));
    assert_eq!(
        code(&entries[5], 0),
        ("IRNMIL", Some(day(1995, 6, 1)), Some(day(1999, 8, 15)))
    );
    // Open start.
    assert_eq!(code(&entries[6], 0), ("USAGOV", None, Some(day(1999, 12, 31))));
    assert_eq!(entries[7].codes[0].parts().collect::<Vec<_>>(), ["ELR", "GAL"]);
    assert_eq!(entries[8].codes[0].code, "---");
    assert_eq!(entries[9].names, ["LEONID BREZHNEV", "SECRETARY BREZHNEV"]);
    assert_eq!(
        code(&entries[9], 0),
        ("SUNGOV", Some(day(1964, 10, 14)), Some(day(1982, 11, 10)))
    );
    let last = &entries[10];
    assert_eq!(last.names, ["LAST ACTOR", "LAST SYNONYM"]);
    // The first code whose dates fit wins, as in PETRARCH2.
    assert_eq!(last.code_on(day(2021, 1, 1)).unwrap().code, "LST");
}

#[test]
fn fix_end_dates_are_inclusive() {
    let (entries, _) = parse_actors("actors_features.txt", &fixture("actors_features.txt"));
    let mekdad = &entries[1];
    assert_eq!(mekdad.code_on(day(2024, 9, 21)).unwrap().code, "SYRGOV");
    assert_eq!(mekdad.code_on(day(2024, 9, 22)).unwrap().code, "SYRELI");
    assert_eq!(mekdad.code_on(day(2020, 11, 21)).unwrap().to, Some(day(2020, 11, 21)));
    assert!(mekdad.code_on(day(2005, 12, 31)).is_none());
}

#[test]
fn fix_open_ended_ranges_are_read() {
    let (entries, problems) = parse_actors("actors_features.txt", &fixture("actors_features.txt"));
    assert!(problems.is_empty());
    assert_eq!(entries[1].code_on(day(2026, 5, 1)).unwrap().code, "SYRELI");
}

#[test]
fn fix_last_record_of_a_file_is_kept() {
    let (entries, problems) = parse_actors("actors_last_record.txt", &fixture("actors_last_record.txt"));
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].names, ["FINAL ENTRY WITHOUT NEWLINE"]);
    assert_eq!(code(&entries[0], 0), ("FIN", Some(day(2020, 11, 22)), None));
}

#[test]
fn malformed_actor_lines_are_named_and_skipped() {
    use ProblemAction::*;
    let (entries, problems) = parse_actors("actors_malformed.txt", &fixture("actors_malformed.txt"));
    assert_eq!(
        located(&problems),
        [
            (2, Skipped),
            (3, Skipped),
            (4, Skipped),
            (4, Skipped),
            (5, Skipped),
            (5, Skipped),
            (6, Skipped),
            (6, Skipped),
            (7, Skipped),
            (9, Skipped),
            (9, Skipped),
            (10, Skipped),
            (10, Skipped),
            (11, Skipped),
            (11, Skipped),
            (12, Skipped),
            (13, Recovered),
            (14, Recovered),
            (16, Recovered),
        ],
        "{problems:#?}"
    );
    assert!(problems[2]
        .to_string()
        .starts_with("actors_malformed.txt:4: [SYRGOV 2020133-]: date '2020133'"));
    assert!(problems[4].message.contains("not a day of the calendar"));
    assert!(problems[6].message.contains("unclosed bracket"));
    assert!(problems[8].message.contains("'NO CODE' has no usable [CODE]"));
    assert!(problems[11].message.contains("runs into its date"));
    assert!(problems[13].message.contains("ends before it starts"));
    assert!(problems[18]
        .message
        .contains("duplicate name 'SYRIA' (first at line 15)"));
    let loaded: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.names[0].as_str(), e.codes[0].code.as_str()))
        .collect();
    assert_eq!(
        loaded,
        [
            ("STRAY TEXT", "SYRGOV"),
            ("LOWER", "SYR"),
            ("BARE DATE", "USAGOV"),
            ("SYRIA", "SYR"),
            ("SYRIA", "SYR"),
            ("GOOD AFTER ALL", "GOOD")
        ]
    );
    assert_eq!(entries[2].codes[0].from, Some(day(1982, 1, 1)));
}

#[test]
fn undecodable_bytes_and_huge_lines_do_not_derail_entries() {
    let mut text = b"GOOD_ [GOO]\nBAD_\xff\xfeNAME_ [BAD]\n".to_vec();
    text.extend(std::iter::repeat_n(b'A', 10 * 1024 * 1024));
    text.extend(b"\n+SYNONYM_OF_THE_HUGE_LINE\n\t[HUGE]\nAFTER_ [AFT]\n");
    let (entries, problems) = parse_actors("damaged.txt", &text);
    let names: Vec<&str> = entries.iter().map(|e| e.names[0].as_str()).collect();
    assert_eq!(names, ["GOOD", "BAD \u{FFFD}\u{FFFD}NAME", "AFTER"]);
    assert_eq!(
        entries[1].names.len(),
        1,
        "the huge line's synonym must not join the entry before it"
    );
    let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        messages[0].starts_with("damaged.txt:2: not valid UTF-8 at byte 5"),
        "{messages:#?}"
    );
    assert!(
        messages[1].starts_with("damaged.txt:3: line is 10485760 bytes long"),
        "{messages:#?}"
    );
    assert!(
        messages[2].starts_with("damaged.txt:4: synonym of an entry that was skipped"),
        "{messages:#?}"
    );
    assert!(
        messages[3].starts_with("damaged.txt:5: code of an entry that was skipped"),
        "{messages:#?}"
    );
    assert_eq!(messages.len(), 4);
}

#[test]
fn unclosed_xml_comment_is_reported_where_it_opens() {
    let (entries, problems) = parse_actors("c.txt", b"A_ [AAA]\n<!-- never closed\nB_ [BBB]\n");
    assert_eq!(entries.len(), 1);
    assert_eq!(located(&problems), [(2, ProblemAction::Skipped)]);
}

#[test]
fn agent_features_are_all_read() {
    let (entries, problems) = parse_agents("agents_features.txt", &fixture("agents_features.txt"));
    assert!(problems.is_empty(), "{problems:#?}");
    let minister = &entries[0];
    assert_eq!(minister.names, ["FOREIGN MINISTER", "FOREIGN MINISTERS"]);
    assert!(minister.plurals.is_empty());
    assert_eq!(
        (minister.code.as_str(), minister.placement),
        ("GOV", AgentPlacement::Suffix)
    );
    assert_eq!(
        entries[1].names,
        ["CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN", "CONGRESSWOMEN"]
    );
    assert_eq!(entries[1].code, "LEG");
    assert_eq!(entries[2].plurals, ["ATTORNEYS GENERAL"]);
    assert_eq!(entries[3].plurals, ["ARMIES"]);
    assert_eq!(entries[4].plurals, ["BOSSES"]);
    let troops = &entries[5];
    assert_eq!(
        (troops.names[0].as_str(), troops.code.as_str(), troops.placement),
        ("PEACEKEEPING TROOPS", "IGO", AgentPlacement::Prefix)
    );
    assert!(troops.plurals.is_empty());
    assert_eq!(troops.line, 9);
}

#[test]
fn malformed_agent_lines_are_named_and_skipped() {
    use ProblemAction::*;
    let (entries, problems) = parse_agents("agents_malformed.txt", &fixture("agents_malformed.txt"));
    assert_eq!(
        located(&problems),
        [
            (1, Skipped),
            (2, Skipped),
            (3, Skipped),
            (4, Skipped),
            (5, Recovered),
            (6, Skipped),
            (7, Skipped)
        ],
        "{problems:#?}"
    );
    assert!(problems[0]
        .to_string()
        .starts_with("agents_malformed.txt:1: agent has no [~CODE]"));
    assert!(problems[3].message.contains("unknown substitution set !SET!"));
    let names: Vec<&str> = entries.iter().map(|e| e.names[0].as_str()).collect();
    assert_eq!(names, ["NO TILDE", "FINE AGENT"]);
}

#[test]
fn discards_keep_their_scope() {
    let (entries, problems) = parse_discards("discards.txt", &fixture("discards.txt"));
    let got: Vec<(&str, DiscardScope)> = entries.iter().map(|e| (e.phrase.as_str(), e.scope)).collect();
    assert_eq!(
        got,
        [
            ("MONTHS LATER", DiscardScope::Sentence),
            ("WORLD GOLF CHAMPIONSHIPS", DiscardScope::Story),
            ("MANCHESTER UNITED", DiscardScope::Story),
            ("MONTHS LATER", DiscardScope::Sentence),
        ]
    );
    assert_eq!(
        located(&problems),
        [(5, ProblemAction::Skipped), (6, ProblemAction::Recovered)]
    );
}

#[test]
fn issues_expand_their_forms() {
    use ProblemAction::*;
    let (entries, problems) = parse_issues("issues.txt", &fixture("issues.txt"));
    assert_eq!(entries.len(), 6);
    assert_eq!(entries[0].forms, ["teacher", "teachers"]);
    assert_eq!(entries[0].category.as_deref(), Some("EDUCATION"));
    assert_eq!(
        entries[1].forms,
        ["pre school", "pre-school", "pre schools", "pre-schools"]
    );
    assert_eq!(entries[1].code.as_deref(), Some("EARLY_CHILDHOOD_EDUCATION"));
    assert_eq!(
        entries[2].forms,
        [
            "reform education",
            "reforms education",
            "reformed education",
            "reforming education"
        ]
    );
    assert_eq!(
        (entries[3].pattern.as_str(), entries[3].code.as_deref()),
        ("financial literacy", None)
    );
    assert_eq!(entries[5].category, None);
    assert_eq!(
        located(&problems),
        [
            (10, Skipped),
            (11, Skipped),
            (12, Skipped),
            (13, Recovered),
            (14, Skipped)
        ],
        "{problems:#?}"
    );
}

#[test]
fn verb_features_are_all_read() {
    use PatternElement::*;
    let (dict, problems) = parse_verbs("verbs_features.txt", &fixture("verbs_features.txt"));
    assert!(problems.is_empty(), "{problems:#?}");
    let sets: Vec<(&str, Vec<&str>)> = dict
        .synsets
        .iter()
        .map(|s| (s.name.as_str(), s.members.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        sets,
        [
            ("MILITARY", vec!["ARMY", "ARMED FORCES"]),
            ("TIETYPES", vec!["MILITARY", "ECONOMIC"]),
            ("WIDE", vec!["&TIETYPES", "CULTURAL"]),
        ]
    );
    assert_eq!(dict.blocks.len(), 2);
    let rush = &dict.blocks[0];
    assert_eq!((rush.name.as_str(), rush.code.code.as_deref()), ("RUSH", Some("---")));
    assert_eq!(rush.verbs[0].forms, ["RUSHES", "RUSHED", "RUSHING"]);
    assert!(!rush.verbs[0].forms_listed);
    assert_eq!(rush.verbs[1].forms, ["SPEEDING", "SPEEDS", "SPED"]);
    let ask = &rush.verbs[2];
    assert_eq!(
        (ask.text.as_str(), ask.head, ask.forms.clone()),
        ("ASK FOR", 0, vec!["ASKED FOR".to_string(), "ASKING FOR".to_string()])
    );
    assert_eq!(ask.code.as_ref().and_then(|c| c.code.as_deref()), Some("020"));
    assert_eq!((rush.verbs[3].text.as_str(), rush.verbs[3].head), ("KLM NOP RST", 2));

    let item = |element, joined| PatternItem { element, joined };
    let word = |w: &str| item(Word(w.to_string()), false);
    let p = &rush.patterns;
    assert_eq!(p.len(), 6);
    assert_eq!(
        p[0].items,
        [
            item(Verb, false),
            item(
                PrepPhrase(vec![item(AnyOf(vec!["TO".into(), "FOR".into()]), false)]),
                false
            )
        ]
    );
    assert_eq!(
        (p[0].code.code.as_deref(), p[0].code.paired.as_deref()),
        (Some("042"), Some("043"))
    );
    assert_eq!(p[1].items, [item(Synset("MILITARY".into()), false), item(Verb, false)]);
    assert_eq!(
        p[2].items,
        [
            item(Source, false),
            item(Verb, false),
            word("AID"),
            item(PrepPhrase(vec![word("TO"), item(Target, false)]), false)
        ]
    );
    assert_eq!(
        p[3].items,
        [
            item(Compound, false),
            item(Verb, false),
            item(NounPhrase(vec![word("ARMS"), word("SHIPMENT")]), false)
        ]
    );
    assert_eq!(
        p[4].items,
        [
            item(Verb, false),
            item(PrepPhrase(vec![word("FROM"), item(Skip, false)]), false),
            item(Target, false)
        ]
    );
    assert_eq!(
        (p[4].code.code.as_deref(), p[4].code.paired.as_deref()),
        (None, Some("173"))
    );
    // `_` joins; `&TIETYPES_RELATIONS` splits at the defined set name.
    assert_eq!(
        p[5].items,
        [
            word("IN"),
            item(Verb, true),
            word("NEW"),
            item(Synset("TIETYPES".into()), true),
            item(Word("RELATIONS".into()), true)
        ]
    );
    assert_eq!(p[5].verb_index(), Some(1));
    assert_eq!(dict.blocks[1].verbs[1].forms, ["DENIES", "DENIED", "DENYING"]);
    let t = &dict.transformations;
    assert_eq!(t.len(), 2);
    assert_eq!(
        (
            t[0].pattern.as_str(),
            t[0].source.as_str(),
            t[0].target.as_str(),
            t[0].code.as_str()
        ),
        ("a (a b ATTACK) SAY", "a", "b", "015")
    );
}

#[test]
fn malformed_verb_lines_are_named_and_skipped() {
    use ProblemAction::*;
    let (dict, problems) = parse_verbs("verbs_malformed.txt", &fixture("verbs_malformed.txt"));
    assert_eq!(
        located(&problems),
        [
            (1, Skipped),
            (2, Skipped),
            (3, Skipped),
            (4, Skipped),
            (5, Skipped),
            (6, Skipped),
            (7, Recovered),
            (8, Recovered),
            (9, Recovered),
            (10, Skipped),
            (11, Recovered),
            (12, Skipped),
            (13, Skipped),
            (14, Skipped),
            (15, Skipped),
            (16, Skipped),
            (17, Recovered),
            (19, Skipped),
            (20, Skipped),
            (18, Recovered),
        ],
        "{problems:#?}"
    );
    assert!(problems[19]
        .to_string()
        .starts_with("verbs_malformed.txt:18: pattern uses unknown synonym set &WEATHER"));
    let blocks: Vec<(&str, Option<&str>, usize, usize)> = dict
        .blocks
        .iter()
        .map(|b| (b.name.as_str(), b.code.code.as_deref(), b.verbs.len(), b.patterns.len()))
        .collect();
    assert_eq!(
        blocks,
        [
            ("DELAY", Some("120"), 0, 0),
            ("DISGRACE", Some("110"), 2, 2),
            ("FINE", Some("010"), 1, 1)
        ]
    );
    let determined = &dict.blocks[1].verbs[1];
    assert_eq!((determined.text.as_str(), determined.head), ("IS DETERMINED", 0));
    assert_eq!(determined.forms, ["WAS DETERMINED", "BE DETERMINED"]);
}

#[test]
fn empty_and_comment_only_files_load_nothing_and_complain_about_nothing() {
    for text in [&b""[..], b"# only a comment\n", b"\n\n   \n", b"<!-- x -->\n"] {
        assert_eq!(parse_actors("e.txt", text), (vec![], vec![]));
        assert_eq!(parse_agents("e.txt", text), (vec![], vec![]));
        assert_eq!(parse_discards("e.txt", text), (vec![], vec![]));
        assert_eq!(parse_issues("e.txt", text), (vec![], vec![]));
        assert_eq!(parse_verbs("e.txt", text), (VerbDictionary::default(), vec![]));
    }
}

#[test]
fn a_missing_file_is_an_io_error_naming_the_path() {
    let err = load_actors(std::path::Path::new("/nonexistent/x.actors.txt")).unwrap_err();
    assert!(err.to_string().starts_with("/nonexistent/x.actors.txt:"));
}
