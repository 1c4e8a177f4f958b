//! Tests of whole searches over wordlists, masks and brute force: hits, transforms, shards,
//! cancel and resume, gzip, CRLF, empty lines.

use std::io::{Cursor, Read, Write};
use std::sync::atomic::Ordering;

use base64ct::{Base64, Encoding};

use super::target::tests::sign;
use super::*;

fn target(hash: HashAlg, secret: &[u8]) -> Target {
    Target::from_token(&sign(
        hash,
        secret,
        r#"{"sub":"1234567890","name":"Jo","iat":1516239022}"#,
    ))
    .unwrap()
}

fn words(text: &str) -> Source {
    Source::Wordlists(vec![Wordlist::new(
        "list",
        Box::new(Cursor::new(text.as_bytes().to_vec())),
    )])
}

fn opts(threads: usize) -> Options {
    Options {
        threads,
        ..Options::default()
    }
}

fn run(t: &Target, source: Source, o: &Options) -> Outcome {
    crack(t, source, o, &Progress::new()).unwrap()
}

fn found(outcome: Outcome) -> (Vec<u8>, Transform, Vec<u8>, u64) {
    match outcome {
        Outcome::Found {
            secret,
            transform,
            candidate,
            index,
        } => (secret.to_vec(), transform, candidate.to_vec(), index),
        other => panic!("expected a hit, got {other:?}"),
    }
}

#[test]
fn a_search_counts_the_wordlist_bytes_it_took_as_the_files_hold_them() {
    let t = target(HashAlg::Sha256, b"not-in-the-list");
    let plain = "alpha\nbeta\r\n\ngamma";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all("delta\n".repeat(1000).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let lists = vec![
        Wordlist::new("plain", Box::new(Cursor::new(plain.as_bytes().to_vec()))),
        Wordlist::new("gz", Box::new(Cursor::new(gz.clone()))),
    ];
    let progress = Progress::new();
    let out = crack(&t, Source::Wordlists(lists), &opts(2), &progress).unwrap();
    assert!(matches!(out, Outcome::Exhausted { tried: 1004 }), "{out:?}");
    let read = progress.read.load(Ordering::SeqCst);
    assert_eq!(read, (plain.len() + gz.len()) as u64);
    assert_eq!(progress.done.load(Ordering::SeqCst), 1004);
}

#[test]
fn wordlist_finds_the_secret_with_its_index() {
    let t = target(HashAlg::Sha256, b"secret");
    for kernel in super::kernel_tests::kernels()
        .into_iter()
        .chain([Kernel::Auto])
    {
        for threads in [1, 3] {
            let out = crack_with_kernel(
                &t,
                words("a\nb\nsecret\nc\n"),
                &opts(threads),
                &Progress::new(),
                kernel,
            );
            assert_eq!(
                found(out.unwrap()),
                (b"secret".to_vec(), Transform::Plain, b"secret".to_vec(), 2)
            );
        }
    }
}

#[test]
fn hs384_and_hs512_secrets_are_found() {
    for hash in [HashAlg::Sha384, HashAlg::Sha512] {
        let t = target(hash, b"hunter2");
        let (secret, ..) = found(run(&t, words("x\nhunter2\n"), &opts(2)));
        assert_eq!(secret, b"hunter2");
    }
}

#[test]
fn base64_and_hex_transforms_find_decoded_secrets() {
    let raw = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x7f];
    let t = target(HashAlg::Sha256, &raw);
    let list = format!("nope\n{}\n", Base64::encode_string(&raw));
    assert_eq!(found(run(&t, words(&list), &opts(2))).1, Transform::Base64);
    let (secret, how, candidate, index) = found(run(&t, words("zz\ndeadbeef00017f\n"), &opts(1)));
    assert_eq!(
        (secret, how, candidate, index),
        (raw.to_vec(), Transform::Hex, b"deadbeef00017f".to_vec(), 1)
    );
    let off = Options {
        transforms: false,
        ..opts(1)
    };
    assert!(matches!(
        run(&t, words("deadbeef00017f\n"), &off),
        Outcome::Exhausted { tried: 1 }
    ));
}

#[test]
fn secret_not_in_list_is_exhausted_with_the_exact_count() {
    let t = target(HashAlg::Sha256, b"not-in-the-list");
    let list: String = (0..10_007).map(|i| format!("w{i}\n")).collect();
    assert!(matches!(
        run(&t, words(&list), &opts(2)),
        Outcome::Exhausted { tried: 10_007 }
    ));
}

