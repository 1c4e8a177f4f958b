//! Arguments of the key-set commands: `rotate`, `keyset` and `serve`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

// `jot rotate`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot rotate --dir keys/ --alg ES256          # first run: creates active + next\n  \
    jot rotate --dir keys/ --grace 7d --dry-run  # show the plan\n  jot rotate --dir keys/ --alg EdDSA         # rotate into a new algorithm\n\n\
    Safe from cron: writes are atomic, runs are serialised by a lock, and an interrupted run\n\
    is completed or rolled back by the next one."
)]
pub(crate) struct RotateArgs {
    /// The key set directory (created on the first run, mode 0700).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Algorithm of new keys (default: the set's, else ES256).
    #[arg(long, value_name = "ALG", value_parser = super::AlgParser, hide_possible_values = true)]
    pub alg: Option<crate::alg::Alg>,
    /// How long a retired key stays published; at least your longest token lifetime.
    #[arg(long, value_name = "DURATION", default_value = "7d")]
    pub grace: String,
    /// Fix the clock (unix seconds or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Print the plan and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Move removed private keys to DIR/archive instead of deleting them.
    #[arg(long)]
    pub archive: bool,
    /// Repair group/other-readable private key files instead of refusing the set.
    #[arg(long)]
    pub fix_permissions: bool,
}

// `jot keyset`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
pub(crate) struct KeysetArgs {
    #[command(subcommand)]
    pub command: KeysetCommand,
}

// `jot keyset` subcommands. (A plain comment: clap would show a doc comment as
// the about of each subcommand that flattens this.)
#[derive(Debug, Subcommand)]
pub(crate) enum KeysetCommand {
    /// List the keys of a set: kid, alg, state, dates; on a terminal, as a timeline.
    #[command(
        after_help = "Examples:\n  jot keyset list keys/                          # a timeline on a terminal, a table when piped\n  \
        jot keyset list keys/ --format table           # kid, alg, state and dates, one line a key\n  \
        jot keyset list keys/ --format svg > keys.svg  # the timeline as a picture for a runbook"
    )]
    List {
        /// The key set directory.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// JSON output (the same as --format json).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output: a timeline of each key's states (default on a terminal), a table (default
        /// when piped), JSON, or the timeline as an SVG picture.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<KeysetFormat>,
        /// Fix the clock the timeline is drawn at (unix seconds or RFC 3339).
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
    },
    /// Write the set's public JWKS (atomically) to a path or stdout.
    Publish {
        /// The key set directory.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Output path (default: stdout).
        #[arg(long, short, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

/// How `jot keyset list` shows the set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum KeysetFormat {
    /// Each key's states over time, with the date it entered each.
    Timeline,
    /// One line a key: kid, alg, state and its dates.
    Table,
    /// `{"keys": [...]}` as the manifest has them.
    Json,
    /// The timeline as a self-contained SVG picture.
    Svg,
}

// `jot serve`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot serve --dir keys/\n  jot serve --dir keys/ --addr 127.0.0.1:0\n\n\
    Serves /.well-known/jwks.json and /.well-known/openid-configuration; reloads after a rotation."
)]
pub(crate) struct ServeArgs {
    /// The key set directory (its jwks.json is served).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Issuer URL in the discovery document (default: http://ADDR).
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
}
