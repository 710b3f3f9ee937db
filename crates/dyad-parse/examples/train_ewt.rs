//! Experiment driver: train with settings from the command line, print dev scores.
use std::path::Path;
use std::time::Instant;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let dir = Path::new("/work/shared/data/ud-english-ewt");
    let config = dyad_parse::TrainConfig {
        tagger_epochs: a[1].parse().unwrap(),
        parser_epochs: a[2].parse().unwrap(),
        jackknife: a[3].parse().unwrap(),
        min_updates: a[5].parse().unwrap(),
        ..Default::default()
    };
    let t = Instant::now();
    let model = dyad_parse::train(dir, &config).unwrap();
    eprintln!("trained in {:.1}s", t.elapsed().as_secs_f64());
    let bytes = model.to_bytes();
    std::fs::write(&a[4], &bytes).unwrap();
    let t = Instant::now();
    let model = dyad_parse::Model::from_bytes(&bytes).unwrap();
    eprintln!("size {} bytes, load {:.1} ms, mem {} MB", bytes.len(), t.elapsed().as_secs_f64() * 1e3, model.memory_bytes() >> 20);
    let dev = dyad_parse::read_conllu_file(&dir.join("en_ewt-ud-dev.conllu")).unwrap();
    let t = Instant::now();
    let s = dyad_parse::evaluate(&model, &dev);
    eprintln!("dev {:?} in {:.2}s", s, t.elapsed().as_secs_f64());
}
