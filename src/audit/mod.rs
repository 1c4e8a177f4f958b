//! Security review of tokens and key files: the rule table, token and key-file rules,
//! reports, and their helpers (weak secrets, sensitive-data detectors, extraction).

pub mod findings;
pub mod keyfile;
pub mod report;
pub mod rules;
