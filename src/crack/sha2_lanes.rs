//! The SHA-2 rounds of the lane kernels (`avx2`, `avx2_256`, `avx512`, `avx512_256`), written
//! once. SHA-256 and SHA-512 share their shape (eight state words, a 16-word schedule
//! window, Σ/σ made of rotates and shifts); only the word width, the rotation counts, the
//! round constants and the instructions differ. Each kernel supplies its vector type and a
//! handful of operations, and [`sha2_lanes!`] writes the rounds, the schedule, the
//! compression and the HMAC around them.
//!
//! A macro rather than a trait over the vector type: every function must carry its
//! kernel's `#[target_feature]` so the whole HMAC inlines into one function with the
//! intrinsics in registers, which safe trait methods cannot carry; and the AVX2 rotates need
//! their counts as literals (`64 - N` is not a const expression over a generic `N`).
//!
//! What the invoking module must have in scope: `LANES`; `type V`; `splat(word) -> V`,
//! `add(V, V) -> V`, `xor3`, `choose(e, f, g)` (Ch), `majority(a, b, c)` (Maj),
//! `load(&[word; LANES]) -> V`, `store(&mut [word; LANES], V)`, `zero() -> V`; the macros
//! `ror!(v, N)` and `shr!(v, N)` (per-lane rotate and shift right by a literal).

/// Write `round`, `step`, `compress`, `key_words` and `hmac` for one kernel.
///
/// - `feature`: the target feature every function is compiled for;
/// - `word`: the lane word (`u32` for SHA-256, `u64` for SHA-384/512);
/// - `k`, `rounds`: the round constants and their count;
/// - `big_sigma0`, `big_sigma1`: the rotations of Σ0(a) and Σ1(e);
/// - `sigma0`, `sigma1`: the two rotations and the shift of σ0 and σ1;
/// - `block`, `words`: a prepared message block's type and how to read its W + K words in
///   round order.
macro_rules! sha2_lanes {
    (
        feature: $feat:literal,
        word: $w:ty,
        k: $k:expr,
        rounds: $rounds:literal,
        big_sigma0: ($s0a:literal, $s0b:literal, $s0c:literal),
        big_sigma1: ($s1a:literal, $s1b:literal, $s1c:literal),
        sigma0: ($r0a:literal, $r0b:literal, $r0s:literal),
        sigma1: ($r1a:literal, $r1b:literal, $r1s:literal),
        block: $block:ty,
        words: |$b:ident| $words:expr $(,)?
    ) => {
        #[inline]
        #[target_feature(enable = $feat)]
        fn round(s: &mut [V; 8], wk: V) {
            let [a, b, c, d, e, f, g, h] = *s;
            let big_sigma1 = xor3(ror!(e, $s1a), ror!(e, $s1b), ror!(e, $s1c));
            let big_sigma0 = xor3(ror!(a, $s0a), ror!(a, $s0b), ror!(a, $s0c));
            let t1 = add(add(h, big_sigma1), add(choose(e, f, g), wk));
            let t2 = add(big_sigma0, majority(a, b, c));
            *s = [add(t1, t2), a, b, c, add(d, t1), e, f, g];
        }

        /// Round t + J, extending the 16-word schedule window `w` in place from t + J = 16
        /// on. J is a constant so the window indices are too, and `w` stays in registers
        /// once inlined.
        #[inline]
        #[target_feature(enable = $feat)]
        fn step<const J: usize>(s: &mut [V; 8], w: &mut [V; 16], t: usize) {
            if t + J >= 16 {
                let w15 = w[(J + 1) % 16];
                let w2 = w[(J + 14) % 16];
                let sigma0 = xor3(ror!(w15, $r0a), ror!(w15, $r0b), shr!(w15, $r0s));
                let sigma1 = xor3(ror!(w2, $r1a), ror!(w2, $r1b), shr!(w2, $r1s));
                w[J] = add(add(w[J], sigma0), add(w[(J + 9) % 16], sigma1));
            }
            round(s, add(w[J], splat($k[t + J])));
        }

        /// One compression of a block given as sixteen message-word vectors.
        #[inline]
        #[target_feature(enable = $feat)]
        #[allow(clippy::needless_range_loop)] // lanes are parallel arrays indexed together
        fn compress(s: &mut [V; 8], w: &mut [V; 16]) {
            let saved = *s;
            for t in (0..$rounds).step_by(16) {
                step::<0>(s, w, t);
                step::<1>(s, w, t);
                step::<2>(s, w, t);
                step::<3>(s, w, t);
                step::<4>(s, w, t);
                step::<5>(s, w, t);
                step::<6>(s, w, t);
                step::<7>(s, w, t);
                step::<8>(s, w, t);
                step::<9>(s, w, t);
                step::<10>(s, w, t);
                step::<11>(s, w, t);
                step::<12>(s, w, t);
                step::<13>(s, w, t);
                step::<14>(s, w, t);
                step::<15>(s, w, t);
            }
            for i in 0..8 {
                s[i] = add(s[i], saved[i]);
            }
        }

        /// The key blocks XOR `pad` as big-endian message words, one lane per key.
        #[inline]
        #[target_feature(enable = $feat)]
        fn key_words(keys: &[KeyBlock; LANES], pad: u8) -> [V; 16] {
            const N: usize = size_of::<$w>();
            core::array::from_fn(|t| {
                let words: [$w; LANES] = core::array::from_fn(|l| {
                    let mut b = [0u8; N];
                    b.copy_from_slice(&keys[l][N * t..N * t + N]);
                    <$w>::from_be_bytes(b) ^ <$w>::from_ne_bytes([pad; N])
                });
                load(&words)
            })
        }

        /// HMAC of the prepared message (`blocks`) under each of `LANES` padded keys, from
        /// the initial state `iv`, with a digest of `digest_words` words (fewer than eight
        /// for SHA-384): the final states, one row per lane.
        #[inline]
        #[target_feature(enable = $feat)]
        #[allow(clippy::needless_range_loop)] // lanes are parallel arrays indexed together
        fn hmac(
            iv: &[$w; 8],
            digest_words: usize,
            blocks: &[$block],
            keys: &[KeyBlock; LANES],
        ) -> [[$w; 8]; LANES] {
            let iv: [V; 8] = core::array::from_fn(|i| splat(iv[i]));

            let mut inner = iv;
            compress(&mut inner, &mut key_words(keys, 0x36));
            for $b in blocks {
                let saved = inner;
                for wk in $words {
                    round(&mut inner, splat(*wk));
                }
                for i in 0..8 {
                    inner[i] = add(inner[i], saved[i]);
                }
            }

            let mut outer = iv;
            compress(&mut outer, &mut key_words(keys, 0x5c));
            // The outer block: the inner digest, a 1 bit, zeros, and the length in bits of
            // the key block (16 words) and the digest.
            let bits = <$w>::BITS as usize;
            let mut w: [V; 16] = core::array::from_fn(|i| match i {
                i if i < digest_words => inner[i],
                i if i == digest_words => splat(1 << (bits - 1)),
                15 => splat(((16 + digest_words) * bits) as $w),
                _ => zero(),
            });
            compress(&mut outer, &mut w);

            let mut words = [[0; LANES]; 8];
            for (dst, v) in words.iter_mut().zip(outer) {
                store(dst, v);
            }
            core::array::from_fn(|l| core::array::from_fn(|i| words[i][l]))
        }
    };
}

pub(super) use sha2_lanes;
