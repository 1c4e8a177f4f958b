//! Bulk output: lines are rendered into one buffer and written with one call per batch,
//! styled or stripped as anstream decides for stdout (`term` sets the choice). Writing each
//! line through line-buffered stdout cost one `write` syscall per token — more than a
//! whole HS256 verification. Only `flush` touches stdout, so callers that flush before a
//! warning on stderr still keep the two streams in order.

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
        let out = if self.strip {
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
