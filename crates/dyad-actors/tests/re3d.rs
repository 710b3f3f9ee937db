//! re3d (Dstl's defence and security gold set): our Person and Organisation mentions scored
//! against its entities by span overlap, the same way `dyad eval entities` does. Asserts the
//! measured precision and recall, less a small margin, so a regression fails. Measured with
//! the built-in parser model of 2026-11-24: Person P 0.888 R 0.834, Organisation P 0.876
//! R 0.461. First-person pronouns ("I", "me", "my"), unlinked he/she, descriptions headed by a
//! person noun ("a local physician") and titles without a name count as Person; "we", "they"
//! and countries' bodies ("the Syrian regime") as Organisation, as re3d annotates them.

use dyad_actors::eval::{self, EntityKind, Score};
use dyad_actors::{ActorResolver, KnowledgeBase, ResolverConfig};

#[test]
fn re3d_person_and_organisation() {
    let root = dyad_testkit::require_shared!("data/dev/re3d");
    // The built-in model is committed with the code: not loading it is a failure, not a skip.
    let model = dyad_parse::Model::builtin().expect("the built-in parser model loads");
    let kb = KnowledgeBase::builtin();
    let resolver = ActorResolver::new(kb, ResolverConfig::default());
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("documents.json").is_file())
        .collect();
    dirs.sort();
    let mut total = Score::default();
    let verbose = std::env::var("DYAD_VERBOSE").is_ok();
    for dir in dirs {
        let docs = eval::read_documents(&std::fs::read_to_string(dir.join("documents.json")).unwrap()).unwrap();
        let gold = eval::read_entities(&std::fs::read_to_string(dir.join("entities.json")).unwrap(), &docs).unwrap();
        for d in &docs {
            let doc = dyad_core::Document {
                id: d.id.clone(),
                text: d.text.clone(),
                ..Default::default()
            };
            let sentences = dyad_text::segment(&doc.text, &doc.body_regions());
            let parsed: Vec<_> = sentences
                .iter()
                .enumerate()
                .map(|(i, s)| model.parse(&doc.text, s, i))
                .collect();
            let mentions = resolver.resolve_document(&doc, &parsed, None);
            let kinds = eval::mention_kinds(kb, &mentions, false);
            let predicted: Vec<_> = mentions
                .iter()
                .zip(&kinds)
                .filter_map(|(m, k)| k.map(|k| (k, m.span)))
                .collect();
            let doc_gold: Vec<_> = gold.iter().filter(|g| g.doc == d.id).collect();
            let pairs: Vec<_> = doc_gold.iter().map(|g| (g.kind, g.span)).collect();
            let s = eval::score(&pairs, &predicted);
            if verbose {
                for &i in &s.missed {
                    eprintln!("- {} {:?}", doc_gold[i].kind.as_str(), doc_gold[i].value);
                }
                for &i in &s.spurious {
                    eprintln!(
                        "+ {} {:?}",
                        predicted[i].0.as_str(),
                        &d.text[predicted[i].1.start..predicted[i].1.end]
                    );
                }
            }
            total.person.add(&s.person);
            total.organisation.add(&s.organisation);
        }
    }
    for kind in [EntityKind::Person, EntityKind::Organisation] {
        let c = total.counts(kind);
        eprintln!(
            "re3d {}: gold {} ours {} P {:.3} R {:.3}",
            kind.as_str(),
            c.gold,
            c.predicted,
            c.precision(),
            c.recall()
        );
    }
    assert!(
        total.person.gold > 400,
        "re3d Person entities read: {}",
        total.person.gold
    );
    assert!(
        total.person.recall() >= 0.80,
        "Person recall {:.3}",
        total.person.recall()
    );
    assert!(
        total.person.precision() >= 0.85,
        "Person precision {:.3}",
        total.person.precision()
    );
    assert!(
        total.organisation.recall() >= 0.38,
        "Organisation recall {:.3}",
        total.organisation.recall()
    );
    assert!(
        total.organisation.precision() >= 0.82,
        "Organisation precision {:.3}",
        total.organisation.precision()
    );
}
