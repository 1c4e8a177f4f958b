//! Arguments of `sign`, `decode` and `verify`.

use std::path::PathBuf;

use clap::{ArgGroup, Args};

use super::sources::{jwks, key_file, oidc};
use super::AlgParser;
use crate::alg::Alg;
use crate::keys::source::KeySource;
use crate::keys::Secret;

/// The ArgGroup of every key source of a command: at most one may be given (sign and
/// verify also require one).
pub(super) const KEY_SOURCE: &str = "key_source";

// Where the key comes from (sign and verify). (A plain comment: clap would show a doc comment as
// the about of each subcommand that flattens this.)
#[derive(Debug, Args, Default)]
pub(crate) struct KeySourceArgs {
    /// Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin.
    /// verify takes several (their keys are one set); sign --serialization json signs with each.
    #[arg(long, value_name = "PATH", group = KEY_SOURCE, value_parser = key_file)]
    pub key: Vec<KeySource>,
    /// HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file.
    #[arg(long, value_name = "TEXT", group = KEY_SOURCE)]
    pub secret: Option<Secret>,
    /// HMAC secret: the file's exact bytes (- for stdin). Preferred over --secret.
    #[arg(long, value_name = "PATH", group = KEY_SOURCE)]
    pub secret_file: Option<String>,
    /// Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts).
    #[arg(long, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
    /// Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only).
    #[arg(long)]
    pub allow_weak: bool,
}

// `jot sign`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot sign --key es256.pem --sub alice --aud api --exp 15m\n  \
    jot sign --secret-file hs.key --claims @claims.json --claim role=admin --claim 'scopes=[\"a\",\"b\"]'\n  \
    echo '{\"sub\":\"bob\"}' | jot sign --key rsa.jwk --claims - --now 2026-01-01T00:00:00Z\n\n\
    Defaults: typ JWT, iat = now, exp = now + 15m, alg and kid from the key.\n\
    Prefer --secret-file over --secret: arguments are visible to other users in `ps`.\n\
    Registered claims are type-checked: exp, nbf and iat must be NumericDates (a number, or a\n\
    duration or time as --exp takes), iss and sub strings, aud a string or array of strings.\n\
    HMAC secrets shorter than the hash (32 bytes for HS256) are refused (RFC 7518 §3.2)."
)]
#[command(group(ArgGroup::new(KEY_SOURCE).required(true)))]
pub(crate) struct SignArgs {
    #[command(flatten)]
    pub key: KeySourceArgs,
    /// Sign with the active key of a rotated key set (see `jot rotate`).
    #[arg(long, value_name = "DIR", group = KEY_SOURCE)]
    pub keyset: Option<PathBuf>,
    /// Sign with an HMAC secret shorter than the hash output (still warns; for tests only).
    #[arg(long)]
    pub insecure_short_key: bool,
    /// Algorithm (default: from the key). `none` is refused.
    #[arg(long, value_name = "ALG", value_parser = AlgParser, hide_possible_values = true)]
    pub alg: Option<Alg>,
    /// Key id for the header (default: the key's kid, else its thumbprint).
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Claims as a JSON object, @FILE, or - for stdin.
    #[arg(long, value_name = "JSON|@FILE|-")]
    pub claims: Option<String>,
    /// One claim; the value is parsed as JSON when it is JSON (numbers, true, arrays), else a string.
    #[arg(long = "claim", value_name = "K=V")]
    pub claim: Vec<String>,
    /// Issuer.
    #[arg(long, value_name = "S")]
    pub iss: Option<String>,
    /// Subject.
    #[arg(long, value_name = "S")]
    pub sub: Option<String>,
    /// Audience (repeat for several).
    #[arg(long, value_name = "S")]
    pub aud: Vec<String>,
    /// Expiry: a duration from now (15m, 2h, 7d) or a time (unix seconds, RFC 3339). Default 15m.
    #[arg(long, value_name = "DURATION|TIME")]
    pub exp: Option<String>,
    /// Not before: a duration from now or a time.
    #[arg(long, value_name = "DURATION|TIME")]
    pub nbf: Option<String>,
    /// Omit iat.
    #[arg(long)]
    pub no_iat: bool,
    /// Omit exp (a token that never expires cannot be revoked by time; warns).
    #[arg(long, conflicts_with = "exp")]
    pub no_exp: bool,
    /// Add a random jti.
    #[arg(long)]
    pub jti: bool,
    /// Extra header member; the value is parsed as JSON when it is JSON.
    #[arg(long = "header", value_name = "K=V")]
    pub header: Vec<String>,
    /// Bind the token to a fresh random value (OWASP token sidejacking defence): its SHA-256 goes
    /// in the "fgp" claim and the value is printed on stderr or to --fingerprint-out.
    #[arg(long)]
    pub fingerprint: bool,
    /// Write the fingerprint value to this file (mode 0600) instead of stderr.
    #[arg(long, value_name = "PATH", requires = "fingerprint")]
    pub fingerprint_out: Option<PathBuf>,
    /// Fix the clock (unix seconds or RFC 3339), for reproducible output.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Write the token in this serialization: compact (default), json (general: one
    /// signature per --key) or flattened (RFC 7515 §7.2).
    #[arg(long, value_name = "FORM", value_parser = ["compact", "json", "flattened"], default_value = "compact")]
    pub serialization: String,
    /// Then encrypt the signed token to this recipient key: a nested JWT (cty JWT, RFC 7519
    /// §5.2). The key picks the JWE alg as `jot encrypt` does.
    #[arg(long, value_name = "PATH")]
    pub encrypt_to: Option<String>,
    /// JWE key management algorithm for --encrypt-to (default: from the key).
    #[arg(long, value_name = "ALG", requires = "encrypt_to")]
    pub encrypt_alg: Option<String>,
    /// JWE content encryption for --encrypt-to (default A256GCM).
    #[arg(long, value_name = "ENC", requires = "encrypt_to")]
    pub encrypt_enc: Option<String>,
    #[command(flatten)]
    pub sd: super::SdIssueArgs,
}

