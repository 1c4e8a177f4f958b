//! Integration tests of the `jot` binary, one module per command.

mod audit;
mod audit_common;
mod crack;
