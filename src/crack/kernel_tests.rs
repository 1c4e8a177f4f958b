//! Tests that every hashing kernel gives exactly the tag of the reference `hmac` crate, at
//! the key and message lengths where padding and key hashing change, and on random input.

use proptest::prelude::*;

use super::lanes::load_key;
use super::prep::{self, KeyBlock, Prepared};
use super::target::reference_tag;
use super::*;

/// The tag a kernel computes for `key` over `msg`.
fn kernel_tag(kernel: Kernel, hash: HashAlg, key: &[u8], msg: &[u8]) -> Vec<u8> {
    let target = Target {
        hash,
        signing_input: msg.to_vec(),
        signature: vec![0; hash.output_len()],
    };
    let prep = Prepared::new(&target);
    let mut block: KeyBlock = [0; 128];
    load_key(&mut block, hash, key);
    match (kernel, hash) {
        #[cfg(target_arch = "x86_64")]
        (Kernel::ShaNi, HashAlg::Sha256) => {
            // Different keys in the other lanes, to catch lanes mixing their state.
            let mut keys = [[0x55u8; 128]; super::shani::LANES];
            keys[1] = block;
            // SAFETY: callers only pass ShaNi when it is available.
            let out = unsafe { super::shani::hmac256(&prep.wk256, &keys) };
            out[1].iter().flat_map(|w| w.to_be_bytes()).collect()
        }
        #[cfg(target_arch = "x86_64")]
        (Kernel::Avx512, HashAlg::Sha256) => {
            let mut keys = [[0x33u8; 128]; super::avx512_256::LANES];
            keys[11] = block;
            // SAFETY: callers only pass Avx512 when it is available.
            let out = unsafe { super::avx512_256::hmac256(&prep.wk256, &keys) };
            out[11].iter().flat_map(|w| w.to_be_bytes()).collect()
        }
        #[cfg(target_arch = "x86_64")]
        (Kernel::Avx512, HashAlg::Sha384 | HashAlg::Sha512) => {
            let mut keys = [[0xAAu8; 128]; super::avx512::LANES];
            keys[5] = block;
            // SAFETY: callers only pass Avx512 when it is available.
            let out =
                unsafe { super::avx512::hmac512(hash == HashAlg::Sha384, &prep.wk512, &keys) };
            out[5]
                .iter()
                .flat_map(|w| w.to_be_bytes())
                .take(hash.output_len())
                .collect()
        }
        #[cfg(target_arch = "x86_64")]
        (Kernel::Avx2, HashAlg::Sha256) => {
            let mut keys = [[0x5Au8; 128]; super::avx2_256::LANES];
            keys[6] = block;
            // SAFETY: callers only pass Avx2 when it is available.
            let out = unsafe { super::avx2_256::hmac256(&prep.wk256, &keys) };
            out[6].iter().flat_map(|w| w.to_be_bytes()).collect()
        }
        #[cfg(target_arch = "x86_64")]
        (Kernel::Avx2, HashAlg::Sha384 | HashAlg::Sha512) => {
            let mut keys = [[0xC3u8; 128]; super::avx2::LANES];
            keys[2] = block;
            // SAFETY: callers only pass Avx2 when it is available.
            let out = unsafe { super::avx2::hmac512(hash == HashAlg::Sha384, &prep.wk512, &keys) };
            out[2]
                .iter()
                .flat_map(|w| w.to_be_bytes())
                .take(hash.output_len())
                .collect()
        }
        (_, HashAlg::Sha256) => prep::hmac256(&prep, &block)
            .iter()
            .flat_map(|w| w.to_be_bytes())
            .collect(),
        _ => prep::hmac512(&prep, &block)
            .iter()
            .flat_map(|w| w.to_be_bytes())
            .take(hash.output_len())
            .collect(),
    }
}

/// Every kernel this CPU can run (on a hash it does not apply to, a kernel falls back to
/// the portable one).
pub(crate) fn kernels() -> Vec<Kernel> {
    Kernel::ALL
        .into_iter()
        .filter(|k| *k != Kernel::Auto)
        .filter(|k| k.is_available())
        .collect()
}

const HASHES: [HashAlg; 3] = [HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512];

#[test]
fn every_kernel_gives_the_hmac_crate_tag_at_key_and_message_edges() {
    for kernel in kernels() {
        for hash in HASHES {
            for key_len in [0, 1, 55, 56, 63, 64, 65, 100, 127, 128, 129, 200] {
                for msg_len in [0, 1, 55, 56, 63, 64, 111, 112, 128, 300] {
                    let key: Vec<u8> = (0..key_len).map(|i| (i * 7 + 1) as u8).collect();
                    let msg: Vec<u8> = (0..msg_len).map(|i| (i * 13 + 5) as u8).collect();
                    assert_eq!(
                        kernel_tag(kernel, hash, &key, &msg),
                        reference_tag(hash, &key, &msg),
                        "{kernel:?} {hash:?} key {key_len} msg {msg_len}"
                    );
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn every_kernel_matches_the_hmac_crate_on_random_input(
        key in proptest::collection::vec(any::<u8>(), 0..300),
        msg in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        for kernel in kernels() {
            for hash in HASHES {
                prop_assert_eq!(kernel_tag(kernel, hash, &key, &msg), reference_tag(hash, &key, &msg));
            }
        }
    }
}

#[test]
fn kernels_resolve_to_one_that_runs_here_and_fits_the_hash() {
    for hash in HASHES {
        for k in Kernel::ALL {
            let r = k.resolve(hash);
            assert!(
                r.is_available() && r != Kernel::Auto,
                "{k:?} {hash:?} -> {r:?}"
            );
        }
        assert_eq!(Kernel::Portable.resolve(hash), Kernel::Portable);
    }
    assert_eq!(Kernel::ShaNi.resolve(HashAlg::Sha512), Kernel::Portable);
}

#[test]
fn every_kernel_is_tested_here_when_the_cpu_has_it() {
    // The kernels above run only when available: say which ones this run covered, and make
    // sure the list is every kernel the CPU can run (so a new kernel cannot be left out).
    let tested = kernels();
    for k in Kernel::ALL {
        if k != Kernel::Auto && k.is_available() {
            assert!(tested.contains(&k), "{k:?}");
        }
    }
    eprintln!("kernels tested on this CPU: {tested:?}");
}

#[test]
fn kernel_names_round_trip_and_unknown_names_are_refused() {
    for k in Kernel::ALL {
        assert_eq!(k.name().parse::<Kernel>().unwrap(), k);
    }
    assert!("gpu".parse::<Kernel>().is_err());
}
