//! Averaged perceptron weights over hashed features: a growable trainer and a compact,
//! immutable table for inference.
//!
//! Features are 64-bit hashes (each model makes its own), so no string is touched while scoring. The
//! inference table keys rows by the top 32 bits of the hash in an open-addressing table and
//! stores each row sparsely as (class, i16 weight) pairs: perceptron updates touch only two
//! classes at a time, so most rows hold a handful of entries, which keeps the model small
//! and scoring cheap.

use crate::format::{Decoder, Encoder};
use crate::ModelError;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already well-mixed hashes; hashing them again would only cost time.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;
pub type HashedSet = std::collections::HashSet<u64, BuildHasherDefault<IdentityHasher>>;

struct TrainEntry {
    class: u16,
    weight: i32,
    total: i64,
    stamp: u32,
}

#[derive(Default)]
struct TrainRow {
    /// How many updates touched this feature: rare ones are pruned from the final model.
    updates: u32,
    entries: Vec<TrainEntry>,
}

/// Perceptron weights while training, with the running totals needed for averaging.
pub struct Trainer {
    classes: usize,
    rows: HashedMap<TrainRow>,
    time: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            rows: HashedMap::default(),
            time: 1,
        }
    }

    /// Adds the current (not averaged) weights of `features` to `scores`.
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for e in &row.entries {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Starts a new training instance (the averaging clock).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Standard perceptron update: reward `gold`, penalize `guess`.
    pub fn update(&mut self, features: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        for &f in features {
            let row = self.rows.entry(f).or_default();
            row.updates += 1;
            Self::bump(&mut row.entries, gold as u16, 1, self.time);
            Self::bump(&mut row.entries, guess as u16, -1, self.time);
        }
    }

    /// Adds `delta` to one (feature, class) weight: the structured perceptron's update for
    /// transitions, where the gold and predicted tag pairs can differ in both tags.
    pub fn adjust(&mut self, feature: u64, class: usize, delta: i32) {
        let row = self.rows.entry(feature).or_default();
        row.updates += 1;
        Self::bump(&mut row.entries, class as u16, delta, self.time);
    }

    fn bump(row: &mut Vec<TrainEntry>, class: u16, delta: i32, time: u32) {
        let i = match row.iter().position(|e| e.class == class) {
            Some(i) => i,
            None => {
                row.push(TrainEntry {
                    class,
                    weight: 0,
                    total: 0,
                    stamp: time,
                });
                row.len() - 1
            }
        };
        let e = &mut row[i];
        e.total += i64::from(e.weight) * i64::from(time - e.stamp);
        e.stamp = time;
        e.weight += delta;
    }

    /// The averaged weights, quantized to i16, without features updated fewer than
    /// `min_updates` times and entries that round to zero.
    pub fn finish(&self, min_updates: u32) -> Weights {
        Trainer::finish_all(&[self], min_updates)
    }

    /// [`Trainer::finish`], with the factor that turned averaged weights into the
    /// quantized ones: for a model that compares scores with a threshold learned in the
    /// averaged weights' units.
    pub fn finish_scaled(&self, min_updates: u32) -> (Weights, f64) {
        let (rows, max) = average(&[self], min_updates);
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
        (quantize(self.classes, rows, scale), scale)
    }

    /// The mean of several trainers' averaged weights (runs over differently shuffled data),
    /// quantized to i16, without features updated fewer than `min_updates` times in all
    /// runs together and entries that round to zero.
    pub fn finish_all(trainers: &[&Trainer], min_updates: u32) -> Weights {
        Trainer::finish_tables(&[trainers], min_updates)
            .pop()
            .expect("one table in, one table out")
    }

    /// [`Trainer::finish_all`] for each of several tables whose scores a model adds
    /// together (one model's weights kept apart by the classes they score, such as tags and
    /// tag pairs), quantized with one scale so that their scores keep the ratios they had
    /// in training. The trainers of all tables must have ticked in lockstep.
    pub fn finish_tables(tables: &[&[&Trainer]], min_updates: u32) -> Vec<Weights> {
        let averaged: Vec<(Vec<AveragedRow>, f64)> =
            tables.iter().map(|trainers| average(trainers, min_updates)).collect();
        let max = averaged.iter().map(|(_, max)| *max).fold(0f64, f64::max);
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
        tables
            .iter()
            .zip(averaged)
            .map(|(trainers, (rows, _))| quantize(trainers.first().map_or(0, |t| t.classes), rows, scale))
            .collect()
    }
}

