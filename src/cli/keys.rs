//! Arguments of `keygen`, `convert` and `thumbprint`.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, ValueEnum};

use super::alg_arg::{KeygenAlg, KeygenAlgParser};
use super::AlgParser;
use crate::alg::{Alg, Hash};

/// Output format of `keygen`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum KeyFormat {
    Pem,
    Jwk,
}

/// Target form of `convert`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutForm {
    Jwk,
    Jwks,
    Pem,
    /// PKCS#8 (private) or SPKI (public) DER, the bytes openssl writes with -outform DER.
    Der,
}

/// `thumbprint --hash`: parsed straight into the crate's one hash type.
fn hash_parser() -> impl TypedValueParser<Value = Hash> {
    clap::builder::PossibleValuesParser::new(["sha256", "sha384", "sha512"]).map(|s| {
        match s.as_str() {
            "sha384" => Hash::Sha384,
            "sha512" => Hash::Sha512,
            _ => Hash::Sha256,
        }
    })
}

// `jot keygen`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot keygen ES256 --out es256.pem --public-out es256.pub.pem\n  \
    jot keygen HS256 --format jwk > hs256.jwk\n  jot keygen RS256 --bits 3072 --kid 2026-11 --format jwk --out rsa.jwk\n\n\
    Private keys are written with mode 0600 and never overwrite a file without --force.\n\
    HMAC keys are always JWKs (an HMAC secret has no PEM form)."
)]
pub(crate) struct KeygenArgs {
    /// Algorithm: a JWS algorithm, or an encryption key for JWE (RSA-OAEP-256, ECDH-ES,
    /// A256KW, dir, …; JWK output with use: enc).
    #[arg(value_name = "ALG", value_parser = KeygenAlgParser)]
    pub alg: KeygenAlg,
    /// Curve of an ECDH-ES key: P-256 (default), P-384, P-521 or X25519.
    #[arg(long, value_name = "CRV")]
    pub crv: Option<String>,
    /// The content encryption a dir key is sized for (default A256GCM).
    #[arg(long, value_name = "ENC")]
    pub enc: Option<String>,
    /// RSA modulus size: 2048, 3072 or 4096 (default 2048).
    #[arg(long, value_name = "N")]
    pub bits: Option<usize>,
    /// Key id (default: the key's RFC 7638 thumbprint).
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Output format (default: pem for asymmetric keys, jwk for HMAC keys).
    #[arg(long, value_enum)]
    pub format: Option<KeyFormat>,
    /// Write the private key here (mode 0600) instead of stdout.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Also write the public key here.
    #[arg(long, value_name = "PATH")]
    pub public_out: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

// `jot convert`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot convert key.pem --to jwk\n  jot convert key.pem --to jwks --public --kid k1 --alg ES256 --use sig\n  \
    jot convert jwks.json --kid k1 --to pem --public\n  openssl genpkey -algorithm ed25519 | jot convert - --to jwk --public\n\n\
    The input format is detected from the content (PEM PKCS#8/PKCS#1/SEC1/SPKI/X.509, DER, JWK, JWKS)."
)]
pub(crate) struct ConvertArgs {
    /// Key file, or - for stdin.
    #[arg(value_name = "PATH|-")]
    pub input: String,
    /// Output form.
    #[arg(long, value_enum)]
    pub to: OutForm,
    /// Write only the public key (private members are never in public output).
    #[arg(long)]
    pub public: bool,
    /// Select this kid from a JWKS input; set it on the output.
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Set the output's alg.
    #[arg(long, value_name = "ALG", value_parser = AlgParser, hide_possible_values = true)]
    pub alg: Option<Alg>,
    /// Set the output's use.
    #[arg(long = "use", value_name = "sig|enc", value_parser = ["sig", "enc"])]
    pub use_: Option<String>,
    #[command(flatten)]
    pub read: KeyReadArgs,
    /// Write here (atomically; private output gets mode 0600) instead of stdout.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Replace an existing --out file.
    #[arg(long)]
    pub force: bool,
}

// `jot thumbprint`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot thumbprint key.pem\n  jot thumbprint jwks.json --kid k1 --hash sha512"
)]
pub(crate) struct ThumbprintArgs {
    /// Key file, or - for stdin.
    #[arg(value_name = "PATH|-")]
    pub input: String,
    /// Hash function.
    #[arg(long, value_parser = hash_parser(), default_value = "sha256")]
    pub hash: Hash,
    /// Select this kid from a JWKS input.
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    #[command(flatten)]
    pub read: KeyReadArgs,
}

// How `convert` and `thumbprint` read their input key. (A plain comment: clap would show a doc comment as
// the about of each subcommand that flattens this.)
#[derive(Debug, Args)]
pub(crate) struct KeyReadArgs {
    /// Read encrypted PKCS#8 with the passphrase in this file (jot never prompts).
    #[arg(long, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
    /// Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint.
    #[arg(long)]
    pub allow_weak: bool,
    /// Treat the input's bytes as a raw HMAC secret.
    #[arg(long)]
    pub raw: bool,
}
