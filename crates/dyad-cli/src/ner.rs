//! `dyad train-ner` and `dyad eval ner`: the named-entity tagger's commands, and the
//! gazetteer it takes from the actor knowledge base.
//!
//! The gazetteer is built here rather than in dyad-ner so that dyad-ner does not depend on
//! dyad-actors (the actor resolver is the tagger's user, so the dependency points the other
//! way). The model file keeps the gazetteer's lookup tables, not its names, so names read
//! from dictionaries under ../shared (PETRARCH2's Phoenix actor files) never enter the repo.

use anyhow::Context;
use clap::Args;
use dyad_actors::KnowledgeBase;
use dyad_dictionaries::ActorEntry;
use dyad_ner::{CaseStats, Gazetteer, GazetteerKind, Ner, NerScores, TrainConfig};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct TrainNerArgs {
    /// A Universal NER folder holding `*-train.iob2` (and `*-dev.iob2` for the report).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub output: PathBuf,
    /// Passes over the training data.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Seed for the sentence order: same seed, same model.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Drop features updated fewer times than this during training.
    #[arg(long)]
    pub min_updates: Option<u32>,
    /// Also learn every N-th training sentence with a name in lower case (0: none).
    #[arg(long)]
    pub lowercase_every: Option<usize>,
    /// Independent training runs whose weights are averaged.
    #[arg(long)]
    pub runs: Option<usize>,
    /// Probability of hiding a word's identity features at a training occurrence.
    #[arg(long)]
    pub word_dropout: Option<f64>,
    /// Train without the knowledge-base gazetteer (to measure what it adds).
    #[arg(long)]
    pub no_gazetteer: bool,
    /// The PETRARCH2 dictionary folder whose Phoenix actor dictionaries'
    /// (`Phoenix.*.actors.txt`) names join the gazetteer, as a case-folded channel of their
    /// own (default: ../shared/data/petrarch2/dictionaries; when that default is missing,
    /// training goes on without them and says so).
    #[arg(long, conflicts_with = "no_phoenix")]
    pub phoenix: Option<PathBuf>,
    /// Train without the Phoenix dictionaries' names (to measure what they add).
    #[arg(long)]
    pub no_phoenix: bool,
    /// Use the part-of-speech tagger's XPOS tags (of the word and its neighbours) as
    /// features; training tags come from taggers that did not see the sentence (jackknifed
    /// over the UD EWT treebank, whose training sentences are UNER EWT's).
    #[arg(long)]
    pub pos_tags: bool,
    /// The UD English EWT folder for --pos-tags (default: ../shared/data/ud-english-ewt).
    #[arg(long)]
    pub treebank: Option<PathBuf>,
    /// Folds for the jackknifed training tags of --pos-tags.
    #[arg(long, default_value_t = 4)]
    pub tag_folds: usize,
    /// Train without the parser model's word clusters as features.
    #[arg(long)]
    pub no_clusters: bool,
    /// Raw text whose capitalisation of each word (past sentence starts) becomes features
    /// (files or folders of `.txt`, `.tsv`, `.conll`). Default: the parser's cluster text
    /// (PolNeAr train, ConfliBERT CAMEO, wikigold).
    #[arg(long, conflicts_with = "no_case_stats")]
    pub raw_text: Vec<PathBuf>,
    /// Train without raw-text capitalisation features (to measure what they add).
    #[arg(long)]
    pub no_case_stats: bool,
    /// Folds for the document pass's first-pass tags of the training text (0: no document pass).
    #[arg(long)]
    pub document_folds: Option<usize>,
    /// Let a sentence's own first-pass tags count in its document features.
    #[arg(long)]
    pub document_include_own: bool,
    /// Extra training text in CoNLL-2003 format with IOB1 tags (MISC read as OTH), e.g.
    /// wikigold; may be repeated.
    #[arg(long)]
    pub extra: Vec<PathBuf>,
    /// Cost-augmented training: margin added to every non-gold tag while training decodes
    /// (in weight-update units; 0: plain perceptron).
    #[arg(long)]
    pub cost: Option<i32>,
    /// Cost of tagging O where the gold tag is a name's (0: --cost).
    #[arg(long)]
    pub miss_cost: Option<i32>,
    /// Give --extra text's features copies of their own that only training uses
    /// (domain adaptation, Daumé 2007).
    #[arg(long, requires = "extra")]
    pub extra_domain: bool,
}

