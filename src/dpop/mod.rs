//! DPoP (RFC 9449): making proofs (`proof`), checking them as §4.3 lists (`check`), the
//! `htu` normaliser (`htu`), and checking an access token's binding to a proof (`bind`).
//! Values only: `cmd::dpop` and `cmd::verify` print; time comes from the caller's clock.

pub(crate) mod bind;
pub(crate) mod check;
pub mod htu;
pub(crate) mod proof;

#[cfg(test)]
mod tests;

use crate::alg::{Alg, Hash};
use crate::b64;

pub use check::{check, Check, Expect, Report};
pub(crate) use proof::{make, Request};

/// The media type of a proof's `typ` header.
pub(crate) const TYP: &str = "dpop+jwt";

/// The default `--max-age` of a proof: RFC 9449 §11.1 leaves the window to the server;
/// five minutes is what common servers allow.
pub(crate) const DEFAULT_MAX_AGE: i64 = 300;

/// `ath`: base64url of the SHA-256 of the access token's ASCII text (RFC 9449 §4.2).
pub(crate) fn ath(access_token: &str) -> String {
    b64::encode(&Hash::Sha256.digest(access_token.as_bytes()))
}

/// The algorithm a proof's `alg` names: the table's, and `Ed25519` (RFC 9864's fully
/// specified name) as the EdDSA it is, so proofs from either generation of libraries check.
pub(crate) fn resolve_alg(name: &str) -> Option<Alg> {
    Alg::from_name(name).or_else(|| (name == "Ed25519").then_some(Alg::EdDSA))
}
