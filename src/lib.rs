//! jot: a toolkit for JSON Web Tokens.
pub mod error;
pub use error::{Error, ExitCode, Result};
pub mod crack;
