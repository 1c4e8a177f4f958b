//! Arguments of `audit` and `crack`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::audit::Severity;

/// Report format of `audit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AuditFormat {
    Text,
    Json,
    Sarif,
}

/// `--fail-on` values: the names of the audit's own severities (one type, no copy here).
fn severity() -> impl clap::builder::TypedValueParser<Value = Severity> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(Severity::ALL.map(Severity::name))
        .try_map(|s| Severity::from_name(&s).ok_or("unknown severity"))
}

// `jot audit`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot audit \"$TOKEN\"\n  jot audit tokens.txt jwks.json --format sarif > jot.sarif\n  \
    jot audit --extract access.log capture.har --fail-on medium\n\n\
    An INPUT is a token, a file of tokens (one per line), or a key file / JWKS (detected by content).\n\
    Exit 1 when a finding is at or above --fail-on, else 0; 2 for unreadable input."
)]
pub(crate) struct AuditArgs {
    /// Tokens, token files, key files or JWKS; - for stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Extra wordlist of secrets to try on HS* tokens (repeatable).
    #[arg(long, value_name = "PATH")]
    pub wordlist: Vec<PathBuf>,
    /// Do not try the built-in weak-secret list.
    #[arg(long)]
    pub no_builtin: bool,
    /// Verify signatures with this key.
    #[arg(long, value_name = "PATH", conflicts_with = "jwks")]
    pub key: Option<String>,
    /// Verify signatures with this JWKS file.
    #[arg(long, value_name = "PATH")]
    pub jwks: Option<String>,
    /// Longest acceptable token lifetime (exp - iat).
    #[arg(long, value_name = "DURATION", default_value = "24h")]
    pub max_lifetime: String,
    /// Report format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    pub format: AuditFormat,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_parser = severity(), default_value = "high")]
    pub fail_on: Severity,
    /// Treat inputs as logs, HAR files or HTTP dumps and pull every JWT out of them.
    #[arg(long)]
    pub extract: bool,
    /// Fix the clock (unix seconds or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

/// Who runs `jot crack`'s search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum CrackEngine {
    /// jot's own kernels on every core.
    Jot,
    /// The local hashcat (mode 16500), on a GPU where it has one.
    Hashcat,
}

/// Output of `jot crack`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum CrackFormat {
    /// The secret alone on stdout (text when printable UTF-8, else hex:…).
    Text,
    /// One JSON object: found, the secret as text and as hex, where it was found.
    Json,
}

// `jot crack`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot crack \"$TOKEN\" --wordlist rockyou.txt.gz\n  jot crack \"$TOKEN\" --mask '?l?l?l?d?d'\n  \
    jot crack \"$TOKEN\" --mask '?1?1?1?1' --charset 1=abc123\n  jot crack \"$TOKEN\" --min-len 1 --max-len 5 --charset all=abcdef0123456789\n  \
    jot crack \"$TOKEN\" --mask '?a?a?a?a?a?a' --shard 3/8   # the third of eight machines\n  \
    jot crack \"$TOKEN\" --wordlist big.txt --engine hashcat  # hand the search to the local hashcat (GPU)\n  \
    jot crack \"$TOKEN\" --export-hashcat --wordlist words.txt\n\n\
    The built-in weak-secret list is tried first (unless --no-builtin, or a --skip/--limit/--shard slice).\n\
    The secret is printed byte-exact: as text when it is printable UTF-8, otherwise as hex:… .\n\
    Exit 0 with the secret on stdout when found, 1 when the search space is exhausted, 2 on bad input,\n\
    130 when interrupted (Ctrl-C; the message says which --skip resumes)."
)]
pub(crate) struct CrackArgs {
    /// The HS256/HS384/HS512 token (or - to read it from stdin).
    #[arg(value_name = "TOKEN")]
    pub token: String,
    /// Wordlist (plain or gzip; - for stdin); repeatable.
    #[arg(long, value_name = "PATH")]
    pub wordlist: Vec<String>,
    /// Mask in hashcat notation: ?l ?u ?d ?s ?a ?1-?4, ?? for a literal ?.
    #[arg(long, value_name = "PATTERN", conflicts_with = "wordlist")]
    pub mask: Option<String>,
    /// Custom charset: 1=CHARS … 4=CHARS for masks, or all=CHARS for --min-len/--max-len.
    #[arg(long, value_name = "NAME=CHARS")]
    pub charset: Vec<String>,
    /// Brute force: shortest candidate.
    #[arg(long, value_name = "N", requires = "max_len")]
    pub min_len: Option<usize>,
    /// Brute force: longest candidate.
    #[arg(long, value_name = "N")]
    pub max_len: Option<usize>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Skip the first N candidates (resume, or one shard of a split search).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub skip: u64,
    /// Try at most N candidates.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Search the I-th of N equal slices of the keyspace (N machines cover it exactly once).
    #[arg(long, value_name = "I/N", conflicts_with_all = ["skip", "limit"])]
    pub shard: Option<String>,
    /// Do not first try the built-in list of weak secrets.
    #[arg(long)]
    pub no_builtin: bool,
    /// Do not also try each candidate base64- and hex-decoded.
    #[arg(long)]
    pub no_transforms: bool,
    /// Who searches: jot's engine, or the local hashcat (with a mask, --skip/--limit count
    /// hashcat's own keyspace units, as its -s/-l do).
    #[arg(long, value_enum, default_value_t = CrackEngine::Jot)]
    pub engine: CrackEngine,
    /// The hashcat program for --engine hashcat.
    #[arg(
        long,
        value_name = "PATH",
        env = "JOT_HASHCAT",
        default_value = "hashcat"
    )]
    pub hashcat: std::path::PathBuf,
    /// An extra argument for hashcat (repeatable), e.g. --hashcat-arg=-D1 --hashcat-arg=--force.
    #[arg(long, value_name = "ARG", allow_hyphen_values = true)]
    pub hashcat_arg: Vec<String>,
    /// jot's hashing kernel: auto, portable, sha-ni, avx2 or avx512 (for benchmarks).
    #[arg(long, value_name = "NAME", default_value = "auto")]
    pub kernel: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CrackFormat::Text)]
    pub format: CrackFormat,
    /// Say which kernel runs and what is tried, on stderr.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the hashcat (mode 16500) input line and command instead of cracking.
    #[arg(long)]
    pub export_hashcat: bool,
}
