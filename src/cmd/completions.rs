//! `jot completions`: shell completion scripts, and the generators the staleness tests use
//! for `completions/` and `docs/man/`.

use crate::cli::CompletionsArgs;
use crate::ExitCode;

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), "jot", &mut out);
    out
}

/// Run `jot completions`.
pub fn run(a: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    crate::cmd::output::emit(None, &script(a.shell), false, false)?;
    Ok(ExitCode::Success)
}

/// Man pages for jot and each subcommand: (file name, roff).
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let cmd = crate::cli::command();
    let mut pages = Vec::new();
    let mut render = |name: String, c: clap::Command| {
        let mut out = Vec::new();
        // Rendering into a Vec cannot fail.
        let _ = clap_mangen::Man::new(c).render(&mut out);
        pages.push((name, out));
    };
    render("jot.1".into(), cmd.clone());
    for sub in cmd.get_subcommands() {
        let name: String = format!("jot-{}", sub.get_name());
        let page = format!("{name}.1");
        render(page, sub.clone().name(name.leak() as &str));
    }
    pages
}
