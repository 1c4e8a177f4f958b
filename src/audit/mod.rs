//! Security review of tokens and key files: one run over the inputs ([`run`]), the rule
//! table, the token and key-file rules, the reports, and their pure helpers — the weak-secret
//! check (built-in list and wordlists), the sensitive-data detectors for payloads and the JWT
//! extractor for captured traffic. Config in, report out: no printing, no clock, no network.

mod extract;
mod findings;
mod har;
mod json_ser;
mod jwe;
mod keyfile;
pub(crate) mod report;
pub(crate) mod rules;
mod run;
mod sdjwt;
mod secrets;
mod sensitive;

pub(crate) use rules::Severity;
pub(crate) use run::{run_until_error, token, Config, Report};
