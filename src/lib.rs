//! jot: a toolkit for JSON Web Tokens.
pub mod audit;
pub mod error;
pub use error::{Error, ExitCode, Result};
