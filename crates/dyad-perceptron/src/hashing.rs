//! Feature hashing: every feature is a 64-bit hash, so extracting and scoring features is
//! integer mixing and table lookups only. Each model seeds its own feature hashes.

/// Mixes two hashes (a 64-bit finalizer over a rotate-xor; order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 32;
    x = x.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^= x >> 32;
    x
}

/// A feature from a model's seed, a template number and up to a few values.
#[inline]
pub fn seeded_feature(seed: u64, template: u64, values: &[u64]) -> u64 {
    let mut h = mix(seed, template);
    for &v in values {
        h = mix(h, v);
    }
    h
}

/// FNV-1a over bytes, then mixed; used for strings.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    mix(h, 0x2545_F491_4F6C_DD1D)
}