/// A row of averaged weights: its fingerprint and its (class, weight) entries.
type AveragedRow = (u32, Vec<(u16, f64)>);

/// The mean of several trainers' averaged weights, by fingerprint (sorted), without
/// features updated fewer than `min_updates` times in all runs together; and the largest
/// weight magnitude.
fn average(trainers: &[&Trainer], min_updates: u32) -> (Vec<AveragedRow>, f64) {
    let runs = trainers.len().max(1) as f64;
    let mut sums: HashedMap<(u32, Vec<(u16, f64)>)> = HashedMap::default();
    for t in trainers {
        let time = f64::from(t.time);
        for (&key, row) in &t.rows {
            let sum = sums.entry(key).or_default();
            sum.0 += row.updates;
            for e in &row.entries {
                let total = e.total + i64::from(e.weight) * i64::from(t.time - e.stamp);
                let avg = total as f64 / time / runs;
                match sum.1.iter_mut().find(|(c, _)| *c == e.class) {
                    Some(slot) => slot.1 += avg,
                    None => sum.1.push((e.class, avg)),
                }
            }
        }
    }
    let mut averaged: Vec<AveragedRow> = Vec::with_capacity(sums.len());
    let mut max = 0f64;
    let mut keys: Vec<u64> = sums.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let (updates, row) = &sums[&key];
        if *updates < min_updates {
            continue;
        }
        let out: Vec<(u16, f64)> = row.iter().copied().filter(|(_, w)| *w != 0.0).collect();
        for (_, w) in &out {
            max = max.max(w.abs());
        }
        if !out.is_empty() {
            averaged.push((fingerprint(key), out));
        }
    }
    averaged.sort_by_key(|(k, _)| *k);
    (averaged, max)
}

/// Averaged rows (sorted by fingerprint) as i16 weights `scale` times theirs, without
/// entries that round to zero.
fn quantize(classes: usize, averaged: Vec<AveragedRow>, scale: f64) -> Weights {
    let mut rows = Vec::with_capacity(averaged.len());
    for (key, row) in averaged {
        let mut q: Vec<Entry> = row
            .into_iter()
            .map(|(class, w)| Entry {
                class,
                weight: (w * scale).round() as i16,
            })
            .filter(|e| e.weight != 0)
            .collect();
        q.sort_by_key(|e| e.class);
        if !q.is_empty() {
            // Two features can share a 32-bit fingerprint; merging them is harmless.
            if let Some((last, prev)) = rows.last_mut().map(|r: &mut (u32, Vec<Entry>)| (r.0, &mut r.1)) {
                if last == key {
                    prev.extend(q);
                    *prev = merge_classes(std::mem::take(prev));
                    continue;
                }
            }
            rows.push((key, q));
        }
    }
    Weights::build(classes, rows)
}

/// Sorts a row by class and sums entries of the same class.
fn merge_classes(mut row: Vec<Entry>) -> Vec<Entry> {
    row.sort_by_key(|e| e.class);
    let mut out: Vec<Entry> = Vec::with_capacity(row.len());
    for e in row {
        match out.last_mut() {
            Some(last) if last.class == e.class => last.weight = last.weight.saturating_add(e.weight),
            _ => out.push(e),
        }
    }
    out
}

/// Rows being laid out for a [`Weights`], each sparse or dense as is smaller.
struct Layout {
    classes: usize,
    keys: Vec<(u32, u32)>,
    entries: Vec<Entry>,
    dense: Vec<i16>,
}

impl Layout {
    fn new(classes: usize, rows: usize) -> Layout {
        Layout::with_sizes(classes, rows, 0, 0)
    }

    /// A layout with room for `entries` sparse entries and `dense` dense weights.
    fn with_sizes(classes: usize, rows: usize, entries: usize, dense: usize) -> Layout {
        Layout {
            classes,
            keys: Vec::with_capacity(rows),
            entries: Vec::with_capacity(entries),
            dense: Vec::with_capacity(dense),
        }
    }

