//! Security review of tokens and key files: the rule table, the token and key-file rules,
//! the reports, and their pure helpers — the built-in weak-secret list, the sensitive-data
//! detectors for payloads, the JWT extractor for captured traffic, and the identifier of
//! non-JWT tokens. Values in, findings out: no printing, no clock, no network.

pub mod extract;
pub mod findings;
pub mod identify;
pub mod jwe;
pub mod keyfile;
pub mod report;
pub mod rules;
pub mod sensitive;
pub mod weak_secrets;
