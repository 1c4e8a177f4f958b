//! The `jot` binary: parse the command line, run it, report an error chain, exit 0/1/2.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = jot::cli::Cli::parse();
    let code = match jot::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => jot::ExitCode::Success,
        Err(err) => {
            jot::report_error(&err);
            jot::ExitCode::Error
        }
    };
    std::process::ExitCode::from(code.code())
}

/// A closed pipe (`jot decode … | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
