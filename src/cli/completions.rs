//! Arguments of `completions`.

use clap::Args;
use clap_complete::Shell;

// `jot completions`. (a plain comment: a doc comment would replace the
// subcommand's about, which clap applies before a deferred subcommand's own arguments)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  jot completions bash > /etc/bash_completion.d/jot\n  jot completions zsh > \"${fpath[1]}/_jot\""
)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}