#[derive(Args)]
pub struct EvalNerArgs {
    /// Gold IOB2 file (default: the Universal NER English EWT dev file under ../shared).
    pub file: Option<PathBuf>,
    /// A model file from `dyad train-ner` instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Also print every missed and spurious entity with its sentence.
    #[arg(long)]
    pub errors: bool,
    /// Tag each name only where its sentence's tagging found it, without giving it to the
    /// document's other mentions of the same words (to measure what that adds).
    #[arg(long)]
    pub no_propagation: bool,
    /// The file is CoNLL-2003 text with IOB1 tags (MISC read as OTH), e.g. wikigold.
    #[arg(long)]
    pub conll: bool,
}

/// dyad's own name lists as gazetteer entries: the knowledge base's people (and the
/// capitalised words of their names), organisations, countries with their capitals, and
/// demonyms, plus the event coder's place gazetteer (news cities and regions).
pub(crate) fn kb_gazetteer(kb: &KnowledgeBase) -> Gazetteer {
    let mut names: Vec<(String, GazetteerKind)> = Vec::new();
    for p in &kb.people {
        for name in std::iter::once(&p.name).chain(&p.aliases) {
            names.push((name.clone(), GazetteerKind::Person));
            for part in name.split_whitespace() {
                if part.chars().count() > 2 && part.chars().next().is_some_and(char::is_uppercase) {
                    names.push((part.to_string(), GazetteerKind::PersonPart));
                }
            }
        }
    }
    for o in &kb.orgs {
        names.extend(
            std::iter::once(&o.name)
                .chain(&o.aliases)
                .map(|n| (n.clone(), GazetteerKind::Organisation)),
        );
    }
    if let Ok(places) = dyad_events::Gazetteer::builtin() {
        names.extend(
            places
                .places()
                .iter()
                .map(|p| (p.name.clone(), GazetteerKind::Location)),
        );
    }
    for c in &kb.countries {
        let places = std::iter::once(&c.name).chain(&c.aliases).chain(&c.capitals);
        names.extend(places.map(|n| (n.clone(), GazetteerKind::Location)));
        names.extend(
            c.adjectives
                .iter()
                .chain(&c.people)
                .map(|n| (n.clone(), GazetteerKind::Demonym)),
        );
    }
    Gazetteer::new(names)
}

/// CAMEO codes of transnational actors, which start the codes of international
/// organisations, NGOs, companies and armed groups (`IGOUNO`, `NGOHRI`, `MNCUSA`, `IMGMUSALQ`).
const TRANSNATIONAL_TYPES: &[&str] = &["IGO", "NGO", "MNC", "IMG"];

