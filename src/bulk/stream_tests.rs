//! Tests of the stdin line reader: line numbers, trimming, blank lines, lines split over
//! reads, lossy UTF-8, over-long lines, batch sizes and read errors.

use super::*;

/// A reader that returns at most `step` bytes per read, then an optional error.
struct Drip {
    data: Vec<u8>,
    at: usize,
    step: usize,
    fail: bool,
}

impl Read for Drip {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.data.len() {
            if self.fail {
                return Err(std::io::Error::other("the pipe broke"));
            }
            return Ok(0);
        }
        let n = self.step.min(out.len()).min(self.data.len() - self.at);
        out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn drip(data: &[u8], step: usize, fail: bool) -> Drip {
    Drip {
        data: data.to_vec(),
        at: 0,
        step,
        fail,
    }
}

fn collect(data: &[u8], step: usize, fail: bool) -> (Vec<(usize, String, bool)>, Vec<usize>, bool) {
    let rx = on_a_thread(Pull::within(drip(data, step, fail), LINE_LIMIT));
    let (mut lines, mut sizes, mut failed) = (vec![], vec![], false);
    for b in rx {
        match b {
            Ok(b) => {
                sizes.push(b.len());
                for (n, t) in b.lines() {
                    lines.push(match t {
                        Ok(t) => (n, t.to_owned(), true),
                        Err(why) => (n, why.to_owned(), false),
                    });
                }
            }
            Err(_) => failed = true,
        }
    }
    (lines, sizes, failed)
}

fn texts(v: &[(usize, String, bool)]) -> Vec<(usize, &str)> {
    v.iter().map(|(n, t, _)| (*n, t.as_str())).collect()
}

#[test]
fn lines_are_numbered_trimmed_and_blank_lines_skipped_however_the_input_is_split() {
    let data = b"  a.b.c \r\n\n\t\nsecond\nthird-no-newline";
    for step in [1, 2, 3, 7, 1 << 20] {
        let (lines, _, failed) = collect(data, step, false);
        assert!(!failed);
        assert_eq!(
            texts(&lines),
            [(1, "a.b.c"), (4, "second"), (5, "third-no-newline")],
            "step {step}"
        );
    }
}

#[test]
fn comment_lines_are_skipped_and_still_counted() {
    let data = b"# tokens from the gateway log\na.b.c\n  # indented comment\nd.e.f\n";
    for step in [1, 5, 1 << 20] {
        let (lines, _, _) = collect(data, step, false);
        assert_eq!(texts(&lines), [(2, "a.b.c"), (4, "d.e.f")], "step {step}");
    }
}

#[test]
fn invalid_utf8_is_read_lossily_and_keeps_its_line_number() {
    let (lines, _, _) = collect(b"ok\n\xff\xfebad\nafter\n", 1 << 20, false);
    assert_eq!(
        texts(&lines),
        [(1, "ok"), (2, "\u{fffd}\u{fffd}bad"), (3, "after")]
    );
}

#[test]
fn an_over_long_line_is_reported_once_and_skipped_without_being_kept() {
    for step in [4096, 1 << 20] {
        let mut data = b"first\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', LINE_LIMIT + 10));
        data.extend(b"\nlast\n");
        let (lines, _, _) = collect(&data, step, false);
        assert_eq!(lines.len(), 3, "step {step}");
        assert_eq!((lines[0].0, lines[0].2), (1, true));
        assert_eq!((lines[1].0, lines[1].2), (2, false));
        assert!(lines[1].1.contains("over the limit"), "{}", lines[1].1);
        assert_eq!((lines[2].0, lines[2].1.as_str()), (3, "last"));
    }
}

#[test]
fn a_line_at_the_limit_is_kept() {
    let mut data = vec![b'y'; LINE_LIMIT];
    data.push(b'\n');
    let (lines, _, _) = collect(&data, 1 << 20, false);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].2 && lines[0].1.len() == LINE_LIMIT);
}

