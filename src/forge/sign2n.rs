//! Recovering an RSA public key from two RS256/384/512 tokens (the published "sign2n"
//! method): a PKCS#1 v1.5 signature s of a message whose encoding is m satisfies
//! s^e ≡ m (mod n), so n divides s^e − m, and the gcd of that for two tokens is n times a
//! small cofactor. e = 3 is tried in-process; e = 65537 (nearly every key) makes numbers of
//! 65537 times the key's size, over 100 million bits, whose gcd runs in GMP
//! ([`sign2n_gmp`](super::sign2n_gmp)). PSS (PS256…) signatures are randomised: m is
//! unknown without the key, so the method does not apply.

use num_bigint::BigUint;

use super::sign2n_gmp::Engine;
use crate::alg::{Alg, Family, Hash};
use crate::token::Jws;

/// The exponents tried, in order: the cheap one first.
pub(crate) const EXPONENTS: &[u32] = &[3, 65537];

/// The DER DigestInfo prefixes of RFC 8017 section 9.2, note 1.
fn digest_info(hash: Hash) -> &'static [u8] {
    match hash {
        Hash::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        Hash::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        _ => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
    }
}

/// EMSA-PKCS1-v1_5 of `msg` for a `k`-byte modulus (RFC 8017 section 9.2).
pub(crate) fn emsa_pkcs1(hash: Hash, msg: &[u8], k: usize) -> Option<Vec<u8>> {
    let t = [digest_info(hash), &hash.digest(msg)[..]].concat();
    let pad = k.checked_sub(t.len() + 3).filter(|p| *p >= 8)?;
    Some([&[0u8, 1][..], &vec![0xff; pad], &[0], &t].concat())
}

/// The recovered key: modulus and exponent, big-endian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Recovered {
    pub n: Vec<u8>,
    pub e: u32,
}

/// (s, m) of one token, when it is an RS* JWS.
fn pair(j: &Jws) -> Result<(BigUint, BigUint, usize), String> {
    let alg = j.alg().and_then(Alg::from_name);
    match alg.map(Alg::family) {
        Some(Family::RsaPkcs1) => {}
        Some(Family::RsaPss) => {
            return Err("PSS signatures (PS256…) are randomised: the signed encoding is unknown without the key, so sign2n does not apply; give RS256/384/512 tokens or the key".into())
        }
        _ => return Err("sign2n needs RS256/384/512 tokens".into()),
    }
    let hash = alg.map(Alg::hash).unwrap_or(Hash::Sha256);
    let k = j.signature.len();
    let m = emsa_pkcs1(hash, j.signing_input.as_bytes(), k)
        .ok_or_else(|| "the signature is too short for an RSA key".to_string())?;
    Ok((
        BigUint::from_bytes_be(&j.signature),
        BigUint::from_bytes_be(&m),
        k,
    ))
}

/// Recover (n, e) from two tokens of one key, trying each of [`EXPONENTS`]; e = 65537
/// through `engine` (GMP).
pub(crate) fn recover(a: &Jws, b: &Jws, engine: &Engine) -> Result<Recovered, String> {
    let (s1, m1, k1) = pair(a)?;
    let (s2, m2, k2) = pair(b)?;
    if k1 != k2 {
        return Err("the two signatures differ in length: not one key".into());
    }
    if s1 == s2 {
        return Err("the two tokens carry the same signature: give two different tokens".into());
    }
    let mut why = String::from("no exponent tried gave a modulus");
    for &e in EXPONENTS {
        let g = if e == 3 {
            let (x, y) = (s1.pow(e), s2.pow(e));
            if x < m1 || y < m2 {
                continue;
            }
            gcd(x - &m1, y - &m2)
        } else {
            match engine.gcd_of_powers(e, &[(&s1, &m1), (&s2, &m2)]) {
                Ok(g) => g,
                Err(e) => {
                    why = e;
                    continue;
                }
            }
        };
        if let Some(n) = modulus(g, k1, &s1, &m1, e) {
            return Ok(Recovered {
                n: n.to_bytes_be(),
                e,
            });
        }
        why = format!("no {}-bit modulus divides s^e - m for e = {e}", 8 * k1);
    }
    Err(why)
}

/// The modulus in `g` (n times a small cofactor) for a `k`-byte key: the cofactor's small
/// primes stripped, and s^e ≡ m checked modulo what is left.
fn modulus(mut g: BigUint, k: usize, s: &BigUint, m: &BigUint, e: u32) -> Option<BigUint> {
    for p in small_primes() {
        let p = BigUint::from(p);
        while g.bits() > 8 * k as u64 && (&g % &p) == BigUint::ZERO {
            g /= &p;
        }
    }
    let fits = g.bits() > 8 * (k as u64 - 1) && g.bits() <= 8 * k as u64;
    (fits && s.modpow(&BigUint::from(e), &g) == m % &g).then_some(g)
}

