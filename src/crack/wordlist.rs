//! Streaming wordlists: one reader thread cuts the inputs (gzip or not, detected by magic
//! bytes) into large chunks of whole lines and hands them, with the index of their first
//! line, to the workers through a bounded channel, so memory stays bounded whatever the
//! size of the lists.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex};

use zeroize::{Zeroize, Zeroizing};

use super::wordfile::Wordlist;
use super::wordfile::{count_newlines, open_decoded};
use crate::Error;

/// Bytes per chunk: large enough that channel traffic is negligible, small enough that a
/// few chunks per worker stay in cache-friendly, bounded memory.
pub(crate) const CHUNK: usize = 1 << 21;

/// A line is refused once this many bytes pass without a newline (the input is then not a
/// wordlist), which bounds the reader's buffer.
pub(crate) const MAX_LINE: usize = 1 << 22;

/// Whole lines (each ending in `\n`) and the index of the first.
pub(crate) struct Chunk {
    pub(crate) data: Vec<u8>,
    pub(crate) first: u64,
    /// Bytes of the inputs read, as they are on disk, when the chunk was cut.
    pub(crate) read: u64,
}

impl Drop for Chunk {
    fn drop(&mut self) {
        // A line may be the secret.
        self.data.zeroize();
    }
}

/// Spare chunk buffers kept for reuse (more than this are wiped and freed).
const MAX_SPARE: usize = 64;

/// What the reader thread tells the rest, through shared atomics.
#[derive(Default)]
pub(crate) struct ReaderState {
    /// Every line below this index has been sent (or lies before the range).
    pub(crate) sent_upto: AtomicU64,
    /// The reader reached the end of the inputs or of the range.
    pub(crate) finished: AtomicBool,
    /// Lines seen when finished.
    pub(crate) total: AtomicU64,
    /// Stop early (a hit or a cancel).
    pub(crate) stop: AtomicBool,
    pub(crate) error: Mutex<Option<Error>>,
    /// Bytes of the inputs read so far as they are on disk (compressed for gzip).
    read: Arc<AtomicU64>,
    /// Buffers the workers are done with: reusing them saves the page faults of fresh
    /// allocations and the wiping of each chunk.
    spare: Mutex<Vec<Vec<u8>>>,
}

impl ReaderState {
    /// Take back a processed chunk's buffer for the reader to reuse.
    pub(crate) fn recycle(&self, mut chunk: Chunk) {
        let mut data = std::mem::take(&mut chunk.data);
        if let Ok(mut spare) = self.spare.lock() {
            if spare.len() < MAX_SPARE {
                spare.push(data);
                return;
            }
        }
        data.zeroize();
    }

    fn buffer(&self, capacity: usize) -> Vec<u8> {
        let mut buf = self
            .spare
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_default();
        buf.clear();
        buf.reserve(capacity);
        buf
    }
}

impl Drop for ReaderState {
    fn drop(&mut self) {
        if let Ok(spare) = self.spare.get_mut() {
            spare.iter_mut().for_each(Zeroize::zeroize);
        }
    }
}

enum Next {
    More,
    /// The range end was reached, or the receiver is gone.
    Done,
}

/// Read every input in order and send its lines in chunks; lines outside `start..end` are
/// counted but not sent.
pub(crate) fn read_all(
    inputs: Vec<Wordlist>,
    start: u64,
    end: u64,
    tx: SyncSender<Chunk>,
    state: Arc<ReaderState>,
) {
    let mut index = 0u64;
    for input in inputs {
        let name = input.name;
        match read_one(input.reader, start, end, &tx, &state, &mut index) {
            Ok(Next::More) => {}
            Ok(Next::Done) => break,
            Err(e) => {
                let err = match e {
                    ReadError::Io(e) => Error::io(Path::new(&name), e),
                    ReadError::LongLine(line) => Error::input(format!(
                        "{name}: line {} is longer than {} MiB: is this a wordlist?",
                        line + 1,
                        MAX_LINE >> 20
                    )),
                };
                if let Ok(mut slot) = state.error.lock() {
                    *slot = Some(err);
                }
                return;
            }
        }
    }
    if !state.stop.load(Ordering::SeqCst) {
        state.total.store(index, Ordering::SeqCst);
        state.finished.store(true, Ordering::SeqCst);
    }
}

