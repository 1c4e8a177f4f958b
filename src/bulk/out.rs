//! Bulk output: lines are rendered into the one stdout writer ([`crate::term::Out`]),
//! which writes them with one call per batch.
//!
//! [`Pieces`] lets a worker thread render its share of a bulk round — stdout text and the
//! stderr notes between — for the main thread to replay in input order.

use std::io::Write;

/// The stdout batch buffer is the one stdout writer.
pub(crate) use crate::term::Out as BatchOut;

/// What a worker rendered for its share of a bulk round: stdout bytes, and stderr notes to
/// print between them (after flushing what came before), in input order.
#[derive(Default)]
pub(crate) struct Pieces<'a> {
    done: Vec<Piece<'a>>,
    cur: Vec<u8>,
}

enum Piece<'a> {
    Out(Vec<u8>),
    Note(Box<dyn FnOnce() + Send + 'a>),
}

impl<'a> Pieces<'a> {
    /// Print on stderr, at this point of the output, when replayed.
    pub(crate) fn stderr(&mut self, note: impl FnOnce() + Send + 'a) {
        if !self.cur.is_empty() {
            self.done.push(Piece::Out(std::mem::take(&mut self.cur)));
        }
        self.done.push(Piece::Note(Box::new(note)));
    }

    /// Write everything to `out`, flushing stdout before each stderr note.
    pub(crate) fn replay(self, out: &mut BatchOut) -> std::io::Result<()> {
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
