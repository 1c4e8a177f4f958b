//! Offline audit helpers: the built-in weak-secret list, the sensitive-data detectors for
//! payloads, the JWT extractor for captured traffic, and the identifier of non-JWT tokens.
//!
//! Everything here is pure: values in, findings out; no printing, no clock, no network.

pub mod extract;
pub mod identify;
pub mod sensitive;
pub mod weak_secrets;
