//! Arguments of `dpop` (`proof` and `check`, RFC 9449).

use clap::{Args, Subcommand};

use super::AlgParser;
use crate::alg::Alg;

// `jot dpop`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    jot dpop proof --key dpop.jwk --htm POST --htu https://as.example/token\n  \
    jot dpop check \"$PROOF\" --htm POST --htu https://as.example/token\n  \
    jot verify \"$AT\" --key as.pub.jwk --dpop-proof \"$PROOF\" --htm GET --htu https://rs.example/r")]
pub(crate) struct DpopArgs {
    #[command(subcommand)]
    pub command: DpopCommand,
}

/// The `dpop` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum DpopCommand {
    /// Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header).
    Proof(DpopProofArgs),
    /// Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named.
    Check(DpopCheckArgs),
}

// `jot dpop proof`.
#[derive(Debug, Args)]
#[command(
    after_help = "The proof carries a fresh jti (128 random bits), iat (now, or --now), htm, htu \
    without its query and fragment, ath (the SHA-256 of --ath's access token) and nonce when given."
)]
pub(crate) struct DpopProofArgs {
    /// The client's private key (PEM, DER or JWK; EC, RSA or Ed25519), or - for stdin.
    #[arg(long, value_name = "PATH")]
    pub key: String,
    /// Passphrase for an encrypted PKCS#8 key, read from this file.
    #[arg(long, value_name = "PATH")]
    pub passphrase_file: Option<std::path::PathBuf>,
    /// Algorithm (default: from the key). HMAC and none are refused.
    #[arg(long, value_name = "ALG", value_parser = AlgParser, hide_possible_values = true)]
    pub alg: Option<Alg>,
    /// The request's HTTP method.
    #[arg(long, value_name = "METHOD")]
    pub htm: String,
    /// The request's URI (query and fragment are left out of the proof).
    #[arg(long, value_name = "URL")]
    pub htu: String,
    /// The access token sent with the request: its SHA-256 goes in ath.
    #[arg(long, value_name = "ACCESS_TOKEN")]
    pub ath: Option<String>,
    /// The server's DPoP-Nonce.
    #[arg(long, value_name = "N")]
    pub nonce: Option<String>,
    /// Fix the clock for iat (unix seconds or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

// `jot dpop check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Checks: single (one proof), typ, alg (asymmetric only), jwk (public only), \
    signature, jti, htm, htu (RFC 3986 normalised), iat (not older than --max-age, not ahead by \
    more than --leeway), and when asked nonce, ath, jkt. With --access-token the token's cnf.jkt \
    (when it is a JWT) is the thumbprint the proof key must have.\n\
    jot never remembers jti values: replay detection across requests is the server's job.\n\
    Exit 0 valid, 1 a check failed, 2 not a token or a usage error."
)]
pub(crate) struct DpopCheckArgs {
    /// The DPoP header value, or - for stdin.
    #[arg(value_name = "PROOF|-")]
    pub proof: String,
    /// The request's HTTP method.
    #[arg(long, value_name = "METHOD")]
    pub htm: String,
    /// The request's URI.
    #[arg(long, value_name = "URL")]
    pub htu: String,
    /// The access token sent with the proof: ath must be its SHA-256.
    #[arg(long, value_name = "AT")]
    pub access_token: Option<String>,
    /// The nonce the server handed out.
    #[arg(long, value_name = "N")]
    pub nonce: Option<String>,
    /// How old iat may be.
    #[arg(long, value_name = "DURATION", default_value = "5m")]
    pub max_age: String,
    /// How far ahead iat may be.
    #[arg(long, value_name = "DURATION", default_value = "60s")]
    pub leeway: String,
    /// The thumbprint the proof key must have (the access token's cnf.jkt).
    #[arg(long, value_name = "THUMBPRINT", allow_hyphen_values = true)]
    pub jkt: Option<String>,
    /// Fix the clock (unix seconds or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// JSON output: every check with pass/fail.
    #[arg(long)]
    pub json: bool,
}
