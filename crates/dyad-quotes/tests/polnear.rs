//! The brat reader on the real PolNeAR development set: every file reads, every span lies
//! on character boundaries of its text, and the span texts brat stored match the text.

use std::collections::BTreeMap;

#[test]
fn dev_annotations_read() {
    let dir = dyad_testkit::require_shared!("data/dev/polnear/data/dev");
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("attributions")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        files.insert(name, std::fs::read_to_string(&path).unwrap());
    }
    assert!(files.len() >= 80, "dev has {} annotation files", files.len());
    let (mut attributions, mut with_source) = (0, 0);
    for (name, ann) in &files {
        // `<article>_<annotator>.ann` annotates `text/<article>.txt`.
        let article = name.trim_end_matches(".ann").rsplit_once('_').unwrap().0;
        let text = std::fs::read_to_string(dir.join("text").join(format!("{article}.txt"))).unwrap();
        let found = dyad_quotes::eval::read_brat(name, ann, &text).unwrap_or_else(|e| panic!("{e}"));
        for a in &found {
            for span in a.content.iter().chain(&a.source).chain(&a.cue) {
                assert!(span.slice(&text).is_some(), "{name} {}: span off char boundaries", a.id);
            }
        }
        attributions += found.len();
        with_source += found.iter().filter(|a| !a.source.is_empty()).count();
    }
    // PolNeAR dev: a few thousand attributions, most with a source.
    assert!(attributions > 2000, "{attributions} attributions");
    assert!(
        with_source * 10 > attributions * 8,
        "{with_source} of {attributions} with a source"
    );
}
