//! Bulk work on every core, fail closed: one result per input, in input order, or an error.
//! A worker that panics is an error for the whole run, never a silently shorter result
//! (a dropped verdict next to `all(valid)` would let unchecked tokens pass).
//!
//! [`ordered`] keeps one pool of workers for the whole run and a window of jobs in
//! flight: the input is read, the jobs are done and the results are written at the same
//! time, and the calling thread does jobs too when it would otherwise wait. Starting threads per round of lines and waiting for the slowest of them had
//! kept two cores at about 1.5 times one core's rate.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use crate::{Error, Result};

/// Where the next job comes from.
pub(crate) enum Next<J> {
    /// A job to do.
    Job(J),
    /// None ready now, more may come (asked without waiting).
    NotYet,
    /// The input has ended.
    End,
}

fn worker_failed() -> Error {
    Error::input("a worker failed; no verdict is given for its tokens")
}

/// Run `work` over the jobs `next` gives, on `threads` threads (the caller's and
/// `threads - 1` workers: the caller does a queued job itself rather than wait for one),
/// and hand each result to `sink` in job order. `next(wait)` may block only when `wait` is true (nothing is in
/// flight); `sink(result, idle)` is told when no job is left in flight, the moment to
/// flush output. At most `window` jobs are queued or running. An error from any of the
/// three, or a worker that panics, ends the run with that error.
pub(crate) fn ordered<J: Send, R: Send>(
    threads: usize,
    window: usize,
    mut next: impl FnMut(bool) -> Result<Next<J>>,
    work: impl Fn(J) -> Result<R> + Sync,
    mut sink: impl FnMut(R, bool) -> Result<()>,
) -> Result<()> {
    if threads <= 1 {
        loop {
            match next(true)? {
                Next::Job(j) => sink(work(j)?, true)?,
                Next::NotYet => continue,
                Next::End => return Ok(()),
            }
        }
    }
    let window = window.max(threads);
    std::thread::scope(|s| {
        let (job_tx, job_rx) = sync_channel::<(u64, J)>(window);
        let job_rx: Arc<Mutex<Receiver<(u64, J)>>> = Arc::new(Mutex::new(job_rx));
        let (res_tx, res_rx) = channel::<(u64, Result<R>)>();
        let work = &work;
        for _ in 1..threads {
            let (jobs, results) = (Arc::clone(&job_rx), res_tx.clone());
            s.spawn(move || loop {
                let job = match jobs.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, j)) = job else { return };
                if results.send((seq, guarded(work, j))).is_err() {
                    return;
                }
            });
        }
        drop(res_tx);
        let (mut sent, mut done, mut ended) = (0u64, 0u64, false);
        // An input error ends the input; the jobs before it are still answered first.
        let mut input_error = None;
        let mut early: BTreeMap<u64, Result<R>> = BTreeMap::new();
        let outcome = loop {
            // Queue jobs while there is room; wait for input only when nothing is in flight.
            while !ended && sent - done < window as u64 {
                match next(sent == done) {
                    Ok(Next::Job(j)) => {
                        if job_tx.send((sent, j)).is_err() {
                            input_error = Some(worker_failed());
                            ended = true;
                        } else {
                            sent += 1;
                        }
                    }
                    Ok(Next::NotYet) => break,
                    Ok(Next::End) => ended = true,
                    Err(e) => {
                        input_error = Some(e);
                        ended = true;
                    }
                }
            }
            if ended && sent == done {
                break input_error.map_or(Ok(()), Err);
            }
            if sent == done {
                continue;
            }
            let got = match res_rx.try_recv() {
                Ok(got) => Some(got),
                // Nothing finished yet: take a queued job here instead of waiting. `try_lock`:
                // a worker holds the lock only while the queue is empty.
                Err(_) => match job_rx.try_lock().ok().and_then(|rx| rx.try_recv().ok()) {
                    Some((seq, j)) => Some((seq, guarded(work, j))),
                    None => res_rx.recv().ok(),
                },
            };
            let Some((seq, r)) = got else {
                break Err(worker_failed());
            };
            early.insert(seq, r);
            // Hand over every result that is next in order.
            let mut failed = None;
            while let Some(r) = early.remove(&done) {
                done += 1;
                if let Err(e) = r.and_then(|r| sink(r, sent == done)) {
                    failed = Some(e);
                    break;
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
        };
        // Closing the queue stops the workers; the scope joins them.
        drop(job_tx);
        outcome
    })
}

/// `work(j)`, with a panic turned into this job's error (the panic hook has printed it).
fn guarded<J, R>(work: &(impl Fn(J) -> Result<R> + Sync), j: J) -> Result<R> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(j)))
        .unwrap_or_else(|_| Err(worker_failed()))
}

#[cfg(test)]
#[path = "pool_tests.rs"]
mod tests;