/// What kind of name a Phoenix actor entry is, read from its codes: dated codes are a
/// person's roles (leaders, ministers: the `# CountryInfo.txt` blocks and the IGO rulers);
/// codes that are all places (a bare country code, or a country and a territory or region
/// code: `USAPRI`, `PSEGZA`) make a place; codes that are all a country and a sector
/// (`AFGMIL`, `GRCREB`) or start with a transnational type (`IGOUNO`, `MNC`, `IMGMUSALQ`)
/// make an organisation. Anything else (a bare sector or religion code, a region) says too
/// little and is left out.
fn phoenix_kind(entry: &ActorEntry, countries: &HashSet<&str>) -> Option<GazetteerKind> {
    if entry.codes.is_empty() {
        return None;
    }
    if entry.codes.iter().any(|c| c.from.is_some() || c.to.is_some()) {
        return Some(GazetteerKind::Person);
    }
    let codes: Vec<&str> = entry.codes.iter().flat_map(|c| c.parts()).collect();
    let place = |code: &&str| {
        let (head, rest) = split_code(code);
        countries.contains(head) && !dyad_actors::SECTORS.contains(&rest)
    };
    let organisation = |code: &&str| {
        let (head, rest) = split_code(code);
        TRANSNATIONAL_TYPES.contains(&head) || countries.contains(head) && dyad_actors::SECTORS.contains(&rest)
    };
    if codes.iter().all(place) {
        Some(GazetteerKind::Location)
    } else if codes.iter().all(organisation) {
        Some(GazetteerKind::Organisation)
    } else {
        None
    }
}

/// A CAMEO code's first three letters (a country or a type) and the three after them.
fn split_code(code: &str) -> (&str, &str) {
    (code.get(..3).unwrap_or(code), code.get(3..6).unwrap_or(""))
}

/// The names of the `Phoenix.*.actors.txt` files in `dir`, each with its kind (see
/// [`phoenix_kind`]), and the words of people's names as [`GazetteerKind::PersonPart`]. Names the knowledge base knows as demonyms are left out: the country
/// entries list "AFGHAN" beside "AFGHANISTAN", and Universal NER does not tag demonyms.
fn phoenix_names(dir: &Path, kb: &KnowledgeBase) -> anyhow::Result<Vec<(String, GazetteerKind)>> {
    let is_actors = |name: &str| name.starts_with("Phoenix.") && name.ends_with(".actors.txt");
    let dictionaries = dyad_dictionaries::load_dir_filtered(dir, is_actors)
        .with_context(|| format!("{}: cannot read the Phoenix dictionaries", dir.display()))?;
    if dictionaries.actors.is_empty() {
        anyhow::bail!("{}: no Phoenix.*.actors.txt files", dir.display());
    }
    let countries: HashSet<&str> = kb.countries.iter().map(|c| c.code.as_str()).collect();
    let demonyms: HashSet<String> = kb
        .countries
        .iter()
        .flat_map(|c| c.adjectives.iter().chain(&c.people))
        .map(|d| d.to_lowercase())
        .collect();
    let mut names = Vec::new();
    for entry in dictionaries.all_actors() {
        let Some(kind) = phoenix_kind(entry, &countries) else {
            continue;
        };
        names.extend(
            entry
                .names
                .iter()
                .filter(|n| !demonyms.contains(&n.to_lowercase()))
                .map(|n| (n.clone(), kind)),
        );
        if kind == GazetteerKind::Person {
            // As for the knowledge base's people: a surname alone is how people are often
            // named. Titles in the names ("PRESIDENT") are ordinary lower-case words in the
            // training text, which the gazetteer never matches alone.
            for name in &entry.names {
                let parts = name.split_whitespace().filter(|p| p.chars().count() > 2);
                names.extend(parts.map(|p| (p.to_string(), GazetteerKind::PersonPart)));
            }
        }
    }
    Ok(names)
}

/// The Phoenix dictionary folder to read, if any: `--phoenix DIR` (an error naming it when
/// it is not there), else the shared default when it is there (a notice when it is not:
/// the rest of training needs nothing from ../shared but the training data).
fn phoenix_dir(args: &TrainNerArgs) -> anyhow::Result<Option<PathBuf>> {
    if args.no_phoenix {
        return Ok(None);
    }
    if let Some(dir) = &args.phoenix {
        if !dir.is_dir() {
            anyhow::bail!("--phoenix {}: no such folder", dir.display());
        }
        return Ok(Some(dir.clone()));
    }
    let dir = crate::parse::shared_dir().join("data/petrarch2/dictionaries");
    if dir.is_dir() {
        Ok(Some(dir))
    } else {
        eprintln!(
            "note: {} not found: training without the Phoenix dictionaries' names (the committed model has them)",
            dir.display()
        );
        Ok(None)
    }
}

