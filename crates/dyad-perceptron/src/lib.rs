//! What dyad's trained models share: averaged perceptron weights over hashed features (a
//! growable trainer, a compact quantized table for inference) and the model-file byte layout
//! (magic header, format version, varint payload). The tagger/parser (dyad-parse) and the
//! entity tagger (dyad-ner) each add their own features, magic and version on top.

pub mod format;
pub mod hashing;
pub mod weights;

pub use format::{open, seal, Decoder, Encoder};
pub use hashing::{hash_str, mix, seeded_feature};
pub use weights::{HashedMap, HashedSet, IdentityHasher, Trainer, Weights};

/// A model file that cannot be read. Each model crate turns it into its own error type.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a dyad model of this kind (bad magic header)")]
    NotAModel,
    #[error("model format version {found} is not supported (this build reads version {supported})")]
    Version { found: u32, supported: u32 },
    #[error("{0}")]
    Corrupt(String),
}
