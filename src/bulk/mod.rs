//! Bulk work over tokens on stdin, one per line, as `verify -` and `decrypt -` do it: the
//! stream reader ([`stream`]: bounded memory, batches over one shared text), the ordered
//! pool ([`pool`]: every core, results in input order, fail closed) and the output
//! batching ([`out`]: a worker's rendering replayed in order). A domain module: it parses
//! no flags and prints only through the writers it is given.

pub(crate) mod decrypt;
pub(crate) mod out;
pub(crate) mod pool;
pub(crate) mod stream;

use crate::Result;
use pool::Next;
use stream::{Batch, Source};

/// Run `work` on every batch of `input`, on `cores` threads at once, and hand each result
/// to `sink` in input order (`idle`: nothing is in flight, the moment to flush). Returns
/// how many lines were read (blank lines and comments aside).
pub(crate) fn each_batch<R: Send>(
    cores: usize,
    mut input: Source,
    work: impl Fn(Batch) -> Result<R> + Sync,
    sink: impl FnMut(R, bool) -> Result<()>,
) -> Result<usize> {
    let mut seen = 0;
    let next = |wait: bool| {
        let got = input.next(wait)?;
        if let Next::Job(b) = &got {
            seen += b.len();
        }
        Ok(got)
    };
    // A window of four batches a core: enough to keep every core busy while the output
    // of the oldest is written, few enough that memory stays bounded.
    pool::ordered(cores, cores * 4, next, work, sink)?;
    Ok(seen)
}
