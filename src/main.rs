//! The `jot` binary: parse the command line, run it, report an error chain, exit 0/1/2.

use std::io::Write;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = jot::cli::Cli::parse();
    let code = match jot::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => jot::ExitCode::Success,
        Err(err) => {
            let mut stderr = anstream::stderr();
            let mut line = format!("error: {err}");
            for cause in err.chain().skip(1) {
                // Some errors already print their source; don't say it twice.
                let cause = cause.to_string();
                if !line.contains(&cause) {
                    line.push_str(&format!(": {cause}"));
                }
            }
            let _ = writeln!(stderr, "{}", jot::term::sanitize(&line));
            if let Some(hint) = err.downcast_ref::<jot::Error>().and_then(jot::Error::hint) {
                let _ = writeln!(stderr, "hint: {}", jot::term::sanitize(hint));
            }
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
