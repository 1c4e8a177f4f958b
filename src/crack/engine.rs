//! Running a search on many threads: splitting the selected index range among workers,
//! stopping every worker at the first hit or on cancel, and working out, after a cancel,
//! the lowest index not yet fully tried (so `--skip` resumes with nothing missed).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use zeroize::Zeroizing;

use super::calibrate;
use super::lanes::{Kernel, Lanes};
use super::prep::Prepared;
use super::seq::{Odometer, Seq};
use super::wordfile::Wordlist;
use super::wordlist::{self, Chunk, ReaderState};
use super::{check, transform, Options, Outcome, Progress, Source, Target, Transform};
use crate::{Error, Result};

/// Indices a mask worker claims at a time.
const SEQ_CHUNK: u64 = 1 << 16;
/// More workers than this only add contention (and could exhaust the process's threads).
pub(crate) const MAX_THREADS: usize = 256;
/// Candidates between two looks at the stop flags (and progress updates).
const STEP: u64 = 2048;
/// The longest a wordlist worker waits for a chunk before looking at the stop flags.
const WAIT: Duration = Duration::from_millis(100);

struct Hit {
    index: u64,
    transform: Transform,
    candidate: Zeroizing<Vec<u8>>,
    secret: Zeroizing<Vec<u8>>,
}

/// What every worker shares.
struct Shared<'a> {
    target: &'a Target,
    prep: Prepared,
    kernel: Kernel,
    transforms: bool,
    progress: &'a Progress,
    stop: AtomicBool,
    hit: Mutex<Option<Hit>>,
    /// The lowest index a stopped worker had not tried (u64::MAX: none stopped mid-range).
    resume: AtomicU64,
}

impl Shared<'_> {
    fn should_stop(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.progress.cancel.load(Ordering::Relaxed)
    }

    /// Confirm a kernel hit with the reference implementation and keep the lowest.
    fn record_hit(&self, index: u64, how: Transform, candidate: &[u8]) {
        let Some(secret) = transform::apply(how, candidate) else {
            return;
        };
        if !check(self.target, &secret) {
            return;
        }
        if let Ok(mut slot) = self.hit.lock() {
            if slot.as_ref().is_none_or(|h| index < h.index) {
                let candidate = Zeroizing::new(candidate.to_vec());
                *slot = Some(Hit {
                    index,
                    transform: how,
                    candidate,
                    secret,
                });
            }
        }
        self.stop.store(true, Ordering::SeqCst);
    }

    fn found(&self) -> Option<Outcome> {
        let hit = self.hit.lock().ok()?.take()?;
        Some(Outcome::Found {
            secret: hit.secret,
            transform: hit.transform,
            candidate: hit.candidate,
            index: hit.index,
        })
    }
}

pub(crate) fn run(
    target: &Target,
    source: Source,
    opts: &Options,
    progress: &Progress,
    kernel: Kernel,
) -> Result<Outcome> {
    let threads = worker_threads(opts.threads);
    let start = opts.skip;
    let end = opts.limit.map_or(u64::MAX, |l| start.saturating_add(l));
    let plan = match source {
        Source::Wordlists(inputs) => Plan::Words(inputs),
        Source::Mask(mask) => Plan::seq(Seq::mask(&mask))?,
        Source::Brute {
            charset,
            min_len,
            max_len,
        } => Plan::seq(Seq::brute(&charset, min_len, max_len)?)?,
    };
    let work = match &plan {
        Plan::Seq(_, total) => Some(end.min(*total).saturating_sub(start)),
        Plan::Words(inputs) => Wordlist::estimate(inputs).map(|n| n.min(end - start)),
    };
    let prep = Prepared::new(target);
    let kernel = calibrate::choose_measured(kernel, &prep, work, threads).kernel;
    let shared = Shared {
        target,
        prep,
        kernel,
        transforms: opts.transforms,
        progress,
        stop: AtomicBool::new(false),
        hit: Mutex::new(None),
        resume: AtomicU64::new(u64::MAX),
    };
    match plan {
        Plan::Seq(seq, total) => run_seq(&shared, &seq, start, end.min(total), threads),
        Plan::Words(inputs) => run_wordlists(&shared, inputs, start, end, threads),
    }
}

