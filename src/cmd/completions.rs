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
pub(crate) fn run(a: &CompletionsArgs) -> anyhow::Result<ExitCode> {
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
        pages.push((name, no_fill_examples(&out)));
    };
    render("jot.1".into(), cmd.clone());
    for sub in cmd.get_subcommands() {
        let name: String = format!("jot-{}", sub.get_name());
        let page = format!("{name}.1");
        render(page, sub.clone().name(name.leak() as &str));
    }
    pages
}

/// clap_mangen writes `after_help` as filled text, so the indented example lines of each
/// page ran together into one justified paragraph: each run of indented lines goes
/// between `.nf` and `.fi`, which man shows as written.
fn no_fill_examples(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_block = false;
    for line in text.lines() {
        let example = line.starts_with("  ");
        if example && !in_block {
            out.push_str(".nf\n");
        } else if !example && in_block {
            out.push_str(".fi\n");
        }
        in_block = example;
        out.push_str(line);
        out.push('\n');
    }
    if in_block {
        out.push_str(".fi\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn man_page_examples_are_set_no_fill() {
        let roff = b".SH EXTRA\nExamples:\n  jot a\n  jot b\n\nText.\n  jot c\n";
        let got = String::from_utf8(no_fill_examples(roff)).unwrap();
        assert_eq!(
            got,
            ".SH EXTRA\nExamples:\n.nf\n  jot a\n  jot b\n.fi\n\nText.\n.nf\n  jot c\n.fi\n"
        );
    }
}