#[test]
fn batches_hold_at_most_batch_lines() {
    let data: Vec<u8> = (0..10_000)
        .flat_map(|i| format!("t{i}\n").into_bytes())
        .collect();
    let (lines, sizes, _) = collect(&data, 1 << 20, false);
    assert_eq!(lines.len(), 10_000);
    assert!(sizes.iter().all(|s| *s <= BATCH), "{sizes:?}");
    assert_eq!(lines[9_999], (10_000, "t9999".to_owned(), true));
}

#[test]
fn a_read_error_ends_the_stream_after_the_lines_read_before_it() {
    let (lines, _, failed) = collect(b"one\ntwo\nunfinis", 1 << 20, true);
    assert!(failed);
    assert_eq!(texts(&lines), [(1, "one"), (2, "two")]);
}

/// A read of more than half a block hands the buffer over whole and keeps the unfinished
/// line for the next read; smaller reads copy their lines out. Both give the same lines.
#[test]
fn big_and_small_reads_give_the_same_lines() {
    let data: Vec<u8> = (0..120_000)
        .flat_map(|i| format!("token-{i:06}\n").into_bytes())
        .chain(b"tail-without-newline".iter().copied())
        .collect();
    assert!(data.len() > READ_BLOCK);
    let (big, _, _) = collect(&data, 1 << 20, false);
    let (small, _, _) = collect(&data, 65_536 + 7, false);
    assert_eq!(big.len(), 120_001);
    assert_eq!(big, small);
    assert_eq!(big[119_999], (120_000, "token-119999".to_owned(), true));
    assert_eq!(big[120_000].1, "tail-without-newline");
}

/// A reader given its own limit (decrypt's follows --max-plaintext) keeps lines up to it
/// and reports longer ones with that limit, in place.
#[test]
fn a_reader_keeps_lines_up_to_its_own_limit() {
    let mut data = vec![b'a'; 100];
    data.push(b'\n');
    data.extend([b'b'; 101]);
    data.extend(b"\nc\n");
    let mut pull = Pull::within(drip(&data, 7, false), 100);
    let mut lines = Vec::new();
    while let Some(b) = pull.next() {
        let b = b.expect("no read error");
        lines.extend(
            b.lines()
                .map(|(n, t)| (n, t.map(str::len).map_err(str::to_owned))),
        );
    }
    let over = Err("the line is over the limit of 100 bytes".to_owned());
    assert_eq!(lines, [(1, Ok(100)), (2, over), (3, Ok(1))]);
}

/// Pulled on the caller's thread (one core, or a file) or read on a thread: the same
/// batches.
#[test]
fn pulled_here_or_read_on_a_thread_the_batches_are_the_same() {
    let data: Vec<u8> = (0..20_000)
        .flat_map(|i| format!("t{i}\n\n# c\n").into_bytes())
        .collect();
    let flat = |b: Batch| -> Vec<(usize, String)> {
        b.lines().map(|(n, t)| (n, t.unwrap().to_owned())).collect()
    };
    let mut here = Vec::new();
    let mut pull = Pull::within(drip(&data, 70_000, false), LINE_LIMIT);
    while let Some(b) = pull.next() {
        here.push(flat(b.unwrap()));
    }
    let there: Vec<_> = on_a_thread(Pull::within(drip(&data, 70_000, false), LINE_LIMIT))
        .into_iter()
        .map(|b| flat(b.unwrap()))
        .collect();
    assert_eq!(here, there);
    assert_eq!(here.concat().len(), 20_000);
    assert_eq!(here.concat()[19_999], (59_998, "t19999".to_owned()));
}

/// The ASCII fast path before the UTF-8 check: a byte of 0x80 or above anywhere in a
/// block, in its whole 256-byte blocks or its tail, sends it to the UTF-8 check.
#[test]
fn all_ascii_finds_a_high_byte_anywhere() {
    let text = vec![b'a'; 600];
    assert!(all_ascii(&text));
    assert!(all_ascii(&[]));
    for at in [0, 255, 256, 511, 512, 599] {
        let mut t = text.clone();
        t[at] = 0x80;
        assert!(!all_ascii(&t), "at {at}");
    }
}
