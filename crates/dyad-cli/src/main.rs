//! The `dyad` command-line program.
fn main() {}
