//! The attacks issue 19 added or widened, each against a server of tests/servers/vuln.py
//! that falls for exactly it: found with no false positive, every verdict matching the
//! server's own decision log.

use super::lab::{lab, Vuln};
use super::{accepted_variants, finds, probe};

/// A kid path filter refusing `../` and absolute paths, which URL-decodes afterwards and
/// strips the file it reads (`Linux`, not `Linux\n`), is passed by an encoded traversal
/// signed with the stripped content.
#[test]
fn kid_traversal_behind_a_dotdot_filter_reading_a_stripped_file_is_found() {
    let r = finds("kid-file-strip", &lab().hs, &[], &["kid-traversal"]);
    let hits = accepted_variants(&r, "kid-traversal");
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|v| v.contains("stripped") && v.contains("%2")),
        "{hits:?}"
    );
}

/// A server that takes the key of the x5c leaf certificate without validating the chain.
#[test]
fn x5c_server_taking_the_leaf_key_unchecked_is_found() {
    finds("x5c", &lab().rs, &[], &["x5c"]);
}

/// One-time tokens refused by signature: the high-S twin of the spent token gets through
/// (and the closing recheck shows the original itself is refused again).
#[test]
fn one_time_token_server_is_passed_by_the_high_s_twin() {
    let r = finds("once", &lab().es, &[], &["high-s"]);
    assert_eq!(r["vulnerable"], true);
}

/// A server that takes high-S signatures but keeps no denylist (the original is accepted
/// again) has no finding: the twin is inconclusive, not accepted.
#[test]
fn high_s_twin_on_a_server_without_a_denylist_is_no_finding() {
    let r = finds("psychic", &lab().es, &[], &["psychic"]);
    let twin = r["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attack"] == "high-s")
        .unwrap();
    assert_eq!(twin["verdict"], "inconclusive", "{twin}");
}

/// An HS256 token, a server picking the verifier by the token's alg, with an ECDSA
/// verifier lacking the range check: psychic signatures are sent for HS tokens too.
#[test]
fn psychic_signature_for_an_hs_token_on_an_alg_dispatching_server_is_found() {
    finds("psychic-dispatch", &lab().hs, &[], &["psychic"]);
}

/// A server decrypting whatever JWE arrives with its RSA key and trusting the plaintext:
/// the tampered claims encrypted to its public key pass (checked with jwcrypto).
#[test]
fn sign_encrypt_confusion_server_is_found_with_its_public_key() {
    if !crate::common::have_jwcrypto() {
        return;
    }
    let pem = lab().rsa_pub_pem.to_string_lossy().into_owned();
    finds(
        "jwe",
        &lab().rs,
        &["--public-key", &pem],
        &["jwe-confusion"],
    );
}

/// The secure servers stay clean with the new attacks in the default set: an RS256 and
/// an ES256 server with its key pinned (the twin of an ES token is not a finding there).
#[test]
fn secure_servers_stay_clean_with_the_new_attacks() {
    let pem = lab().rsa_pub_pem.to_string_lossy().into_owned();
    finds("correct", &lab().rs, &["--public-key", &pem], &[]);
    let ec = lab().ec_pub_jwk.to_string_lossy().into_owned();
    let server = Vuln::start("correct", &["--public-jwk", &ec]);
    let (code, report, stderr) = probe(&server.url(), &lab().es, &["--public-key", &ec]);
    assert_eq!(code, 0, "{stderr}\n{report:#}");
    assert_eq!(report["vulnerable"], false);
}