/// A source made ready to search: a sequence with its size, or wordlists to read.
enum Plan {
    Seq(Seq, u64),
    Words(Vec<Wordlist>),
}

impl Plan {
    fn seq(seq: Seq) -> Result<Plan> {
        let total = super::job::fit(seq.total())?;
        Ok(Plan::Seq(seq, total))
    }
}

/// The worker threads for `asked` (0: one per available core), at most [`MAX_THREADS`].
pub(crate) fn worker_threads(asked: usize) -> usize {
    match asked {
        0 => thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(MAX_THREADS)
}

/// Run `work` on `threads` scoped threads and wait for them all. If the system refuses a
/// thread the search runs on those already started, or fails when there are none.
fn spawn_workers(threads: usize, work: impl Fn() + Sync) -> Result<()> {
    thread::scope(|s| {
        let mut started = 0;
        for n in 0..threads {
            let name = format!("jot-crack-{n}");
            match thread::Builder::new().name(name).spawn_scoped(s, &work) {
                Ok(_) => started += 1,
                Err(e) if started == 0 => {
                    return Err(Error::input(format!("cannot start a worker thread: {e}")));
                }
                Err(_) => break,
            }
        }
        Ok(())
    })
}

fn run_seq(
    shared: &Shared<'_>,
    seq: &Seq,
    start: u64,
    end: u64,
    threads: usize,
) -> Result<Outcome> {
    if start >= end {
        return Ok(Outcome::Exhausted { tried: 0 });
    }
    let next = AtomicU64::new(start);
    spawn_workers(threads, || seq_worker(shared, seq, &next, end))?;
    if let Some(found) = shared.found() {
        return Ok(found);
    }
    let resume = shared
        .resume
        .load(Ordering::SeqCst)
        .min(next.load(Ordering::SeqCst))
        .min(end);
    Ok(if resume < end {
        Outcome::Cancelled {
            resume_skip: resume,
        }
    } else {
        Outcome::Exhausted { tried: end - start }
    })
}

fn seq_worker(shared: &Shared<'_>, seq: &Seq, next: &AtomicU64, end: u64) {
    let mut lanes = Lanes::new(&shared.prep, shared.kernel, shared.transforms);
    // Keys queued from earlier chunks are hashed before leaving: they lie below every
    // index still unclaimed, so leaving them would lose them from the resume point.
    let finish = |lanes: &mut Lanes<'_>| {
        lanes.flush();
        if let Some((index, how)) = lanes.hit() {
            shared.record_hit(index, how, &seq.candidate(index));
        }
    };
    loop {
        if shared.should_stop() {
            return finish(&mut lanes);
        }
        let claim = next.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |a| {
            (a < end).then(|| a.saturating_add(SEQ_CHUNK).min(end))
        });
        let Ok(a) = claim else {
            return finish(&mut lanes);
        };
        let b = a.saturating_add(SEQ_CHUNK).min(end);
        let mut od = Odometer::new(seq, a);
        let mut i = a;
        while i < b {
            if shared.should_stop() {
                stop_at(shared, &mut lanes, i, |idx| seq.candidate(idx));
                return;
            }
            let step_end = i.saturating_add(STEP).min(b);
            let step_start = i;
            while i < step_end {
                if lanes.push(i, od.current()) {
                    break;
                }
                od.advance();
                i += 1;
            }
            if let Some((index, how)) = lanes.hit() {
                shared.record_hit(index, how, &seq.candidate(index));
                return;
            }
            shared
                .progress
                .done
                .fetch_add(i - step_start, Ordering::Relaxed);
        }
    }
}

/// A worker stopping at index `i`: finish the queued keys, then either record a hit among
/// them or record `i` as the place to resume.
fn stop_at(shared: &Shared<'_>, lanes: &mut Lanes<'_>, i: u64, candidate: impl Fn(u64) -> Vec<u8>) {
    lanes.flush();
    match lanes.hit() {
        Some((index, how)) => shared.record_hit(index, how, &candidate(index)),
        None => {
            shared.resume.fetch_min(i, Ordering::SeqCst);
        }
    }
}

