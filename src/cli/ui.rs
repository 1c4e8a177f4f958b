//! Arguments of `ui`.

use clap::Args;

// `jot ui`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot ui --open\n  jot ui --addr 127.0.0.1:8700\n\n\
    The page and its assets are embedded: it makes no request to any other site, and tokens,\n\
    keys and secrets pasted into it go only to this local process, which writes nothing to\n\
    disk. The printed URL carries a random capability token: every request must present it.\n\
    Ctrl-C stops the server."
)]
pub(crate) struct UiArgs {
    /// Address to listen on (port 0: any free port). Loopback only unless --allow-remote.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
    pub addr: String,
    /// Open the page in the default browser (xdg-open / open); a failure is only a warning.
    #[arg(long)]
    pub open: bool,
    /// Allow a non-loopback --addr (anyone who can reach it and has the URL can use the page).
    #[arg(long)]
    pub allow_remote: bool,
    /// Stop after this many requests (for tests and scripts).
    #[arg(long, value_name = "N", hide = true)]
    pub max_requests: Option<u64>,
    /// Stop after this long (for tests and scripts).
    #[arg(long, value_name = "DURATION", hide = true)]
    pub timeout: Option<String>,
}
