//! `jot convert --to der`: PKCS#8 (private) and SPKI (public) DER, the bytes openssl writes
//! with `-outform DER`, checked with openssl (an independent reader and writer); binary is
//! refused on a terminal; an HMAC secret has no DER form.

use super::{fixture_file, key_members, KINDS};
use crate::common::*;

#[test]
fn convert_to_der_writes_what_openssl_reads_and_writes() {
    if !have_openssl() {
        return;
    }
    let d = tmp();
    for alg in KINDS.iter().filter(|a| **a != "HS256") {
        let jwk = fixture_file(d.path(), alg);
        let der = d.path().join(format!("{alg}.der"));
        let pub_der = d.path().join(format!("{alg}.pub.der"));
        jot_ok([
            "convert",
            jwk.to_str().unwrap(),
            "--to",
            "der",
            "--out",
            der.to_str().unwrap(),
        ]);
        jot_ok([
            "convert",
            jwk.to_str().unwrap(),
            "--to",
            "der",
            "--public",
            "--out",
            pub_der.to_str().unwrap(),
        ]);
        // openssl reads both and derives the same public key from the private one.
        let from_private = openssl(
            d.path(),
            &format!("pkey -inform DER -in {alg}.der -pubout -outform DER"),
        );
        let from_public = openssl(
            d.path(),
            &format!("pkey -pubin -inform DER -in {alg}.pub.der -outform DER"),
        );
        assert_eq!(from_public, std::fs::read(&pub_der).unwrap(), "{alg}: SPKI");
        assert_eq!(from_private, from_public, "{alg}: PKCS#8 public part");
        // jot reads its DER back as the same key.
        let back = jot_ok(["convert", der.to_str().unwrap(), "--to", "jwk"]);
        let orig = jot_ok(["convert", jwk.to_str().unwrap(), "--to", "jwk"]);
        assert_eq!(
            key_members(&json(&back)),
            key_members(&json(&orig)),
            "{alg}"
        );
    }
}

#[test]
fn convert_to_der_of_an_hmac_secret_is_refused() {
    let d = tmp();
    let jwk = fixture_file(d.path(), "HS256");
    let out = jot()
        .args(["convert", jwk.to_str().unwrap(), "--to", "der"])
        .output()
        .expect("run jot");
    let err = assert_input_error(&out);
    assert!(err.contains("no PEM or DER form"), "{err}");
}
