//! Tokens from stdin as a stream, one per line: a reader thread fills a bounded queue, so
//! the first verdict comes with the first line and memory stays bounded however long the
//! input is (a 10 GB log piped in is read a block at a time, never whole).
//!
//! Lines are not copied one by one: each block read from stdin becomes one shared text,
//! UTF-8-checked once, and a batch is that text plus the spans of its lines. A String per
//! line (allocation, copy, per-line UTF-8 check) cost more than an HS256 verification.

use std::collections::VecDeque;
use std::io::Read;
use std::sync::mpsc::{sync_channel, Receiver, TryRecvError};
use std::sync::Arc;

use crate::bulk::pool::Next;
use crate::token::MAX_TOKEN;
use crate::{Error, Result};

/// Longest line kept by default; a longer one is reported (and skipped), never buffered
/// whole. A reader may be given another limit (decrypt's follows --max-plaintext).
pub(crate) const LINE_LIMIT: usize = MAX_TOKEN + 1024;
/// Batches waiting in the queue, each at most `BATCH` lines of one block: the memory bound
/// is about (QUEUE + 1) × (READ_BLOCK + line limit).
const QUEUE: usize = 8;
/// Most lines in one batch (one job for a worker): large enough that handing a job over
/// costs little next to doing it.
pub(crate) const BATCH: usize = 4096;
/// stdin is read in blocks this large.
const READ_BLOCK: usize = 1 << 20;

/// Where a line's text is in its batch, or why the line was skipped.
#[derive(Clone, Debug)]
enum Span {
    Text(usize, usize),
    Skipped(String),
}

/// Input lines that are neither blank nor `#` comments, in order, over one shared text.
#[derive(Debug)]
pub(crate) struct Batch {
    text: Arc<String>,
    lines: Vec<(usize, Span)>,
}

/// One line: its 1-based number and its trimmed text, or why it was skipped.
pub(crate) type Line<'a> = (usize, std::result::Result<&'a str, &'a str>);

impl Batch {
    /// The lines of this batch.
    pub(crate) fn lines(&self) -> impl Iterator<Item = Line<'_>> {
        self.lines.iter().map(|(n, span)| match span {
            Span::Text(a, b) => (*n, Ok(&self.text[*a..*b])),
            Span::Skipped(why) => (*n, Err(why.as_str())),
        })
    }

    /// How many lines it holds.
    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    /// The bytes of text its lines span.
    pub(crate) fn text_len(&self) -> usize {
        let span = |l: &(usize, Span)| match l.1 {
            Span::Text(a, b) => Some((a, b)),
            Span::Skipped(_) => None,
        };
        let first = self.lines.iter().find_map(span);
        let last = self.lines.iter().rev().find_map(span);
        first.zip(last).map_or(0, |((a, _), (_, b))| b - a)
    }
}

/// stdin as batches: read on a thread of its own when there are cores to spare, so
/// reading overlaps the work, else pulled on the caller's thread.
pub(crate) enum Source {
    Thread(Receiver<Result<Batch>>),
    Here(Box<Pull<std::io::Stdin>>),
}

/// Start reading stdin, for work on `cores` cores. A regular file is pulled too: reading
/// it never waits for a writer, so the thread would only add a hand-over per batch.
pub(crate) fn stdin_lines(cores: usize) -> Source {
    stdin_lines_within(cores, LINE_LIMIT)
}

/// [`stdin_lines`], keeping lines of up to `limit` bytes.
pub(crate) fn stdin_lines_within(cores: usize, limit: usize) -> Source {
    let pull = Pull::within(std::io::stdin(), limit);
    if cores > 1 && !stdin_is_file() {
        Source::Thread(on_a_thread(pull))
    } else {
        Source::Here(Box::new(pull))
    }
}

/// Whether stdin holds one token to read whole rather than tokens one per line: one JSON
/// document (its first non-blank byte is `{`), or one token wrapped over lines
/// (`token::paste`). Peeking consumes nothing: a stream still starts at line 1.
pub(crate) fn stdin_holds_one_token() -> Result<bool> {
    use std::io::BufRead;
    let mut lock = std::io::stdin().lock();
    let buf = lock
        .fill_buf()
        .map_err(|e| Error::io(std::path::Path::new("<stdin>"), e))?;
    Ok(buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') || wrapped(buf))
}

/// Whether `buf` is one token wrapped over lines (comments and blank lines aside).
fn wrapped(buf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(buf);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    crate::token::paste::one_wrapped(&lines)
}

/// Whether stdin is a regular file (`jot verify - < tokens.txt`), not a pipe or terminal.
#[cfg(not(unix))]
fn stdin_is_file() -> bool {
    false
}

/// Whether stdin is a regular file (`jot verify - < tokens.txt`), not a pipe or terminal.
#[cfg(unix)]
fn stdin_is_file() -> bool {
    use std::os::fd::AsFd;
    std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|f| f.metadata())
        .is_ok_and(|m| m.is_file())
}