// `jot decode`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot decode eyJhbGciOi...\n  pbpaste | jot decode -\n  \
    jot decode - --json < tokens.txt\n\nDecoding does NOT verify anything: use `jot verify` for that."
)]
pub(crate) struct DecodeArgs {
    /// The token (compact or JSON-serialized), @FILE, or - to read stdin: compact tokens one
    /// per line, or one JSON-serialized token when it starts with {.
    #[arg(value_name = "TOKEN|@FILE|-")]
    pub token: String,
    /// One JSON object per token: {"header":…,"payload":…,"signature":"…"}.
    #[arg(long)]
    pub json: bool,
    /// Fix the clock used for relative times.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Decrypt a JWE with this key and show the inner token too (nothing is verified).
    #[arg(long, value_name = "PATH")]
    pub decrypt_key: Option<String>,
}

// `jot verify`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot verify \"$TOKEN\" --key es256.pub.pem --iss https://id.example --aud api\n  \
    jot verify - --jwks https://id.example/.well-known/jwks.json --json < tokens.txt\n  \
    jot verify \"$TOKEN\" --oidc https://id.example --aud api\n\n\
    Algorithms are pinned: --alg, else those the key implies; never the token's say-so. Keys named by\n\
    the token (jwk, jku, x5u) are never used; x5c only with --trust-anchor. exp is required unless --allow-no-exp.\n\
    ECDSA signatures with a high S (the malleable twin of a low-S one) are refused with\n\
    --require-low-s. A --denylist names revoked tokens by jti or by the SHA-256 (hex) of the\n\
    signing input, header.payload (`printf %s \"${TOKEN%.*}\" | sha256sum`), which no\n\
    re-encoding of the signature changes.\n\
    Exit 0 valid, 1 invalid (the reason is printed), 2 usage or input error."
)]
#[command(group(ArgGroup::new(KEY_SOURCE).required(true)))]
pub(crate) struct VerifyArgs {
    /// The token (compact or JSON-serialized), @FILE, or - to read stdin: compact tokens one
    /// per line (one result line each), or one JSON-serialized token when it starts with {.
    #[arg(value_name = "TOKEN|@FILE|-")]
    pub token: String,
    #[command(flatten)]
    pub key: KeySourceArgs,
    /// A JWKS: a file or an http(s) URL.
    #[arg(long, value_name = "PATH|URL", group = KEY_SOURCE, value_parser = jwks)]
    pub jwks: Option<KeySource>,
    /// An OpenID issuer: its discovery document names the JWKS.
    #[arg(long, value_name = "ISSUER_URL", group = KEY_SOURCE, value_parser = oidc)]
    pub oidc: Option<KeySource>,
    /// A CA certificate (PEM; repeat for several) that a protected x5c chain must validate
    /// to: the leaf certificate's key then verifies the token. Without it x5c is never used.
    #[arg(long, value_name = "CA.pem", group = KEY_SOURCE)]
    pub trust_anchor: Vec<String>,
    /// Allowed algorithm (repeat for several). Default: what the key implies.
    #[arg(long = "alg", value_name = "ALG", value_parser = AlgParser, hide_possible_values = true)]
    pub alg: Vec<Alg>,
    /// Required issuer (exact match; also the expected issuer with --oidc).
    #[arg(long, value_name = "S")]
    pub iss: Option<String>,
    /// Who you are (repeat): the token's aud must contain one. A token that has an aud is
    /// rejected when none is given (RFC 7519 §4.1.3).
    #[arg(long, value_name = "S")]
    pub aud: Vec<String>,
    /// Required subject (exact match).
    #[arg(long, value_name = "S")]
    pub sub: Option<String>,
    /// Claims that must be present (replaces the default requirement of exp).
    #[arg(long = "require", value_name = "CLAIM")]
    pub require: Vec<String>,
    /// Accept tokens without exp.
    #[arg(long)]
    pub allow_no_exp: bool,
    /// Clock skew allowed for exp, nbf and iat.
    #[arg(long, value_name = "DURATION", default_value = "60s")]
    pub leeway: String,
    /// Reject tokens whose iat is older than this.
    #[arg(long, value_name = "DURATION")]
    pub max_age: Option<String>,
    /// Revoked tokens: one jti, or SHA-256 (hex) of the signing input header.payload, per line.
    #[arg(long, value_name = "FILE")]
    pub denylist: Option<PathBuf>,
    /// Verify with an HMAC secret shorter than the hash output (still warns; for tests only).
    #[arg(long)]
    pub insecure_short_key: bool,
    /// Refuse ECDSA signatures with a high S (accepted by default: OpenSSL, PyJWT and the
    /// RFC 7515 examples make them; jot signs low-S).
    #[arg(long)]
    pub require_low_s: bool,
    /// The fingerprint value the token must be bound to (see `jot sign --fingerprint`).
    #[arg(long, value_name = "VALUE")]
    pub fingerprint: Option<String>,
    /// Select the key by this kid (overrides the token's kid).
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// The protected header's typ must be T: compared case-insensitively, an application/
    /// prefix removed from either side (RFC 7515 §4.1.9). Overrides the profile's.
    #[arg(long, value_name = "T")]
    pub typ: Option<String>,
    /// A profile's defaults: at+jwt (RFC 9068: typ at+jwt; iss, exp, aud, sub, client_id,
    /// iat, jti required) or id-token (OpenID Connect: iss, sub, aud, exp, iat; azp when aud
    /// has several values). --typ and --require override them.
    #[arg(long, value_name = "PROFILE", value_parser = ["at+jwt", "id-token"])]
    pub profile: Option<String>,
    /// The nonce claim must equal this (OpenID Connect ID tokens).
    #[arg(long, value_name = "S")]
    pub nonce: Option<String>,
    /// A JSON-serialized JWS is valid only when every signature verifies (default: one
    /// that verifies with the supplied keys is enough).
    #[arg(long)]
    pub all_signatures: bool,
    /// Fix the clock (unix seconds or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// JSON output (one object per token).
    #[arg(long)]
    pub json: bool,
    /// Do not use or fill the on-disk JWKS cache.
    #[arg(long)]
    pub no_cache: bool,
    /// A nested JWT: decrypt the JWE with this key first, then verify the inner token with
    /// every check above. The verdict says which layer failed.
    #[arg(long, value_name = "PATH")]
    pub decrypt_key: Option<String>,
    #[command(flatten)]
    pub sd: super::SdVerifyArgs,
    /// The DPoP proof sent with the token (RFC 9449): the token must carry cnf.jkt, the
    /// proof must pass every `jot dpop check` with ath over this token. Needs --htm, --htu.
    #[arg(long, value_name = "PROOF", requires_all = ["htm", "htu"])]
    pub dpop_proof: Option<String>,
    /// The request's HTTP method, for --dpop-proof.
    #[arg(long, value_name = "METHOD", requires = "dpop_proof")]
    pub htm: Option<String>,
    /// The request's URI, for --dpop-proof.
    #[arg(long, value_name = "URL", requires = "dpop_proof")]
    pub htu: Option<String>,
    /// The DPoP-Nonce the proof must carry.
    #[arg(long, value_name = "N", requires = "dpop_proof")]
    pub dpop_nonce: Option<String>,
    /// How old the proof's iat may be (default 5m).
    #[arg(long, value_name = "DURATION", requires = "dpop_proof")]
    pub dpop_max_age: Option<String>,
}
