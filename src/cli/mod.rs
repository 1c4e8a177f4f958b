//! The command-line interface: clap types only, no behaviour. `lib.rs` turns these into
//! calls of the `cmd` glue; nothing outside `cli` and `cmd` sees clap.

mod alg_arg;
mod attack;
mod completions;
mod dpop;
mod jwe;
mod keys;
mod keyset;
mod review;
mod sdjwt;
mod sources;
mod token;
mod ui;

use clap::{Parser, Subcommand, ValueEnum};

pub(crate) use alg_arg::{AlgParser, KeygenAlg};
pub(crate) use attack::{AttackInputArgs, ForgeArgs, ProbeArgs, ProbeFormat};
pub(crate) use completions::CompletionsArgs;
pub(crate) use dpop::{DpopArgs, DpopCheckArgs, DpopCommand, DpopProofArgs};
pub(crate) use jwe::{DecryptArgs, EncryptArgs, JweKeyArgs};
pub(crate) use keys::{ConvertArgs, KeyFormat, KeygenArgs, OutForm, ThumbprintArgs};
pub(crate) use keyset::{KeysetArgs, KeysetCommand, KeysetFormat, RotateArgs, ServeArgs};
pub(crate) use review::{AuditArgs, AuditFormat, CrackArgs, CrackEngine, CrackFormat};
pub(crate) use sdjwt::{DiscloseArgs, SdIssueArgs, SdVerifyArgs};
pub(crate) use token::{DecodeArgs, KeySourceArgs, SignArgs, VerifyArgs};
pub(crate) use ui::UiArgs;

/// jot: a toolkit for JSON Web Tokens.
#[derive(Debug, Parser)]
#[command(
    name = "jot",
    version,
    about = "A toolkit for JSON Web Tokens: keys, signing, verification, audit, cracking, rotation",
    long_about = "jot makes, reads, checks and attacks JSON Web Tokens.\n\n\
        Exit codes: 0 success or valid, 1 a negative verdict (invalid token, findings at or \
        above --fail-on, secret not found), 2 a usage or input error.",
    after_help = "Examples:\n  jot keygen ES256 --out key.jwk --public-out key.pub.jwk\n  \
        jot sign --key key.jwk --sub alice --exp 15m\n  \
        jot verify \"$TOKEN\" --key key.pub.jwk --iss https://issuer.example"
)]
pub struct Cli {
    /// When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true, value_name = "WHEN")]
    pub(crate) color: ColorArg,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorArg {
    Auto,
    Always,
    Never,
}

/// The subcommands. Deferred: a subcommand's arguments are built only when it is the one
/// invoked (or help, completions and man pages ask for them), so `jot decode` does not
/// allocate the whole tree of seventeen subcommands first (start-up, issue 12).
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum Command {
    /// Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK.
    Keygen(KeygenArgs),
    /// Convert a key between PEM, DER, JWK and JWKS.
    Convert(ConvertArgs),
    /// Print a key's RFC 7638 thumbprint.
    Thumbprint(ThumbprintArgs),
    /// Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp).
    Sign(SignArgs),
    /// Show a token's header and claims without verifying it.
    Decode(DecodeArgs),
    /// Verify a token's signature and claims against keys you supply.
    Verify(VerifyArgs),
    /// Present an SD-JWT: keep chosen disclosures, optionally bind it with a KB-JWT.
    Disclose(DiscloseArgs),
    /// Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2).
    Encrypt(EncryptArgs),
    /// Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks.
    Decrypt(DecryptArgs),
    /// Review tokens and key files for weaknesses; JSON and SARIF reports.
    Audit(AuditArgs),
    /// Recover a weak HMAC secret from an HS256/384/512 token.
    Crack(CrackArgs),
    /// Rotate a key set on disk (next → active → retiring → removed).
    Rotate(RotateArgs),
    /// List or publish a key set on disk.
    Keyset(KeysetArgs),
    /// Serve a key set's JWKS and OpenID discovery document over HTTP.
    Serve(ServeArgs),
    /// Serve a local token debugger page in the browser (loopback, nothing leaves the machine).
    Ui(UiArgs),
    /// Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …).
    Forge(ForgeArgs),
    /// Send forged tokens to a live endpoint and report which ones it accepts.
    Probe(ProbeArgs),
    /// Make and check DPoP proofs (RFC 9449).
    Dpop(DpopArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

/// The clap command, for completions, man pages and the staleness tests.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