fn run_wordlists(
    shared: &Shared<'_>,
    inputs: Vec<Wordlist>,
    start: u64,
    end: u64,
    threads: usize,
) -> Result<Outcome> {
    let (tx, rx) = sync_channel::<Chunk>(threads * 2);
    let state = Arc::new(ReaderState::default());
    let reader_state = Arc::clone(&state);
    // Not scoped: a reader blocked on a slow stdin must not keep a hit or a cancel waiting.
    let reader = thread::Builder::new()
        .name("jot-crack-reader".into())
        .spawn(move || wordlist::read_all(inputs, start, end, tx, reader_state))
        .map_err(|e| Error::input(format!("cannot start the wordlist reader thread: {e}")))?;
    let rx = Mutex::new(rx);
    let spawned = spawn_workers(threads, || word_worker(shared, &rx, &state, start, end));
    state.stop.store(true, Ordering::SeqCst);
    spawned?;
    if let Some(found) = shared.found() {
        return Ok(found);
    }
    let stopped = shared.should_stop();
    if !stopped {
        // The workers drained the channel, so the reader has ended; joining cannot block.
        let _ = reader.join();
    }
    if let Some(err) = state.error.lock().ok().and_then(|mut e| e.take()) {
        return Err(err);
    }
    // Read before draining: any chunk sent after this read starts at or above it.
    let sent_upto = state.sent_upto.load(Ordering::SeqCst);
    let queued = drain_first(&rx);
    let resume = shared
        .resume
        .load(Ordering::SeqCst)
        .min(queued.unwrap_or(u64::MAX))
        .min(sent_upto)
        .max(start);
    let total = state.total.load(Ordering::SeqCst).min(end);
    if state.finished.load(Ordering::SeqCst) && resume >= total {
        return Ok(Outcome::Exhausted {
            tried: total.saturating_sub(start),
        });
    }
    if stopped {
        return Ok(Outcome::Cancelled {
            resume_skip: resume,
        });
    }
    Err(Error::input(
        "the wordlist reader stopped without finishing",
    ))
}

/// Empty the channel; the first index of the earliest chunk still queued.
fn drain_first(rx: &Mutex<Receiver<Chunk>>) -> Option<u64> {
    let rx = rx.lock().ok()?;
    let mut first = None;
    while let Ok(chunk) = rx.try_recv() {
        first = first.or(Some(chunk.first));
    }
    first
}

fn word_worker(
    shared: &Shared<'_>,
    rx: &Mutex<Receiver<Chunk>>,
    state: &ReaderState,
    start: u64,
    end: u64,
) {
    let mut lanes = Lanes::new(&shared.prep, shared.kernel, shared.transforms);
    loop {
        if shared.should_stop() {
            return;
        }
        // A wait with a timeout, so that a stop (a cancel: Ctrl-C, SIGTERM) is seen while
        // a slow or stalled stdin holds the next chunk back; checked again under the lock,
        // so the workers queued on it leave at once rather than one timeout each.
        let next = match rx.lock() {
            Ok(_) if shared.should_stop() => return,
            Ok(rx) => rx.recv_timeout(WAIT),
            Err(_) => return,
        };
        let chunk = match next {
            Ok(chunk) => chunk,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        shared
            .progress
            .read
            .fetch_max(chunk.read, Ordering::Relaxed);
        let find = |index: u64| {
            wordlist::Lines::new(&chunk)
                .find(|&(i, _)| i == index)
                .map(|(_, l)| l.to_vec())
                .unwrap_or_default()
        };
        let mut lines = wordlist::Lines::new(&chunk);
        lines.skip_before(start);
        let mut tried = 0u64;
        for (i, line) in lines {
            if i >= end {
                break;
            }
            if tried.is_multiple_of(STEP) {
                if shared.should_stop() {
                    stop_at(shared, &mut lanes, i, find);
                    return;
                }
                shared
                    .progress
                    .done
                    .fetch_add(tried.min(STEP), Ordering::Relaxed);
            }
            tried += 1;
            if lanes.push(i, line) {
                break;
            }
        }
        // Hits are reported from the chunk that holds their line, so none carry over.
        lanes.flush();
        if let Some((index, how)) = lanes.hit() {
            shared.record_hit(index, how, &find(index));
            return;
        }
        shared
            .progress
            .done
            .fetch_add(tried % STEP, Ordering::Relaxed);
        state.recycle(chunk);
    }
}
