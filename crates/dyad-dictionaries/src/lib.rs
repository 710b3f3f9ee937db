//! A faithful reader for PETRARCH2 / Phoenix dictionaries.
//!
//! The Phoenix dictionaries (`Phoenix.Countries.actors.txt`, `Phoenix.agents.txt`,
//! `CAMEO.2.0.txt`, …) are the field's shared vocabulary; users who have their own
//! Phoenix-style files should get them read exactly as PETRARCH2 reads them. This crate turns
//! each file into plain data — actor entries with dated codes, agents with their plural forms,
//! discards, issues, and the verb dictionary's synsets, verbs and parsed patterns — and
//! reports every line it could not read as `file:line: what is wrong` instead of failing.
//!
//! # Faults of the original reader, fixed here
//! * **Last record dropped.** PETRARCH2 stores an actor entry only when the next entry
//!   starts, so the final entry of every actor file was lost. We store it.
//! * **End dates are inclusive.** PETRARCH2 tested `start <= date < end`, so an office
//!   holder was uncoded on the last day of a term given as `[CODE 20201122-20240921]`.
//!   Here `to` is the last day the code applies, and `[CODE <D]` reads as `to = D - 1 day`
//!   (it said "before D"), so both forms keep their published meaning.
//! * **Open-ended ranges.** `[CODE 20201122-]` (and `[CODE -20201122]`) made PETRARCH2's
//!   date conversion throw, which silently dropped the code; here they are open ranges.
//! * **Spaced operators.** `[CODE > 140608]` and `[CODE 19950601 - 19990815]` were
//!   misread (the date became the code's second word); spaces around `<`, `>` and `-` are
//!   now allowed.
//! * A bare date (`[USAGOV 19820101]`) meant nothing coherent to PETRARCH2 (it compared
//!   against a truncated number); it is read as a start date and reported.
//!
//! Six-digit dates are `YYMMDD` with the KEDS/TABARI pivot: `00`–`30` is 20YY, else 19YY.

mod actors;
mod agents;
mod dates;
mod dir;
mod discards;
mod issues;
mod problem;
mod source;
mod verbs;

pub use actors::{load_actors, parse_actors, ActorEntry, DatedCode};
pub use agents::{load_agents, parse_agents, AgentEntry, AgentPlacement};
pub use dir::{load_dir, load_dir_filtered, Dictionaries, DictionaryFile};
pub use discards::{load_discards, parse_discards, DiscardEntry, DiscardScope};
pub use issues::{load_issues, parse_issues, IssueEntry};
pub use problem::{DictError, DictProblem, ProblemAction};
pub use verbs::{
    load_verbs, parse_verbs, EventCode, Pattern, PatternElement, PatternItem, Synset, Transformation, Verb, VerbBlock,
    VerbDictionary,
};

/// Re-exported so callers can build and compare [`DatedCode`] dates without naming chrono.
pub use chrono::NaiveDate;
