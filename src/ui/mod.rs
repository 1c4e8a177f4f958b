//! `jot ui`: a local token debugger in the browser. One page, embedded in the binary and
//! served on loopback behind a random capability token, with a small JSON API over the
//! same library functions as the CLI. Nothing here prints, logs or writes to disk.

pub(crate) mod api;
pub(crate) mod guard;
mod server;

pub use server::{RunLimits, Server, MAX_BODY, WORKERS};