/// Euclid's gcd.
fn gcd(mut a: BigUint, mut b: BigUint) -> BigUint {
    while b != BigUint::ZERO {
        let r = &a % &b;
        a = b;
        b = r;
    }
    a
}

/// The primes below 10 000, to strip the small cofactor from the gcd.
fn small_primes() -> impl Iterator<Item = u32> {
    (2u32..10_000).filter(|n| (2..).take_while(|d| d * d <= *n).all(|d| n % d != 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Jwk, Key, RsaKey};
    use crate::token::{self, Parsed};

    fn token(k: &Jwk, alg: Alg, sub: &str) -> Jws {
        let h = crate::token::sign::header(alg, None, serde_json::Map::new()).unwrap();
        let c = serde_json::json!({ "sub": sub });
        let t = crate::token::sign::sign(k, alg, &h, c.as_object().unwrap()).unwrap();
        match token::parse(&t).unwrap() {
            Parsed::Jws(j) => j,
            Parsed::Jwe { .. } => unreachable!(),
        }
    }

    #[test]
    fn recovers_the_modulus_of_an_e_3_key_from_two_rs256_tokens() {
        let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
        let rsa = rsa::RsaPrivateKey::new_with_exp(&mut rng, 2048, 3u32.into()).unwrap();
        let n = {
            use rsa::traits::PublicKeyParts;
            rsa.n().to_be_bytes().to_vec()
        };
        let k = Jwk::new(Key::Rsa(RsaKey::Private(Box::new(rsa))));
        for alg in [Alg::RS256, Alg::RS512] {
            let got = recover(
                &token(&k, alg, "a"),
                &token(&k, alg, "b"),
                &Engine::default(),
            )
            .unwrap();
            assert_eq!(got.e, 3);
            let trimmed: Vec<u8> = n.iter().copied().skip_while(|b| *b == 0).collect();
            assert_eq!(got.n, trimmed, "{alg}");
        }
        let same = token(&k, Alg::RS256, "a");
        assert!(recover(&same, &same, &Engine::default())
            .unwrap_err()
            .contains("same signature"));
    }

    #[test]
    fn e_65537_without_gmp_and_pss_say_why_not() {
        let no_gmp = Engine {
            python: "/nonexistent/python3".into(),
            ..Engine::default()
        };
        let k = crate::keys::generate(Alg::RS256, None, None).unwrap();
        let (a, b) = (token(&k, Alg::RS256, "a"), token(&k, Alg::RS256, "b"));
        let err = recover(&a, &b, &no_gmp).unwrap_err();
        assert!(err.contains("gmpy2"), "{err}");
        let k = crate::keys::generate(Alg::PS256, None, None).unwrap();
        let err = recover(
            &token(&k, Alg::PS256, "a"),
            &token(&k, Alg::PS256, "b"),
            &no_gmp,
        );
        assert!(err.unwrap_err().contains("PSS"));
    }

    /// Whether python3 has gmpy2 (CI installs it from tests/interop/requirements.txt).
    fn have_gmpy2() -> bool {
        let ok = std::process::Command::new("python3")
            .args(["-c", "import gmpy2"])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            ok || std::env::var_os("CI").is_none(),
            "gmpy2 is missing: pip install -r tests/interop/requirements.txt"
        );
        ok
    }

    #[test]
    fn recovers_the_modulus_of_an_e_65537_key_through_gmp() {
        if !have_gmpy2() {
            return;
        }
        // 1024 bits keeps the gcd to seconds; the method is the same at 2048.
        let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
        let rsa = rsa::RsaPrivateKey::new(&mut rng, 1024).unwrap();
        let n = {
            use rsa::traits::PublicKeyParts;
            rsa.n().to_be_bytes().to_vec()
        };
        let k = Jwk::new(Key::Rsa(RsaKey::Private(Box::new(rsa))));
        let got = recover(
            &token(&k, Alg::RS256, "a"),
            &token(&k, Alg::RS256, "b"),
            &Engine::default(),
        )
        .unwrap();
        assert_eq!(got.e, 65537);
        let trimmed: Vec<u8> = n.iter().copied().skip_while(|b| *b == 0).collect();
        assert_eq!(got.n, trimmed);
    }

    #[test]
    fn emsa_matches_the_rfc_8017_layout() {
        let m = emsa_pkcs1(Hash::Sha256, b"x", 256).unwrap();
        assert_eq!(&m[..2], &[0, 1]);
        assert_eq!(m.len(), 256);
        assert_eq!(m[256 - 32 - 19 - 1], 0);
        assert!(emsa_pkcs1(Hash::Sha512, b"x", 64).is_none());
    }
}