impl Source {
    /// The next batch; without `wait`, `NotYet` when none is ready (a thread only).
    pub(crate) fn next(&mut self, wait: bool) -> Result<Next<Batch>> {
        let got = match self {
            Source::Here(pull) => {
                return pull
                    .next()
                    .transpose()
                    .map(|b| b.map_or(Next::End, Next::Job))
            }
            Source::Thread(rx) if wait => rx.recv().map_err(|_| TryRecvError::Disconnected),
            Source::Thread(rx) => rx.try_recv(),
        };
        match got {
            Ok(batch) => batch.map(Next::Job),
            Err(TryRecvError::Empty) => Ok(Next::NotYet),
            Err(TryRecvError::Disconnected) => Ok(Next::End),
        }
    }
}

/// Read with `lines` on a thread of its own; batches arrive on the receiver in order.
/// Everything one read returned goes out at once, so a trickle is still answered line by
/// line, and a file in batches of up to `BATCH` lines.
fn on_a_thread(mut lines: Pull<impl Read + Send + 'static>) -> Receiver<Result<Batch>> {
    let (tx, rx) = sync_channel(QUEUE);
    std::thread::spawn(move || {
        while let Some(b) = lines.next() {
            if tx.send(b).is_err() {
                return;
            }
        }
    });
    rx
}

/// The same batches as [`on_a_thread`], read when asked for, on the caller's thread: on one
/// core a reader thread only adds a switch and a cold cache per batch.
pub(crate) struct Pull<R> {
    input: R,
    reader: Reader,
    buf: Buf,
    ready: VecDeque<Batch>,
    /// The input has ended (with the error, if it ended in one).
    ended: Option<Option<Error>>,
}

impl<R: Read> Pull<R> {
    /// Read `input` from its start, keeping lines of up to `limit` bytes.
    pub(crate) fn within(input: R, limit: usize) -> Pull<R> {
        Pull {
            input,
            reader: Reader {
                n: 0,
                skipping: false,
                limit,
            },
            buf: Buf::default(),
            ready: Default::default(),
            ended: None,
        }
    }

    /// The next batch (waiting for input if there is none yet), then the error the input
    /// ended with, if any, then `None`.
    #[allow(clippy::should_implement_trait)]
    pub(crate) fn next(&mut self) -> Option<Result<Batch>> {
        loop {
            if let Some(b) = self.ready.pop_front() {
                return Some(Ok(b));
            }
            if let Some(end) = &mut self.ended {
                return end.take().map(Err);
            }
            match self
                .reader
                .step(&mut self.input, &mut self.buf, &mut self.ready)
            {
                Ok(true) => {}
                Ok(false) => self.ended = Some(None),
                Err(e) => self.ended = Some(Some(e)),
            }
        }
    }
}

/// The read buffer: `filled` bytes of `data` are input not yet sent (at most an
/// unfinished line); `data` is a block longer than that, grown only for a long line.
#[derive(Default)]
struct Buf {
    data: Vec<u8>,
    filled: usize,
}

struct Reader {
    /// Lines seen so far (blank ones too: line numbers count them).
    n: usize,
    /// Inside an over-long line: drop bytes up to its newline.
    skipping: bool,
    /// The longest line kept.
    limit: usize,
}