/// Each training sentence's jackknifed XPOS tags (see [`dyad_parse::Model::jackknifed_tags`]),
/// found by its words among the treebank's training sentences; an empty list for a sentence
/// the treebank does not have (the trainer tags it with the built-in tagger).
fn jackknifed_xpos(
    train: &[dyad_ner::Iob2Sentence],
    treebank: &Path,
    folds: usize,
    seed: u64,
) -> anyhow::Result<Vec<Vec<String>>> {
    let path = dyad_parse::treebank_file(treebank, "train")?;
    let sentences = dyad_parse::read_conllu_file(&path)?;
    let model = dyad_parse::Model::builtin()?;
    let started = Instant::now();
    let tags = model.jackknifed_tags(&sentences, folds, seed);
    let mut by_words: std::collections::HashMap<Vec<&str>, usize> = std::collections::HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        by_words
            .entry(s.tokens.iter().map(|t| t.form.as_str()).collect())
            .or_insert(i);
    }
    let mut missing = 0;
    let xpos: Vec<Vec<String>> = train
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            match by_words.get(&words) {
                Some(&i) => tags[i].iter().map(|(_, x)| x.clone()).collect(),
                None => {
                    missing += 1;
                    Vec::new()
                }
            }
        })
        .collect();
    eprintln!(
        "part-of-speech tags: {} treebank sentences tagged by {folds} jackknifed taggers in {:.1} s; {missing} training sentences not in the treebank are tagged by the built-in tagger",
        sentences.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(xpos)
}

fn default_dir() -> PathBuf {
    crate::parse::shared_dir().join("data/dev/uner-ewt")
}

fn read(path: &Path) -> anyhow::Result<dyad_ner::Iob2File> {
    let file = dyad_ner::read_iob2_file(path)?;
    if file.sentences.is_empty() {
        anyhow::bail!("{}: no sentences", path.display());
    }
    Ok(file)
}

/// Reads a CoNLL-2003 file with IOB1 tags (see [`dyad_ner::read_conll_iob1`]).
fn read_conll(path: &Path) -> anyhow::Result<dyad_ner::Iob2File> {
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    dyad_ner::read_conll_iob1(std::io::BufReader::new(file)).with_context(|| format!("reading {}", path.display()))
}

