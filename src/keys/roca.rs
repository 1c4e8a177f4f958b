//! The ROCA fingerprint (CVE-2017-15361): RSA moduli made by Infineon's RSALib "Fast
//! Prime" generator, whose primes are `k·M + (65537^a mod M)` with M a primorial. Such a
//! modulus is, modulo every small prime p dividing M, a power of 65537: it lies in the
//! multiplicative subgroup 65537 generates mod p (Nemec et al., "The Return of
//! Coppersmith's Attack", CCS 2017). The published detector tests that for the primes
//! below; a random modulus passes all of them about once in 2^27.8, and the keys it flags
//! can be factored in CPU-months (512 to 2048 bits), so they are refused like short keys.

/// The small primes the published detector tests (some of them, like 167, rule nothing
/// out: 65537 generates the whole group there; they are kept so the test is the published
/// one).
const PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

/// The generator of RSALib's primes.
const GENERATOR: u32 = 65537;

/// `n mod p`, for a big-endian magnitude `n`.
fn residue(n: &[u8], p: u32) -> u32 {
    n.iter().fold(0, |r, b| (r * 256 + u32::from(*b)) % p)
}

/// Whether `r` is a power of `GENERATOR` modulo the prime `p` (0 never is).
fn in_subgroup(r: u32, p: u32) -> bool {
    let g = GENERATOR % p;
    let mut x = 1;
    // The subgroup has at most p - 1 members; walk it until it comes back to 1.
    for _ in 0..p {
        if x == r {
            return true;
        }
        x = x * g % p;
        if x == 1 {
            return false;
        }
    }
    false
}

/// Whether the RSA modulus `n` (big-endian bytes) has the ROCA fingerprint.
pub(super) fn has_roca_fingerprint(n: &[u8]) -> bool {
    PRIMES.iter().all(|&p| in_subgroup(residue(n, p), p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residues_match_small_numbers() {
        assert_eq!(residue(&[0x01, 0x00], 7), 256 % 7);
        assert_eq!(residue(&[0xff, 0xff, 0xff, 0xff], 167), 0xffff_ffff % 167);
        assert_eq!(residue(&[], 3), 0);
    }

    #[test]
    fn the_subgroup_is_the_powers_of_65537() {
        for p in PRIMES {
            let mut powers = vec![];
            let mut x = 1;
            loop {
                powers.push(x);
                x = x * (GENERATOR % p) % p;
                if x == 1 {
                    break;
                }
            }
            for r in 0..p {
                assert_eq!(in_subgroup(r, p), powers.contains(&r), "{r} mod {p}");
            }
            // Lagrange: the subgroup's order divides the group's, p - 1.
            assert_eq!((p - 1) % powers.len() as u32, 0);
        }
    }

    #[test]
    fn a_power_of_65537_times_a_power_is_fingerprinted() {
        // The product of two RSALib-shaped numbers 65537^a · 65537^b mod M is itself a power
        // of 65537 modulo each prime of M: the fingerprint holds for any such product.
        let m: Vec<u32> = PRIMES.to_vec();
        let n = 65537u128.pow(7);
        let bytes = n.to_be_bytes();
        assert!(m.iter().all(|&p| in_subgroup(residue(&bytes, p), p)));
        assert!(has_roca_fingerprint(&bytes));
        assert!(!has_roca_fingerprint(&(n + 2).to_be_bytes()));
    }

    /// The modulus of Wycheproof's `jws_rsa_roca_key` (json_web_key_test.json, C2SP/wycheproof,
    /// Apache-2.0): a real key from an affected Infineon chip.
    const WYCHEPROOF_ROCA_N: &str = "AanFpofbj7KjD4Lf-N2hVMKR7yewSyXhhbirIMTGpfYEhZ_lnt5UoK98DnKIgArXGTu3MaW_HhFw16HGaTDUHqPrId7fe4r11CqRw09yBFuW79V8sYIwHdzCaWflUI6auImYbVfoN9_nD5n8N8SY9DwXw7mwZM9wREPXoDPgOoIWl6q_MPsp7n0zs3Z5ZaiQWOOzl1S9OhwAfSiiOwz6efnXEaxuTEtPd7BjSx7NaFka8Dx9U7YqXy2RFj1O9PjyaDGuRh7YXsX3iMUSP_wSyHQg_c_qHRtKUsNSGCT7OZg0hzm2KphtjnayKJvC64vAbROBR4Ubg6Bxg9IQVZ-QYyE";

    #[test]
    fn wycheproofs_roca_modulus_is_fingerprinted() {
        let n = crate::b64::decode(WYCHEPROOF_ROCA_N).expect("base64url");
        assert!(has_roca_fingerprint(&n));
        // One bit off and it is an ordinary number again.
        let mut m = n.clone();
        *m.last_mut().expect("bytes") ^= 2;
        assert!(!has_roca_fingerprint(&m));
    }

    /// A deterministic generator for the property test (xorshift64*).
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn mul_mod(a: u64, b: u64, m: u64) -> u64 {
        (u128::from(a) * u128::from(b) % u128::from(m)) as u64
    }

    fn pow_mod(mut b: u64, mut e: u64, m: u64) -> u64 {
        let mut r = 1;
        while e > 0 {
            if e & 1 == 1 {
                r = mul_mod(r, b, m);
            }
            b = mul_mod(b, b, m);
            e >>= 1;
        }
        r
    }

    /// Miller-Rabin with the bases that decide every 64-bit number.
    fn is_prime(n: u64) -> bool {
        if n < 2 || n.is_multiple_of(2) {
            return n == 2;
        }
        let (mut d, mut s) = (n - 1, 0);
        while d % 2 == 0 {
            d /= 2;
            s += 1;
        }
        [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
            .iter()
            .all(|&a| {
                if a % n == 0 {
                    return true;
                }
                let mut x = pow_mod(a, d, n);
                if x == 1 || x == n - 1 {
                    return true;
                }
                (1..s).any(|_| {
                    x = mul_mod(x, x, n);
                    x == n - 1
                })
            })
    }

    fn random_prime(state: &mut u64) -> u64 {
        loop {
            let c = next(state) | (1 << 63) | 1;
            if is_prime(c) {
                return c;
            }
        }
    }

    #[test]
    fn random_rsa_moduli_are_not_fingerprinted() {
        // The test reads n only modulo primes below 170, where a product of two random
        // 64-bit primes is distributed as a 2048-bit modulus is: each residue is a random
        // non-zero one. A random modulus passes every test once in about 2^27.8, so a
        // few thousand must all fail it.
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..4000 {
            let n = u128::from(random_prime(&mut state)) * u128::from(random_prime(&mut state));
            assert!(!has_roca_fingerprint(&n.to_be_bytes()), "{n}");
        }
    }
}