#[test]
fn crlf_endings_are_stripped_and_empty_lines_are_candidates() {
    let t = target(HashAlg::Sha256, b"pass");
    assert_eq!(found(run(&t, words("a\r\npass\r\n"), &opts(1))).3, 1);
    let empty = target(HashAlg::Sha256, b"");
    let (secret, _, _, index) = found(run(&empty, words("a\n\nb"), &opts(1)));
    assert_eq!((secret, index), (Vec::new(), 1));
    // A final newline does not make one more (empty) candidate.
    assert!(matches!(
        run(&t, words("a\nb\n"), &opts(1)),
        Outcome::Exhausted { tried: 2 }
    ));
}

#[test]
fn gzip_wordlists_and_several_lists_are_read_in_order() {
    let t = target(HashAlg::Sha256, b"zipped");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(b"one\ntwo\nzipped\n").unwrap();
    let lists = vec![
        Wordlist::new("a", Box::new(Cursor::new(b"x\ny".to_vec()))),
        Wordlist::new("b.gz", Box::new(Cursor::new(enc.finish().unwrap()))),
    ];
    assert_eq!(found(run(&t, Source::Wordlists(lists), &opts(2))).3, 4);
}

#[test]
fn mask_finds_a_five_character_secret() {
    let t = target(HashAlg::Sha256, b"abc42");
    let mask = Mask::parse("?l?l?l?d?d", &[]).unwrap();
    let (secret, _, _, index) = found(run(&t, Source::Mask(mask), &opts(0)));
    assert_eq!(secret, b"abc42");
    assert_eq!(index, 28 * 100 + 42); // a=0 b=1 c=2: ((0*26 + 1)*26 + 2)*100 + 42
}

#[test]
fn brute_force_finds_short_secrets_and_counts_its_keyspace() {
    let t = target(HashAlg::Sha512, b"ba");
    let src = Source::Brute {
        charset: b"abc".to_vec(),
        min_len: 1,
        max_len: 3,
    };
    assert_eq!(keyspace(&src).unwrap(), Some(3 + 9 + 27));
    assert_eq!(found(run(&t, src, &opts(2))).3, 3 + 3);
    let miss = Source::Brute {
        charset: b"xy".to_vec(),
        min_len: 0,
        max_len: 4,
    };
    assert!(matches!(
        run(&t, miss, &opts(2)),
        Outcome::Exhausted { tried: 31 }
    ));
}

/// Shards of `size` over a search: every index is tried once, so exactly one shard finds
/// the secret and the exhausted shards' counts add up to the rest.
fn assert_shards_cover(t: &Target, make: impl Fn() -> Source, total: u64, size: u64, hit: u64) {
    let mut tried = 0;
    let mut hits = Vec::new();
    for skip in (0..total + size).step_by(size as usize) {
        let o = Options {
            threads: 2,
            skip,
            limit: Some(size),
            transforms: true,
        };
        match run(t, make(), &o) {
            Outcome::Found { index, .. } => {
                assert!((skip..skip + size).contains(&index));
                hits.push(index);
                tried += (skip + size).min(total) - skip;
            }
            Outcome::Exhausted { tried: n } => tried += n,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(hits, [hit]);
    assert_eq!(tried, total);
}

#[test]
fn skip_limit_shards_cover_a_mask_exactly_once() {
    let t = target(HashAlg::Sha256, b"q7");
    let make = || Source::Mask(Mask::parse("?l?d", &[]).unwrap());
    assert_shards_cover(&t, make, 260, 37, 16 * 10 + 7);
}

#[test]
fn skip_limit_shards_cover_a_wordlist_exactly_once() {
    let t = target(HashAlg::Sha256, b"w613");
    let list: String = (0..1000).map(|i| format!("w{i}\n")).collect();
    assert_shards_cover(&t, || words(&list), 1000, 97, 613);
}

#[test]
fn cancel_stops_the_search_and_gives_a_resume_index() {
    let t = target(HashAlg::Sha256, b"never");
    let progress = Progress::new();
    progress.cancel.store(true, Ordering::SeqCst);
    let mask = || Source::Mask(Mask::parse("?a?a?a", &[]).unwrap());
    let o = Options {
        skip: 500,
        ..opts(2)
    };
    assert!(matches!(
        crack(&t, mask(), &o, &progress).unwrap(),
        Outcome::Cancelled { resume_skip: 500 }
    ));
    let list: String = (0..50_000).map(|i| format!("w{i}\n")).collect();
    let out = crack(&t, words(&list), &o, &progress).unwrap();
    assert!(
        matches!(out, Outcome::Cancelled { resume_skip: 500 }),
        "{out:?}"
    );
}

/// A reader that sets the cancel flag once half its bytes have been read.
struct CancelMidway<'a> {
    inner: Cursor<Vec<u8>>,
    progress: &'a Progress,
}

impl Read for CancelMidway<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.inner.position() * 2 >= self.inner.get_ref().len() as u64 {
            self.progress.cancel.store(true, Ordering::SeqCst);
        }
        let n = buf.len().min(1 << 16);
        self.inner.read(&mut buf[..n])
    }
}

