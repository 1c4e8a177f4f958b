//! Glue between the CLI and the library: one file per subcommand. Each reads its inputs,
//! calls the domain modules, prints, and returns an exit code.

pub mod completions;
pub mod convert;
pub mod keygen;
pub mod keyin;
pub mod keyset;
pub mod output;
pub mod rotate;
pub mod serve;
pub mod thumbprint;
