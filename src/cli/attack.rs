//! Arguments of `forge` and `probe` (the attack lab). The attack list in the help is
//! printed from the one table in `forge::table`.

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{Args, ValueEnum};

/// The attack table, for the help texts.
static ATTACK_HELP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "Attacks (default: every one that applies to the token and the inputs given):\n{}",
        crate::forge::table::help_table()
    )
});

fn forge_after_help() -> String {
    format!(
        "Examples:\n  jot forge \"$TOKEN\"\n  jot forge \"$TOKEN\" --public-key server.pem --attack confusion\n  \
        jot forge \"$TOKEN\" --jku-url https://me.example/jwks.json --out-keys keys/ --attack jku\n  \
        jot forge \"$TOKEN\" --secret-file cracked.txt --attack resign --claim role=admin\n  \
        jot forge \"$AT\" --dpop-key client.jwk --htm GET --htu https://rs.example/me --attack dpop-hmac\n\n{}\n\
        Output: one `NAME TOKEN` per line, or with --json one object per line \
        {{\"attack\",\"variant\",\"token\",\"description\",\"cve\"}}. Secrets are read from files, never argv.",
        *ATTACK_HELP
    )
}

fn probe_after_help() -> String {
    format!(
        "Examples:\n  jot probe https://api.example/me --token \"$TOKEN\"\n  \
        jot probe https://api.example/me --token \"$TOKEN\" --cookie session --public-key server.pem\n  \
        jot probe https://api.example/me --token \"$TOKEN\" --header 'X-Auth: JWT {{token}}' --format sarif > probe.sarif\n  \
        jot probe https://rs.example/me --token \"$AT\" --dpop-key client.jwk\n  \
        jot probe https://api.example/me --token \"$T1\" --token \"$T2\" --discover\n\n{}\n\
        Each response is classified accepted / rejected / inconclusive against two baselines (the \
        original token and a garbage value) and the markers given (--accepted-text, --rejected-text, \
        --accepted-status); a 5xx is never taken as acceptance. A token given as whole header lines \
        (`Cookie: a=b; session=eyJ…`) is replaced in each line that carries it. Exit 1 when any variant is accepted, 0 when none is, \
        2 on usage errors or when the baselines cannot tell acceptance from rejection.",
        *ATTACK_HELP
    )
}

// The inputs shared by `forge` and `probe`. (A plain comment: clap would show a doc comment as
// the about of each subcommand that flattens this.)
#[derive(Debug, Args)]
pub(crate) struct AttackInputArgs {
    /// Only this attack (repeatable); see the list below.
    #[arg(long = "attack", value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(crate::forge::names()))]
    pub attacks: Vec<String>,
    /// The server's public key (PEM, DER, JWK, certificate or JWKS), for key confusion.
    #[arg(long, value_name = "PATH")]
    pub public_key: Option<String>,
    /// The server's HMAC secret (e.g. from jot crack): the file's exact bytes.
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<String>,
    /// A claim for tamper/resign, K=V (the value is JSON when it parses as JSON).
    #[arg(long = "claim", value_name = "K=V")]
    pub claims: Vec<String>,
    /// URL the jku attack points at (you host --out-keys/jwks.json there).
    #[arg(long, value_name = "URL")]
    pub jku_url: Option<String>,
    /// URL the x5u attack points at (you host --out-keys/x5u.pem there).
    #[arg(long, value_name = "URL")]
    pub x5u_url: Option<String>,
    /// Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only).
    #[arg(long, value_name = "DIR")]
    pub out_keys: Option<PathBuf>,
    /// Fix the clock for the pushed-out exp (unix seconds or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// The DPoP client's private key: the token is a DPoP-bound access token, and the dpop-*
    /// attacks forge proofs for it (probe also sends a fresh proof with every other request).
    #[arg(long, value_name = "PATH")]
    pub dpop_key: Option<String>,
    /// A token the server issued that has now expired: the claims-exp attack sends it as
    /// issued, to see whether exp is checked (no --secret-file needed).
    #[arg(long, value_name = "TOKEN")]
    pub expired_token: Option<String>,
}

// `jot forge`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(after_help = forge_after_help())]
pub(crate) struct ForgeArgs {
    /// The captured token (or - to read it from stdin).
    #[arg(value_name = "TOKEN")]
    pub token: String,
    #[command(flatten)]
    pub inputs: AttackInputArgs,
    /// The request the DPoP proofs are for: its method (with --dpop-key).
    #[arg(long, value_name = "METHOD", requires_all = ["dpop_key", "htu"])]
    pub htm: Option<String>,
    /// The request the DPoP proofs are for: its URI (with --dpop-key).
    #[arg(long, value_name = "URL", requires_all = ["dpop_key", "htm"])]
    pub htu: Option<String>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

/// Report format of `probe`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProbeFormat {
    Text,
    Json,
    Sarif,
}

// `jot probe`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(after_help = probe_after_help())]
pub(crate) struct ProbeArgs {
    /// The endpoint to probe (http or https); jot talks to no other host.
    #[arg(value_name = "URL")]
    pub url: String,
    /// A token the server accepts (or - to read it from stdin). Given twice (two RS256/384/512
    /// tokens of one key), probe recovers an e = 3 RSA public key from them when it has none.
    #[arg(long, value_name = "TOKEN", required = true, num_args = 1)]
    pub token: Vec<String>,
    /// Fetch the server's public keys from the URL's origin (/.well-known/jwks.json, the
    /// OpenID discovery jwks_uri, the token's iss on the same origin) for key confusion.
    #[arg(long)]
    pub discover: bool,
    /// Where the token goes: a header template with {token} (default 'Authorization: Bearer {token}').
    #[arg(long, value_name = "'NAME: VALUE'", conflicts_with = "cookie")]
    pub header: Option<String>,
    /// Send the token in this cookie instead of a header.
    #[arg(long, value_name = "NAME")]
    pub cookie: Option<String>,
    /// HTTP method.
    #[arg(long, value_name = "M", default_value = "GET")]
    pub method: String,
    /// Request body ({token} is replaced too).
    #[arg(long, value_name = "BODY")]
    pub data: Option<String>,
    #[command(flatten)]
    pub inputs: AttackInputArgs,
    /// Requests per second at most (N or N/s).
    #[arg(long, value_name = "N/s", default_value = "10/s")]
    pub rate: String,
    /// Requests in all at most, the baselines and the closing recheck included.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_requests: usize,
    /// Time for one request, body included (e.g. 10s, 1m).
    #[arg(long, value_name = "D", default_value = "10s")]
    pub timeout: String,
    /// Skip TLS certificate verification (prints a warning).
    #[arg(long)]
    pub insecure: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ProbeFormat::Text)]
    pub format: ProbeFormat,
    /// Show whole tokens in the report (abbreviated by default).
    #[arg(long)]
    pub show_tokens: bool,
    /// Text only an accepted response has, e.g. 'Welcome admin' (repeatable): a response
    /// unlike the garbage value's that has it is accepted.
    #[arg(long = "accepted-text", value_name = "S")]
    pub accepted_text: Vec<String>,
    /// Text only a rejected response has, e.g. 'Token invalid' (repeatable): a response
    /// that has it is rejected.
    #[arg(long = "rejected-text", value_name = "S")]
    pub rejected_text: Vec<String>,
    /// A status only an accepted response has, e.g. 200 (repeatable; never a 5xx, which is
    /// never evidence of acceptance).
    #[arg(long = "accepted-status", value_name = "N", value_parser = clap::value_parser!(u16).range(100..500))]
    pub accepted_status: Vec<u16>,
}