    /// Adds a row: non-zero entries with distinct classes below `classes`, in class order.
    fn push(&mut self, key: u32, row: &[Entry]) {
        if is_dense(self.classes, row.len()) {
            let at = self.dense.len();
            self.dense.resize(at + self.classes, 0);
            for e in row {
                self.dense[at + e.class as usize] = e.weight;
            }
            self.keys.push((key, DENSE | (at / self.classes.max(1)) as u32));
        } else {
            assert!(
                self.entries.len() < DENSE as usize,
                "more weights than a table can index"
            );
            self.keys.push((key, self.entries.len() as u32));
            self.entries.push(Entry {
                class: row.len() as u16,
                weight: 0,
            });
            self.entries.extend_from_slice(row);
        }
    }

    /// The weights, with the open-addressing table over the rows laid out.
    fn finish(self) -> Weights {
        let size = (self.keys.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![Slot { key: 0, at: 0 }; size];
        for (key, at) in self.keys {
            let mut home = key as usize & mask;
            while slots[home].key != 0 {
                home = (home + 1) & mask;
            }
            slots[home] = Slot { key, at };
        }
        Weights {
            classes: self.classes,
            mask,
            slots,
            entries: self.entries,
            dense: self.dense,
        }
    }
}

/// A feature with no row (never a valid `at`: that would be a dense row past any table).
const NOT_FOUND: u32 = u32::MAX;

/// Whether a row of `len` entries is smaller stored dense (2 bytes a class) than sparse (4
/// bytes an entry).
fn is_dense(classes: usize, len: usize) -> bool {
    len * 2 > classes
}

/// The key a row is stored under: the hash's top 32 bits, never 0 (0 marks an empty slot).
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

#[derive(Clone, Copy, Debug)]
pub struct Entry {
    class: u16,
    weight: i16,
}

/// A row's place: its fingerprint and where its weights are, 8 bytes so that a cache line
/// holds 8 slots and none straddles two. A sparse row starts at `entries[at]` with a header
/// entry whose `class` is the row's length; a dense one (`at` with the [`DENSE`] bit) is
/// the `at & !DENSE`-th run of `classes` weights in `dense`.
#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    at: u32,
}

/// The bit of [`Slot::at`] that marks a dense row.
const DENSE: u32 = 1 << 31;

/// Immutable averaged weights for inference.
///
/// Rows that hold weights for more than half the classes are stored dense, one i16 per
/// class: the features looked up most often (a tag, a word pair) are exactly those, and a
/// dense row is both smaller than its (class, weight) pairs and summed with vector adds
/// instead of one scattered add per entry. How a row is stored is decided at load, so the
/// file format does not change.
pub struct Weights {
    classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    dense: Vec<i16>,
}

impl Weights {
    fn build(classes: usize, rows: Vec<(u32, Vec<Entry>)>) -> Weights {
        let mut layout = Layout::new(classes, rows.len());
        for (key, row) in rows {
            layout.push(key, &row);
        }
        layout.finish()
    }

    /// The dense row `at` points to.
    fn dense_row(&self, at: u32) -> &[i16] {
        let start = (at & !DENSE) as usize * self.classes;
        &self.dense[start..start + self.classes]
    }

    /// The sparse row `at` points to, after its header.
    fn sparse_row(&self, at: u32) -> &[Entry] {
        let start = at as usize + 1;
        &self.entries[start..start + self.entries[at as usize].class as usize]
    }

    /// A row's non-zero entries, in class order, however it is stored.
    fn row(&self, slot: &Slot) -> Vec<Entry> {
        if slot.at & DENSE != 0 {
            self.dense_row(slot.at)
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .map(|(class, &weight)| Entry {
                    class: class as u16,
                    weight,
                })
                .collect()
        } else {
            self.sparse_row(slot.at).to_vec()
        }
    }

