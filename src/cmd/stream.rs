//! Tokens from stdin as a stream, one per line: a reader thread fills a bounded queue, so
//! the first verdict comes with the first line and memory stays bounded however long the
//! input is (a 10 GB log piped in is read a batch at a time, never whole).

use std::io::{BufRead, Read};
use std::sync::mpsc::{sync_channel, Receiver};

use crate::token::MAX_TOKEN;
use crate::{Error, Result};

/// Longest line kept; a longer one is reported (and skipped), never buffered whole.
pub const LINE_LIMIT: usize = MAX_TOKEN + 1024;
/// Lines waiting in the queue: with `BATCH`, the memory bound is (QUEUE + BATCH) lines.
const QUEUE: usize = 256;
/// Most lines taken at once for one parallel round.
pub const BATCH: usize = 256;

/// One non-blank input line: its 1-based number and its trimmed text, or why it was skipped.
pub type Line = (usize, std::result::Result<String, String>);

/// Start reading stdin; lines arrive on the receiver in order. Blank lines are skipped.
pub fn stdin_lines() -> Receiver<Result<Line>> {
    let (tx, rx) = sync_channel(QUEUE);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut r = stdin.lock();
        let mut buf = Vec::new();
        for n in 1.. {
            buf.clear();
            let item = match (&mut r)
                .take(LINE_LIMIT as u64 + 1)
                .read_until(b'\n', &mut buf)
            {
                Err(e) => Err(Error::io(std::path::Path::new("<stdin>"), e)),
                Ok(0) => break,
                Ok(_) if !buf.ends_with(b"\n") && buf.len() > LINE_LIMIT => {
                    if let Err(e) = skip_line(&mut r) {
                        Err(Error::io(std::path::Path::new("<stdin>"), e))
                    } else {
                        Ok((
                            n,
                            Err(format!("the line is over the limit of {LINE_LIMIT} bytes")),
                        ))
                    }
                }
                Ok(_) => {
                    let text = String::from_utf8_lossy(&buf).trim().to_owned();
                    if text.is_empty() {
                        continue;
                    }
                    Ok((n, Ok(text)))
                }
            };
            let stop = item.is_err();
            if tx.send(item).is_err() || stop {
                break;
            }
        }
    });
    rx
}

/// Consume the rest of an over-long line without keeping it.
fn skip_line(r: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let (done, used) = {
            let avail = r.fill_buf()?;
            match avail.iter().position(|b| *b == b'\n') {
                _ if avail.is_empty() => (true, 0),
                Some(i) => (true, i + 1),
                None => (false, avail.len()),
            }
        };
        r.consume(used);
        if done {
            return Ok(());
        }
    }
}

/// The next batch: waits for one line, then takes what is already queued (up to `BATCH`),
/// so a trickle is answered line by line and a flood in parallel rounds. `None` at the end.
pub fn next_batch(rx: &Receiver<Result<Line>>) -> Result<Option<Vec<Line>>> {
    let Ok(first) = rx.recv() else {
        return Ok(None);
    };
    let mut batch = vec![first?];
    while batch.len() < BATCH {
        match rx.try_recv() {
            Ok(item) => batch.push(item?),
            Err(_) => break,
        }
    }
    Ok(Some(batch))
}
