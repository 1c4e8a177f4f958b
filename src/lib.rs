//! jot: a toolkit for JSON Web Tokens. The library holds every behaviour; `main.rs` only
//! parses arguments and maps the result of [`run`] to an exit code.

// `pub` is for what tests/cli, examples/ and fuzz/ reach through `jot::`; the rest is
// `pub(crate)`, so dead code cannot hide behind a `pub` nobody uses. Set here rather than in
// Cargo.toml's [lints] so it does not apply to the test and example crates.
#![warn(unreachable_pub)]

pub mod alg;
pub(crate) mod audit;
pub mod b64;
mod bulk;
pub mod cli;
pub(crate) mod clock;
mod cmd;
pub mod crack;
pub mod dpop;
pub(crate) mod error;
pub(crate) mod files;
pub mod forge;
pub(crate) mod hex;
pub mod jwe;
pub mod keys;
pub mod keyset;
pub mod net;
pub(crate) mod probe;
pub mod sdjwt;
pub mod serve;
pub(crate) mod term;
pub mod token;
pub mod ui;
mod verdict;
mod weak_secrets;
#[cfg(test)]
mod wycheproof_tally;

pub use cmd::completions::{man_pages, script as completion_script};
pub use cmd::output::report_error;
pub use error::{Error, ExitCode, Result};

/// Run one parsed command line. Negative verdicts are `Ok(ExitCode::Negative)`; errors are
/// usage or input errors (exit 2).
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    term::init_color(match cli.color {
        cli::ColorArg::Auto => term::ColorChoice::Auto,
        cli::ColorArg::Always => term::ColorChoice::Always,
        cli::ColorArg::Never => term::ColorChoice::Never,
    });
    use cli::Command as C;
    match cli.command {
        C::Keygen(a) => cmd::keygen::run(&a),
        C::Convert(a) => cmd::convert::run(&a),
        C::Thumbprint(a) => cmd::thumbprint::run(&a),
        C::Completions(a) => cmd::completions::run(&a),
        C::Dpop(a) => cmd::dpop::run(&a),
        C::Sign(a) => cmd::sign::run(&a),
        C::Decode(a) => cmd::decode::run(&a),
        C::Verify(a) => cmd::verify::run(&a),
        C::Disclose(a) => cmd::disclose::run(&a),
        C::Encrypt(a) => cmd::encrypt::run(&a),
        C::Decrypt(a) => cmd::decrypt::run(&a),
        C::Audit(a) => cmd::audit::run(&a),
        C::Crack(a) => cmd::crack::run(&a),
        C::Rotate(a) => cmd::rotate::run(&a),
        C::Keyset(a) => cmd::keyset::run(&a),
        C::Serve(a) => cmd::serve::run(&a),
        C::Ui(a) => cmd::ui::run(&a),
        C::Forge(a) => cmd::forge::run(&a),
        C::Probe(a) => cmd::probe::run(&a),
    }
}
