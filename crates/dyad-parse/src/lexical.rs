//! What the tagger and parser know about a word before context: hashed identities of its
//! lowercased form, shape, prefixes and suffixes, computed once per token.
//!
//! Everything is a 64-bit hash so feature extraction is integer mixing only.

pub(crate) use dyad_perceptron::{hash_str, mix};

/// A feature from a template number and up to a few values.
#[inline]
pub(crate) fn feature(template: u64, values: &[u64]) -> u64 {
    dyad_perceptron::seeded_feature(0x51_7CC1_B727_220A, template, values)
}

/// The cluster value of a word no cluster was learned for.
pub(crate) const NO_CLUSTER: u64 = 0x00C1_u64 << 40;

/// The hashed views of one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lexeme {
    /// Lowercased form.
    pub(crate) lower: u64,
    /// The form as written.
    pub(crate) exact: u64,
    /// Collapsed character-class shape ("Xx", "d.d", "x-x").
    pub(crate) shape: u64,
    /// Suffixes of 1..=4 chars of the lowercased form (the whole word when shorter).
    pub(crate) suffix: [u64; 4],
    /// Prefixes of 1..=2 chars.
    pub(crate) prefix: [u64; 2],
    /// Bit flags: has upper, all upper, has digit, has hyphen, title case.
    pub(crate) flags: u64,
    /// The word-cluster lookup key (lowercased, digits folded; see `clusters`).
    pub(crate) ckey: u64,
    /// Hashed fine and coarse word clusters, set by [`crate::clusters::Clusters::annotate`].
    pub(crate) cluster: [u64; 2],
}

impl Lexeme {
    pub(crate) fn new(form: &str) -> Lexeme {
        let lower = form.to_lowercase();
        // Byte offsets of the last four and first two character boundaries.
        let mut ends = [0usize; 4];
        let mut it = lower.char_indices().rev();
        for k in 0..4 {
            ends[k] = match it.next() {
                Some((i, _)) => i,
                None if k == 0 => 0,
                None => ends[k - 1],
            };
        }
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            *s = mix(hash_str(&lower[ends[k]..]), 100 + k as u64);
        }
        let mut starts = lower.char_indices().map(|(i, _)| i).skip(1);
        let first = starts.next().unwrap_or(lower.len());
        let second = starts.next().unwrap_or(lower.len());
        let prefix = [
            mix(hash_str(&lower[..first]), 200),
            mix(hash_str(&lower[..second]), 201),
        ];
        Lexeme {
            lower: hash_str(&lower),
            exact: mix(hash_str(form), 7),
            shape: shape_hash(form),
            suffix,
            prefix,
            flags: flags(form),
            ckey: crate::clusters::cluster_key(&lower),
            cluster: [NO_CLUSTER; 2],
        }
    }

    /// The pseudo-word at the end of the buffer that heads the sentence.
    pub(crate) fn root() -> Lexeme {
        let h = hash_str("<ROOT>");
        Lexeme::filled(h, 1 << 10)
    }

    /// A pseudo-word whose every view is `h`.
    pub(crate) fn filled(h: u64, flags: u64) -> Lexeme {
        Lexeme {
            lower: h,
            exact: h,
            shape: h,
            suffix: [h; 4],
            prefix: [h; 2],
            flags,
            ckey: h,
            cluster: [h; 2],
        }
    }
}

fn shape_hash(form: &str) -> u64 {
    let mut shape = String::new();
    let mut last = '\0';
    for (i, c) in form.chars().enumerate() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if class != last || i < 1 {
            shape.push(class);
            if shape.len() > 8 {
                break;
            }
        }
        last = class;
    }
    mix(hash_str(&shape), 300)
}

fn flags(form: &str) -> u64 {
    let mut f = 0u64;
    if form.chars().any(char::is_uppercase) {
        f |= 1;
    }
    if form.chars().all(|c| !c.is_lowercase()) && form.chars().any(char::is_uppercase) {
        f |= 2;
    }
    if form.chars().any(|c| c.is_ascii_digit()) {
        f |= 4;
    }
    if form.contains('-') {
        f |= 8;
    }
    if form.chars().next().is_some_and(char::is_uppercase) {
        f |= 16;
    }
    f
}
