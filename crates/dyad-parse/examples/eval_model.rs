//! Experiment driver: load a model file, time loading and dev evaluation.
use std::time::Instant;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let t = Instant::now();
    let model = dyad_parse::Model::from_bytes(&bytes).unwrap();
    eprintln!("load {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let dev = dyad_parse::read_conllu_file(std::path::Path::new(&a[2])).unwrap();
    if a.get(4).is_some() {
        let mut errs: std::collections::HashMap<String, usize> = Default::default();
        for s in &dev {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
            for (g, p) in s.tokens.iter().zip(model.parse_words(&words)) {
                if g.upos != p.upos {
                    *errs.entry(format!("UPOS {} -> {}", g.upos, p.upos)).or_default() += 1;
                    *errs.entry(format!("W {} {} -> {}", g.form, g.upos, p.upos)).or_default() += 1;
                }
                if g.lemma != p.lemma {
                    *errs.entry(format!("{} {}/{} gold={} pred={} tag_ok={}", g.form, g.upos, g.xpos, g.lemma, p.lemma, g.xpos == p.xpos)).or_default() += 1;
                }
            }
        }
        let mut v: Vec<_> = errs.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        for (e, n) in v.iter().take(40) { eprintln!("{n} {e}"); }
    }
    for _ in 0..a.get(3).map_or(1, |r| r.parse().unwrap()) {
        let t = Instant::now();
        let s = dyad_parse::evaluate(&model, &dev);
        let secs = t.elapsed().as_secs_f64();
        eprintln!("{:?} {:.0} tok/s", s, s.words as f64 / secs);
    }
}