#[test]
fn resuming_after_a_cancel_mid_wordlist_misses_nothing() {
    let t = target(HashAlg::Sha256, b"w299999");
    let list: String = (0..300_000).map(|i| format!("w{i}\n")).collect();
    let progress: &'static Progress = Box::leak(Box::new(Progress::new()));
    let reader = CancelMidway {
        inner: Cursor::new(list.clone().into_bytes()),
        progress,
    };
    let out = crack(
        &t,
        Source::Wordlists(vec![Wordlist::new("slow", Box::new(reader))]),
        &opts(2),
        progress,
    )
    .unwrap();
    let Outcome::Cancelled { resume_skip } = out else {
        panic!("{out:?}")
    };
    assert!(resume_skip <= 299_999, "{resume_skip}");
    let o = Options {
        skip: resume_skip,
        ..opts(2)
    };
    assert_eq!(found(run(&t, words(&list), &o)).3, 299_999);
}

#[test]
fn keyspace_is_unknown_for_wordlists_and_refused_above_u64() {
    assert_eq!(keyspace(&words("a")).unwrap(), None);
    let t = target(HashAlg::Sha256, b"x");
    let huge = Source::Mask(Mask::parse(&"?a".repeat(11), &[]).unwrap());
    assert!(crack(&t, huge, &opts(1), &Progress::new())
        .unwrap_err()
        .to_string()
        .contains("2^64"));
}

#[test]
fn try_words_finds_plain_and_decoded_secrets() {
    let t = target(HashAlg::Sha256, b"changeme");
    let list: Vec<&[u8]> = vec![b"a", b"b", b"c", b"d", b"e", b"changeme", b"f"];
    let (secret, how) = try_words(&t, list.iter().copied(), true).unwrap();
    assert_eq!(
        (secret.as_slice(), how),
        (&b"changeme"[..], Transform::Plain)
    );
    let t = target(HashAlg::Sha384, b"secret");
    let hit = try_words(&t, [&b"c2VjcmV0"[..]], true).map(|(s, h)| (s.to_vec(), h));
    assert_eq!(hit, Some((b"secret".to_vec(), Transform::Base64)));
    assert!(try_words(&t, [&b"c2VjcmV0"[..]], false).is_none());
}

#[test]
fn outcome_debug_redacts_the_secret() {
    let t = target(HashAlg::Sha256, b"topsecret");
    let shown = format!("{:?}", run(&t, words("topsecret"), &opts(1)));
    assert!(
        !shown.contains("topsecret") && shown.contains("redacted"),
        "{shown}"
    );
}

#[test]
fn resuming_after_a_cancel_mid_mask_misses_nothing() {
    // Index 60 000 = ((0*26 + 23)*26 + 2)*100 + 0: "axc00", well inside the first claim.
    let t = target(HashAlg::Sha256, b"axc00");
    let mask = || Source::Mask(Mask::parse("?l?l?l?d?d", &[]).unwrap());
    let secret_index = 60_000;
    let progress = Progress::new();
    let out = std::thread::scope(|s| {
        s.spawn(|| {
            while progress.done.load(Ordering::Relaxed) < 4_000 {
                std::thread::yield_now();
            }
            progress.cancel.store(true, Ordering::SeqCst);
        });
        let out = crack(&t, mask(), &opts(2), &progress).unwrap();
        // Release the watcher if the search ended before it fired.
        progress.done.store(u64::MAX, Ordering::Relaxed);
        out
    });
    let resume_skip = match out {
        Outcome::Cancelled { resume_skip } => resume_skip,
        Outcome::Found { index, .. } => {
            assert_eq!(index, secret_index);
            return;
        }
        other => panic!("{other:?}"),
    };
    assert!(resume_skip <= secret_index, "{resume_skip}");
    let o = Options {
        skip: resume_skip,
        ..opts(2)
    };
    assert_eq!(found(run(&t, mask(), &o)).3, secret_index);
}