    /// Every row as `(key, entries)`, sorted by key.
    fn rows(&self) -> Vec<(u32, Vec<Entry>)> {
        let mut rows: Vec<(u32, Vec<Entry>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, self.row(s)))
            .filter(|(_, row)| !row.is_empty())
            .collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        rows
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the weights of `features` to `scores` (one score per class).
    ///
    /// The weights are bigger than cache, so memory misses are most of the parse time. Three
    /// passes keep many misses in flight at once instead of one after another: prefetch
    /// every feature's home slot, then probe the slots and prefetch the rows they point to,
    /// then sum the rows.
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        for chunk in features.chunks(128) {
            // Callers with a handful of features (the entity tagger's tag-pair features)
            // would otherwise spend more on clearing the working arrays than on scoring.
            if chunk.len() <= 8 {
                self.score_chunk::<8>(chunk, scores);
            } else {
                self.score_chunk::<128>(chunk, scores);
            }
        }
    }

    /// For a one-class table: adds feature `i`'s weight to `scores[targets[i]]`. Scoring
    /// several candidates' features in one call keeps all their memory misses in flight
    /// together, where one call per candidate would wait for each in turn.
    pub fn score_each(&self, features: &[u64], targets: &[u32], scores: &mut [i32]) {
        debug_assert_eq!(self.classes, 1);
        for (chunk, to) in features.chunks(128).zip(targets.chunks(128)) {
            let found = self.find_chunk::<128>(chunk);
            for (&at, &t) in found[..chunk.len()].iter().zip(to) {
                if at == NOT_FOUND {
                    continue;
                }
                let weight = if at & DENSE != 0 {
                    self.dense_row(at)[0]
                } else {
                    self.sparse_row(at).first().map_or(0, |e| e.weight)
                };
                scores[t as usize] += i32::from(weight);
            }
        }
    }

    /// Where the rows of at most `CHUNK` features are ([`NOT_FOUND`] for absent ones):
    /// every home slot prefetched first, then probed, prefetching the rows found.
    #[inline]
    fn find_chunk<const CHUNK: usize>(&self, chunk: &[u64]) -> [u32; CHUNK] {
        let mut homes = [0u32; CHUNK];
        for (home, &f) in homes.iter_mut().zip(chunk) {
            *home = (fingerprint(f) as usize & self.mask) as u32;
            prefetch(&self.slots[*home as usize]);
        }
        let mut found = [NOT_FOUND; CHUNK];
        for ((row, &f), &home) in found.iter_mut().zip(chunk).zip(&homes) {
            let key = fingerprint(f);
            let mut at = home as usize;
            loop {
                let slot = self.slots[at];
                if slot.key == key {
                    *row = slot.at;
                    if slot.at & DENSE != 0 {
                        for line in self.dense_row(slot.at).chunks(32) {
                            prefetch(&line[0]);
                        }
                    } else {
                        // The row's length is in its header, not yet here: fetch the
                        // line after too, which rows of more than a few entries reach.
                        let start = slot.at as usize;
                        prefetch(&self.entries[start]);
                        prefetch(&self.entries[(start + 16).min(self.entries.len() - 1)]);
                    }
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                at = (at + 1) & self.mask;
            }
        }
        found
    }

    /// [`Weights::score`] for at most `CHUNK` features.
    fn score_chunk<const CHUNK: usize>(&self, chunk: &[u64], scores: &mut [i32]) {
        let found = self.find_chunk::<CHUNK>(chunk);
        for &at in &found[..chunk.len()] {
            if at == NOT_FOUND {
                continue;
            }
            if at & DENSE != 0 {
                for (s, &w) in scores.iter_mut().zip(self.dense_row(at)) {
                    *s += i32::from(w);
                }
            } else {
                for e in self.sparse_row(at) {
                    scores[e.class as usize] += i32::from(e.weight);
                }
            }
        }
    }

    pub fn encode(&self, out: &mut Encoder) {
        let rows = self.rows();
        out.uint(self.classes as u64);
        out.uint(rows.len() as u64);
        let mut prev = 0u32;
        for (key, entries) in rows {
            out.uint(u64::from(key - prev));
            prev = key;
            out.uint(entries.len() as u64);
            let mut prev_class = 0u16;
            for e in &entries {
                out.uint(u64::from(e.class - prev_class));
                prev_class = e.class;
                out.int(i64::from(e.weight));
            }
        }
    }

    pub fn decode(input: &mut Decoder) -> Result<Weights, ModelError> {
        let classes = input.uint()? as usize;
        if classes > usize::from(u16::MAX) {
            return Err(ModelError::Corrupt(format!("{classes} classes")));
        }
        let n = input.len()?;
        let (entries, dense) = Self::decoded_sizes(&mut input.clone(), classes, n)?;
        let mut layout = Layout::with_sizes(classes, n, entries, dense);
        let mut row = Vec::with_capacity(classes);
        let mut key = 0u32;
        for i in 0..n {
            let delta = input.uint()?;
            let next = u32::try_from(u64::from(key) + delta)
                .map_err(|_| ModelError::Corrupt("feature key overflow".into()))?;
            if next == 0 || (next <= key && i > 0) {
                return Err(ModelError::Corrupt("feature keys out of order".into()));
            }
            key = next;
            let len = input.len()?;
            if len == 0 {
                return Err(ModelError::Corrupt("empty weight row".into()));
            }
            row.clear();
            let mut class = 0u64;
            for k in 0..len {
                let delta = input.uint()?;
                if delta == 0 && k > 0 {
                    return Err(ModelError::Corrupt("weight classes out of order".into()));
                }
                class += delta;
                let weight = input.int()?;
                if class as usize >= classes || i16::try_from(weight).is_err() {
                    return Err(ModelError::Corrupt(format!("bad weight entry for class {class}")));
                }
                row.push(Entry {
                    class: class as u16,
                    weight: weight as i16,
                });
            }
            layout.push(key, &row);
        }
        Ok(layout.finish())
    }

    /// How many sparse entries (row headers included) and dense weights the `rows` rows
    /// ahead in `input` will take, read ahead so that loading allocates each table once:
    /// growing tables of many megabytes by doubling copies them and touches fresh pages
    /// each time, which cost more than this second read of the varints.
    fn decoded_sizes(input: &mut Decoder, classes: usize, rows: usize) -> Result<(usize, usize), ModelError> {
        let (mut entries, mut dense) = (0usize, 0usize);
        for _ in 0..rows {
            input.uint()?;
            let len = input.len()?;
            for _ in 0..len {
                input.uint()?;
                input.uint()?;
            }
            if is_dense(classes, len) {
                dense += classes;
            } else {
                entries += len + 1;
            }
        }
        Ok((entries, dense))
    }

    /// The same weights without entries of magnitude below `min_abs` (and rows left empty).
    pub fn pruned(&self, min_abs: i16) -> Weights {
        let rows = self.rows();
        let mut layout = Layout::new(self.classes, rows.len());
        for (key, mut row) in rows {
            row.retain(|e| e.weight.unsigned_abs() >= min_abs as u16);
            if !row.is_empty() {
                layout.push(key, &row);
            }
        }
        layout.finish()
    }

    /// Rows and non-zero entries (for tuning reports).
    pub fn counts(&self) -> (usize, usize) {
        let rows = self.slots.iter().filter(|s| s.key != 0).count();
        let sparse_rows = self.slots.iter().filter(|s| s.key != 0 && s.at & DENSE == 0).count();
        let dense = self.dense.iter().filter(|&&w| w != 0).count();
        (rows, self.entries.len() - sparse_rows + dense)
    }

    /// Bytes held in memory (for the bench report).
    pub fn memory(&self) -> usize {
        self.slots.len() * 8 + self.entries.len() * 4 + self.dense.len() * 2
    }
}