enum ReadError {
    Io(std::io::Error),
    /// The 0-based line number, within its input, of the over-long line.
    LongLine(u64),
}

/// Fill `buf` up to `want` bytes; true at end of input. `read_to_end` through `take` reads
/// straight into the spare capacity (files implement `read_buf`), so the reader thread does
/// not first zero every chunk: that memset was a serial pass over the whole list.
fn fill(src: &mut dyn Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    while buf.len() < want {
        let before = buf.len();
        match src.take((want - before) as u64).read_to_end(buf) {
            Ok(_) if buf.len() == before => return Ok(true),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

fn read_one(
    input: Box<dyn Read + Send>,
    start: u64,
    end: u64,
    tx: &SyncSender<Chunk>,
    state: &ReaderState,
    index: &mut u64,
) -> std::result::Result<Next, ReadError> {
    let (mut src, gzip) = open_decoded(input, Some(&state.read)).map_err(ReadError::Io)?;
    let mut carry: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::new());
    let first_of_input = *index;
    loop {
        if state.stop.load(Ordering::Relaxed) {
            return Ok(Next::Done);
        }
        // A line longer than the buffer doubles it, up to MAX_LINE.
        let want = CHUNK.max(carry.len() * 2).min(MAX_LINE + 1);
        let mut buf = state.buffer(want);
        buf.extend_from_slice(&carry);
        let eof = fill(&mut *src, &mut buf, want).map_err(ReadError::Io)?;
        if !gzip {
            let got = buf.len() - carry.len();
            state.read.fetch_add(got as u64, Ordering::Relaxed);
        }
        if eof && !buf.is_empty() && buf.last() != Some(&b'\n') {
            buf.push(b'\n');
        }
        let cut = match buf.iter().rposition(|&b| b == b'\n') {
            Some(p) => p + 1,
            None if eof => return Ok(Next::More),
            None if buf.len() >= MAX_LINE => {
                return Err(ReadError::LongLine(*index - first_of_input));
            }
            None => {
                carry = Zeroizing::new(std::mem::take(&mut buf));
                continue;
            }
        };
        carry.clear();
        carry.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        let lines = count_newlines(&buf);
        let first = *index;
        *index += lines;
        let read = state.read.load(Ordering::Relaxed);
        let chunk = Chunk {
            data: buf,
            first,
            read,
        };
        if *index > start && first < end && tx.send(chunk).is_err() {
            return Ok(Next::Done);
        }
        state.sent_upto.store(*index, Ordering::SeqCst);
        if *index >= end {
            return Ok(Next::Done);
        }
        if eof {
            return Ok(Next::More);
        }
    }
}

/// The lines of a chunk with their indices, a `\r\n` ending reduced to the line.
pub(crate) struct Lines<'c> {
    data: &'c [u8],
    pos: usize,
    index: u64,
}

/// The position of the first `\n` at or after `pos`, or `data.len()`.
#[inline]
fn find_newline(data: &[u8], mut pos: usize) -> usize {
    // Eight bytes at a time: the lowest byte of `x` that was a newline has its high bit set
    // in `found` (bits above it may be false positives, so take the lowest).
    const ONES: u64 = 0x0101_0101_0101_0101;
    while pos + 8 <= data.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&data[pos..pos + 8]);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'\n'));
        let found = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if found != 0 {
            return pos + (found.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    data[pos..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(data.len(), |p| pos + p)
}

impl<'c> Lines<'c> {
    pub(crate) fn new(chunk: &'c Chunk) -> Lines<'c> {
        Lines {
            data: &chunk.data,
            pos: 0,
            index: chunk.first,
        }
    }

    /// Move past the lines whose index is below `start`.
    pub(crate) fn skip_before(&mut self, start: u64) {
        while self.index < start && self.pos < self.data.len() {
            self.pos = find_newline(self.data, self.pos) + 1;
            self.index += 1;
        }
    }
}

impl<'c> Iterator for Lines<'c> {
    type Item = (u64, &'c [u8]);

    #[inline]
    fn next(&mut self) -> Option<(u64, &'c [u8])> {
        if self.pos >= self.data.len() {
            return None;
        }
        let nl = find_newline(self.data, self.pos);
        let mut line = &self.data[self.pos..nl];
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        self.pos = nl + 1;
        self.index += 1;
        Some((self.index - 1, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::mpsc::sync_channel;

    fn read(inputs: Vec<Vec<u8>>, start: u64, end: u64) -> (Vec<(u64, Vec<u8>)>, Arc<ReaderState>) {
        let (tx, rx) = sync_channel(4);
        let state = Arc::new(ReaderState::default());
        let readers: Vec<Wordlist> = inputs
            .into_iter()
            .enumerate()
            .map(|(n, v)| {
                Wordlist::new(
                    format!("list{}.txt", n + 1),
                    Box::new(std::io::Cursor::new(v)),
                )
            })
            .collect();
        let st = state.clone();
        let t = std::thread::spawn(move || read_all(readers, start, end, tx, st));
        let mut out = Vec::new();
        for chunk in rx {
            out.extend(Lines::new(&chunk).map(|(i, l)| (i, l.to_vec())));
        }
        t.join().unwrap();
        (out, state)
    }

    #[test]
    fn lines_span_inputs_strip_cr_and_keep_empty_lines() {
        let (got, st) = read(
            vec![b"a\r\n\nb".to_vec(), Vec::new(), b"c\n".to_vec()],
            0,
            u64::MAX,
        );
        let want: Vec<(u64, Vec<u8>)> = vec![
            (0, b"a".to_vec()),
            (1, b"".to_vec()),
            (2, b"b".to_vec()),
            (3, b"c".to_vec()),
        ];
        assert_eq!(got, want);
        assert!(st.finished.load(Ordering::SeqCst));
        assert_eq!(st.total.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn the_reader_counts_the_bytes_of_plain_inputs() {
        let (_, st) = read(vec![b"one\ntwo".to_vec(), b"three\n".to_vec()], 0, u64::MAX);
        assert_eq!(st.read.load(Ordering::SeqCst), 13);
    }

    #[test]
    fn find_newline_agrees_with_a_byte_scan() {
        let data = b"abc\ndefghijkl\n\nmnopqrstuvwxyz0123\n\x8a\x0b\x0a\xff";
        for pos in 0..data.len() {
            let want = data[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(data.len(), |p| pos + p);
            assert_eq!(find_newline(data, pos), want, "from {pos}");
        }
    }

    #[test]
    fn skip_before_moves_past_earlier_lines() {
        let chunk = Chunk {
            data: b"a\nb\nc\n".to_vec(),
            first: 10,
            read: 6,
        };
        let mut lines = Lines::new(&chunk);
        lines.skip_before(12);
        assert_eq!(lines.collect::<Vec<_>>(), [(12, &b"c"[..])]);
    }

    #[test]
    fn gzip_inputs_are_detected_and_decompressed() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"one\ntwo\n").unwrap();
        let (got, _) = read(vec![enc.finish().unwrap(), b"three".to_vec()], 0, u64::MAX);
        let words: Vec<&[u8]> = got.iter().map(|(_, l)| l.as_slice()).collect();
        assert_eq!(words, [&b"one"[..], b"two", b"three"]);
    }

    #[test]
    fn lines_longer_than_a_chunk_are_kept_whole() {
        let long = vec![b'x'; CHUNK + 10];
        let mut input = b"a\n".to_vec();
        input.extend_from_slice(&long);
        input.extend_from_slice(b"\nb\n");
        let (got, _) = read(vec![input], 0, u64::MAX);
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].1.len(), CHUNK + 10);
        assert_eq!(got[2], (2, b"b".to_vec()));
    }

    #[test]
    fn over_long_lines_are_an_error_naming_the_line() {
        let mut input = b"a\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE + CHUNK));
        input.extend_from_slice(b"\nb\n");
        let (_, st) = read(vec![b"x\ny\n".to_vec(), input], 0, u64::MAX);
        let err = st.error.lock().unwrap().take().unwrap().to_string();
        assert!(err.contains("list2.txt: line 2 "), "{err}");
        assert!(!st.finished.load(Ordering::SeqCst));
    }
}
