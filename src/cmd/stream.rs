//! Tokens from stdin as a stream, one per line: a reader thread fills a bounded queue, so
//! the first verdict comes with the first line and memory stays bounded however long the
//! input is (a 10 GB log piped in is read a batch at a time, never whole).

use std::io::{BufRead, Read};
use std::sync::mpsc::{sync_channel, Receiver};

use crate::token::MAX_TOKEN;
use crate::{Error, Result};

/// Longest line kept; a longer one is reported (and skipped), never buffered whole.
pub const LINE_LIMIT: usize = MAX_TOKEN + 1024;
/// Batches waiting in the queue, each at most `BATCH` lines and about `BATCH_BYTES` of
/// text: the memory bound is about (QUEUE + 1) × (BATCH_BYTES + LINE_LIMIT).
const QUEUE: usize = 8;
/// Most lines taken at once for one parallel round: large rounds, because starting the
/// workers of a round costs as much as verifying a few dozen HMAC tokens.
pub const BATCH: usize = 4096;
/// A batch is sent once it holds this much text.
const BATCH_BYTES: usize = 1 << 20;
/// stdin is read in blocks this large.
const READ_BLOCK: usize = 1 << 20;

/// One non-blank input line: its 1-based number and its trimmed text, or why it was skipped.
pub type Line = (usize, std::result::Result<String, String>);

/// Start reading stdin; lines arrive on the receiver in order, in batches. Blank lines are
/// skipped. A batch goes out when it is full or when reading on would wait for input, so
/// a trickle is still answered line by line.
pub fn stdin_lines() -> Receiver<Result<Vec<Line>>> {
    let (tx, rx) = sync_channel(QUEUE);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut r = std::io::BufReader::with_capacity(READ_BLOCK, stdin.lock());
        let mut buf = Vec::new();
        let (mut batch, mut bytes) = (Vec::new(), 0);
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
                        Ok(Some((
                            n,
                            Err(format!("the line is over the limit of {LINE_LIMIT} bytes")),
                        )))
                    }
                }
                Ok(_) => {
                    // from_utf8 first: much faster than the lossy path for clean input.
                    let text = match std::str::from_utf8(&buf) {
                        Ok(t) => t.trim().to_owned(),
                        Err(_) => String::from_utf8_lossy(&buf).trim().to_owned(),
                    };
                    Ok((!text.is_empty()).then_some((n, Ok(text))))
                }
            };
            match item {
                Ok(Some(line)) => {
                    bytes += buf.len();
                    batch.push(line);
                }
                Ok(None) => {}
                Err(e) => {
                    if !batch.is_empty() {
                        let _ = tx.send(Ok(std::mem::take(&mut batch)));
                    }
                    let _ = tx.send(Err(e));
                    return;
                }
            }
            let full = batch.len() >= BATCH || bytes >= BATCH_BYTES;
            if !batch.is_empty() && (full || r.buffer().is_empty()) {
                if tx.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
                bytes = 0;
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(Ok(batch));
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

/// The next batch: waits for one, then joins what is already queued (up to `BATCH`
/// lines), so a trickle is answered line by line and a flood in large parallel rounds.
/// `None` at the end.
pub fn next_batch(rx: &Receiver<Result<Vec<Line>>>) -> Result<Option<Vec<Line>>> {
    let Ok(first) = rx.recv() else {
        return Ok(None);
    };
    let mut batch = first?;
    while batch.len() < BATCH {
        match rx.try_recv() {
            Ok(more) => batch.extend(more?),
            Err(_) => break,
        }
    }
    Ok(Some(batch))
}
