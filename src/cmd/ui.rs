//! `jot ui`: bind `jot::ui::Server`, print its URL (stdout, for scripts and tests), open a
//! browser if asked, and serve until Ctrl-C (or a hidden test limit).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::cli::UiArgs;
use crate::clock::parse_duration;
use crate::cmd::output::{note, warn};
use crate::ui::{RunLimits, Server};
use crate::{Error, ExitCode};

/// Set by the Ctrl-C handler; a static because the handler must be `'static`.
static STOP: AtomicBool = AtomicBool::new(false);

/// Run `jot ui`.
pub(crate) fn run(a: &UiArgs) -> anyhow::Result<ExitCode> {
    let deadline = match &a.timeout {
        Some(t) => Some(Instant::now() + Duration::from_secs(parse_duration(t)?.unsigned_abs())),
        None => None,
    };
    let server = Server::bind(&a.addr, a.allow_remote)?;
    if !server.local_addr().ip().is_loopback() {
        warn(&format!(
            "listening on {}, not loopback: anyone who can reach it and learns the URL can use the page",
            server.local_addr()
        ));
    }
    ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst))
        .map_err(|e| Error::usage(format!("cannot install the Ctrl-C handler: {e}")))?;
    let url = server.url();
    // Tests and scripts read this first stdout line to learn the port and token.
    println!("{url}");
    note(
        crate::term::style::DIM,
        "jot ui",
        "serving the page above; keep the URL private; Ctrl-C stops",
    );
    if a.open {
        open_browser(&url);
    }
    server.run(
        &STOP,
        RunLimits {
            max_requests: a.max_requests,
            deadline,
        },
    )?;
    Ok(ExitCode::Success)
}

/// Open `url` in the default browser; failing to is a warning, not an error.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reaped on its own thread so no zombie is left while the server runs.
        Ok(mut child) => drop(std::thread::spawn(move || {
            if let Ok(s) = child.wait() {
                if !s.success() {
                    warn(&format!(
                        "{program} failed ({s}); open the URL above yourself"
                    ));
                }
            }
        })),
        Err(e) => warn(&format!(
            "cannot open a browser ({program}: {e}); open the URL above yourself"
        )),
    }
}