impl Reader {
    /// One read of `input` into `buf`, adding the batches it completes to `out`. False at
    /// the end of input.
    fn step(
        &mut self,
        input: &mut impl Read,
        buf: &mut Buf,
        out: &mut VecDeque<Batch>,
    ) -> Result<bool> {
        let have = buf.filled;
        // Room for a block after the unfinished line, not the longest line's: each block
        // handed over is a fresh buffer zeroed by calloc (3 MB per 1 MB block was 10%).
        if buf.data.len() < have + READ_BLOCK {
            buf.data.resize(have + READ_BLOCK, 0);
        }
        let got = loop {
            match input.read(&mut buf.data[have..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                r => break r,
            }
        };
        match got {
            Ok(got) => {
                buf.filled += got;
                self.cut(buf, have, got == 0, out);
                Ok(got > 0)
            }
            // The lines read so far are answered; an unfinished one is lost with the error.
            Err(e) => {
                self.cut(buf, have, false, out);
                Err(Error::io(std::path::Path::new("<stdin>"), e))
            }
        }
    }

    /// Send the complete lines of `buf` (all of it at the end of input) and keep the
    /// unfinished last line at its front. `old` bytes at the front were seen before (they
    /// hold no newline).
    fn cut(&mut self, buf: &mut Buf, mut old: usize, eof: bool, out: &mut VecDeque<Batch>) {
        if self.skipping {
            match memchr::memchr(b'\n', &buf.data[..buf.filled]) {
                Some(i) => {
                    buf.data.copy_within(i + 1..buf.filled, 0);
                    buf.filled -= i + 1;
                    old = 0;
                    self.skipping = false;
                }
                None => {
                    buf.filled = 0;
                    return;
                }
            }
        }
        let filled = buf.filled;
        let end = match memchr::memrchr(b'\n', &buf.data[old.min(filled)..filled]) {
            Some(i) => old + i + 1,
            None if eof => filled,
            None => {
                if filled > self.limit {
                    // A line too long to keep: report it now, drop it as it arrives.
                    self.n += 1;
                    let why = Span::Skipped(over_limit(self.limit));
                    buf.filled = 0;
                    self.skipping = true;
                    out.push_back(Batch {
                        text: Arc::default(),
                        lines: vec![(self.n, why)],
                    });
                }
                return;
            }
        };
        // A big read (a file) hands its buffer over whole; a small one (a pipe, a trickle)
        // is copied out, so the buffer is not allocated and faulted in again per read.
        let done = if end >= READ_BLOCK / 2 {
            let mut next = vec![0; filled - end + READ_BLOCK];
            next[..filled - end].copy_from_slice(&buf.data[end..filled]);
            let mut done = std::mem::replace(&mut buf.data, next);
            done.truncate(end);
            done
        } else {
            let done = buf.data[..end].to_vec();
            buf.data.copy_within(end..filled, 0);
            done
        };
        buf.filled = filled - end;
        self.add_lines(done, out);
    }

    /// Split whole lines into batches of at most `BATCH` lines.
    fn add_lines(&mut self, done: Vec<u8>, out: &mut VecDeque<Batch>) {
        // One UTF-8 check for the block; a block with bad bytes is rebuilt line by line,
        // each line read lossily as before. Tokens are ASCII: checking for that first is
        // several times quicker than std's UTF-8 check (7% of a bulk decrypt run).
        let text: String = if all_ascii(&done) {
            // SAFETY: ASCII is UTF-8.
            unsafe { String::from_utf8_unchecked(done) }
        } else {
            match String::from_utf8(done) {
                Ok(t) => t,
                Err(e) => e
                    .as_bytes()
                    .split_inclusive(|b| *b == b'\n')
                    .map(String::from_utf8_lossy)
                    .collect(),
            }
        };
        // Arc<String>, not Arc<str>: converting would copy the block once more.
        let text = Arc::new(text);
        let mut lines = Vec::new();
        let mut start = 0;
        // memchr, not `split_inclusive('\n')`: the char searcher was 2% of a bulk run.
        let ends = memchr::memchr_iter(b'\n', text.as_bytes())
            .chain((!text.ends_with('\n') && !text.is_empty()).then_some(text.len()));
        for end in ends {
            let raw = &text[start..end];
            let at = start;
            start = end + 1;
            self.n += 1;
            let body = raw;
            let span = if body.len() > self.limit {
                Span::Skipped(over_limit(self.limit))
            } else {
                let t = body.trim();
                // A token never starts with '#': such a line is a comment in a token list.
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                let a = at + (t.as_ptr() as usize - raw.as_ptr() as usize);
                Span::Text(a, a + t.len())
            };
            lines.push((self.n, span));
            if lines.len() == BATCH {
                out.push_back(Batch {
                    text: text.clone(),
                    lines: std::mem::take(&mut lines),
                });
            }
        }
        if !lines.is_empty() {
            out.push_back(Batch { text, lines });
        }
    }
}

/// Whether every byte is ASCII: ORs over 256 bytes at a time, which become vector ORs.
fn all_ascii(b: &[u8]) -> bool {
    let (blocks, rest) = b.as_chunks::<256>();
    blocks
        .iter()
        .all(|c| c.iter().fold(0u8, |acc, x| acc | x) < 0x80)
        && rest.is_ascii()
}

fn over_limit(limit: usize) -> String {
    format!("the line is over the limit of {limit} bytes")
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
