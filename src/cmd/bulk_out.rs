//! Bulk output: lines are rendered into one buffer and written with one call per batch,
//! styled or stripped as anstream decides for stdout (`term` sets the choice). Writing each
//! line through line-buffered stdout cost one `write` syscall per token — more than a
//! whole HS256 verification. Only `flush` touches stdout, so callers that flush before a
//! warning on stderr still keep the two streams in order.
//!
//! [`Pieces`] lets a worker thread render its share of a bulk round — stdout text and the
//! stderr notes between — for the main thread to replay in input order.

use std::io::Write;

use anstream::{AutoStream, ColorChoice};

/// Flush early past this many buffered bytes, so one batch never holds much memory.
const FLUSH_AT: usize = 1 << 20;

/// A stdout batch buffer.
pub struct BatchOut {
    buf: Vec<u8>,
    plain: Vec<u8>,
    strip: bool,
}

impl BatchOut {
    /// A buffer for stdout, with stdout's colour choice.
    pub fn stdout() -> BatchOut {
        BatchOut {
            buf: Vec::with_capacity(64 * 1024),
            plain: Vec::new(),
            strip: AutoStream::choice(&std::io::stdout()) == ColorChoice::Never,
        }
    }
}

impl BatchOut {
    /// Whether styles are stripped (stdout is not a colour terminal): renderers may then
    /// write plain text, and a batch of plain ASCII skips the strip pass.
    pub fn plain(&self) -> bool {
        self.strip
    }
}

/// Bytes the strip pass passes through unchanged: printable ASCII and newlines.
fn is_plain(buf: &[u8]) -> bool {
    // A fold rather than `all`: no early exit, so it vectorises.
    !buf.iter()
        .fold(false, |odd, b| odd | !(matches!(b, 0x20..=0x7e | b'\n')))
}

impl Write for BatchOut {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let out = if self.strip && !is_plain(&self.buf) {
            self.plain.clear();
            for part in anstream::adapter::strip_bytes(&self.buf) {
                self.plain.extend_from_slice(part);
            }
            &self.plain
        } else {
            &self.buf
        };
        let mut so = std::io::stdout().lock();
        so.write_all(out)?;
        so.flush()?;
        // The buffers keep their capacity: later batches reuse them.
        self.buf.clear();
        Ok(())
    }
}

impl Drop for BatchOut {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// What a worker rendered for its share of a bulk round: stdout bytes, and stderr notes to
/// print between them (after flushing what came before), in input order.
#[derive(Default)]
pub struct Pieces<'a> {
    done: Vec<Piece<'a>>,
    cur: Vec<u8>,
}

enum Piece<'a> {
    Out(Vec<u8>),
    Note(Box<dyn FnOnce() + Send + 'a>),
}

impl<'a> Pieces<'a> {
    /// Print on stderr, at this point of the output, when replayed.
    pub fn stderr(&mut self, note: impl FnOnce() + Send + 'a) {
        if !self.cur.is_empty() {
            self.done.push(Piece::Out(std::mem::take(&mut self.cur)));
        }
        self.done.push(Piece::Note(Box::new(note)));
    }

    /// Write everything to `out`, flushing stdout before each stderr note.
    pub fn replay(self, out: &mut BatchOut) -> std::io::Result<()> {
        for p in self.done {
            match p {
                Piece::Out(b) => out.write_all(&b)?,
                Piece::Note(f) => {
                    out.flush()?;
                    f();
                }
            }
        }
        out.write_all(&self.cur)
    }
}

impl Write for Pieces<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.cur.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    /// The strip pass is skipped only for what it would leave as it is.
    #[test]
    fn only_printable_ascii_and_newlines_skip_the_strip_pass() {
        assert!(is_plain(b"line 1: valid\nline 2: invalid: expired\n"));
        for odd in [
            &b"\x1b[1mvalid"[..],
            b"tab\there",
            "é".as_bytes(),
            b"\x7f",
            b"\r\n",
        ] {
            assert!(!is_plain(odd), "{odd:?}");
        }
        let plain = b"line 7: valid\n";
        let stripped: Vec<u8> = anstream::adapter::strip_bytes(plain)
            .flatten()
            .copied()
            .collect();
        assert_eq!(stripped, plain);
    }
}
