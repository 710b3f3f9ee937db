//! The averaged perceptron behind this model: dyad-perceptron's, shared with dyad's other models.

pub(crate) use dyad_perceptron::{HashedMap, IdentityHasher, Trainer, Weights};
