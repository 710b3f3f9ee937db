//! dyad's actor knowledge base and actor resolution.
//!
//! The knowledge base is a set of reviewable TOML files under `kb/` (countries, sector nouns,
//! organisations, metonyms and `kb/people/*.toml`), embedded at build time and parsed once
//! ([`KnowledgeBase::builtin`]). [`ActorResolver`] finds actor mentions in parsed sentences and
//! resolves them: knowledge-base match (longest), title + demonym inference for unknown people,
//! capital metonymy, then within-document coreference (names, descriptions, pronouns).

pub mod eval;
mod kb;
pub mod registry;
mod resolve;

pub use kb::{skeleton, SECTORS};
pub use kb::{Country, DictionaryEntry, KbProblem, KnowledgeBase, Lookup, Org, Person, Role};
pub use registry::{RunEntities, RunEntity, RunMention};
pub use resolve::{ActorResolver, NameKind, NameSpan, ResolverConfig};
