//! Hostile but real-looking input must code without panics or blow-ups, with every span exact.

use dyad_core::record::Record;
use dyad_pipeline::{Config, Pipeline};

fn code(text: &str) -> Vec<Record> {
    let pipeline = Pipeline::new(Config::default()).expect("pipeline builds");
    let doc = dyad_ingest::document_from_text("hostile", text);
    let records = pipeline.code(&doc).records;
    for record in &records {
        let (span, surface) = match record {
            Record::Mention(m) => (m.span, &m.text),
            Record::Event(e) => (e.span, &e.text),
            Record::Quote(q) => (q.span, &q.text),
            Record::Document(_) => continue,
        };
        assert_eq!(&text[span.start..span.end], surface.as_str());
    }
    records
}

#[test]
fn a_500_word_sentence() {
    let text = format!(
        "Iran said {} and Syria agreed.",
        vec!["the talks continued"; 170].join(" and ")
    );
    assert!(text.split_whitespace().count() > 500);
    let records = code(&text);
    assert!(matches!(records[0], Record::Document(_)));
}

#[test]
fn forty_named_actors_in_one_sentence() {
    let countries = ["Iran", "Syria", "Turkey", "Iraq", "Egypt", "Jordan", "Lebanon", "Qatar"];
    let actors: Vec<&str> = countries.iter().cycle().take(40).copied().collect();
    let text = format!("{} met in Geneva on Monday.", actors.join(", "));
    let records = code(&text);
    let mentions = records.iter().filter(|r| matches!(r, Record::Mention(_))).count();
    assert!(mentions >= 30, "most of the forty actors are found ({mentions})");
}

#[test]
fn unbalanced_quotes_across_a_document() {
    let paragraph = "\u{201c}Syria will prevail, the minister said in Damascus. Iran condemned the attack.\n\n";
    let text = paragraph.repeat(200);
    code(&text);
}

#[test]
fn impossible_dates_get_no_date() {
    let pipeline = Pipeline::new(Config::default()).unwrap();
    let mut doc = dyad_ingest::document_from_text("d", "Iran condemned Israel on 31 February 2023.");
    doc.published = chrono::NaiveDate::from_ymd_opt(2023, 3, 5);
    let events: Vec<_> = pipeline
        .code(&doc)
        .records
        .into_iter()
        .filter_map(|r| match r {
            Record::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert!(!events.is_empty(), "the condemnation is coded");
    assert!(events.iter().all(|e| e.date.is_none()), "31 February is no date");
}
