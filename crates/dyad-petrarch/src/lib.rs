//! PETRARCH2 compatibility: code events with a PETRARCH2 verb dictionary on dyad's own
//! dependency parse, read PETRARCH validation record files, and score coded events against
//! them.
//!
//! The coder is a simplification of PETRARCH2's constituency-tree matching, described in
//! [`coder`]; the records and scores exist for `dyad eval petrarch`.

pub mod coder;
pub mod records;
pub mod score;
pub mod setup;

pub use coder::{PetrarchEvent, VerbCoder};
pub use records::{parse_records, read_records, Environment, Expected, Record, RecordError, RecordFile};
pub use score::{score_record, RecordScore, Totals};
pub use setup::{load_setup, ActorPhrase, Setup, SetupError};
