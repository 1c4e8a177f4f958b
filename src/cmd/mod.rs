//! Glue between the CLI and the library: one file per subcommand. Each reads its inputs,
//! calls the domain modules, prints, and returns an exit code.

pub mod audit;
pub mod bulk_out;
pub mod completions;
pub mod convert;
pub mod crack;
pub mod decode;
pub mod decrypt;
pub mod dpop;
pub mod encrypt;
pub mod forge;
pub mod keygen;
pub mod keyin;
pub mod keyset;
pub mod output;
pub mod parallel;
pub mod probe;
pub mod rotate;
pub mod serve;
pub mod sign;
pub mod stream;
pub mod thumbprint;
pub mod ui;
pub mod verify;

use crate::files::{read_input, MAX_INPUT};

/// Tokens from an argument, or from stdin (one per line, blank lines skipped) for `-`,
/// with their 1-based line numbers.
pub fn tokens_in(arg: &str) -> crate::Result<Vec<(usize, String)>> {
    if arg != "-" {
        return Ok(vec![(1, arg.trim().to_owned())]);
    }
    // Bulk input may be large; the per-token limit still applies when each is parsed.
    let data = read_input("-", 64 * MAX_INPUT)?;
    let text = String::from_utf8_lossy(&data);
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.trim().to_owned()))
        .collect())
}