/// Asks the CPU to start loading `value`'s cache line; a hint with no effect on results.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults and reads nothing into the program.
    unsafe {
        std::arch::x86_64::_mm_prefetch(value as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Features 1..=8 trained on 4 classes: feature 1 touches every class (a dense row),
    /// the others one or two (sparse rows).
    fn trained() -> Weights {
        let mut t = Trainer::new(4);
        for round in 0..6u64 {
            t.tick();
            t.update(&[1, 2 << 32, (3 + round % 2) << 32], 0, 1);
            t.tick();
            t.update(&[1, 5 << 32], 2, 3);
            t.tick();
            t.adjust(1, 3, 2);
            t.adjust(8 << 32, 1, -1);
        }
        t.finish(1)
    }

    /// Scores by summing every row's entries one by one, however the rows are stored.
    fn naive(w: &Weights, features: &[u64]) -> Vec<i32> {
        let mut scores = vec![0; w.classes()];
        for &f in features {
            let key = fingerprint(f);
            if let Some(slot) = w.slots.iter().find(|s| s.key == key) {
                for e in w.row(slot) {
                    scores[e.class as usize] += i32::from(e.weight);
                }
            }
        }
        scores
    }

    #[test]
    fn dense_and_sparse_rows_score_alike_and_round_trip() {
        let w = trained();
        assert!(!w.dense.is_empty(), "the all-class feature is stored dense");
        assert!(!w.entries.is_empty(), "the rare features are stored sparse");
        let features = [1, 2 << 32, 3 << 32, 5 << 32, 8 << 32, 99 << 32];
        let mut scores = vec![0; 4];
        w.score(&features, &mut scores);
        assert_eq!(scores, naive(&w, &features));
        assert_ne!(scores, vec![0; 4]);

        let mut out = Encoder::default();
        w.encode(&mut out);
        let again = Weights::decode(&mut Decoder::new(&out.bytes)).unwrap();
        // Loading reads the tables' sizes ahead and allocates each once, at its final size.
        assert_eq!(again.entries.capacity(), again.entries.len());
        assert_eq!(again.dense.capacity(), again.dense.len());
        let mut again_scores = vec![0; 4];
        again.score(&features, &mut again_scores);
        assert_eq!(again_scores, scores);

        // More features than the small working arrays hold, repeats and misses included.
        let many: Vec<u64> = features.iter().cycle().take(300).copied().collect();
        let mut many_scores = vec![0; 4];
        w.score(&many, &mut many_scores);
        assert_eq!(many_scores, naive(&w, &many));
        let mut twice = Encoder::default();
        again.encode(&mut twice);
        assert_eq!(twice.bytes, out.bytes, "re-encoding gives the same bytes");
    }

    #[test]
    fn pruning_drops_small_entries_from_both_kinds_of_row() {
        let w = trained();
        let (rows, entries) = w.counts();
        let pruned = w.pruned(20000);
        let (pruned_rows, pruned_entries) = pruned.counts();
        assert!(pruned_entries < entries && pruned_rows <= rows);
        let features = [1, 2 << 32, 3 << 32, 5 << 32, 8 << 32];
        let mut scores = vec![0; 4];
        pruned.score(&features, &mut scores);
        assert_eq!(scores, naive(&pruned, &features));
        for s in pruned.slots.iter().filter(|s| s.key != 0) {
            assert!(pruned.row(s).iter().all(|e| e.weight.unsigned_abs() >= 20000));
        }
    }

    #[test]
    fn tables_finished_together_score_as_one_table() {
        // The same updates made to one trainer, and split between two by feature: the
        // weak table must not be scaled up on its own.
        let (mut one, mut strong, mut weak) = (Trainer::new(4), Trainer::new(4), Trainer::new(4));
        for round in 0..6u64 {
            for t in [&mut one, &mut strong, &mut weak] {
                t.tick();
            }
            for t in [&mut one, &mut strong] {
                t.update(&[1, 2 << 32], 0, 1);
                t.adjust(1, 3, 3);
            }
            for t in [&mut one, &mut weak] {
                t.update(&[(3 + round % 2) << 32], 2, 3);
            }
        }
        let whole = one.finish(1);
        let tables = Trainer::finish_tables(&[&[&strong], &[&weak]], 1);
        let (strong_features, weak_features) = ([1, 2 << 32], [3 << 32, 4 << 32]);
        let mut split = vec![0; 4];
        tables[0].score(&strong_features, &mut split);
        tables[1].score(&weak_features, &mut split);
        let mut expected = vec![0; 4];
        whole.score(&[1, 2 << 32, 3 << 32, 4 << 32], &mut expected);
        assert_eq!(split, expected);
        let alone = Trainer::finish_all(&[&weak], 1);
        let mut alone_scores = vec![0; 4];
        alone.score(&weak_features, &mut alone_scores);
        assert_ne!(alone_scores, naive(&tables[1], &weak_features), "alone it is scaled up");
    }

    #[test]
    fn classes_out_of_order_are_corrupt() {
        let mut out = Encoder::default();
        out.uint(4); // classes
        out.uint(1); // rows
        out.uint(7); // key
        out.uint(2); // entries
        out.uint(1);
        out.int(5);
        out.uint(0); // the same class again
        out.int(5);
        assert!(Weights::decode(&mut Decoder::new(&out.bytes)).is_err());
    }
}
