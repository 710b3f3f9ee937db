//! CoNLL-U reading and writing: spans, multiword tokens, empty nodes, round trip, errors.

use dyad_parse::conllu::{read_conllu, read_conllu_sentences, write_sentence};
use dyad_parse::ParseError;

const SAMPLE: &str = include_str!("data/sample.conllu");

#[test]
fn reads_words_with_spans_into_the_text() {
    let sentences = read_conllu_sentences(SAMPLE.as_bytes()).unwrap();
    assert_eq!(sentences.len(), 3);
    for s in &sentences {
        for t in &s.parsed.tokens {
            let surface = t.span.slice(&s.text).unwrap();
            assert!(surface == t.form || surface.contains(&t.form[..1]), "{surface:?} vs {:?}", t.form);
        }
    }
    let second = &sentences[1];
    assert_eq!(second.id, "sample-2");
    assert_eq!(second.parsed.tokens.len(), 8, "the empty node 5.1 is skipped");
    // Words of the multiword token "don't" share its span.
    assert_eq!(second.parsed.tokens[1].span, second.parsed.tokens[2].span);
    assert_eq!(second.parsed.tokens[1].span.slice(&second.text), Some("don't"));
    assert_eq!(second.parsed.root(), Some(3));
    // Without `# text`, the text is rebuilt from the forms and SpaceAfter.
    assert_eq!(sentences[2].text, "No!");
    assert_eq!(sentences[2].id, "sample-3");
    let unnamed = read_conllu_sentences("1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n".as_bytes()).unwrap();
    assert_eq!(unnamed[0].id, "1", "position in the file when there is no sent_id");
}

#[test]
fn round_trip_keeps_everything_we_read() {
    let first = read_conllu_sentences(SAMPLE.as_bytes()).unwrap();
    let mut out = Vec::new();
    for s in &first {
        write_sentence(&mut out, &s.parsed, &s.id, &s.text).unwrap();
    }
    let written = String::from_utf8(out).unwrap();
    assert!(written.contains("2-3\tdon't\t"), "{written}");
    let second = read_conllu_sentences(written.as_bytes()).unwrap();
    assert_eq!(first, second);
    assert_eq!(read_conllu(written.as_bytes()).unwrap().len(), 3);
}

#[test]
fn errors_name_the_line() {
    let bad = "# text = a b\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\n";
    match read_conllu(bad.as_bytes()) {
        Err(ParseError::Conllu { line, message }) => {
            assert_eq!(line, 3);
            assert!(message.contains("10"), "{message}");
        }
        other => panic!("expected a line error, got {other:?}"),
    }
    let bad_head = "1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n\n";
    assert!(matches!(read_conllu(bad_head.as_bytes()), Err(ParseError::Conllu { line: 1, .. })));
    let out_of_order = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
    assert!(matches!(read_conllu(out_of_order.as_bytes()), Err(ParseError::Conllu { line: 2, .. })));
}
