//! Arguments of `completions`.

use clap::Args;
use clap_complete::Shell;

/// `jot completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot completions bash > /etc/bash_completion.d/jot\n  jot completions zsh > \"${fpath[1]}/_jot\""
)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}
