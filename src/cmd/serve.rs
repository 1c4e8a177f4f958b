//! `jot serve`: bind `jot::serve::Server` over a key set's jwks.json, say where it is on
//! stderr, and serve until Ctrl-C.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::ServeArgs;
use crate::cmd::output::note;
use crate::serve::{Server, DISCOVERY_PATH, JWKS_PATH};
use crate::{Error, ExitCode};

/// Set by the Ctrl-C handler; a static because the handler must be `'static`.
static STOP: AtomicBool = AtomicBool::new(false);

/// Run `jot serve`.
pub(crate) fn run(a: &ServeArgs) -> anyhow::Result<ExitCode> {
    let server = Server::bind(&a.dir, &a.addr, a.issuer.clone()).map_err(|e| match e {
        Error::Io { .. } if !a.dir.is_dir() => Error::input(format!("{e}")).with_hint(format!(
            "create the directory first (jot serve publishes an empty set until jwks.json appears): mkdir {}",
            a.dir.display()
        )),
        other => other,
    })?;
    let base = format!("http://{}", server.local_addr());
    ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst))
        .map_err(|e| Error::usage(format!("cannot install the Ctrl-C handler: {e}")))?;
    // Tests and scripts parse this first line to learn the port chosen for :0.
    note(
        crate::term::style::BOLD,
        "serving",
        &format!("{} on {base}", a.dir.display()),
    );
    note(
        crate::term::style::DIM,
        "  jwks",
        &format!("{base}{JWKS_PATH}"),
    );
    note(
        crate::term::style::DIM,
        "  discovery",
        &format!("{base}{DISCOVERY_PATH}"),
    );
    if !a.dir.join(crate::keyset::JWKS).exists() {
        note(
            crate::term::style::DIM,
            "  empty",
            "no jwks.json yet: an empty set is published until one is written (e.g. by --out-keys)",
        );
    }
    server.run(&STOP)?;
    Ok(ExitCode::Success)
}
