//! Arguments of `encrypt` and `decrypt` (JWE, RFC 7516 compact and JSON serializations).

use std::path::PathBuf;

use clap::Args;

use super::sources::{jwks, key_file};
use crate::keys::source::KeySource;

// Where the JWE key comes from (encrypt and decrypt). (A plain comment: clap would show a doc comment as
// the about of each subcommand that flattens this.)
#[derive(Debug, Args)]
pub(crate) struct JweKeyArgs {
    /// Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin.
    /// decrypt takes several (one key set); encrypt --serialization json one recipient each.
    #[arg(long, value_name = "PATH", value_parser = key_file)]
    pub key: Vec<KeySource>,
    /// A JWKS: a file or an http(s) URL (choose a key with --kid).
    #[arg(long, value_name = "PATH|URL", value_parser = jwks)]
    pub jwks: Option<KeySource>,
    /// Select the key by this kid.
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// A symmetric key (dir, A*KW, A*GCMKW): the file's exact bytes (- for stdin).
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<String>,
    /// A passphrase for PBES2-*, read from this file's first line (jot never prompts).
    #[arg(long, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
    /// Passphrase of an encrypted PKCS#8 --key, read from this file.
    #[arg(long, value_name = "PATH")]
    pub key_passphrase_file: Option<PathBuf>,
    /// Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only).
    #[arg(long)]
    pub allow_weak: bool,
}

// `jot encrypt`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    jot encrypt --key bob.pub.jwk '{\"card\":\"4111…\"}'\n  \
    jot encrypt --secret-file k32.bin --enc A256GCM @doc.json\n  \
    echo hello | jot encrypt --passphrase-file pass.txt\n  \
    jot sign --key es256.jwk --sub alice --encrypt-to bob.pub.jwk   (a nested JWT)\n\n\
    Defaults from the recipient's key: RSA → RSA-OAEP-256, EC/X25519 → ECDH-ES+A256KW, an oct key\n\
    → dir when its length fits --enc, else A*KW; --enc A256GCM. RSA1_5 is refused.\n\
    Prefer --secret-file and --passphrase-file: arguments are visible to other users in `ps`.")]
pub(crate) struct EncryptArgs {
    #[command(flatten)]
    pub key: JweKeyArgs,
    /// Key management algorithm (default: from the key).
    #[arg(long, value_name = "ALG")]
    pub alg: Option<String>,
    /// Content encryption.
    #[arg(long, value_name = "ENC", default_value = "A256GCM")]
    pub enc: String,
    /// Content type header (JWT for a nested token).
    #[arg(long, value_name = "CTY")]
    pub cty: Option<String>,
    /// Compress before encrypting (zip: DEF). Compression can leak the plaintext's content
    /// through the length; avoid it for attacker-influenced data.
    #[arg(long)]
    pub zip: bool,
    /// Extra protected-header member; the value is parsed as JSON when it is JSON.
    #[arg(long = "header", value_name = "K=V")]
    pub header: Vec<String>,
    /// PBES2 iteration count.
    #[arg(long, value_name = "N", default_value_t = 600_000)]
    pub p2c: u32,
    /// Write the token in this serialization: compact (default), json (general: one
    /// recipient per --key) or flattened (RFC 7516 §7.2).
    #[arg(long, value_name = "FORM", value_parser = ["compact", "json", "flattened"], default_value = "compact")]
    pub serialization: String,
    /// Additional authenticated data (JSON serializations only): the argument's bytes, or
    /// @FILE's.
    #[arg(long, value_name = "TEXT|@FILE")]
    pub aad: Option<String>,
    /// The plaintext: the argument, @FILE, or - (the default) for stdin.
    #[arg(value_name = "PAYLOAD|@FILE|-")]
    pub payload: Option<String>,
}

// `jot decrypt`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    jot decrypt \"$JWE\" --key bob.jwk\n  \
    jot decrypt - --secret-file k32.bin --json < tokens.txt\n  \
    jot decrypt \"$JWE\" --passphrase-file pass.txt --out doc.json\n\n\
    Algorithms are pinned: --alg/--enc, else what the key implies; never the token's say-so.\n\
    RSA1_5 is refused unless --allow-rsa1-5. Plaintext is released only after its tag checks.\n\
    On a pipe or a file the plaintext is byte-exact (in bulk: `line N: ` before each); binary\n\
    plaintext is not written to a terminal (use --out FILE, or pipe it: | xxd).\n\
    For a nested JWT, `jot verify TOKEN --decrypt-key KEY --key SIGNER` checks both layers.\n\
    Exit 0 decrypted, 1 not (the reason is printed), 2 usage or input error.")]
pub(crate) struct DecryptArgs {
    /// The JWE (compact or JSON-serialized), @FILE, or - to read stdin: compact tokens one
    /// per line (one result line each), or one JSON-serialized token when it starts with {.
    #[arg(value_name = "JWE|@FILE|-")]
    pub token: String,
    #[command(flatten)]
    pub key: JweKeyArgs,
    /// Allowed key management algorithm (repeat). Default: what the key implies.
    #[arg(long = "alg", value_name = "ALG")]
    pub alg: Vec<String>,
    /// Allowed content encryption (repeat). Default: all.
    #[arg(long = "enc", value_name = "ENC")]
    pub enc: Vec<String>,
    /// Bound on the plaintext after decryption and inflation, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_plaintext: usize,
    /// Bound on PBES2's iteration count (p2c).
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_p2c: u32,
    /// Accept RSA1_5 (padding-oracle prone; a random CEK on any failure, RFC 7516 §11.5).
    #[arg(long = "allow-rsa1-5")]
    pub allow_rsa1_5: bool,
    /// Write the plaintext to this file (mode 0600) instead of stdout.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Replace --out if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// JSON output (one object per token): {"valid", "header", "plaintext" | "reason"};
    /// plaintext that is not UTF-8 is "plaintext_b64url".
    #[arg(long)]
    pub json: bool,
}