pub fn run_train(args: &TrainNerArgs) -> anyhow::Result<ExitCode> {
    let dir = args.data.clone().unwrap_or_else(default_dir);
    let defaults = TrainConfig::default();
    let config = TrainConfig {
        epochs: args.epochs.unwrap_or(defaults.epochs),
        seed: args.seed.unwrap_or(defaults.seed),
        min_updates: args.min_updates.unwrap_or(defaults.min_updates),
        word_dropout: args.word_dropout.unwrap_or(defaults.word_dropout),
        runs: args.runs.unwrap_or(defaults.runs),
        lowercase_every: args.lowercase_every.unwrap_or(defaults.lowercase_every),
        clusters: !args.no_clusters,
        document_folds: args.document_folds.unwrap_or(defaults.document_folds),
        document_include_own: args.document_include_own || defaults.document_include_own,
        cost: args.cost.unwrap_or(defaults.cost),
        miss_cost: args.miss_cost.unwrap_or(defaults.miss_cost),
        ..defaults
    };
    let train_path = dyad_ner::iob2_file(&dir, "train")?;
    let mut train = read(&train_path)?;
    let config = TrainConfig {
        other_domain_from: args.extra_domain.then_some(train.sentences.len()),
        ..config
    };
    for path in &args.extra {
        let extra = read_conll(path)?;
        eprintln!("adding {} sentences from {}", extra.sentences.len(), path.display());
        train.sentences.extend(extra.sentences);
    }
    let words: usize = train.sentences.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training on {} ({} sentences, {words} words) with {config:?}",
        train_path.display(),
        train.sentences.len()
    );
    for (label, n) in &train.relabelled {
        eprintln!("  read {n} {label} tags as O (not PER/ORG/LOC)");
    }
    let mut gazetteer = if args.no_gazetteer {
        Gazetteer::default()
    } else {
        kb_gazetteer(KnowledgeBase::builtin())
    };
    eprintln!(
        "gazetteer: {} names from the knowledge base and the place gazetteer",
        gazetteer.len()
    );
    if let Some(dir) = phoenix_dir(args)? {
        let names = phoenix_names(&dir, KnowledgeBase::builtin())?;
        for kind in [
            GazetteerKind::Person,
            GazetteerKind::PersonPart,
            GazetteerKind::Organisation,
            GazetteerKind::Location,
        ] {
            let n = names.iter().filter(|(_, k)| *k == kind).count();
            eprintln!("  + {n} {kind:?} names from {}", dir.display());
        }
        gazetteer.add_caseless(names);
    }
    let started = Instant::now();
    let xpos = if args.pos_tags {
        let treebank = args
            .treebank
            .clone()
            .unwrap_or_else(|| crate::parse::shared_dir().join("data/ud-english-ewt"));
        Some(jackknifed_xpos(
            &train.sentences,
            &treebank,
            args.tag_folds,
            config.seed,
        )?)
    } else {
        None
    };
    let casing = if args.no_case_stats {
        CaseStats::default()
    } else {
        let paths = if args.raw_text.is_empty() {
            crate::parse::default_raw_text()
        } else {
            args.raw_text.clone()
        };
        let raw = dyad_parse::read_raw_text(&paths)?;
        let stats = CaseStats::count(&raw);
        eprintln!(
            "case statistics: {} words from {} raw sentences",
            stats.len(),
            raw.len()
        );
        stats
    };
    let ner = dyad_ner::train_tagged(&train.sentences, xpos.as_deref(), gazetteer, casing, &config)?;
    let bytes = ner.to_bytes();
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.output, &bytes).with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "trained in {:.1} s; wrote {} ({:.2} MB)",
        started.elapsed().as_secs_f64(),
        args.output.display(),
        bytes.len() as f64 / 1e6
    );
    if let Ok(dev) = dyad_ner::iob2_file(&dir, "dev") {
        let gold = read(&dev)?;
        print_scores(&dev, &dyad_ner::evaluate(&ner, &gold.sentences));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_scores(path: &Path, s: &NerScores) {
    println!(
        "{}: {} sentences, {} words; entity-level (exact span and type)",
        path.display(),
        s.sentences,
        s.words
    );
    println!(
        "{:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "type", "gold", "found", "right", "P", "R", "F1"
    );
    let kinds = dyad_ner::EntityKind::ALL
        .iter()
        .map(|k| k.label())
        .zip(s.by_kind.iter());
    for (label, c) in kinds.chain(std::iter::once(("overall", &s.overall))) {
        println!(
            "{label:<8} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
            c.gold,
            c.predicted,
            c.correct,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
}

pub fn run_eval(args: &EvalNerArgs) -> anyhow::Result<ExitCode> {
    let mut ner: Ner = match &args.model {
        None => Ner::builtin_copy()?,
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            Ner::from_bytes(&bytes).with_context(|| format!("loading {}", path.display()))?
        }
    };
    ner.set_propagation(!args.no_propagation);
    let ner = &ner;
    let path = match &args.file {
        Some(p) => p.clone(),
        None => dyad_ner::iob2_file(&default_dir(), "dev")?,
    };
    let gold = if args.conll { read_conll(&path)? } else { read(&path)? };
    if args.errors {
        print_errors(ner, &gold.sentences);
    }
    let started = Instant::now();
    let scores = dyad_ner::evaluate(ner, &gold.sentences);
    let seconds = started.elapsed().as_secs_f64();
    print_scores(&path, &scores);
    println!(
        "tagged {} documents in {seconds:.2} s ({:.0} words/s, one core)",
        dyad_ner::documents(&gold.sentences).len(),
        scores.words as f64 / seconds.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}

/// Missed (`-`) and spurious (`+`) entities, one sentence at a time; a missed name the
/// tagger found as an OTH name (which it never reports) is marked, and counted at the end.
fn print_errors(ner: &Ner, gold: &[dyad_ner::Iob2Sentence]) {
    let (mut as_other, mut in_other) = (0, 0);
    for (s, (found, others)) in gold.iter().zip(dyad_ner::tag_gold_with_others(ner, gold)) {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let missed: Vec<_> = s.entities.iter().filter(|e| !found.contains(e)).collect();
        let spurious: Vec<_> = found.iter().filter(|e| !s.entities.contains(e)).collect();
        if missed.is_empty() && spurious.is_empty() {
            continue;
        }
        println!("# {}: {}", s.id, words.join(" "));
        for e in missed {
            let note = if others.contains(&(e.start, e.end)) {
                as_other += 1;
                " (found as OTH)"
            } else if others.iter().any(|&(a, b)| a < e.end && e.start < b) {
                in_other += 1;
                " (overlaps an OTH name)"
            } else {
                ""
            };
            println!("- {} {}{note}", e.kind.label(), words[e.start..e.end].join(" "));
        }
        for e in spurious {
            println!("+ {} {}", e.kind.label(), words[e.start..e.end].join(" "));
        }
    }
    println!("missed names found as OTH: {as_other} with their exact span, {in_other} more overlapping an OTH name");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phoenix_entries_take_their_kind_from_their_codes() {
        let text = "\
NORTH_ATLANTIC_TREATY_ORGANIZATION_ [IGOWSTNAT]
JAVIER_SOLANA_ [IGOWSTNAT 951205-991006]
AFGHANISTAN_ [AFG]
+KABUL_
PUERTO_RICO_ [USAPRI]
AFGHAN_NATIONAL_ARMY [AFGMIL]
ACME_CORP_ [MNC]
SOME_FAITH_GROUP_ [MOS]
";
        let (entries, problems) = dyad_dictionaries::parse_actors("test.actors.txt", text.as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        let countries: HashSet<&str> = ["AFG", "USA"].into_iter().collect();
        let kinds: Vec<Option<GazetteerKind>> = entries.iter().map(|e| phoenix_kind(e, &countries)).collect();
        use GazetteerKind::*;
        assert_eq!(
            kinds,
            [
                Some(Organisation),
                Some(Person),
                Some(Location),
                Some(Location),
                Some(Organisation),
                Some(Organisation),
                None
            ]
        );
    }

    #[test]
    fn a_missing_phoenix_folder_is_named() {
        let mut args = TrainNerArgs {
            data: None,
            output: PathBuf::from("unused"),
            epochs: None,
            seed: None,
            min_updates: None,
            lowercase_every: None,
            runs: None,
            word_dropout: None,
            no_gazetteer: false,
            phoenix: None,
            no_phoenix: true,
            pos_tags: false,
            treebank: None,
            tag_folds: 4,
            no_clusters: false,
            raw_text: Vec::new(),
            no_case_stats: false,
            document_folds: None,
            document_include_own: false,
            extra: Vec::new(),
            cost: None,
            miss_cost: None,
            extra_domain: false,
        };
        assert!(phoenix_dir(&args).unwrap().is_none(), "--no-phoenix");
        args.no_phoenix = false;
        args.phoenix = Some(PathBuf::from("/no/such/phoenix"));
        let err = phoenix_dir(&args).unwrap_err().to_string();
        assert!(err.contains("/no/such/phoenix"), "{err}");
    }
}
