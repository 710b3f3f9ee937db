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

    /// The mean of several trainers' averaged weights (runs over differently shuffled data),
    /// quantized to i16, without features updated fewer than `min_updates` times in all
    /// runs together and entries that round to zero.
    pub fn finish_all(trainers: &[&Trainer], min_updates: u32) -> Weights {
        let classes = trainers.first().map_or(0, |t| t.classes);
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
        let mut averaged: Vec<(u32, Vec<(u16, f64)>)> = Vec::with_capacity(sums.len());
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
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
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

/// The key a row is stored under: the hash's top 32 bits, never 0 (0 marks an empty slot).
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

#[derive(Clone, Copy, Debug)]
pub struct Entry {
    class: u16,
    weight: i16,
}

/// A row's place: its fingerprint and its entries' range, in one cache line fetch.
#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    start: u32,
    len: u32,
}

/// Immutable averaged weights for inference.
pub struct Weights {
    classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
}

impl Weights {
    fn build(classes: usize, rows: Vec<(u32, Vec<Entry>)>) -> Weights {
        let mut keys = Vec::with_capacity(rows.len());
        let mut entries = Vec::new();
        for (key, row) in rows {
            keys.push((key, entries.len() as u32, row.len() as u32));
            entries.extend(row);
        }
        Weights::from_parts(classes, keys, entries)
    }

    fn from_parts(classes: usize, keys: Vec<(u32, u32, u32)>, entries: Vec<Entry>) -> Weights {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![
            Slot {
                key: 0,
                start: 0,
                len: 0
            };
            size
        ];
        for (key, start, len) in keys {
            let mut at = key as usize & mask;
            while slots[at].key != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = Slot { key, start, len };
        }
        Weights {
            classes,
            mask,
            slots,
            entries,
        }
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
        const CHUNK: usize = 128;
        for chunk in features.chunks(CHUNK) {
            let mut homes = [0usize; CHUNK];
            for (home, &f) in homes.iter_mut().zip(chunk) {
                *home = fingerprint(f) as usize & self.mask;
                prefetch(&self.slots[*home]);
            }
            let mut ranges = [(0u32, 0u32); CHUNK];
            for ((r, &f), &home) in ranges.iter_mut().zip(chunk).zip(&homes) {
                let key = fingerprint(f);
                let mut at = home;
                loop {
                    let slot = self.slots[at];
                    if slot.key == key {
                        *r = (slot.start, slot.len);
                        prefetch(&self.entries[slot.start as usize]);
                        break;
                    }
                    if slot.key == 0 {
                        break;
                    }
                    at = (at + 1) & self.mask;
                }
            }
            for &(start, len) in &ranges[..chunk.len()] {
                for e in &self.entries[start as usize..(start + len) as usize] {
                    scores[e.class as usize] += i32::from(e.weight);
                }
            }
        }
    }

    pub fn encode(&self, out: &mut Encoder) {
        let mut rows: Vec<(u32, u32, u32)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.start, s.len))
            .collect();
        rows.sort_unstable();
        out.uint(self.classes as u64);
        out.uint(rows.len() as u64);
        let mut prev = 0u32;
        for (key, start, len) in rows {
            out.uint(u64::from(key - prev));
            prev = key;
            let entries = &self.entries[start as usize..(start + len) as usize];
            out.uint(entries.len() as u64);
            let mut prev_class = 0u16;
            for e in entries {
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
        let mut keys = Vec::with_capacity(n);
        let mut entries = Vec::with_capacity(n * 4);
        let mut key = 0u32;
        for _ in 0..n {
            let delta = input.uint()?;
            let next = u32::try_from(u64::from(key) + delta)
                .map_err(|_| ModelError::Corrupt("feature key overflow".into()))?;
            if next == 0 || (next <= key && !keys.is_empty()) {
                return Err(ModelError::Corrupt("feature keys out of order".into()));
            }
            key = next;
            let len = input.len()?;
            if len == 0 {
                return Err(ModelError::Corrupt("empty weight row".into()));
            }
            let start = entries.len() as u32;
            let mut class = 0u64;
            for _ in 0..len {
                class += input.uint()?;
                let weight = input.int()?;
                if class as usize >= classes || i16::try_from(weight).is_err() {
                    return Err(ModelError::Corrupt(format!("bad weight entry for class {class}")));
                }
                entries.push(Entry {
                    class: class as u16,
                    weight: weight as i16,
                });
            }
            keys.push((key, start, len as u32));
        }
        Ok(Weights::from_parts(classes, keys, entries))
    }

    /// The same weights without entries of magnitude below `min_abs` (and rows left empty).
    pub fn pruned(&self, min_abs: i16) -> Weights {
        let mut rows: Vec<(u32, u32, u32)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.start, s.len))
            .collect();
        rows.sort_unstable();
        let mut keys = Vec::new();
        let mut entries = Vec::new();
        for (key, start, len) in rows {
            let begin = entries.len() as u32;
            entries.extend(
                self.entries[start as usize..(start + len) as usize]
                    .iter()
                    .filter(|e| e.weight.unsigned_abs() >= min_abs as u16),
            );
            let n = entries.len() as u32 - begin;
            if n > 0 {
                keys.push((key, begin, n));
            }
        }
        Weights::from_parts(self.classes, keys, entries)
    }

    /// Rows and entries (for tuning reports).
    pub fn counts(&self) -> (usize, usize) {
        (self.slots.iter().filter(|s| s.key != 0).count(), self.entries.len())
    }

    /// Bytes held in memory (for the bench report).
    pub fn memory(&self) -> usize {
        self.slots.len() * 12 + self.entries.len() * 4
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
