//! Arguments for SD-JWT (RFC 9901): the issuing flags `sign` flattens in, the key-binding
//! flags `verify` flattens in, and `jot disclose`.

use std::path::PathBuf;

use clap::Args;

// SD-JWT issuance flags of `jot sign`. (A plain comment: a doc comment would become the
// about of the command that flattens this.)
#[derive(Debug, Args, Default)]
#[command(next_help_heading = "SD-JWT (RFC 9901)")]
pub(crate) struct SdIssueArgs {
    // The help is an attribute: a doc comment would be read as rustdoc links and HTML.
    #[arg(
        long = "sd",
        value_name = "PATH",
        help = "Make this claim selectively disclosable (repeat): NAME, a nested path \
                (address.street_address) or an array element (nationalities[0], a[0].b). The \
                output is an SD-JWT: <JWT>~<disclosure>~…~"
    )]
    pub sd: Vec<String>,
    /// Make every top-level claim disclosable except iss, sub, aud, exp, nbf, iat, jti,
    /// cnf, vct and status.
    #[arg(long)]
    pub sd_all: bool,
    /// Add N decoy digests that match no disclosure (hide how many claims there are).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub decoys: usize,
    /// The digest hash (_sd_alg).
    #[arg(long, value_name = "ALG", default_value = "sha-256",
          value_parser = ["sha-256", "sha-384", "sha-512"])]
    pub sd_alg: String,
    /// Bind the credential to this holder key: its public JWK goes in cnf.jwk (a private key
    /// file is fine; only the public part is used).
    #[arg(long, value_name = "PATH")]
    pub holder_key: Option<String>,
    /// The header's typ (default JWT; SD-JWT VCs use dc+sd-jwt).
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
}

impl SdIssueArgs {
    /// Whether any flag asks for an SD-JWT.
    pub(crate) fn wanted(&self) -> bool {
        !self.sd.is_empty() || self.sd_all || self.decoys > 0 || self.holder_key.is_some()
    }
}

// Key-binding flags of `jot verify`.
#[derive(Debug, Args, Default)]
#[command(next_help_heading = "SD-JWT key binding (RFC 9901)")]
pub(crate) struct SdVerifyArgs {
    /// Require a KB-JWT whose aud is this verifier.
    #[arg(long, value_name = "AUD")]
    pub kb_aud: Option<String>,
    /// Require a KB-JWT whose nonce is this.
    #[arg(long, value_name = "NONCE")]
    pub kb_nonce: Option<String>,
    /// Reject a KB-JWT whose iat is older than this.
    #[arg(long, value_name = "DURATION", default_value = "5m")]
    pub kb_max_age: String,
    /// Fail an SD-JWT presentation without a KB-JWT.
    #[arg(long)]
    pub require_kb: bool,
}

// `jot disclose`. (A plain comment: see SignArgs.)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot disclose \"$SDJWT\" --claim given_name --claim address.locality\n  \
    jot disclose \"$SDJWT\" --all --holder-key holder.pem --aud https://verifier.example --nonce n-0S6\n\n\
    A claim inside a disclosed object brings the disclosure of that object with it.\n\
    `jot decode SDJWT` lists the disclosable paths."
)]
pub(crate) struct DiscloseArgs {
    /// The SD-JWT as issued (or a presentation), or - for stdin.
    #[arg(value_name = "SDJWT|-")]
    pub token: String,
    /// Disclose this claim (repeat): a path as `jot decode` shows it.
    #[arg(long = "claim", value_name = "PATH", conflicts_with_all = ["all", "none"])]
    pub claim: Vec<String>,
    /// Disclose everything.
    #[arg(long, conflicts_with = "none")]
    pub all: bool,
    /// Disclose nothing (the issuer JWT alone).
    #[arg(long)]
    pub none: bool,
    /// Append a KB-JWT signed with this holder private key (needs --aud and --nonce).
    #[arg(long, value_name = "PATH", requires_all = ["aud", "nonce"])]
    pub holder_key: Option<String>,
    /// Passphrase for an encrypted PKCS#8 holder key, read from this file.
    #[arg(long, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
    /// The verifier the KB-JWT is for.
    #[arg(long, value_name = "AUD", requires = "holder_key")]
    pub aud: Option<String>,
    /// The verifier's nonce for the KB-JWT.
    #[arg(long, value_name = "NONCE", requires = "holder_key")]
    pub nonce: Option<String>,
    /// Fix the clock for the KB-JWT's iat (unix seconds or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}
